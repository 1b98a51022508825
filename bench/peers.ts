/**
 * Section 2 of npm run bench: one representative analytics query (NPS counts per touchpoint × persona
 * over a period, responses ⨝ customers) in DuckDB, in PostgreSQL (the same SQL text, data loaded with
 * COPY), in danfo.js (bench/danfo, installed on demand), and a memory-bandwidth floor.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { literal } from '../analytics/sql.js';
import { openStore, type Store } from '../analytics/store.js';
import { startEmbeddedPostgres } from '../server/postgres.js';
import { ROOT } from '../server/config.js';
import { BENCH_DIR, BENCH_FILTER, type Dataset } from './datasets.js';
import { timed } from './table.js';

/** The last 12 months of the data. */
export const PERIOD = { from: BENCH_FILTER.from, toExclusive: '2026-11-01' } as const;

/** The peer query: plain SQL that DuckDB and PostgreSQL both run as written. */
export const PEER_SQL = `
  SELECT r.touchpoint_code, c.persona_code, count(*) AS n,
         count(*) FILTER (WHERE r.ltr >= 9) AS promoters, count(*) FILTER (WHERE r.ltr <= 6) AS detractors
    FROM responses r JOIN customers c ON c.customer_id = r.customer_id
   WHERE r.touchpoint_code IS NOT NULL AND r.responded_at >= DATE '${PERIOD.from}' AND r.responded_at < DATE '${PERIOD.toExclusive}'
   GROUP BY r.touchpoint_code, c.persona_code`;

/**
 * The same query on a layout both engines get the same way (issue 20, goal 5): an integer surrogate key
 * for the customer in both tables (customers.customer_key, responses.customer_key; the text ids kept
 * beside them). Tables of their own (customers_keyed, responses_keyed), made once from the store into
 * .data/bench (one DuckDB file per answer order, KEYED_LAYOUTS) and copied into PostgreSQL with COPY in
 * the same order. The same SQL text in both engines.
 */
export const PEER_SQL_KEYED = PEER_SQL.replace('FROM responses r JOIN customers c ON c.customer_id = r.customer_id', 'FROM responses_keyed r JOIN customers_keyed c ON c.customer_key = r.customer_key');

/** What every implementation must agree on. */
export interface Answer {
  groups: number;
  n: number;
  promoters: number;
  detractors: number;
}
type CountRow = Record<'n' | 'promoters' | 'detractors', string | number | null>;
function answerOf(rows: readonly CountRow[]): Answer {
  const sum = (k: keyof CountRow) => rows.reduce((s, r) => s + Number(r[k]), 0);
  return { groups: rows.length, n: sum('n'), promoters: sum('promoters'), detractors: sum('detractors') };
}
const same = (a: Answer, b: Answer) => a.groups === b.groups && a.n === b.n && a.promoters === b.promoters && a.detractors === b.detractors;

export interface PeerTiming {
  name: string;
  responses: number;
  ms: number;
  note: string;
}

export async function duckdbPeer(store: Store, runs: number, sql = PEER_SQL): Promise<{ ms: number; answer: Answer }> {
  const { ms, result } = await timed(runs, () => store.all<CountRow>(sql));
  return { ms, answer: answerOf(result) };
}

/**
 * How the keyed answers are ordered (both engines get the same rows in the same order).
 *
 * - by customer (and time): as the generator writes them. Every row group holds both years, so DuckDB
 *   reads all 10M answers; the join probes each customer's answers one after the other.
 * - by month, then customer: what the analytics store's answers should look like (issue 20, goal 5).
 *   DuckDB's zone maps (min/max of responded_at per row group) skip the row groups outside the 12
 *   months, and within a month the answers come in customer-key order, so the join still probes the
 *   customers in order. Measured on the 10M store (2 cores, load 10-14, CPU ms per query, median of 7,
 *   interleaved): 481-574 ms against 632-784 ms by customer and 1,071 ms in plain time order (the
 *   join then probes customers at random, which is why session 4 found time order slower). PostgreSQL
 *   gets the index that order allows, a BRIN index on responded_at (its bitmap scan then reads 80k of
 *   the table's 141k blocks; the planner chooses).
 */
export const KEYED_LAYOUTS = [
  { name: 'by-customer', label: 'answers by customer', order: 'k.customer_key, r.responded_at, r.response_id', pgSchema: 'public', brin: false, enums: false },
  {
    name: 'by-month-customer',
    label: 'answers by month, then customer',
    order: "date_trunc('month', r.responded_at), k.customer_key, r.responded_at, r.response_id",
    pgSchema: 'by_month',
    brin: true,
    enums: false,
  },
  /**
   * The same, with the touchpoint and persona codes stored as ENUM types in both engines (the same
   * values; the query returns the same codes). What is left of DuckDB's time on the plain layout is the
   * codes as strings: the join copies each answer's persona string out of the hash table (13-byte codes
   * are longer than DuckDB's 12-byte inline strings), the optimizer compresses it again for the
   * grouping, and the grouping hashes the touchpoint strings (perf: ~40% of the samples). As ENUMs both
   * are one byte. Measured (10M, load ~11, CPU ms per query, median of 7 interleaved): 136 ms against
   * 516 ms as strings; with the text customer ids, 512 against 915 ms.
   */
  {
    name: 'by-month-customer-enum',
    label: 'answers by month, then customer, codes as ENUM types',
    order: "date_trunc('month', r.responded_at), k.customer_key, r.responded_at, r.response_id",
    pgSchema: 'by_month_enum',
    brin: true,
    enums: true,
  },
] as const;
export type KeyedLayout = (typeof KEYED_LAYOUTS)[number];

/** The persona and touchpoint codes of the store, sorted: the labels of the ENUM layouts' types. */
async function codeLabels(store: Store): Promise<{ persona: string[]; touchpoint: string[] }> {
  const labels = async (sql: string) => (await store.all<{ code: string }>(sql)).map((r) => r.code);
  return {
    persona: await labels('SELECT DISTINCT persona_code AS code FROM customers ORDER BY 1'),
    touchpoint: await labels('SELECT DISTINCT touchpoint_code AS code FROM responses WHERE touchpoint_code IS NOT NULL ORDER BY 1'),
  };
}
const enumOf = (labels: readonly string[]) => `ENUM (${labels.map(literal).join(', ')})`;

/**
 * A keyed layout in its own DuckDB file beside the dataset, made once from the open store (`ATTACH`):
 * customers_keyed (customer_key 1..n in customer_id order, then every column) and responses_keyed (every
 * column plus customer_key, in the layout's order).
 */
export async function keyedDuckdbFile(dataset: Dataset, store: Store, log: (line: string) => void, layout: KeyedLayout = KEYED_LAYOUTS[0]): Promise<string> {
  const file = path.join(BENCH_DIR, `keyed-${layout.name}-${path.basename(dataset.file)}`);
  if (fs.existsSync(file) && !fs.existsSync(`${file}.wal`)) return file;
  log(`  writing the keyed layout (${layout.label}) to ${path.basename(file)} (kept for later runs) ...`);
  for (const f of [file, `${file}.wal`]) fs.rmSync(f, { force: true });
  const codes = layout.enums ? await codeLabels(store) : null;
  const persona = codes ? `* REPLACE (persona_code::${enumOf(codes.persona)} AS persona_code)` : '*';
  const answer = codes ? `r.* REPLACE (r.touchpoint_code::${enumOf(codes.touchpoint)} AS touchpoint_code)` : 'r.*';
  await store.run(`ATTACH ${literal(file)} AS keyed`);
  try {
    await store.run(`CREATE TABLE keyed.customers_keyed AS SELECT (row_number() OVER (ORDER BY customer_id))::INTEGER AS customer_key, ${persona} FROM customers`);
    await store.run(
      `CREATE TABLE keyed.responses_keyed AS SELECT ${answer}, k.customer_key FROM responses r JOIN keyed.customers_keyed k ON k.customer_id = r.customer_id ORDER BY ${layout.order}`,
    );
    await store.run('CHECKPOINT keyed');
  } catch (error) {
    // A half-written layout must not be taken for a finished one by the next run.
    await store.run('DETACH keyed').catch(() => undefined);
    for (const f of [file, `${file}.wal`]) fs.rmSync(f, { force: true });
    throw error;
  }
  await store.run('DETACH keyed');
  return file;
}

/** DuckDB on a keyed layout: its own file, opened for the timing. */
export async function duckdbKeyedPeer(file: string, runs: number): Promise<{ ms: number; answer: Answer }> {
  const keyed = await openStore(file);
  try {
    return await duckdbPeer(keyed, runs, PEER_SQL_KEYED);
  } finally {
    await keyed.close();
  }
}

/**
 * Bytes the query has to look at in DuckDB's in-memory layout: per response customer_id and
 * touchpoint_code (16-byte string headers, short strings inline), responded_at (8) and ltr (1); per
 * customer customer_id and persona_code (16 each).
 */
export const scannedBytes = (d: Dataset) => d.responses * (16 + 16 + 8 + 1) + d.customers * (16 + 16);

/**
 * The floor: one JS thread summing a Float64Array of the same number of bytes (best of 5), i.e. reading
 * them once at memory bandwidth with no work per value. No engine reads those columns faster on one core.
 */
export function memoryFloor(bytes: number): number {
  const values = new Float64Array(Math.ceil(bytes / 8));
  for (let i = 0; i < values.length; i++) values[i] = i & 1023;
  let best = Number.POSITIVE_INFINITY;
  let sink = 0;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    let sum = 0;
    for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
    best = Math.min(best, performance.now() - started);
    sink += sum;
  }
  if (sink < 0) throw new Error('unreachable');
  return best;
}

/**
 * PostgreSQL's settings for the peer query, its best on this machine (issue 20, goal 5: the comparison is
 * fair only if PostgreSQL runs as well as it can). With the defaults (work_mem 4MB) the parallel hash
 * join over 1M customers splits into 8 batches and spills ~240 MB to temporary files: 256MB keeps it in
 * one batch in memory (10M store, load ~13: 6.2 s -> 4.3 s). shared_buffers holds the tables the query
 * reads (the default 128MB makes every run read them again through the kernel). Two parallel workers
 * (the default) on 2 cores. Measured and not better: a covering index on responded_at (index-only scan,
 * 11.3 s against 7.3 s for the sequential scan it replaces; the planner does not choose it either) and
 * JIT (not built into this PostgreSQL: pg_jit_available() is false).
 */
export const PG_SETTINGS = { shared_buffers: '3GB', work_mem: '256MB' } as const;
export const pgSettingsLabel = `shared_buffers ${PG_SETTINGS.shared_buffers}, work_mem ${PG_SETTINGS.work_mem}`;

/** The bench's PostgreSQL with PG_SETTINGS (set with ALTER SYSTEM and a restart the first time). */
async function startTunedPostgres(dataDir: string): Promise<{ server: Awaited<ReturnType<typeof startEmbeddedPostgres>>; client: pg.Client }> {
  for (let attempt = 0; ; attempt++) {
    const server = await startEmbeddedPostgres({ dataDir, database: 'peers' });
    const client = new pg.Client({ connectionString: server.url });
    try {
      await client.connect();
      const wrong: string[] = [];
      for (const [name, value] of Object.entries(PG_SETTINGS)) {
        const shown = (await client.query<Record<string, string>>(`SHOW ${name}`)).rows[0]?.[name];
        if (shown !== value) wrong.push(`${name} = ${literal(value)}`);
      }
      if (wrong.length === 0) return { server, client };
      if (attempt > 0) throw new Error(`PostgreSQL did not take its settings: ${wrong.join(', ')}`);
      for (const setting of wrong) await client.query(`ALTER SYSTEM SET ${setting}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      await server.stop();
      throw error;
    }
    await client.end();
    await server.stop();
  }
}

/** The query's timing and answer in PostgreSQL on one keyed layout. */
export interface KeyedTiming {
  layout: KeyedLayout;
  ms: number;
  answer: Answer;
}

/**
 * PostgreSQL 18 (embedded, PG_SETTINGS) with the dataset's customers and responses loaded by COPY
 * (kept in .data/bench/pg-peers between runs), then the same SQL. Tables get their primary keys and
 * ANALYZE, as a production database would have.
 */
export async function postgresPeer(
  dataset: Dataset,
  store: Store,
  runs: number,
  log: (line: string) => void,
  /** Also the keyed layouts (keyedDuckdbFile), loaded the same way, with PEER_SQL_KEYED. */
  keyedFiles: readonly { layout: KeyedLayout; file: string }[] = [],
): Promise<{ ms: number; answer: Answer; loadSeconds: number | null; keyed: KeyedTiming[] }> {
  const dataDir = path.join(BENCH_DIR, 'pg-peers');
  const { server, client } = await startTunedPostgres(dataDir);
  try {
    const tag = path.basename(dataset.file, '.duckdb');
    const loaded = await client.query(`SELECT 1 FROM pg_tables WHERE tablename = 'loaded' AND schemaname = 'public'`);
    const current = loaded.rowCount ? (await client.query<{ tag: string }>('SELECT tag FROM loaded')).rows[0]?.tag : undefined;
    let loadSeconds: number | null = null;
    if (current !== tag) {
      log(`  Postgres: loading ${dataset.responses.toLocaleString('en-US')} responses and ${dataset.customers.toLocaleString('en-US')} customers with COPY (kept for later runs) ...`);
      const started = performance.now();
      fs.chmodSync(BENCH_DIR, 0o755);
      const csv = (table: string) => path.join(BENCH_DIR, `peers-${table}.csv`);
      await client.query('DROP TABLE IF EXISTS loaded, responses, customers');
      await client.query(`CREATE TABLE customers (customer_id text PRIMARY KEY, persona_code text NOT NULL, unit_code text, acquired_at date NOT NULL, churned_at date, acquisition_cost double precision NOT NULL)`);
      await client.query(`CREATE TABLE responses (response_id text NOT NULL, customer_id text NOT NULL, touchpoint_code text, responded_at timestamp NOT NULL,
        ltr smallint NOT NULL, satisfaction smallint, professional smallint, sympathetic smallint, trustworthy smallint, atmosphere smallint, effort smallint, comment text)`);
      for (const table of ['customers', 'responses']) {
        await store.run(`COPY ${table} TO ${literal(csv(table))} (HEADER, DELIMITER ',')`);
        fs.chmodSync(csv(table), 0o644);
        await client.query(`COPY ${table} FROM ${literal(csv(table))} WITH (FORMAT csv, HEADER true)`);
        fs.rmSync(csv(table));
      }
      await client.query('ALTER TABLE responses ADD PRIMARY KEY (response_id)');
      await client.query('VACUUM ANALYZE customers');
      await client.query('VACUUM ANALYZE responses');
      await client.query('CREATE TABLE loaded (tag text)');
      await client.query('INSERT INTO loaded VALUES ($1)', [tag]);
      loadSeconds = (performance.now() - started) / 1000;
      log(`  Postgres: loaded in ${loadSeconds.toFixed(0)} s`);
    }
    const { ms, result } = await timed(runs, () => client.query<CountRow>(PEER_SQL));
    const keyed: KeyedTiming[] = [];
    for (const { layout, file } of keyedFiles) {
      await loadKeyed(client, store, file, layout, `${tag}-keyed-${layout.name}`, log);
      // The same SQL text: the layout's tables are found through the search path.
      await client.query(`SET search_path = ${layout.pgSchema}`);
      const run = await timed(runs, () => client.query<CountRow>(PEER_SQL_KEYED));
      await client.query('RESET search_path');
      keyed.push({ layout, ms: run.ms, answer: answerOf(run.result.rows) });
    }
    return { ms, answer: answerOf(result.rows), loadSeconds, keyed };
  } finally {
    await client.end().catch(() => undefined);
    await server.stop();
  }
}

/**
 * A keyed layout into PostgreSQL (once per dataset), in the layout's schema: the same rows in the same
 * order, by COPY; keys, the layout's index and ANALYZE.
 */
async function loadKeyed(client: pg.Client, store: Store, keyedFile: string, layout: KeyedLayout, tag: string, log: (line: string) => void): Promise<void> {
  const schema = layout.pgSchema;
  const loaded = await client.query(`SELECT 1 FROM pg_tables WHERE tablename = 'loaded_keyed' AND schemaname = $1`, [schema]);
  if (loaded.rowCount && (await client.query<{ tag: string }>(`SELECT tag FROM ${schema}.loaded_keyed`)).rows[0]?.tag === tag) return;
  log(`  Postgres: loading the keyed layout (${layout.label}) with COPY (kept for later runs) ...`);
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await client.query(`DROP TABLE IF EXISTS ${schema}.loaded_keyed, ${schema}.responses_keyed, ${schema}.customers_keyed`);
  let personaType = 'text';
  let touchpointType = 'text';
  if (layout.enums) {
    // The same labels in the same order as DuckDB's ENUM types.
    const codes = await codeLabels(store);
    await client.query(`DROP TYPE IF EXISTS ${schema}.persona_code, ${schema}.touchpoint_code`);
    await client.query(`CREATE TYPE ${schema}.persona_code AS ${enumOf(codes.persona)}`);
    await client.query(`CREATE TYPE ${schema}.touchpoint_code AS ${enumOf(codes.touchpoint)}`);
    [personaType, touchpointType] = [`${schema}.persona_code`, `${schema}.touchpoint_code`];
  }
  await client.query(`CREATE TABLE ${schema}.customers_keyed (customer_key integer PRIMARY KEY, customer_id text NOT NULL, persona_code ${personaType} NOT NULL, unit_code text, acquired_at date, churned_at date, acquisition_cost double precision)`);
  await client.query(`CREATE TABLE ${schema}.responses_keyed (response_id text NOT NULL, customer_id text NOT NULL, touchpoint_code ${touchpointType}, responded_at timestamp NOT NULL,
    ltr smallint, satisfaction smallint, professional smallint, sympathetic smallint, trustworthy smallint, atmosphere smallint, effort smallint, comment text, customer_key integer NOT NULL)`);
  fs.chmodSync(BENCH_DIR, 0o755);
  await store.run(`ATTACH ${literal(keyedFile)} AS keyed (READ_ONLY)`);
  try {
    for (const table of ['customers_keyed', 'responses_keyed']) {
      const csv = path.join(BENCH_DIR, `peers-${table}.csv`);
      await store.run(`COPY keyed.${table} TO ${literal(csv)} (HEADER, DELIMITER ',')`);
      fs.chmodSync(csv, 0o644);
      await client.query(`COPY ${schema}.${table} FROM ${literal(csv)} WITH (FORMAT csv, HEADER true)`);
      fs.rmSync(csv);
    }
  } finally {
    await store.run('DETACH keyed');
  }
  await client.query(`ALTER TABLE ${schema}.responses_keyed ADD PRIMARY KEY (response_id)`);
  if (layout.brin) await client.query(`CREATE INDEX ON ${schema}.responses_keyed USING brin (responded_at)`);
  await client.query(`VACUUM ANALYZE ${schema}.customers_keyed`);
  await client.query(`VACUUM ANALYZE ${schema}.responses_keyed`);
  await client.query(`CREATE TABLE ${schema}.loaded_keyed (tag text)`);
  await client.query(`INSERT INTO ${schema}.loaded_keyed VALUES ($1)`, [tag]);
}

/** danfo.js in its own package and process (bench/danfo/groupby.ts), installed there on first use. */
export function danfoPeer(dataset: Dataset, log: (line: string) => void): { ms: number; answer: Answer } {
  const dir = path.join(ROOT, 'bench/danfo');
  if (!fs.existsSync(path.join(dir, 'node_modules/danfojs-node'))) {
    log('  danfo.js: npm install in bench/danfo (once; ~340 MB of TensorFlow.js, never a product dependency) ...');
    execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const child = spawnSync(
    process.execPath,
    ['--max-old-space-size=16384', '--import', '@swc-node/register/esm-register', path.join(dir, 'groupby.ts'), dataset.file, PERIOD.from, PERIOD.toExclusive],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{')) throw new Error(`danfo.js failed (exit ${child.status}): ${child.stderr.slice(-2000)}`);
  const out = JSON.parse(line) as { seconds: number } & Answer;
  return { ms: out.seconds * 1000, answer: { groups: out.groups, n: out.n, promoters: out.promoters, detractors: out.detractors } };
}

export { same };
