/**
 * The PostgreSQL side of npm run bench:analytics: the facts the analytics queries read (customers, responses,
 * profitability and the journey-model dimensions they join), loaded into an embedded PostgreSQL 18 with
 * default settings, and a rewrite of DuckDB statements into PostgreSQL's dialect.
 *
 * Not bench/peers.ts's postgresPeer: that one loads two tables for one query and runs it in the same call.
 * Here the tables come from the store's own definitions (analytics/schema.ts), one database per dataset
 * (in .data/bench/pg-analytics, kept between runs), and the connection stays open for many queries.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { FACT_TABLE_DEFS, OTHER_TABLE_DEFS, type TableDef } from '../analytics/schema.js';
import { literal } from '../analytics/sql.js';
import type { SqlParams, Store } from '../analytics/store.js';
import { startEmbeddedPostgres } from '../server/postgres.js';
import { BENCH_DIR, type Dataset } from './datasets.js';

/** The tables the ported queries read. */
const TABLES: Record<string, TableDef> = {
  customers: FACT_TABLE_DEFS.customers,
  responses: FACT_TABLE_DEFS.responses,
  profitability: FACT_TABLE_DEFS.profitability,
  dim_personas: OTHER_TABLE_DEFS.dim_personas,
  dim_phases: OTHER_TABLE_DEFS.dim_phases,
  dim_touchpoints: OTHER_TABLE_DEFS.dim_touchpoints,
};

const PG_TYPE: Record<string, string> = {
  VARCHAR: 'text', TINYINT: 'smallint', INTEGER: 'integer', DOUBLE: 'double precision', DATE: 'date', TIMESTAMP: 'timestamp', BOOLEAN: 'boolean',
};

/** CREATE TABLE in PostgreSQL types from a DuckDB column list ("name TYPE [NOT NULL] [CHECK ...]"); keys come after loading. */
function createSql(name: string, def: TableDef): string {
  const columns = def.columns.map((column) => {
    const [col = '', type = ''] = column.split(' ');
    const pgType = PG_TYPE[type];
    if (!pgType) throw new Error(`bench/analyticsPostgres: no PostgreSQL type for ${type} (${name}.${col})`);
    return `${col} ${pgType}${column.includes('NOT NULL') ? ' NOT NULL' : ''}`;
  });
  return `CREATE TABLE ${name} (${columns.join(', ')})`;
}

export interface AnalyticsPostgres {
  client: pg.Client;
  /** Seconds this run spent loading (null: loaded by an earlier run). */
  loadSeconds: number | null;
  rows: Record<string, number>;
  close(): Promise<void>;
}

/** Starts the embedded PostgreSQL and makes sure this dataset's tables are there (CSV export from DuckDB, COPY in). */
export async function openAnalyticsPostgres(dataset: Dataset, store: Store, log: (line: string) => void): Promise<AnalyticsPostgres> {
  const database = path.basename(dataset.file, '.duckdb').replace(/[^a-z0-9]+/gi, '_').toLowerCase();
  const server = await startEmbeddedPostgres({ dataDir: path.join(BENCH_DIR, 'pg-analytics'), database });
  const client = new pg.Client({ connectionString: server.url });
  const close = async () => {
    await client.end().catch(() => undefined);
    await server.stop();
  };
  try {
    await client.connect();
    const done = await client.query(`SELECT to_regclass('public.bench_loaded') IS NOT NULL AS done`);
    let loadSeconds: number | null = null;
    if (!done.rows[0]?.done) {
      const started = performance.now();
      log(`  PostgreSQL: loading ${Object.keys(TABLES).join(', ')} of ${path.basename(dataset.file)} (kept for later runs) ...`);
      fs.chmodSync(BENCH_DIR, 0o755);
      for (const [name, def] of Object.entries(TABLES)) {
        const csv = path.join(BENCH_DIR, `pg-analytics-${name}.csv`);
        await client.query(`DROP TABLE IF EXISTS ${name}`);
        await client.query(createSql(name, def));
        const columns = def.columns.map((c) => c.split(' ')[0]).join(', ');
        await store.run(`COPY (SELECT ${columns} FROM ${name}) TO ${literal(csv)} (FORMAT csv, HEADER)`);
        try {
          fs.chmodSync(csv, 0o644); // the server runs as the OS user postgres
          await client.query(`COPY ${name} (${columns}) FROM ${literal(csv)} WITH (FORMAT csv, HEADER true)`);
        } finally {
          fs.rmSync(csv, { force: true });
        }
        await client.query(`ALTER TABLE ${name} ADD PRIMARY KEY (${def.primaryKey.join(', ')})`);
        await client.query(`VACUUM ANALYZE ${name}`);
        log(`    ${name}: ${((performance.now() - started) / 1000).toFixed(0)} s so far`);
      }
      await client.query('CREATE TABLE bench_loaded (at timestamptz DEFAULT now())');
      loadSeconds = (performance.now() - started) / 1000;
    }
    const rows: Record<string, number> = {};
    for (const name of Object.keys(TABLES)) rows[name] = Number((await client.query(`SELECT count(*) AS n FROM ${name}`)).rows[0]?.n);
    return { client, loadSeconds, rows, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** DuckDB-only constructs the rewrite cannot carry over, with why. */
const BLOCKERS: [RegExp, string][] = [
  [/\bQUALIFY\b/i, 'QUALIFY'],
  [/\barg_max\(/i, 'arg_max'],
  [/\browid\b/i, 'rowid keys'],
  [/\{'\w+':/, 'STRUCT values'],
  [/::DOUBLE\[\]|\[[^\]]*\]::DOUBLE/i, 'LIST values'],
  [/\brange\(/i, 'range() table function'],
  [/GROUP BY ALL|ORDER BY ALL/i, 'GROUP/ORDER BY ALL'],
  [/\blist_contains\(/i, 'list parameters'],
  [/\bstrftime\((?!date_trunc)/i, 'strftime'],
];

/** What stops a statement from running in PostgreSQL after `toPostgres`, or [] when nothing does. */
export function portBlockers(sql: string): string[] {
  const rewritten = structColumns(distinctOn(sql));
  return BLOCKERS.filter(([pattern]) => pattern.test(rewritten)).map(([, why]) => why);
}

/** `QUALIFY row_number() OVER (PARTITION BY k ORDER BY o) = 1` → `SELECT DISTINCT ON (k) ... ORDER BY k, o`. */
function distinctOn(sql: string): string {
  const qualify = /QUALIFY row_number\(\) OVER \(PARTITION BY ([^)]*) ORDER BY ([^)]*)\) = 1/i.exec(sql);
  if (!qualify) return sql;
  const select = sql.lastIndexOf('SELECT ', qualify.index);
  const [, keys, order] = qualify;
  const body = `${sql.slice(0, select)}SELECT DISTINCT ON (${keys}) ${sql.slice(select + 7, qualify.index)}ORDER BY ${keys}, ${order}`;
  return distinctOn(body + sql.slice(qualify.index + qualify[0].length));
}

/** `{'n': a, 'sum': b} AS x` → `a AS x_n, b AS x_sum` (a STRUCT column becomes one column per field); other STRUCTs stay. */
function structColumns(sql: string, from = 0): string {
  const found = sql.slice(from).search(/\{'\w+':/);
  if (found < 0) return sql;
  const start = from + found;
  let depth = 0;
  let end = start;
  const fields: string[] = [];
  let field = start + 1;
  for (; end < sql.length; end++) {
    const ch = sql[end];
    if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') depth--;
    if ((ch === ',' && depth === 1) || depth === 0) {
      fields.push(sql.slice(field, end).trim());
      field = end + 1;
    }
    if (depth === 0) break;
  }
  const alias = /^\s+AS\s+(\w+)/i.exec(sql.slice(end + 1));
  if (!alias) return structColumns(sql, end + 1);
  const columns = fields.map((f) => {
    const [, key, expression] = /^'(\w+)':\s*([^]*)$/.exec(f) ?? [];
    return `${expression} AS ${alias[1]}_${key}`;
  });
  return structColumns(sql.slice(0, start) + columns.join(', ') + sql.slice(end + 1 + alias[0].length));
}

/**
 * The statement in PostgreSQL's dialect: DOUBLE → float8, `INTERVAL 1 DAY` → `INTERVAL '1 DAY'`,
 * strftime(date_trunc(...), '%Y-%m-%d') → to_char(..., 'YYYY-MM-DD'), QUALIFY row_number() ... = 1 →
 * DISTINCT ON, STRUCT columns → a column per field, `$name` → `$1` with the values in order.
 * Only for statements without portBlockers.
 */
export function toPostgres(sql: string, params: SqlParams = {}): { text: string; values: unknown[] } {
  const names: string[] = [];
  const text = structColumns(distinctOn(sql))
    .replace(/::DOUBLE\b/gi, '::float8')
    .replace(/INTERVAL (\d+) (DAY|MONTH|YEAR)S?\b/gi, "INTERVAL '$1 $2'")
    .replace(/strftime\((date_trunc\('\w+', [\w.]+\)), '%Y-%m-%d'\)/gi, "to_char($1, 'YYYY-MM-DD')")
    .replace(/\$([a-z_]\w*)/gi, (_, name: string) => {
      if (!(name in params)) throw new Error(`toPostgres: no value for $${name}`);
      if (!names.includes(name)) names.push(name);
      return `$${names.indexOf(name) + 1}`;
    });
  return { text, values: names.map((n) => params[n]) };
}

/** A row as sorted [column, value] pairs: STRUCT columns flattened as toPostgres does, numbers as numbers, dates as YYYY-MM-DD. */
function canonical(row: Record<string, unknown>): [string, unknown][] {
  const value = (v: unknown): unknown => {
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'string' && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(v)) return Number(v);
    return v;
  };
  const flat = Object.entries(row).flatMap(([k, v]): [string, unknown][] =>
    v && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v) ? Object.entries(v).map(([f, x]) => [`${k}_${f}`, value(x)]) : [[k, value(v)]],
  );
  return flat.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether two engines' rows hold the same answer, in any order; numbers within 1e-9 relative (parallel sums round differently). */
export function sameAnswer(a: readonly Record<string, unknown>[], b: readonly Record<string, unknown>[]): boolean {
  const sortKey = (row: [string, unknown][]) => JSON.stringify(row.map(([k, v]) => [k, typeof v === 'number' ? Number(v.toPrecision(6)) : v]));
  const sorted = (rows: readonly Record<string, unknown>[]) => rows.map(canonical).sort((x, y) => (sortKey(x) < sortKey(y) ? -1 : 1));
  const [x, y] = [sorted(a), sorted(b)];
  const close = (u: unknown, v: unknown) => (typeof u === 'number' && typeof v === 'number' ? Math.abs(u - v) <= 1e-9 * Math.max(1, Math.abs(u), Math.abs(v)) : u === v);
  return x.length === y.length && x.every((row, i) => row.length === y[i]?.length && row.every(([k, v], j) => y[i]?.[j]?.[0] === k && close(v, y[i]?.[j]?.[1])));
}
