/**
 * node --import @swc-node/register/esm-register bench/import.ts [--rows 10000000] [--fresh]
 * (also section `import` of npm run bench: `npm run bench -- --only import`)
 *
 * Import rate of a responses CSV, measured side by side in one run:
 *  - the CLI (`analytics/import/cli.ts responses <file> --replace`, its own figure: read, validate every
 *    value, write in one transaction, commit, checkpoint; plus the process's wall time),
 *  - importData (the GraphQL mutation of the running app on a file uploaded through
 *    POST /api/imports/upload; undo kept, history and audit written, follow-up cases opened),
 *  - PostgreSQL's COPY of the same file into an equivalent table (same primary key and CHECKs, no
 *    references checked, no problem report).
 * Both imports must give the generator's rows (count and checksum). The data is generated once and
 * cached in /tmp (--fresh redoes it). Not a test: it prints numbers and never fails on them.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DIMENSION_TABLES } from '../analytics/schema.js';
import { literal, quoteIdent } from '../analytics/sql.js';
import { openStore } from '../analytics/store.js';
import { startAnalytics } from '../server/analytics.js';
import { createApp } from '../server/app.js';
import { issueCredential } from '../server/auth/auth.service.js';
import { initORM } from '../server/db.js';
import { Role } from '../server/modules/users/user.enums.js';
import { createUser } from '../server/modules/users/user.service.js';
import { startEmbeddedPostgres } from '../server/postgres.js';
import { demoCompany } from '../seeds/demo/company.js';
import { loadDemoCompany } from '../seeds/demo/load.js';
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
async function dataset(rows: number, fresh: boolean, log: (line: string) => void): Promise<{ db: string; responses: string; customers: string; meta: Cached }> {
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
  log(`Generating ${fmt(customerCount)} customers and ${fmt(rows)} responses into ${db} (cached for later runs) ...`);
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

const CHECKSUM = (table: string) =>
  `SELECT count(*)::VARCHAR || ':' || bit_xor(hash(response_id, customer_id, touchpoint_code, responded_at, ltr, satisfaction, professional, sympathetic, trustworthy, atmosphere, effort, comment))::VARCHAR AS s FROM ${table}`;

/**
 * A store with the generated journey model and customers, ready for a responses import (closed). Returns
 * the generated responses' count:checksum, which both imports must reproduce.
 */
async function baseStore(data: { db: string }, file: string): Promise<string> {
  const store = await openStore(file);
  try {
    await store.ensureSchema();
    await store.run(`ATTACH ${literal(data.db)} AS generated (READ_ONLY)`);
    for (const table of [...DIMENSION_TABLES, 'customers']) await store.run(`INSERT INTO ${quoteIdent(table)} SELECT * FROM generated.${quoteIdent(table)}`);
    const [row] = await store.writer.all<{ s: string }>(CHECKSUM('generated.responses'));
    await store.run('DETACH generated');
    await store.markChanged('data');
    return row?.s ?? '';
  } finally {
    await store.close();
  }
}

/** count:checksum of the responses an import wrote. */
async function responsesChecksum(file: string): Promise<string> {
  const store = await openStore(file, { readConnections: 1 });
  try {
    const [row] = await store.all<{ s: string }>(CHECKSUM('responses'));
    return row?.s ?? '';
  } finally {
    await store.close();
  }
}

export interface ImportRun {
  rows: number;
  /** The import's own time (what it reports), and the whole call's (process or request). */
  seconds: number;
  wallSeconds: number;
  sameRows: boolean;
  /**
   * CPU seconds of the importing process (all its threads), which move far less with the machine's load
   * than the wall time: the CLI's own by phase (its "CPU: ..." line), importData's whole request.
   */
  cpu: string;
}

/** CPU seconds (user + system) of this process so far. */
const ownCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** CPU seconds (user + system) of another process so far, from /proc (a PostgreSQL backend). */
function processCpu(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name in parentheses: state is field 3, utime 14, stime 15 (clock ticks, 100 per second on Linux).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Reads the file once, so every import of the run (and COPY) reads it from the page cache, not the disk. */
async function intoPageCache(file: string): Promise<void> {
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 22 })) void chunk;
}

/** The CLI in its own process, as a user runs it: `npm run import -- responses <file> --replace --db <store>`. */
async function cliImport(csv: string, db: string, expected: string): Promise<ImportRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'analytics/import/cli.ts', 'responses', csv, '--replace', '--db', db], {
    cwd: path.resolve(import.meta.dirname, '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallSeconds = (performance.now() - started) / 1000;
  const match = /Imported ([\d,]+) responses .* in ([\d.]+) s/.exec(out);
  if (code !== 0 || !match) throw new Error(`The import CLI failed (exit ${code}):\n${out}\n${err.slice(-2000)}`);
  const cpu = /^CPU: (.*)$/m.exec(out)?.[1] ?? 'CPU not reported';
  return { rows: Number(match[1]!.replaceAll(',', '')), seconds: Number(match[2]), wallSeconds, sameRows: (await responsesChecksum(db)) === expected, cpu };
}

/**
 * importData as the app serves it: Postgres with the demo company (the generator's journey model), the
 * app on a free port, an analyst's API token; the file uploaded through the upload route, then imported
 * (replace) by the mutation. The mutation's time is the import; the upload is reported beside it.
 */
async function apiImport(csv: string, db: string, work: string, expected: string): Promise<ImportRun & { uploadSeconds: number }> {
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(work, 'pg-app'), database: 'touchpoint' });
  const orm = await initORM(postgres.url, { debug: false });
  let analytics: Awaited<ReturnType<typeof startAnalytics>> | undefined;
  const server = http.createServer();
  try {
    await loadDemoCompany(orm.em.fork(), demoCompany);
    const em = orm.em.fork();
    const { user } = await createUser(em, { email: 'bench-import@touchpoint.local', name: 'Bench import', role: Role.ANALYST });
    const { secret } = issueCredential(em, user, 'API_TOKEN', 'bench import');
    await em.flush();
    analytics = await startAnalytics(db, postgres.url);
    const importDir = path.join(work, 'imports');
    const { app } = await createApp({ orm, analytics: analytics.store, production: true, onModelChanged: analytics.syncModel, importDir, uploadMaxBytes: fs.statSync(csv).size + 1 });
    server.on('request', app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('bench/import: the app has no port');
    const base = `http://127.0.0.1:${address.port}`;
    const auth = { authorization: `Bearer ${secret}` };

    const uploadStarted = performance.now();
    const upload = await fetch(`${base}/api/imports/upload?name=${encodeURIComponent(path.basename(csv))}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/octet-stream', 'content-length': String(fs.statSync(csv).size) },
      body: Readable.toWeb(fs.createReadStream(csv)) as ReadableStream<Uint8Array>,
      duplex: 'half',
    } as RequestInit);
    const uploaded = (await upload.json()) as { file?: string; error?: { message: string } };
    const uploadSeconds = (performance.now() - uploadStarted) / 1000;
    if (!upload.ok || !uploaded.file) throw new Error(`bench/import: upload failed (${upload.status}): ${uploaded.error?.message ?? ''}`);

    const started = performance.now();
    const cpuBefore = ownCpu();
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation Import($file: String!) { importData(kind: RESPONSES, stagedFile: $file, mode: REPLACE) { rows seconds } }',
        variables: { file: uploaded.file },
      }),
    });
    const body = (await response.json()) as { data?: { importData: { rows: number; seconds: number } }; errors?: { message: string }[] };
    const wallSeconds = (performance.now() - started) / 1000;
    const cpu = `${(ownCpu() - cpuBefore).toFixed(1)} s (the request; the app runs in this process)`;
    if (!body.data) throw new Error(`bench/import: importData failed: ${body.errors?.map((e) => e.message).join('; ') ?? response.status}`);
    const { rows, seconds } = body.data.importData;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await analytics.close();
    analytics = undefined;
    return { rows, seconds, wallSeconds, uploadSeconds, sameRows: (await responsesChecksum(db)) === expected, cpu };
  } finally {
    if (server.listening) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await analytics?.close();
    await orm.close(true);
    await postgres.stop();
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
async function postgresCopy(file: string, work: string): Promise<{ seconds: number; cpuSeconds: number }> {
  const server = await startEmbeddedPostgres({ dataDir: path.join(work, 'pg'), database: 'bench' });
  const client = new pg.Client({ connectionString: server.url });
  try {
    await client.connect();
    await client.query(PG_TABLE);
    // Server-side COPY FROM a file (the postgres user reads it): no client round trips, COPY's best case.
    const [backend] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    const pid = backend?.pid ?? 0;
    const started = performance.now();
    const cpuBefore = processCpu(pid);
    await client.query(`COPY responses FROM ${literal(file)} WITH (FORMAT csv, HEADER true)`);
    const seconds = (performance.now() - started) / 1000;
    // The backend that ran COPY (PostgreSQL's background writer and WAL writer are not counted).
    const cpuSeconds = processCpu(pid) - cpuBefore;
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM responses');
    if (Number(rows[0]?.n) === 0) throw new Error('Postgres COPY loaded no rows');
    return { seconds, cpuSeconds };
  } finally {
    await client.end().catch(() => undefined);
    await server.stop();
  }
}

export interface ImportBench {
  rows: number;
  bytes: number;
  cli: ImportRun;
  api: ImportRun & { uploadSeconds: number };
  postgresSeconds: number;
  /** CPU seconds of the PostgreSQL backend that ran COPY. */
  postgresCpuSeconds: number;
  load: number[];
}

/** The three imports of one responses CSV of `rows` rows, one after the other in one run. */
export async function benchImport(rows: number, log: (line: string) => void, fresh = false): Promise<ImportBench> {
  const data = await dataset(rows, fresh, log);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'touchpoint-bench-'));
  fs.chmodSync(work, 0o755);
  try {
    const load = [os.loadavg()[0] ?? 0];
    const bytes = fs.statSync(data.responses).size;
    log(`Import: responses CSV of ${fmt(rows)} rows, ${mb(data.responses)} (${data.responses}); ${os.cpus().length} cores, load ${load[0]!.toFixed(1)}`);
    const base = path.join(work, 'base.duckdb');
    const expected = await baseStore(data, base);
    const cliDb = path.join(work, 'cli.duckdb');
    const apiDb = path.join(work, 'api.duckdb');
    fs.copyFileSync(base, cliDb);
    fs.copyFileSync(base, apiDb);
    fs.rmSync(base);
    await intoPageCache(data.responses);
    log('  the CLI ... (the file was read once first: all three read it from the page cache)');
    const cli = await cliImport(data.responses, cliDb, expected);
    fs.rmSync(cliDb);
    load.push(os.loadavg()[0] ?? 0);
    log('  importData (upload, then the mutation) ...');
    const api = await apiImport(data.responses, apiDb, work, expected);
    fs.rmSync(apiDb);
    load.push(os.loadavg()[0] ?? 0);
    log('  PostgreSQL COPY ...');
    const copy = await postgresCopy(data.responses, work);
    load.push(os.loadavg()[0] ?? 0);
    return { rows, bytes, cli, api, postgresSeconds: copy.seconds, postgresCpuSeconds: copy.cpuSeconds, load };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, fresh: { type: 'boolean' } }, strict: true });
  const rows = Number((values.rows ?? '10000000').replaceAll('_', ''));
  if (!Number.isInteger(rows) || rows < 1000) throw new Error(`--rows must be an integer of at least 1000, got ${values.rows}`);
  const result = await benchImport(rows, (line) => console.log(line), values.fresh ?? false);
  const line = (label: string, n: number, seconds: number, note = '') =>
    console.log(`  ${label.padEnd(34)} ${fmt(n).padStart(12)} rows in ${seconds.toFixed(1).padStart(6)} s  ${fmt(n / seconds).padStart(10)} rows/s${note}`);
  const same = (run: ImportRun) => (run.sameRows ? "the generator's rows" : 'ROWS DIFFER FROM THE GENERATOR');
  console.log('');
  line('CLI (importFile)', result.cli.rows, result.cli.seconds, `  (process ${result.cli.wallSeconds.toFixed(1)} s; ${same(result.cli)})\n      CPU: ${result.cli.cpu}`);
  line('importData (GraphQL)', result.api.rows, result.api.seconds, `  (request ${result.api.wallSeconds.toFixed(1)} s; upload before it ${result.api.uploadSeconds.toFixed(1)} s; ${same(result.api)})\n      CPU: ${result.api.cpu}`);
  line('PostgreSQL COPY', result.rows, result.postgresSeconds, `  same file and constraints, no checks beyond them\n      CPU: ${result.postgresCpuSeconds.toFixed(1)} s (the backend)`);
  console.log(
    `\n  vs PostgreSQL COPY: CLI ${(result.postgresSeconds / result.cli.seconds).toFixed(2)}x the rate, importData ${(result.postgresSeconds / result.api.wallSeconds).toFixed(2)}x (request time); load ${result.load.map((l) => l.toFixed(1)).join(' -> ')}`,
  );
}

// Run directly (not imported by bench/run.ts).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
