/**
 * Decides, from the header alone, where each field of the kind comes from: a source column (named as the
 * field, or mapped), a constant, or (wide files) a column per touchpoint. Problems found here (missing
 * columns, unknown touchpoints in the header) are reported before a single row is read.
 */
import { ImportError, type ImportProblem } from './errors.js';
import type { KindSpec } from './kinds.js';
import { ANSWER_FIELDS, TOUCHPOINT_PLACEHOLDER, type Mapping } from './mapping.js';
import { knownCodesText, suggest } from './messages.js';

export type FieldSource =
  | { kind: 'column'; column: string }
  | { kind: 'constant'; value: string }
  /** mapping.derived: the first case whose values all match gives the value, else the default (null = none). */
  | { kind: 'derived'; columns: string[]; cases: { when: string[]; value: string }[]; fallback: string | null }
  /** Wide files: the response id is built from the respondent's id (or customer + time) and the touchpoint. */
  | { kind: 'responseId'; columns: string[]; suffix: string | null; constants?: string[] }
  | { kind: 'absent' };

/** One response per source row (long) or per touchpoint answered in a row (wide). */
export interface Branch {
  touchpoint: string | null;
  sources: Record<string, FieldSource>;
  /** Wide: the branch yields a response only where one of these columns has a value. */
  answerColumns: string[];
}

export interface Plan {
  spec: KindSpec;
  wide: boolean;
  branches: Branch[];
  /** Source columns nothing reads. */
  ignored: string[];
  /** Per source column: codes read as "no answer" (lower case, trimmed) and its value map (lower-case key → value). */
  cleaning: Map<string, { missing: string[]; values: Map<string, string | null> }>;
  /** skipUnfinished: the column saying whether a response was finished. */
  finishedColumn: string | null;
}

const norm = (name: string) => name.trim().toLowerCase();

/** The column name a field's problems are reported under, in a branch. */
export function columnOf(branch: Branch, field: string): string {
  const source = branch.sources[field];
  switch (source?.kind) {
    case 'column':
      return source.column;
    case 'constant':
      return `(constant ${field})`;
    case 'responseId':
    case 'derived':
      return source.columns.join(' + ');
    default:
      return field;
  }
}

export function planImport(spec: KindSpec, mapping: Mapping, columns: readonly string[], touchpointCodes: readonly string[], fileName: string): Plan {
  const problems: ImportProblem[] = [];
  const byName = new Map(columns.map((c) => [norm(c), c]));
  const used = new Set<string>();
  const missing = (field: string, message: string) => problems.push({ kind: 'MISSING_COLUMN', line: 1, column: field, value: null, message });

  // Explicit mapping first, then columns named like the fields.
  const mapped = new Map<string, string>();
  for (const [column, field] of Object.entries(mapping.columns)) {
    const actual = byName.get(norm(column));
    if (!actual) missing(field, `Line 1: the mapping reads ${field} from the column "${column}", but the file has no such column.`);
    else {
      mapped.set(field, actual);
      used.add(actual);
    }
  }
  const wide = mapping.format === 'wide';
  const wideFields = new Set<string>(wide ? ANSWER_FIELDS : []);
  const shared: Record<string, FieldSource> = {};
  const lower = (v: string) => v.trim().toLowerCase();
  for (const f of spec.fields) {
    const sameName = byName.get(f.name);
    const column = mapped.get(f.name) ?? (sameName && !used.has(sameName) && !mapping.derived[f.name] ? sameName : undefined);
    const constant = mapping.constants[f.name];
    const derived = mapping.derived[f.name];
    if (derived) {
      const names = [...new Set(derived.cases.flatMap((c) => Object.keys(c.when)))];
      const actual = names.map((n) => {
        const found = byName.get(norm(n));
        if (!found) missing(f.name, `Line 1: the mapping derives ${f.name} from the column "${n}", but the file has no such column.`);
        else used.add(found);
        return found ?? n;
      });
      shared[f.name] = {
        kind: 'derived',
        columns: actual,
        cases: derived.cases.map((c) => {
          const when = new Map(Object.entries(c.when).map(([k, v]) => [norm(k), lower(v)]));
          // A case that does not name a column matches any value in it.
          return { when: names.map((n) => when.get(norm(n)) ?? '\u0000any'), value: String(c.value) };
        }),
        fallback: derived.default === undefined || derived.default === null ? null : String(derived.default),
      };
    } else if (column) {
      shared[f.name] = { kind: 'column', column };
      used.add(column);
    } else if (constant !== undefined) shared[f.name] = { kind: 'constant', value: String(constant) };
    else shared[f.name] = { kind: 'absent' };
  }

  let branches: Branch[];
  if (!wide) {
    branches = [{ touchpoint: null, sources: shared, answerColumns: [] }];
  } else {
    if (shared.touchpoint_code?.kind !== 'absent') {
      throw new ImportError('IMPORT_BAD_MAPPING', `${fileName}: a wide file takes its touchpoint codes from the column names (mapping.wide); do not map or set touchpoint_code.`);
    }
    branches = wideBranches(mapping, columns, shared, used, touchpointCodes, problems);
  }

  const required = spec.fields.filter((f) => f.required && !(wide && wideFields.has(f.name)) && !(wide && f.name === 'response_id'));
  const absent = required.filter((f) => branches.every((b) => b.sources[f.name]?.kind === 'absent'));
  for (const f of absent) missing(f.name, `Line 1: no column for ${f.name} (${f.about}).`);
  const nowhere = (name: string) => branches.every((b) => (b.sources[name]?.kind ?? 'absent') === 'absent');
  for (const f of spec.fields) {
    const unless = f.requiredUnless;
    if (!unless || !nowhere(f.name) || (wide && branches.length === 0)) continue;
    if (nowhere(unless.field) || unless.anyOf.every(nowhere)) {
      missing(f.name, `Line 1: no column for ${f.name} (${f.about}); only touchpoint answers with a rating (${unless.anyOf.join(', ')}) can go without it.`);
    }
  }
  if (wide && branches.length === 0) {
    missing('ltr', `Line 1: no answer columns: no column matches ${Object.keys(mapping.wide).map((p) => `"${p}"`).join(', ') || 'mapping.wide'} and none is mapped to ltr.`);
  }

  for (const [section, keys] of [
    ['columnMissingValues', Object.keys(mapping.columnMissingValues)],
    ['valueMaps', Object.keys(mapping.valueMaps)],
  ] as const) {
    for (const key of keys) {
      if (columnsNamed(key, columns).length === 0) missing(key, `Line 1: mapping.${section}["${key}"] names no column of the file; check the spelling (the columns are listed below).`);
    }
  }
  let finishedColumn: string | null = null;
  if (mapping.skipUnfinished) {
    finishedColumn = byName.get(norm(mapping.finishedColumn)) ?? null;
    if (!finishedColumn) missing(mapping.finishedColumn, `Line 1: skipUnfinished needs the column "${mapping.finishedColumn}" (1 = finished); the file has none. Set "finishedColumn" to the column that says so.`);
    else used.add(finishedColumn);
  }

  if (problems.length) {
    const found = columns.join(', ');
    const lacking = problems.filter((p) => p.kind === 'MISSING_COLUMN').map((p) => p.column);
    const head = lacking.length
      ? `${fileName} lacks columns the ${spec.kind} import needs: ${[...new Set(lacking)].join(', ')}. Found: ${found}.`
      : `${fileName} has problems in its header; nothing was imported.`;
    const hint =
      columns.length === 1
        ? ' Only one column was found: is the delimiter right? Set "csv": { "delimiter": ";" } in the mapping if needed.'
        : ' Rename the columns, or map your names to the fields in a mapping file (see analytics/import/README.md).';
    throw new ImportError('IMPORT_MISSING_COLUMNS', `${head}${hint}\n  ${problems.map((p) => p.message).join('\n  ')}`, problems);
  }
  const ignored = columns.filter((c) => !used.has(c));
  return { spec, wide, branches, ignored, cleaning: cleaningOf(mapping, columns), finishedColumn };
}

/** Which columns a key of columnMissingValues / valueMaps names: one column, or every match of a {touchpoint} pattern. */
export function columnsNamed(key: string, columns: readonly string[]): string[] {
  const regex = key.includes(TOUCHPOINT_PLACEHOLDER) ? patternRegex(key) : null;
  return columns.filter((c) => (regex ? regex.test(c) : norm(c) === norm(key)));
}

function cleaningOf(mapping: Mapping, columns: readonly string[]): Plan['cleaning'] {
  const lower = (v: string) => v.trim().toLowerCase();
  const cleaning: Plan['cleaning'] = new Map();
  const entry = (column: string) => {
    let e = cleaning.get(column);
    if (!e) cleaning.set(column, (e = { missing: mapping.missingValues.map(lower), values: new Map() }));
    return e;
  };
  if (mapping.missingValues.length) for (const c of columns) entry(c);
  for (const [key, codes] of Object.entries(mapping.columnMissingValues)) for (const c of columnsNamed(key, columns)) entry(c).missing.push(...codes.map(lower));
  for (const [key, map] of Object.entries(mapping.valueMaps)) {
    for (const c of columnsNamed(key, columns)) for (const [from, to] of Object.entries(map)) entry(c).values.set(lower(from), to === null ? null : String(to));
  }
  return cleaning;
}

function wideBranches(
  mapping: Mapping,
  columns: readonly string[],
  shared: Record<string, FieldSource>,
  used: Set<string>,
  touchpointCodes: readonly string[],
  problems: ImportProblem[],
): Branch[] {
  const answers = new Set<string>(ANSWER_FIELDS);
  const perTouchpoint = new Map<string, Record<string, string>>();
  const patterns = Object.entries(mapping.wide).map(([pattern, target]) => ({ pattern, target, regex: patternRegex(pattern) }));
  for (const column of columns) {
    if (used.has(column)) continue;
    for (const { pattern, target, regex } of patterns) {
      let code: string | undefined;
      let field: string;
      if (typeof target === 'string') {
        const match = regex?.exec(column);
        if (!match) continue;
        code = match[1];
        field = target;
      } else {
        if (norm(pattern) !== norm(column)) continue;
        code = target.touchpoint;
        field = target.field;
      }
      if (!code) continue;
      used.add(column);
      if (!touchpointCodes.includes(code)) {
        const guess = suggest(code, touchpointCodes);
        problems.push({
          kind: 'UNKNOWN_CODE',
          line: 1,
          column,
          value: code,
          message: `Line 1, column ${column}: ${code} is not a known touchpoint code.${guess ? ` Did you mean ${guess}?` : ''} ${knownCodesText(touchpointCodes, 'touchpoint')}`,
        });
        break;
      }
      const fields = perTouchpoint.get(code) ?? {};
      fields[field] = column;
      perTouchpoint.set(code, fields);
      break;
    }
  }
  // The respondent: their response id, else customer + time (a constant time, e.g. the survey's month, is part of the id as text).
  const byRespondent = shared.response_id?.kind === 'column';
  const respondent = byRespondent ? [columnName(shared.response_id)] : [shared.customer_id, shared.responded_at].flatMap((x) => (x?.kind === 'column' ? [x.column] : []));
  const constants = byRespondent || shared.responded_at?.kind !== 'constant' ? [] : [shared.responded_at.value];
  const branchOf = (touchpoint: string | null, fields: Record<string, FieldSource>): Branch => ({
    touchpoint,
    sources: {
      ...fields,
      response_id: { kind: 'responseId', columns: respondent, suffix: touchpoint, constants },
      customer_id: shared.customer_id ?? { kind: 'absent' },
      responded_at: shared.responded_at ?? { kind: 'absent' },
      touchpoint_code: touchpoint === null ? { kind: 'absent' } : { kind: 'constant', value: touchpoint },
    },
    answerColumns: Object.values(fields).flatMap((s) => (s.kind === 'column' ? [s.column] : s.kind === 'derived' ? s.columns : [])),
  });
  const branches: Branch[] = [];
  // Answer fields mapped (or named) without a touchpoint: the relationship survey about the company.
  const relationship = Object.fromEntries(Object.entries(shared).filter(([field, s]) => answers.has(field) && (s.kind === 'column' || s.kind === 'derived')));
  if (Object.keys(relationship).length) branches.push(branchOf(null, { ...absentAnswers(), ...relationship }));
  for (const [code, fields] of [...perTouchpoint].sort(([a], [b]) => a.localeCompare(b))) {
    const sources: Record<string, FieldSource> = { ...absentAnswers() };
    for (const [field, column] of Object.entries(fields)) sources[field] = { kind: 'column', column };
    branches.push(branchOf(code, sources));
  }
  return branches;
}

function absentAnswers(): Record<string, FieldSource> {
  return Object.fromEntries(ANSWER_FIELDS.map((f) => [f, { kind: 'absent' } as FieldSource]));
}

function columnName(source: FieldSource | undefined): string {
  return source?.kind === 'column' ? source.column : source?.kind === 'constant' ? `(constant)` : '?';
}

/** "ltr_{touchpoint}" → /^ltr_(.+)$/i */
function patternRegex(pattern: string): RegExp | null {
  const parts = pattern.split(TOUCHPOINT_PLACEHOLDER);
  if (parts.length !== 2) return null;
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(parts[0]!.trim())}(.+?)${escape(parts[1]!.trim())}$`, 'i');
}
