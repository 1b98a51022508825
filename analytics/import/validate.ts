/**
 * Set-based validation in DuckDB. The staged file becomes one normalised table with, per field, the raw
 * text (`r_<field>`) and the parsed value (`v_<field>`); every rule is a SQL condition on a row. One
 * pass counts every rule's failures; only when something fails are the first rows fetched and located.
 */
import { literal, quoteIdent } from '../sql.js';
import type { JsonRow, Queryable } from '../store.js';
import { MAX_PROBLEMS, type ImportProblem, type ProblemCount, type ProblemKind } from './errors.js';
import { DIMENSION_SQL, type FieldSpec, type KindSpec } from './kinds.js';
import type { Mapping } from './mapping.js';
import { describe, type ProblemContext, type RawProblem } from './messages.js';
import { columnOf, type Branch, type FieldSource, type Plan } from './plan.js';

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
      const all = [...parts, ...(source.suffix === null ? [] : [literal(source.suffix)])];
      return `CASE WHEN ${parts.map((p) => `${p} IS NULL`).join(' OR ')} THEN NULL ELSE concat_ws('-', ${all.join(', ')}) END`;
    }
    default:
      return null;
  }
}

/** The SELECT list that normalises one branch (one response per row, or per touchpoint in a wide row). */
function branchSelect(spec: KindSpec, branch: Branch, text: (column: string) => string, mapping: Mapping): string {
  const columns: string[] = [];
  for (const f of spec.fields) {
    const x = sourceText(branch.sources[f.name] ?? { kind: 'absent' }, text);
    const type = SQL_TYPE[f.type.kind];
    if (x === null) {
      if (!isText(f)) columns.push(`NULL::VARCHAR AS ${raw(f)}`);
      columns.push(`NULL::${type} AS ${val(f)}`);
      continue;
    }
    // The CSV reader gives NULL for empty values. Ids and codes are trimmed; numbers and dates are not
    // (DuckDB's casts allow surrounding spaces): trimming every value costs as much as reading the file.
    if (f.type.kind === 'text') columns.push(`${x} AS ${val(f)}`);
    else if (isText(f)) columns.push(`NULLIF(trim(${x}), '') AS ${val(f)}`);
    else columns.push(`${x} AS ${raw(f)}`, `${parse(f, x, mapping)} AS ${val(f)}`);
  }
  return columns.join(',\n  ');
}

export interface Staging {
  /** Temp tables and views to drop afterwards, in order. */
  drop: string[];
  /** The normalised rows: `_row` (0-based record index in the file), `_branch`, r_/v_ columns. */
  view: string;
  /** The table with one row per data row of the file. */
  fileRows: string;
}

/**
 * Statements that stage the file and normalise it. Long files are normalised while they are read (one
 * pass); wide files are staged as read and then unpivoted, one branch per touchpoint.
 */
export function stagingSql(plan: Plan, relation: string, text: (column: string) => string, mapping: Mapping, prefix: string): { statements: string[]; staging: Staging } {
  const norm = quoteIdent(`${prefix}_norm`);
  const view = quoteIdent(`${prefix}_rows`);
  if (!plan.wide) {
    const select = branchSelect(plan.spec, plan.branches[0]!, text, mapping);
    return {
      statements: [
        `CREATE TEMP TABLE ${norm} AS SELECT\n  ${select}\nFROM ${relation}`,
        // Insertion order is kept (DuckDB's default), so rowid is the record's index in the file.
        `CREATE TEMP VIEW ${view} AS SELECT rowid AS _row, 0 AS _branch, * FROM ${norm}`,
      ],
      staging: { drop: [`DROP VIEW IF EXISTS ${view}`, `DROP TABLE IF EXISTS ${norm}`], view, fileRows: norm },
    };
  }
  const staged = quoteIdent(`${prefix}_raw`);
  const branches = plan.branches.map((b, i) => {
    const any = b.answerColumns.map((c) => `NULLIF(trim(${text(c)}), '') IS NOT NULL`).join(' OR ') || 'FALSE';
    return `SELECT rowid AS _row, ${i} AS _branch,\n  ${branchSelect(plan.spec, b, text, mapping)}\nFROM ${staged} WHERE ${any}`;
  });
  return {
    statements: [
      `CREATE TEMP TABLE ${staged} AS SELECT * FROM ${relation}`,
      `CREATE TEMP TABLE ${norm} AS ${branches.join('\nUNION ALL\n')}`,
      `CREATE TEMP VIEW ${view} AS SELECT * FROM ${norm}`,
    ],
    staging: { drop: [`DROP VIEW IF EXISTS ${view}`, `DROP TABLE IF EXISTS ${norm}`, `DROP TABLE IF EXISTS ${staged}`], view, fileRows: staged },
  };
}

/** The typed SELECT list for the insert, in the table's field order. */
export function insertSql(spec: KindSpec, view: string): string {
  const columns = spec.fields.map((f) => quoteIdent(f.name)).join(', ');
  const values = spec.fields.map((f) => (f.type.kind === 'score' ? `${val(f)}::TINYINT` : val(f))).join(', ');
  return `INSERT INTO ${quoteIdent(spec.table)} (${columns}) SELECT ${values} FROM ${view}`;
}

interface RowCheck {
  kind: ProblemKind;
  field: FieldSpec;
  sql: string;
  /** Another field shown in the message (OUT_OF_ORDER). */
  other?: FieldSpec;
}

function rowChecks(plan: Plan): RowCheck[] {
  const { spec } = plan;
  const present = (f: FieldSpec) => plan.branches.some((b) => (b.sources[f.name]?.kind ?? 'absent') !== 'absent');
  const generatedId = (f: FieldSpec) => plan.branches.every((b) => {
    const s = b.sources[f.name];
    return s?.kind === 'responseId' && s.columns.length > 1;
  });
  const checks: RowCheck[] = [];
  for (const f of spec.fields) {
    if (!present(f)) continue;
    const r = raw(f);
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
  /** Rows `_row, _branch, value[, first_row]`, first in file order. */
  detail: string;
}

/** Key rules: duplicates in the file and, when appending, keys already in the store. */
function keyChecks(plan: Plan, view: string, mode: 'append' | 'replace'): SetCheck[] {
  const { spec } = plan;
  const keys = spec.key.map((k) => spec.fields.find((f) => f.name === k)!);
  const keyCols = keys.map(val).join(', ');
  const keyValue = keys.length === 1 ? `${val(keys[0]!)}::VARCHAR` : `concat_ws(', ', ${keys.map((k) => `${val(k)}::VARCHAR`).join(', ')})`;
  const notNull = keys.map((k) => `${val(k)} IS NOT NULL`).join(' AND ');
  const checks: SetCheck[] = [
    {
      kind: 'DUPLICATE_IN_FILE',
      field: keys[0]!,
      count: `SELECT coalesce(sum(n - 1), 0)::BIGINT AS n FROM (SELECT count(*) AS n FROM ${view} WHERE ${notNull} GROUP BY ${keyCols})`,
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

/** Reference rules: the customer of a response or a profitability row must be in the store. */
function referenceChecks(plan: Plan, view: string): SetCheck[] {
  const { spec } = plan;
  if (!spec.customerField) return [];
  const field = spec.fields.find((f) => f.name === spec.customerField)!;
  const from = `${view} v ANTI JOIN customers c ON c.customer_id = v.${val(field)} WHERE v.${val(field)} IS NOT NULL`;
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
    private readonly mode: 'append' | 'replace',
    private readonly ctx: ProblemContext,
    private readonly linesOf: (records: readonly number[]) => Promise<Map<number, number>>,
  ) {
    this.checks = rowChecks(plan);
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
    await this.countSets(db, referenceChecks(this.plan, this.view), found);
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
    for (const check of checks) {
      const [row] = await db.all<{ n: string }>(check.count);
      const n = Number(row?.n ?? 0);
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
      const columns = [...fields].flatMap((f) => (isText(f) ? [val(f)] : [raw(f), `${val(f)}::VARCHAR AS ${quoteIdent(`p_${f.name}`)}`]));
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
            field: f,
            value: str(row[rawName(f)]),
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
          field: check.field,
          value: str(row.value),
          firstRow: row.first_row === undefined ? undefined : Number(row.first_row),
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
}

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
