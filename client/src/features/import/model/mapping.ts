/**
 * The Import page's wizard state and the one mapping format it writes (analytics/import/README.md):
 * columns to fields, wide touchpoint columns (picked or found by pattern), missing-value codes, value maps,
 * a derived field from several columns, constants and the overall outcome. Pure: the view holds the state,
 * these functions turn it into the JSON the server, the CLI and saved mappings share, and back.
 */
import type { ImportKind } from '../../../graphql/generated';
import { t } from '../../../shared/i18n';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface FieldInfo {
  name: string;
  /** The field's name as a user knows it: a key of client/src/features/import/messages.ts. */
  labelKey: string;
  required?: boolean;
}

/** The fields of each kind, by the names a user knows them. */
export const KIND_FIELDS: Record<ImportKind, FieldInfo[]> = {
  CUSTOMERS: [
    { name: 'customer_id', labelKey: 'import.fields.customer_id', required: true },
    { name: 'persona_code', labelKey: 'import.fields.persona_code', required: true },
    { name: 'unit_code', labelKey: 'import.fields.unit_code' },
    { name: 'acquired_at', labelKey: 'import.fields.acquired_at' },
    { name: 'churned_at', labelKey: 'import.fields.churned_at' },
    { name: 'acquisition_cost', labelKey: 'import.fields.acquisition_cost' },
    { name: 'name', labelKey: 'import.fields.name' },
    { name: 'email', labelKey: 'import.fields.email' },
    { name: 'phone', labelKey: 'import.fields.phone' },
  ],
  RESPONSES: [
    { name: 'response_id', labelKey: 'import.fields.response_id' },
    { name: 'customer_id', labelKey: 'import.fields.customer_id', required: true },
    { name: 'touchpoint_code', labelKey: 'import.fields.touchpoint_code' },
    { name: 'responded_at', labelKey: 'import.fields.responded_at', required: true },
    { name: 'ltr', labelKey: 'import.fields.ltr' },
    { name: 'satisfaction', labelKey: 'import.fields.satisfaction' },
    { name: 'professional', labelKey: 'import.fields.professional' },
    { name: 'sympathetic', labelKey: 'import.fields.sympathetic' },
    { name: 'trustworthy', labelKey: 'import.fields.trustworthy' },
    { name: 'atmosphere', labelKey: 'import.fields.atmosphere' },
    { name: 'effort', labelKey: 'import.fields.effort' },
    { name: 'comment', labelKey: 'import.fields.comment' },
  ],
  PROFITABILITY: [
    { name: 'customer_id', labelKey: 'import.fields.customer_id', required: true },
    { name: 'month', labelKey: 'import.fields.month', required: true },
    { name: 'revenue', labelKey: 'import.fields.revenue', required: true },
    { name: 'cost', labelKey: 'import.fields.cost', required: true },
  ],
  UNIT_METRICS: [
    { name: 'unit_code', labelKey: 'import.fields.unit_code', required: true },
    { name: 'period', labelKey: 'import.fields.period', required: true },
    { name: 'management_quality', labelKey: 'import.fields.management_quality', required: true },
    { name: 'employee_satisfaction', labelKey: 'import.fields.employee_satisfaction', required: true },
  ],
  TOUCHPOINT_KPIS: [
    { name: 'touchpoint_code', labelKey: 'import.fields.touchpoint_code', required: true },
    { name: 'date', labelKey: 'import.fields.date', required: true },
    { name: 'kpi', labelKey: 'import.fields.kpi', required: true },
    { name: 'value', labelKey: 'import.fields.value', required: true },
  ],
  UNITS: [
    { name: 'unit_code', labelKey: 'import.fields.unit_code', required: true },
    { name: 'name', labelKey: 'import.fields.name', required: true },
  ],
};

/** The kinds of file, in the order the Import page offers them. */
export const KINDS: readonly ImportKind[] = ['CUSTOMERS', 'RESPONSES', 'PROFITABILITY', 'UNIT_METRICS', 'TOUCHPOINT_KPIS', 'UNITS'];
/** What a kind of file holds, in the user's language. */
export const kindLabel = (kind: ImportKind): string => t(`import.kinds.${kind}`);
/** A field's name as a user knows it (the field's own name when it is not one of ours). */
export function fieldName(name: string): string {
  const forCustomer = customerField(name);
  const field = Object.values(KIND_FIELDS)
    .flat()
    .find((f) => f.name === (forCustomer ?? name));
  if (!field) return name;
  return forCustomer === null ? t(field.labelKey) : t('import.customers.field', { field: t(field.labelKey) });
}

/**
 * A survey file that also describes its customers (one row per answer with the customer's id and
 * attributes): the customers fields a column, a derived field or a constant can fill, written in the
 * wizard's state as `customers.<field>` and in the mapping under its `customers` part.
 */
export const CUSTOMER_PREFIX = 'customers.';
export const CUSTOMER_FIELDS: FieldInfo[] = KIND_FIELDS.CUSTOMERS.filter((f) => f.name !== 'customer_id').map((f) => ({ ...f, name: `${CUSTOMER_PREFIX}${f.name}` }));
const customerField = (name: string): string | null => (name.startsWith(CUSTOMER_PREFIX) ? name.slice(CUSTOMER_PREFIX.length) : null);

/** Ratings a wide touchpoint column can carry. */
export const TOUCHPOINT_FIELDS = ['satisfaction', 'ltr', 'effort', 'professional', 'sympathetic', 'trustworthy', 'atmosphere'] as const;

export type Outcome = 'ltr' | 'binary' | 'rating';
export const OUTCOMES: readonly Outcome[] = ['ltr', 'binary', 'rating'];
export const outcomeLabel = (outcome: Outcome): string => t(`import.outcomes.${outcome}`);

export interface ColumnChoice {
  /** ignore: not read; field: one field of the kind; touchpoint: a wide rating column of one touchpoint. */
  role: 'ignore' | 'field' | 'touchpoint';
  field: string;
  touchpoint: string;
  /** Codes meaning "no answer" in this column, comma-separated as typed ("0, 99"). */
  missing: string;
  /** Source text → value as typed (a number, a code, or empty = no answer). */
  valueMap: Record<string, string>;
}

export interface DerivedField {
  field: string;
  columns: string[];
  /** One case per combination of the columns' values: the value it gives. */
  cases: { when: Record<string, string>; value: string }[];
}

export interface WizardState {
  kind: ImportKind;
  columns: Record<string, ColumnChoice>;
  /** Patterns for wide columns, e.g. "sat_{touchpoint}" → satisfaction. */
  patterns: { pattern: string; field: string }[];
  /** Codes meaning "no answer" in every column, comma-separated. */
  missingValues: string;
  derived: DerivedField[];
  constants: { field: string; value: string }[];
  outcome: Outcome;
  /** Responses: also create the customers the file describes (new ones only), from the `customers.` fields. */
  withCustomers: boolean;
  /** Keys the wizard does not edit but keeps: headerRows, sheet, csv, dateFormat, ... */
  passThrough: JsonObject;
}

const WIZARD_KEYS = ['format', 'columns', 'wide', 'missingValues', 'columnMissingValues', 'valueMaps', 'derived', 'constants', 'outcome', 'customers'];

export const emptyChoice = (): ColumnChoice => ({ role: 'ignore', field: '', touchpoint: '', missing: '', valueMap: {} });

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** "10" → 10, "x" → "x", "" → null: value-map targets are numbers where they look like numbers. */
function typed(value: string): string | number | null {
  const t = value.trim();
  if (t === '') return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const asText = (v: JsonValue | undefined) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Whether a responses file is wide: some column is a touchpoint rating, or a pattern finds them. */
export function isWide(state: WizardState): boolean {
  return state.kind === 'RESPONSES' && (Object.values(state.columns).some((c) => c.role === 'touchpoint') || state.patterns.some((p) => p.pattern.includes('{touchpoint}')));
}

/** The mapping JSON for the wizard's state. Empty parts are left out, so a plain file gives `{}`. */
export function buildMapping(state: WizardState): JsonObject {
  const out: JsonObject = { ...state.passThrough };
  const withCustomers = state.kind === 'RESPONSES' && state.withCustomers;
  const customers = { columns: {} as JsonObject, derived: {} as JsonObject, constants: {} as JsonObject };
  const columns: JsonObject = {};
  const wide: JsonObject = {};
  const columnMissing: JsonObject = {};
  const valueMaps: JsonObject = {};
  for (const [name, c] of Object.entries(state.columns)) {
    const forCustomer = customerField(c.field);
    if (c.role === 'field' && c.field && forCustomer !== null) {
      if (withCustomers) customers.columns[name] = forCustomer;
    } else if (c.role === 'field' && c.field) columns[name] = c.field;
    if (c.role === 'touchpoint' && c.touchpoint) wide[name] = { touchpoint: c.touchpoint, field: c.field || 'satisfaction' };
    if (c.role === 'ignore' && !state.derived.some((d) => d.columns.includes(name))) continue;
    const missing = list(c.missing);
    if (missing.length) columnMissing[name] = missing;
    const entries = Object.entries(c.valueMap).filter(([, v]) => v.trim() !== '');
    if (entries.length) valueMaps[name] = Object.fromEntries(entries.map(([k, v]) => [k, typed(v)]));
  }
  for (const p of state.patterns) if (p.pattern.includes('{touchpoint}') && p.field) wide[p.pattern] = p.field;
  if (isWide(state)) out.format = 'wide';
  if (Object.keys(columns).length) out.columns = columns;
  if (Object.keys(wide).length) out.wide = wide;
  const missingValues = list(state.missingValues);
  if (missingValues.length) out.missingValues = missingValues;
  if (Object.keys(columnMissing).length) out.columnMissingValues = columnMissing;
  if (Object.keys(valueMaps).length) out.valueMaps = valueMaps;
  const derived: JsonObject = {};
  for (const d of state.derived) {
    const cases = d.cases.filter((c) => c.value.trim() !== '').map((c) => ({ when: c.when, value: c.value.trim() }));
    const forCustomer = customerField(d.field);
    if (d.field && cases.length && forCustomer !== null) {
      if (withCustomers) customers.derived[forCustomer] = { cases };
    } else if (d.field && cases.length) derived[d.field] = { cases };
  }
  if (Object.keys(derived).length) out.derived = derived;
  const constants: JsonObject = {};
  for (const c of state.constants.filter((k) => k.field && k.value.trim() !== '')) {
    const forCustomer = customerField(c.field);
    if (forCustomer === null) constants[c.field] = c.value.trim();
    else if (withCustomers) customers.constants[forCustomer] = c.value.trim();
  }
  if (Object.keys(constants).length) out.constants = constants;
  if (withCustomers) out.customers = Object.fromEntries(Object.entries(customers).filter(([, part]) => Object.keys(part).length > 0));
  if (state.kind === 'RESPONSES' && state.outcome !== 'ltr') out.outcome = state.outcome;
  return out;
}

/** The wizard's state for a file's columns from a mapping (a suggested or a saved one). */
export function stateFromMapping(kind: ImportKind, columnNames: readonly string[], mapping: JsonObject): WizardState {
  const state: WizardState = { kind, columns: {}, patterns: [], missingValues: '', derived: [], constants: [], outcome: 'ltr', withCustomers: false, passThrough: {} };
  for (const [k, v] of Object.entries(mapping)) if (!WIZARD_KEYS.includes(k)) state.passThrough[k] = v;
  const find = (name: string) => columnNames.find((c) => c.toLowerCase() === name.toLowerCase());
  for (const name of columnNames) state.columns[name] = emptyChoice();
  const columns = isObject(mapping.columns) ? mapping.columns : {};
  for (const [source, field] of Object.entries(columns)) {
    const name = find(source);
    if (name && typeof field === 'string') state.columns[name] = { ...state.columns[name]!, role: 'field', field };
  }
  const wide = isObject(mapping.wide) ? mapping.wide : {};
  for (const [source, target] of Object.entries(wide)) {
    if (typeof target === 'string') state.patterns.push({ pattern: source, field: target });
    else if (isObject(target)) {
      const name = find(source);
      if (name) state.columns[name] = { ...state.columns[name]!, role: 'touchpoint', touchpoint: asText(target.touchpoint), field: asText(target.field) || 'satisfaction' };
    }
  }
  if (Array.isArray(mapping.missingValues)) state.missingValues = mapping.missingValues.map(asText).join(', ');
  const columnMissing = isObject(mapping.columnMissingValues) ? mapping.columnMissingValues : {};
  for (const [source, codes] of Object.entries(columnMissing)) {
    const name = find(source);
    if (name && Array.isArray(codes)) state.columns[name]!.missing = codes.map(asText).join(', ');
  }
  const valueMaps = isObject(mapping.valueMaps) ? mapping.valueMaps : {};
  for (const [source, map] of Object.entries(valueMaps)) {
    const name = find(source);
    if (name && isObject(map)) state.columns[name]!.valueMap = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, asText(v)]));
  }
  state.derived.push(...derivedFields(isObject(mapping.derived) ? mapping.derived : {}));
  const constants = isObject(mapping.constants) ? mapping.constants : {};
  state.constants = Object.entries(constants).map(([field, value]) => ({ field, value: asText(value) }));
  if (mapping.outcome === 'binary' || mapping.outcome === 'rating') state.outcome = mapping.outcome;
  if (kind === 'RESPONSES' && isObject(mapping.customers)) {
    const part = mapping.customers;
    state.withCustomers = true;
    for (const [source, field] of Object.entries(isObject(part.columns) ? part.columns : {})) {
      const name = find(source);
      if (name && typeof field === 'string') state.columns[name] = { ...state.columns[name]!, role: 'field', field: `${CUSTOMER_PREFIX}${field}` };
    }
    for (const d of derivedFields(isObject(part.derived) ? part.derived : {})) state.derived.push({ ...d, field: `${CUSTOMER_PREFIX}${d.field}` });
    for (const [field, value] of Object.entries(isObject(part.constants) ? part.constants : {})) state.constants.push({ field: `${CUSTOMER_PREFIX}${field}`, value: asText(value) });
  }
  return state;
}

/** A mapping's `derived` part as the wizard's derived fields. */
function derivedFields(derived: JsonObject): DerivedField[] {
  const out: DerivedField[] = [];
  for (const [field, spec] of Object.entries(derived)) {
    if (!isObject(spec) || !Array.isArray(spec.cases)) continue;
    const cases = spec.cases.filter(isObject).map((c) => ({
      when: Object.fromEntries(Object.entries(isObject(c.when) ? c.when : {}).map(([k, v]) => [k, asText(v)])),
      value: asText(c.value),
    }));
    out.push({ field, columns: [...new Set(cases.flatMap((c) => Object.keys(c.when)))], cases });
  }
  return out;
}

/** A persona or touchpoint code proposed from words: "Loyal Customer" + "Business travel" → LOYAL_CUSTOMER_BUSINESS_TRAVEL. */
export function codeFrom(...parts: string[]): string {
  return parts
    .join(' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
}

/** Columns a pattern such as "sat_{touchpoint}" matches, with the touchpoint code it names. */
export function patternMatches(pattern: string, columnNames: readonly string[]): { column: string; touchpoint: string }[] {
  if (!pattern.includes('{touchpoint}')) return [];
  const [before, after] = pattern.split('{touchpoint}') as [string, string];
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^${esc(before)}(.+)${esc(after)}$`, 'i');
  return columnNames.flatMap((column) => {
    const m = re.exec(column);
    return m ? [{ column, touchpoint: m[1]! }] : [];
  });
}

function toJson(value: unknown): JsonValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) return value.map(toJson).filter((v): v is JsonValue => v !== undefined);
  if (typeof value === 'object') return toJsonObject(value);
  return undefined;
}

/** A JSONObject scalar from the server (typed unknown) as a mapping object; anything else is {}. */
export function toJsonObject(value: unknown): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    const json = toJson(v);
    if (json !== undefined) out[k] = json;
  }
  return out;
}

/** Every combination of the given columns' distinct values (from the preview), for a derived field's cases. */
export function combinations(values: Record<string, readonly string[]>, pick: readonly string[]): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const column of pick) out = out.flatMap((partial) => (values[column] ?? []).map((v) => ({ ...partial, [column]: v })));
  return pick.length ? out : [];
}
