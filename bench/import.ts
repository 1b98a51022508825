/**
 * node --import @swc-node/register/esm-register bench/import.ts [--rows 10000000] [--fresh]
 *
 * Import rate of a responses CSV through importFile (read as text, validate every value, write in one
 * transaction) against PostgreSQL's COPY of the same file into an equivalent table (same primary key and
 * CHECKs, no references checked, no problem report), measured side by side in one run; plus the rate
 * of the generator that made the data. The data is generated once and cached in /tmp (--fresh redoes it).
 * Not a test: timings on a shared machine are noisy, so it prints numbers and never fails on them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DIMENSION_TABLES } from '../analytics/schema.js';
import { literal, quoteIdent } from '../analytics/sql.js';
import { openStore } from '../analytics/store.js';
import { importFile, type ImportResult } from '../analytics/import/importFile.js';
import { startEmbeddedPostgres } from '../server/postgres.js';
import { generate } from '../seeds/generate/index.js';

const CACHE = path.join(os.tmpdir(), 'touchpoint-bench-import');
const END_DATE = '2026-10-31';

interface Cached {
  rows: number;
  customers: number;
  generator: { totalRows: number; seconds: number; responses: number };
  createdAt: string;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (file: string) => `${(fs.statSync(file).size / 1e6).toFixed(1)} MB`;

/** Generates the data once (cached by size) and exports responses and customers as CSV. */
async function dataset(rows: number, fresh: boolean): Promise<{ db: string; responses: string; customers: string; meta: Cached }> {
  fs.mkdirSync(CACHE, { recursive: true, mode: 0o755 });
  fs.chmodSync(CACHE, 0o755); // the postgres OS user reads the CSV for COPY
  const db = path.join(CACHE, `generated-${rows}.duckdb`);
  const responses = path.join(CACHE, `responses-${rows}.csv`);
  const customers = path.join(CACHE, `customers-${rows}.csv`);
  const metaFile = path.join(CACHE, `generated-${rows}.json`);
  if (!fresh && fs.existsSync(metaFile) && fs.existsSync(responses) && fs.existsSync(customers) && fs.existsSync(db)) {
    return { db, responses, customers, meta: JSON.parse(fs.readFileSync(metaFile, 'utf8')) as Cached };
  }
  for (const file of [db, `${db}.wal`, responses, customers, metaFile]) fs.rmSync(file, { force: true });
  const customerCount = Math.max(1000, Math.round(rows / 10));
  console.log(`Generating ${fmt(customerCount)} customers and ${fmt(rows)} responses into ${db} (cached for later runs) ...`);
  const store = await openStore(db);
  try {
    const result = await generate(store, { customers: customerCount, responses: rows, months: 24, seed: 42, endDate: END_DATE });
    await store.run(`COPY responses TO ${literal(responses)} (HEADER, DELIMITER ',')`);
    await store.run(`COPY customers TO ${literal(customers)} (HEADER, DELIMITER ',')`);
    const meta: Cached = {
      rows,
      customers: customerCount,
      generator: { totalRows: result.totalRows, seconds: result.seconds, responses: result.rows.responses },
      createdAt: new Date().toISOString(),
    };
    fs.writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    for (const file of [responses, customers]) fs.chmodSync(file, 0o644);
    return { db, responses, customers, meta };
  } finally {
    await store.close();
  }
}

/** importFile into a fresh file-backed store that has the generated journey model and customers. */
async function duckImport(data: { db: string; responses: string; customers: string }, work: string): Promise<{ customers: ImportResult; responses: ImportResult }> {
  const store = await openStore(path.join(work, 'bench.duckdb'));
  try {
    await store.ensureSchema();
    await store.run(`ATTACH ${literal(data.db)} AS generated (READ_ONLY)`);
    for (const table of DIMENSION_TABLES) await store.run(`INSERT INTO ${quoteIdent(table)} SELECT * FROM generated.${quoteIdent(table)}`);
    await store.run('DETACH generated');
    const customers = await importFile(store, { kind: 'customers', file: data.customers, mode: 'replace' });
    let phase = '';
    const responses = await importFile(store, {
      kind: 'responses',
      file: data.responses,
      mode: 'replace',
      onProgress: (p) => {
        if (p.phase !== phase) process.stderr.write(`  importFile: ${p.phase} ...\n`);
        phase = p.phase;
      },
    });
    return { customers, responses };
  } finally {
    await store.close();
  }
}

const PG_TABLE = `CREATE TABLE responses (
  response_id text PRIMARY KEY,
  customer_id text NOT NULL,
  touchpoint_code text,
  responded_at timestamp NOT NULL,
  ltr smallint NOT NULL CHECK (ltr BETWEEN 0 AND 10),
  satisfaction smallint CHECK (satisfaction BETWEEN 1 AND 5),
  professional smallint CHECK (professional BETWEEN 1 AND 5),
  sympathetic smallint CHECK (sympathetic BETWEEN 1 AND 5),
  trustworthy smallint CHECK (trustworthy BETWEEN 1 AND 5),
  atmosphere smallint CHECK (atmosphere BETWEEN 1 AND 5),
  effort smallint CHECK (effort BETWEEN 1 AND 7),
  comment text
)`;

/** COPY of the same file by a real PostgreSQL 18 (embedded, default settings) into an equivalent table. */
async function postgresCopy(file: string, work: string): Promise<number> {
  const server = await startEmbeddedPostgres({ dataDir: path.join(work, 'pg'), database: 'bench' });
  const client = new pg.Client({ connectionString: server.url });
  try {
    await client.connect();
    await client.query(PG_TABLE);
    // Server-side COPY FROM a file (the postgres user reads it): no client round trips, COPY's best case.
    const started = performance.now();
    await client.query(`COPY responses FROM ${literal(file)} WITH (FORMAT csv, HEADER true)`);
    const seconds = (performance.now() - started) / 1000;
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM responses');
    if (Number(rows[0]?.n) === 0) throw new Error('Postgres COPY loaded no rows');
    return seconds;
  } finally {
    await client.end().catch(() => undefined);
    await server.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, fresh: { type: 'boolean' } }, strict: true });
  const rows = Number((values.rows ?? '10000000').replaceAll('_', ''));
  if (!Number.isInteger(rows) || rows < 1000) throw new Error(`--rows must be an integer of at least 1000, got ${values.rows}`);

  const data = await dataset(rows, values.fresh ?? false);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'touchpoint-bench-'));
  fs.chmodSync(work, 0o755);
  try {
    console.log(`Responses CSV: ${fmt(rows)} rows, ${mb(data.responses)} (${data.responses}); ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
    const duck = await duckImport(data, work);
    const load = os.loadavg()[0]!;
    const pgSeconds = await postgresCopy(data.responses, work);
    const gen = data.meta.generator;
    const line = (label: string, n: number, seconds: number, note = '') =>
      console.log(`  ${label.padEnd(34)} ${fmt(n).padStart(12)} rows in ${seconds.toFixed(1).padStart(6)} s  ${fmt(n / seconds).padStart(10)} rows/s${note}`);
    console.log('');
    line('generator (all fact tables)', gen.totalRows, gen.seconds, `  (measured ${data.meta.createdAt.slice(0, 10)} when the cache was made)`);
    line('importFile customers', duck.customers.rows, duck.customers.seconds);
    line('importFile responses', duck.responses.rows, duck.responses.seconds, '  read, validate every value, write, commit, checkpoint');
    line('Postgres COPY responses', rows, pgSeconds, '  same file and constraints, no checks beyond them');
    const ratio = pgSeconds / duck.responses.seconds;
    console.log(`\n  importFile vs Postgres COPY: ${ratio.toFixed(2)}x the rate (${duck.responses.seconds.toFixed(1)} s vs ${pgSeconds.toFixed(1)} s); load ${load.toFixed(1)} -> ${os.loadavg()[0]!.toFixed(1)}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
