/**
 * Set-based validation in DuckDB. The staged file becomes one normalised table with, per field, the raw
 * text (`r_<field>`) and the parsed value (`v_<field>`); every rule is a SQL condition on a row. One
 * pass counts every rule's failures; only when something fails are the first rows fetched and located.
 */
import { literal, quoteIdent } from '../sql.js';
import type { JsonRow, Queryable } from '../store.js';
import { MAX_PROBLEMS, type ImportProblem, type ProblemCount, type ProblemGroup, type ProblemKind } from './errors.js';
import { DIMENSION_SQL, type FieldSpec, type KindSpec } from './kinds.js';
import type { Mapping } from './mapping.js';
import { describe, groupText, type ProblemContext, type RawProblem } from './messages.js';
import { columnOf, type Branch, type FieldSource, type Plan } from './plan.js';
import type { TypedColumn } from './source.js';

const SQL_TYPE: Record<FieldSpec['type']['kind'], string> = {
  id: 'VARCHAR',
  code: 'VARCHAR',
  text: 'VARCHAR',
  score: 'DOUBLE',
  number: 'DOUBLE',
  date: 'DATE',
  month: 'DATE',
  timestamp: 'TIMESTAMP',
};

const isText = (f: FieldSpec) => f.type.kind === 'id' || f.type.kind === 'code' || f.type.kind === 'text';
export const raw = (f: FieldSpec) => quoteIdent(`${isText(f) ? 'v' : 'r'}_${f.name}`);
export const val = (f: FieldSpec | string) => quoteIdent(`v_${typeof f === 'string' ? f : f.name}`);

/** A string with an explicit time zone (Z, +02, +0200, +02:00): converted to UTC. */
function hasOffset(x: string): string {
  const at = (n: number) => `substr(${x}, length(${x}) - ${n}, 1) IN ('+', '-')`;
  return `(length(${x}) > 10 AND (right(${x}, 1) IN ('Z', 'z') OR ${at(2)} OR ${at(4)} OR ${at(5)}))`;
}

/**
 * DuckDB's DATE cast reads a date and ignores whatever follows it ('2025-01-01x', '2025-01-01T25:00:00'
 * and '2025-01-01 garbage' all become 2025-01-01); its TIMESTAMP cast must consume the whole string
 * (a date alone, or a date with a valid time and offset), so dates go through it.
 */
const strictDate = (x: string) => `TRY_CAST(TRY_CAST(${x} AS TIMESTAMP) AS DATE)`;

function parse(f: FieldSpec, x: string, mapping: Mapping): string {
  const strptime = (format: string | undefined, cast: string) => (format ? `TRY_STRPTIME(trim(${x}), ${literal(format)})${cast}, ` : '');
  switch (f.type.kind) {
    case 'score':
    case 'number':
      return `TRY_CAST(${mapping.decimalSeparator === ',' ? `replace(${x}, ',', '.')` : x} AS DOUBLE)`;
    case 'date':
      return `coalesce(${strptime(mapping.dateFormat, '::DATE')}${strictDate(x)}, ${strictDate(`trim(${x})`)})`;
    case 'month':
      return `coalesce(${strptime(mapping.dateFormat, '::DATE')}${strictDate(x)}, ${strictDate(`trim(${x})`)}, ${strictDate(`trim(${x}) || '-01'`)})`;
    case 'timestamp': {
      const formats = [mapping.timestampFormat, mapping.dateFormat].filter((fmt): fmt is string => fmt !== undefined);
      const custom = formats.map((fmt) => `TRY_STRPTIME(trim(${x}), ${literal(fmt)})::TIMESTAMP, `).join('');
      return `coalesce(${custom}CASE WHEN ${hasOffset(x)} THEN TRY_CAST(${x} AS TIMESTAMPTZ) AT TIME ZONE 'UTC' ELSE TRY_CAST(${x} AS TIMESTAMP) END)`;
    }
    default:
      return x;
  }
}

function sourceText(source: FieldSource, text: (column: string) => string): string | null {
  switch (source.kind) {
    case 'column':
      return text(source.column);
    case 'constant':
      return literal(source.value);
    case 'responseId': {
      const parts = source.columns.map((c) => `NULLIF(trim(${text(c)}), '')`);
      const all = [...parts, ...(source.constants ?? []).map(literal), ...(source.suffix === null ? [] : [literal(source.suffix)])];
      return `CASE WHEN ${parts.map((p) => `${p} IS NULL`).join(' OR ')} THEN NULL ELSE concat_ws('-', ${all.join(', ')}) END`;
    }
    case 'derived': {
      const values = source.columns.map((c) => `lower(trim(${text(c)}))`);
      const cases = source.cases.map((c) => {
        const conditions = c.when.flatMap((v, i) => (v === '\u0000any' ? [] : [`${values[i]} = ${literal(v)}`]));
        return `WHEN ${conditions.join(' AND ') || 'TRUE'} THEN ${literal(c.value)}`;
      });
      return `CASE ${cases.join(' ')} ELSE ${source.fallback === null ? 'NULL' : literal(source.fallback)} END`;
    }
    default:
      return null;
  }
}

/** The column's text after its missing-value codes (→ NULL) and value map (→ the mapped value). */
export function cleanedText(plan: Plan, text: (column: string) => string): (column: string) => string {
  return (column) => {
    const x = text(column);
    const rules = plan.cleaning.get(column);
    if (!rules || (rules.missing.length === 0 && rules.values.size === 0)) return x;
    const key = `lower(trim(${x}))`;
    const whens: string[] = [];
    if (rules.missing.length) whens.push(`WHEN ${key} IN (${[...new Set(rules.missing)].map(literal).join(', ')}) THEN NULL`);
    for (const [from, to] of rules.values) whens.push(`WHEN ${key} = ${literal(from)} THEN ${to === null ? 'NULL' : literal(to)}`);
    return `(CASE ${whens.join(' ')} ELSE ${x} END)`;
  };
}

/** SQL for "the row is a finished response" (skipUnfinished): 1, true or yes. */
export function finishedSql(plan: Plan, text: (column: string) => string): string | null {
  return plan.finishedColumn === null ? null : `coalesce(lower(trim(${text(plan.finishedColumn)})) IN ('1', 'true', 'yes', '1.0'), FALSE)`;
}

/**
 * The SELECT list that normalises one branch (one response per row, or per touchpoint in a wide row).
 * `lean`: a parsed field's raw text (`r_<field>`) is kept only as whether there was one (TRUE or NULL):
 * every rule reads it only as "is there a value", and copying the text of eight columns was a fifth of
 * a 10M import. Reports show the raw text, so a file with problems is staged again in full to report them.
 */
function branchSelect(spec: KindSpec, branch: Branch, text: (column: string) => string, mapping: Mapping, lean: boolean, typed: ReadonlyMap<string, TypedColumn> = new Map()): string {
  const columns: string[] = [];
  for (const f of spec.fields) {
    const source = branch.sources[f.name] ?? { kind: 'absent' };
    const x = sourceText(source, text);
    const type = SQL_TYPE[f.type.kind];
    if (source.kind === 'column' && typed.has(source.column)) {
      // Parsed by the reader (typedColumns); "there was a value" is the parsed value not being NULL (the view).
      columns.push(`${x} AS ${val(f)}`);
      continue;
    }
    if (x === null) {
      if (!isText(f)) columns.push(`NULL::VARCHAR AS ${raw(f)}`);
      columns.push(`NULL::${type} AS ${val(f)}`);
      continue;
    }
    // The CSV reader gives NULL for empty values. Ids and codes are trimmed; numbers and dates are not
    // (DuckDB's casts allow surrounding spaces): trimming every value costs as much as reading the file.
    if (f.type.kind === 'text') columns.push(`${x} AS ${val(f)}`);
    else if (isText(f)) columns.push(`NULLIF(trim(${x}), '') AS ${val(f)}`);
    else columns.push(`${lean ? `CASE WHEN ${x} IS NOT NULL THEN TRUE END` : x} AS ${raw(f)}`, `${parse(f, x, mapping)} AS ${val(f)}`);
    // A derived value that matched no case: the source values, for the problem report.
    if (source.kind === 'derived') columns.push(`concat_ws(' + ', ${source.columns.map((c) => `coalesce(trim(${text(c)}), '')`).join(', ')}) AS ${quoteIdent(`d_${f.name}`)}`);
  }
  return columns.join(',\n  ');
}

/**
 * Columns the CSV reader can parse itself on a first, lean reading (the staging then copies no text for
 * them): a score or number (DOUBLE) or timestamp (TIMESTAMP, exactly 'YYYY-MM-DD HH:MM:SS') read straight
 * from one column of a long file, with no missing-value codes or value map, default decimal point and
 * formats. For such values the reader's parse equals the text path's TRY_CAST (an empty or quoted-empty
 * value is NULL in both); any other value fails the whole read, and the import reads the file as text.
 * One exception, checked after the read (stagingSql's guardSql): the words infinity and epoch become 1900-01-01.
 * A timestamp column is read typed only when the first row's value has the layout (firstValues).
 */
export function typedColumns(plan: Plan, mapping: Mapping, skipRecords: number, firstValues: ReadonlyMap<string, string> | null): Map<string, TypedColumn> {
  const typed = new Map<string, TypedColumn>();
  if (plan.wide || skipRecords > 0 || plan.finishedColumn !== null || plan.branches.length !== 1) return typed;
  const sources = Object.values(plan.branches[0]!.sources);
  const uses = new Map<string, number>();
  for (const source of sources) {
    const columns = source.kind === 'column' ? [source.column] : source.kind === 'derived' || source.kind === 'responseId' ? source.columns : [];
    for (const c of columns) uses.set(c, (uses.get(c) ?? 0) + 1);
  }
  for (const f of plan.spec.fields) {
    const source = plan.branches[0]!.sources[f.name];
    if (source?.kind !== 'column' || uses.get(source.column) !== 1) continue;
    const rules = plan.cleaning.get(source.column);
    if (rules && (rules.missing.length > 0 || rules.values.size > 0)) continue;
    const kind = f.type.kind;
    if ((kind === 'score' || kind === 'number') && mapping.decimalSeparator !== ',') typed.set(source.column, 'DOUBLE');
    // Only when the first row's time has that layout: a file of dates or offsets would fail the reading.
    const first = firstValues?.get(source.column)?.trim() ?? '';
    const layout = first === '' || /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(first);
    if (kind === 'timestamp' && layout && mapping.timestampFormat === undefined && mapping.dateFormat === undefined) typed.set(source.column, 'TIMESTAMP');
  }
  return typed;
}

export interface Staging {
  /** Temp tables and views to drop afterwards, in order. */
  drop: string[];
  /** The normalised rows: `_row` (0-based record index in the file), `_branch`, r_/v_ columns. */
  view: string;
  /** SQL counting the data rows of the file (after extra header rows) and those skipped on request. */
  countSql: string;
}

/**
 * Statements that stage the file and normalise it. Long files without skipped rows are normalised while
 * they are read (one pass); otherwise the file is staged as read, then filtered and (wide) unpivoted,
 * one branch per touchpoint. `skipRecords`: records after the header that are more header (Qualtrics).
 */
export function stagingSql(
  plan: Plan,
  relation: string,
  sourceText: (column: string) => string,
  mapping: Mapping,
  prefix: string,
  skipRecords = 0,
  lean = false,
  /** Columns the relation parses itself (typedColumns; only on a lean, single-pass staging). */
  typed: ReadonlyMap<string, TypedColumn> = new Map(),
): { statements: string[]; staging: Staging; guardSql: string | null; parsed: Set<string> } {
  const norm = quoteIdent(`${prefix}_norm`);
  const view = quoteIdent(`${prefix}_rows`);
  const text = cleanedText(plan, sourceText);
  const finished = finishedSql(plan, sourceText);
  if (!plan.wide && skipRecords === 0 && finished === null) {
    if (typed.size > 0 && !lean) throw new Error('stagingSql: typed columns only on a lean staging');
    const branch = plan.branches[0]!;
    const select = branchSelect(plan.spec, branch, text, mapping, lean, typed);
    const parsed = plan.spec.fields.filter((f) => {
      const source = branch.sources[f.name];
      return source?.kind === 'column' && typed.has(source.column);
    });
    const flags = parsed.map((f) => `, CASE WHEN ${val(f)} IS NOT NULL THEN TRUE END AS ${raw(f)}`).join('');
    const stamps = parsed.filter((f) => f.type.kind === 'timestamp').map((f) => `${val(f)} = TIMESTAMP '1900-01-01'`);
    return {
      statements: [
        `CREATE TEMP TABLE ${norm} AS SELECT\n  ${select}\nFROM ${relation}`,
        // Insertion order is kept (DuckDB's default), so rowid is the record's index in the file.
        `CREATE TEMP VIEW ${view} AS SELECT rowid AS _row, 0 AS _branch, *${flags} FROM ${norm}`,
      ],
      staging: { drop: [`DROP VIEW IF EXISTS ${view}`, `DROP TABLE IF EXISTS ${norm}`], view, countSql: `SELECT count(*)::INTEGER AS "sourceRows", 0 AS skipped FROM ${norm}` },
      // The reader's timestamp format turns the words infinity and epoch into 1900-01-01, where the text
      // path gives infinity (refused) and 1970-01-01: such a file is read as text.
      guardSql: stamps.length ? `SELECT count(*)::INTEGER AS n FROM ${norm} WHERE ${stamps.join(' OR ')}` : null,
      parsed: new Set(parsed.map((f) => f.name)),
    };
  }
  const staged = quoteIdent(`${prefix}_raw`);
  const keep = [`rowid >= ${skipRecords}`, ...(finished === null ? [] : [finished])].join(' AND ');
  const branches = plan.branches.map((b, i) => {
    const any = plan.wide ? b.answerColumns.map((c) => `NULLIF(trim(${text(c)}), '') IS NOT NULL`).join(' OR ') || 'FALSE' : 'TRUE';
    return `SELECT rowid AS _row, ${i} AS _branch,\n  ${branchSelect(plan.spec, b, text, mapping, lean)}\nFROM ${staged} WHERE ${keep} AND (${any})`;
  });
  return {
    statements: [
      `CREATE TEMP TABLE ${staged} AS SELECT * FROM ${relation}`,
      `CREATE TEMP TABLE ${norm} AS ${branches.join('\nUNION ALL\n')}`,
      `CREATE TEMP VIEW ${view} AS SELECT * FROM ${norm}`,
    ],
    staging: {
      drop: [`DROP VIEW IF EXISTS ${view}`, `DROP TABLE IF EXISTS ${norm}`, `DROP TABLE IF EXISTS ${staged}`],
      view,
      countSql: `SELECT count(*)::INTEGER AS "sourceRows", count_if(NOT (${finished ?? 'TRUE'}))::INTEGER AS skipped FROM ${staged} WHERE rowid >= ${skipRecords}`,
    },
    guardSql: null,
    parsed: new Set(),
  };
}

/** The inserts of a staged file: the kind's table (typed, in field order), and contact details beside customers. */
export function insertSql(spec: KindSpec, view: string): string[] {
  const contacts = new Set(spec.contacts ?? []);
  const fields = spec.fields.filter((f) => !contacts.has(f.name));
  const columns = fields.map((f) => quoteIdent(f.name)).join(', ');
  const values = fields.map((f) => (f.type.kind === 'score' ? `${val(f)}::TINYINT` : val(f))).join(', ');
  const statements = [`INSERT INTO ${quoteIdent(spec.table)} (${columns}) SELECT ${values} FROM ${view}`];
  if (contacts.size) {
    const key = spec.key[0]!;
    const list = [...contacts];
    statements.push(
      `INSERT INTO customer_contacts (${quoteIdent(key)}, ${list.map(quoteIdent).join(', ')}) SELECT ${val(key)}, ${list.map((c) => `NULLIF(trim(${val(c)}), '')`).join(', ')} FROM ${view} WHERE coalesce(${list.map((c) => `NULLIF(trim(${val(c)}), '')`).join(', ')}) IS NOT NULL`,
    );
  }
  return statements;
}

interface RowCheck {
  kind: ProblemKind;
  field: FieldSpec;
  sql: string;
  /** Another field shown in the message (OUT_OF_ORDER). */
  other?: FieldSpec;
}

/**
 * `parsed`: fields the CSV reader parsed (typedColumns), whose value is NULL exactly when the file had
 * none, so "there was a value" is tested on the value itself instead of the view's flag (a column fewer
 * computed per row in the one pass over 10M rows).
 */
function rowChecks(plan: Plan, parsed: ReadonlySet<string>): RowCheck[] {
  const given = (f: FieldSpec) => (parsed.has(f.name) ? val(f) : raw(f));
  const { spec } = plan;
  const present = (f: FieldSpec) => plan.branches.some((b) => (b.sources[f.name]?.kind ?? 'absent') !== 'absent');
  const generatedId = (f: FieldSpec) => plan.branches.every((b) => {
    const s = b.sources[f.name];
    return s?.kind === 'responseId' && s.columns.length > 1;
  });
  const checks: RowCheck[] = [];
  for (const f of spec.fields) {
    const unless = f.requiredUnless;
    if (unless) {
      const exempt = `${val(unless.field)} IS NOT NULL AND coalesce(${unless.anyOf.map((o) => `${val(o)}::VARCHAR`).join(', ')}) IS NOT NULL`;
      checks.push({ kind: 'MISSING_VALUE', field: f, sql: `${given(f)} IS NULL AND NOT (${exempt})` });
    }
    if (!present(f)) continue;
    const r = given(f);
    const v = val(f);
    if (f.required && !generatedId(f)) checks.push({ kind: 'MISSING_VALUE', field: f, sql: `${r} IS NULL` });
    const t = f.type;
    switch (t.kind) {
      case 'score':
        checks.push({ kind: 'SCORE_OUT_OF_RANGE', field: f, sql: `${r} IS NOT NULL AND (${v} IS NULL OR ${v} <> floor(${v}) OR ${v} < ${t.min} OR ${v} > ${t.max})` });
        break;
      case 'number': {
        checks.push({ kind: 'BAD_NUMBER', field: f, sql: `${r} IS NOT NULL AND (${v} IS NULL OR NOT isfinite(${v}))` });
        const bounds = [t.min === undefined ? null : `${v} < ${t.min}`, t.max === undefined ? null : `${v} > ${t.max}`].filter(Boolean);
        if (bounds.length) checks.push({ kind: 'NUMBER_OUT_OF_RANGE', field: f, sql: `isfinite(${v}) AND (${bounds.join(' OR ')})` });
        break;
      }
      case 'date':
      case 'month':
        checks.push({ kind: 'BAD_DATE', field: f, sql: `${r} IS NOT NULL AND (${v} IS NULL OR ${v} NOT BETWEEN DATE '1900-01-01' AND DATE '2100-12-31')` });
        if (t.kind === 'month') checks.push({ kind: 'NOT_FIRST_OF_MONTH', field: f, sql: `day(${v}) <> 1` });
        break;
      case 'timestamp':
        checks.push({ kind: 'BAD_TIMESTAMP', field: f, sql: `${r} IS NOT NULL AND (${v} IS NULL OR ${v} NOT BETWEEN TIMESTAMP '1900-01-01' AND TIMESTAMP '2101-01-01')` });
        break;
      case 'code':
        checks.push({ kind: 'UNKNOWN_CODE', field: f, sql: `${v} IS NOT NULL AND ${v} NOT IN (${DIMENSION_SQL[t.dimension].sql})` });
        break;
      default:
        break;
    }
  }
  const order = spec.notBefore;
  if (order) {
    const field = spec.fields.find((f) => f.name === order.field)!;
    const other = spec.fields.find((f) => f.name === order.other)!;
    if (present(field) && present(other)) checks.push({ kind: 'OUT_OF_ORDER', field, other, sql: `${val(field)} < ${val(other)}` });
  }
  return checks;
}

/** A rule that needs the whole file or the store: duplicates, existing keys, unknown customers. */
interface SetCheck {
  kind: ProblemKind;
  field: FieldSpec;
  count: string;
  /**
   * A cheaper statement run first: 0 proves `count` is 0, anything else means `count` must run. For
   * duplicate keys: equal keys have equal hashes, so no equal neighbours among the sorted hashes means
   * no equal keys; a collision of different keys only costs the exact count.
   */
  screen?: string;
  /** Rows `_row, _branch, value[, first_row]`, first in file order. */
  detail: string;
}

/**
 * How a staged file meets the store: `append` refuses keys already there, `replace` replaces the table,
 * `addNew` (customers described by an answers file) adds the keys not yet there and leaves the others
 * alone; a key may repeat in the file, but its rows must agree.
 */
export type KeyMode = 'append' | 'replace' | 'addNew';

/**
 * addNew: rows of one key that disagree on a field read from the file, each located beside the first
 * row that gave the key a value (`first_row`) and carrying the key (`other_value`). Empty values agree with anything.
 */
function conflictChecks(plan: Plan, view: string): SetCheck[] {
  const { spec } = plan;
  const key = spec.fields.find((f) => f.name === spec.key[0])!;
  const k = val(key);
  const fromFile = (f: FieldSpec) => plan.branches.some((b) => ['column', 'derived'].includes(b.sources[f.name]?.kind ?? 'absent'));
  return spec.fields
    .filter((f) => f !== key && fromFile(f))
    .map((f) => {
      const v = val(f);
      const derived = plan.branches.some((b) => b.sources[f.name]?.kind === 'derived');
      const shown = derived ? quoteIdent(`d_${f.name}`) : `${quoteIdent(rawName(f))}::VARCHAR`;
      const differing = `WITH firsts AS (
          SELECT ${k} AS k, arg_min(${v}, _row) FILTER (WHERE ${v} IS NOT NULL) AS first_v, min(_row) FILTER (WHERE ${v} IS NOT NULL) AS first_row
          FROM ${view} WHERE ${k} IS NOT NULL GROUP BY ${k} HAVING count(DISTINCT ${v}) > 1)
        SELECT _row, _branch, ${shown} AS value, first_row, k AS other_value FROM ${view} JOIN firsts ON ${k} = firsts.k
        WHERE ${v} IS NOT NULL AND ${v} IS DISTINCT FROM first_v`;
      return {
        kind: 'CONFLICTING_VALUE' as const,
        field: f,
        count: `SELECT count(*)::BIGINT AS n FROM (${differing})`,
        detail: `${differing} ORDER BY _row, _branch LIMIT ${MAX_PROBLEMS}`,
      };
    });
}

/**
 * addNew: the rows to insert, one per key not yet in the store (a table made inside the import's
 * transaction, so it stays what was inserted). A key's rows agree (conflictChecks), so the smallest
 * non-empty value of each field is the one value they give.
 */
export function newKeysTable(spec: KindSpec, view: string, name: string): string {
  const key = spec.fields.find((f) => f.name === spec.key[0])!;
  const others = spec.fields.filter((f) => f !== key).map((f) => `min(v.${val(f)}) AS ${val(f)}`);
  return `CREATE OR REPLACE TEMP TABLE ${name} AS SELECT min(_row) AS _row, 0 AS _branch, v.${val(key)}, ${others.join(', ')}
    FROM ${view} v ANTI JOIN ${quoteIdent(spec.table)} t ON t.${quoteIdent(key.name)} = v.${val(key)}
    WHERE v.${val(key)} IS NOT NULL GROUP BY v.${val(key)}`;
}

/** Key rules: duplicates in the file and, when appending, keys already in the store (addNew: rows of one key that disagree). */
function keyChecks(plan: Plan, view: string, mode: KeyMode): SetCheck[] {
  const { spec } = plan;
  if (mode === 'addNew') return conflictChecks(plan, view);
  const keys = spec.key.map((k) => spec.fields.find((f) => f.name === k)!);
  const keyCols = keys.map(val).join(', ');
  const keyValue = keys.length === 1 ? `${val(keys[0]!)}::VARCHAR` : `concat_ws(', ', ${keys.map((k) => `${val(k)}::VARCHAR`).join(', ')})`;
  const notNull = keys.map((k) => `${val(k)} IS NOT NULL`).join(' AND ');
  const checks: SetCheck[] = [
    {
      kind: 'DUPLICATE_IN_FILE',
      field: keys[0]!,
      count: `SELECT coalesce(sum(n - 1), 0)::BIGINT AS n FROM (SELECT count(*) AS n FROM ${view} WHERE ${notNull} GROUP BY ${keyCols})`,
      // Sorting 10M 64-bit hashes: 1.6 s of CPU against 2.5 s for grouping the text ids (load 12).
      screen: `SELECT count(*) FILTER (WHERE h = previous)::BIGINT AS n FROM (SELECT h, lag(h) OVER (ORDER BY h) AS previous FROM (SELECT hash(${keyCols}) AS h FROM ${view} WHERE ${notNull}))`,
      detail: `WITH dup AS (SELECT ${keyCols} FROM ${view} WHERE ${notNull} GROUP BY ${keyCols} HAVING count(*) > 1)
        SELECT _row, _branch, value, first_row FROM (
          SELECT _row, _branch, ${keyValue} AS value,
            first_value(_row) OVER w AS first_row, row_number() OVER w AS nth
          FROM ${view} SEMI JOIN dup USING (${keys.map((k) => quoteIdent(`v_${k.name}`)).join(', ')})
          WINDOW w AS (PARTITION BY ${keyCols} ORDER BY _row, _branch))
        WHERE nth > 1 ORDER BY _row, _branch LIMIT ${MAX_PROBLEMS}`,
    },
  ];
  if (mode === 'append') {
    const on = keys.map((k) => `t.${quoteIdent(k.name)} = v.${val(k)}`).join(' AND ');
    const from = `${view} v SEMI JOIN ${quoteIdent(spec.table)} t ON ${on}`;
    checks.push({
      kind: 'DUPLICATE_IN_STORE',
      field: keys[0]!,
      count: `SELECT count(*)::BIGINT AS n FROM ${from}`,
      detail: `SELECT _row, _branch, ${keyValue} AS value FROM ${from} ORDER BY _row, _branch LIMIT ${MAX_PROBLEMS}`,
    });
  }
  return checks;
}

/**
 * Reference rules: the customer of a response or a profitability row must be in the store, or (`alsoKnown`,
 * a staged customers view of the same import) be created by the import.
 */
function referenceChecks(plan: Plan, view: string, alsoKnown?: string): SetCheck[] {
  const { spec } = plan;
  if (!spec.customerField) return [];
  const field = spec.fields.find((f) => f.name === spec.customerField)!;
  const staged = alsoKnown ? ` ANTI JOIN ${alsoKnown} n ON n.${val('customer_id')} = v.${val(field)}` : '';
  const from = `${view} v ANTI JOIN customers c ON c.customer_id = v.${val(field)}${staged} WHERE v.${val(field)} IS NOT NULL`;
  return [
    {
      kind: 'UNKNOWN_CUSTOMER',
      field,
      count: `SELECT count(*)::BIGINT AS n FROM ${from}`,
      detail: `SELECT _row, _branch, v.${val(field)} AS value FROM ${from} ORDER BY _row, _branch LIMIT ${MAX_PROBLEMS}`,
    },
  ];
}

/** Rules that failed, with how often. */
export interface Found {
  counts: ProblemCount[];
  rows: { check: RowCheck; index: number }[];
  sets: SetCheck[];
}

export interface Validation {
  problems: ImportProblem[];
  counts: ProblemCount[];
}

type Row = JsonRow;
const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/**
 * The rules for one staged file. Counting is one pass per rule group; locating (the first rows, their
 * lines and sentences) runs only when something failed.
 */
export class Validator {
  private readonly checks: RowCheck[];

  constructor(
    private readonly plan: Plan,
    private readonly view: string,
    private readonly mode: KeyMode,
    private readonly ctx: ProblemContext,
    private readonly linesOf: (records: readonly number[]) => Promise<Map<number, number>>,
    /** A staged customers view whose customers the import creates (one file carrying customers and answers). */
    private readonly alsoKnown?: string,
    /** Fields the CSV reader parsed on this staging (stagingSql's `parsed`). */
    parsed: ReadonlySet<string> = new Set(),
  ) {
    this.checks = rowChecks(plan, parsed);
  }

  /** Values, codes, dates and references: everything but the keys. */
  async values(db: Queryable): Promise<Found> {
    const found: Found = { counts: [], rows: [], sets: [] };
    if (this.checks.length) {
      const [row] = await db.all<Record<string, string>>(`SELECT ${this.checks.map((c, i) => `count_if(${c.sql})::BIGINT AS c${i}`).join(', ')} FROM ${this.view}`);
      this.checks.forEach((check, index) => {
        const n = Number(row?.[`c${index}`] ?? 0);
        if (n > 0) {
          found.counts.push({ kind: check.kind, field: check.field.name, count: n });
          found.rows.push({ check, index });
        }
      });
    }
    await this.countSets(db, referenceChecks(this.plan, this.view, this.alsoKnown), found);
    return found;
  }

  /**
   * Duplicate keys. The table's primary key refuses them on insert anyway, so a clean import skips this
   * pass (a GROUP BY over every key) and runs it only to explain a failure.
   */
  async keys(db: Queryable, found: Found = { counts: [], rows: [], sets: [] }): Promise<Found> {
    await this.countSets(db, keyChecks(this.plan, this.view, this.mode), found);
    return found;
  }

  private async countSets(db: Queryable, checks: SetCheck[], found: Found): Promise<void> {
    const count = async (sql: string) => Number((await db.all<{ n: string }>(sql))[0]?.n ?? 0);
    for (const check of checks) {
      if (check.screen !== undefined && (await count(check.screen)) === 0) continue;
      const n = await count(check.count);
      if (n > 0) {
        found.counts.push({ kind: check.kind, field: check.field.name, count: n });
        found.sets.push(check);
      }
    }
  }

  /** The first MAX_PROBLEMS problems in file order, located by line, with their sentences. */
  async report(db: Queryable, found: Found): Promise<Validation> {
    const { plan } = this;
    const located: (Omit<RawProblem, 'line' | 'firstLine'> & { row: number; branch: number; firstRow?: number; order: number })[] = [];
    if (found.rows.length) {
      const fields = new Set(found.rows.flatMap(({ check }) => [check.field, ...(check.other ? [check.other] : [])]));
      const derived = [...fields].filter((f) => plan.branches.some((b) => b.sources[f.name]?.kind === 'derived')).map((f) => quoteIdent(`d_${f.name}`));
      const columns = [...[...fields].flatMap((f) => (isText(f) ? [val(f)] : [raw(f), `${val(f)}::VARCHAR AS ${quoteIdent(`p_${f.name}`)}`])), ...derived];
      const flags = found.rows.map(({ check, index }) => `(${check.sql}) IS TRUE AS f${index}`);
      const rows = await db.all<Row>(
        `SELECT _row, _branch, ${[...columns, ...flags].join(', ')} FROM ${this.view}
         WHERE ${found.rows.map(({ check }) => `(${check.sql})`).join(' OR ')} ORDER BY _row, _branch LIMIT ${MAX_PROBLEMS}`,
      );
      for (const row of rows) {
        const branch = plan.branches[Number(row._branch)]!;
        for (const { check, index } of found.rows) {
          if (row[`f${index}`] !== true) continue;
          const f = check.field;
          located.push({
            kind: check.kind,
            row: Number(row._row),
            branch: Number(row._branch),
            order: plan.spec.fields.indexOf(f),
            column: columnOf(branch, f.name),
            touchpoint: branch.touchpoint,
            field: f,
            value: branch.sources[f.name]?.kind === 'derived' && row[rawName(f)] === null ? str(row[`d_${f.name}`]) : str(row[rawName(f)]),
            derived: branch.sources[f.name]?.kind === 'derived',
            parsed: isText(f) ? null : str(row[`p_${f.name}`]),
            other: check.other ? { column: columnOf(branch, check.other.name), value: str(row[rawName(check.other)]) } : undefined,
          });
        }
      }
    }
    for (const check of found.sets) {
      for (const row of await db.all<Row>(check.detail)) {
        const branch = plan.branches[Number(row._branch)]!;
        const keyColumns = plan.spec.key.length > 1 && check.kind !== 'UNKNOWN_CUSTOMER';
        located.push({
          kind: check.kind,
          row: Number(row._row),
          branch: Number(row._branch),
          order: plan.spec.fields.indexOf(check.field),
          column: keyColumns ? plan.spec.key.map((k) => columnOf(branch, k)).join(', ') : columnOf(branch, check.field.name),
          touchpoint: branch.touchpoint,
          field: check.field,
          value: str(row.value),
          firstRow: row.first_row === undefined ? undefined : Number(row.first_row),
          other: row.other_value === undefined ? undefined : { column: columnOf(branch, plan.spec.key[0]!), value: str(row.other_value) },
        });
      }
    }
    located.sort((a, b) => a.row - b.row || a.branch - b.branch || a.order - b.order);
    const shown = dedupeConstants(located).slice(0, MAX_PROBLEMS);
    const lines = await this.linesOf([...new Set(shown.flatMap((p) => (p.firstRow === undefined ? [p.row] : [p.row, p.firstRow])))]);
    const lineOf = (row: number) => lines.get(row) ?? row + 2;
    const problems = shown.map((p) => describe({ ...p, line: lineOf(p.row), firstLine: p.firstRow === undefined ? undefined : lineOf(p.firstRow) }, this.ctx));
    return { problems, counts: found.counts };
  }

  /**
   * Every problem grouped by cause: per failing rule and source column, one group per value when the
   * failing values are few (at most GROUP_VALUES), else one group with examples. Largest first.
   */
  async groups(db: Queryable, found: Found): Promise<ProblemGroup[]> {
    const { plan } = this;
    const pending: (Omit<ProblemGroup, 'message' | 'suggestion' | 'firstLine'> & { firstRow: number; field: string; spec: FieldSpec; derived: boolean })[] = [];
    for (const { check } of found.rows) {
      const f = check.field;
      const derived = plan.branches.some((b) => b.sources[f.name]?.kind === 'derived');
      const value = derived ? `coalesce(${raw(f)}::VARCHAR, ${quoteIdent(`d_${f.name}`)})` : `${quoteIdent(rawName(f))}::VARCHAR`;
      const rows = await db.all<Row>(
        `SELECT _branch, value, n, first_row, total, distinct_values, branch_first FROM (
           SELECT _branch, value, n, first_row, sum(n) OVER b AS total, count(*) OVER b AS distinct_values, min(first_row) OVER b AS branch_first,
             row_number() OVER (PARTITION BY _branch ORDER BY n DESC, value) AS nth
           FROM (SELECT _branch, ${value} AS value, count(*) AS n, min(_row) AS first_row FROM ${this.view} WHERE ${check.sql} GROUP BY ALL)
           WINDOW b AS (PARTITION BY _branch))
         WHERE nth <= ${GROUP_VALUES} ORDER BY total DESC, _branch, n DESC`,
      );
      const byBranch = new Map<number, Row[]>();
      for (const row of rows) byBranch.set(Number(row._branch), [...(byBranch.get(Number(row._branch)) ?? []), row]);
      for (const [index, list] of byBranch) {
        const branch = plan.branches[index]!;
        const base = { kind: check.kind, column: columnOf(branch, f.name), touchpoint: branch.touchpoint, field: f.name, spec: f, derived };
        const first = list[0]!;
        if (Number(first.distinct_values) <= GROUP_VALUES) {
          for (const row of list) pending.push({ ...base, value: str(row.value), examples: [], count: Number(row.n), firstRow: Number(row.first_row) });
        } else {
          const examples = list.map((r) => str(r.value)).filter((v): v is string => v !== null);
          pending.push({ ...base, value: null, examples, count: Number(first.total), firstRow: Number(first.branch_first) });
        }
      }
    }
    for (const check of found.sets) {
      const count = found.counts.find((c) => c.kind === check.kind && c.field === check.field.name)?.count ?? 0;
      const rows = await db.all<Row>(check.detail);
      const branch = plan.branches[Number(rows[0]?._branch ?? 0)]!;
      const keyColumns = plan.spec.key.length > 1 && check.kind !== 'UNKNOWN_CUSTOMER';
      pending.push({
        kind: check.kind,
        column: keyColumns ? plan.spec.key.map((k) => columnOf(branch, k)).join(', ') : columnOf(branch, check.field.name),
        touchpoint: null,
        field: check.field.name,
        spec: check.field,
        derived: false,
        value: null,
        examples: [...new Set(rows.map((r) => str(r.value)).filter((v): v is string => v !== null))].slice(0, GROUP_VALUES),
        count,
        firstRow: Number(rows[0]?._row ?? 0),
      });
    }
    pending.sort((a, b) => b.count - a.count || a.firstRow - b.firstRow);
    const lines = await this.linesOf([...new Set(pending.map((p) => p.firstRow))]);
    return pending.map(({ firstRow, spec, derived, ...group }) => {
      const firstLine = lines.get(firstRow) ?? firstRow + 2;
      return { ...group, firstLine, ...groupText({ ...group, firstLine }, spec, derived, this.ctx) };
    });
  }
}

/** A group lists each failing value on its own up to this many distinct values; above, a few examples. */
const GROUP_VALUES = 5;

const rawName = (f: FieldSpec) => `${isText(f) ? 'v' : 'r'}_${f.name}`;

/** A wrong constant from the mapping is wrong on every row: list it once. */
function dedupeConstants<T extends { column: string; kind: ProblemKind }>(problems: T[]): T[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    if (!p.column.startsWith('(constant')) return true;
    const key = `${p.kind}|${p.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
