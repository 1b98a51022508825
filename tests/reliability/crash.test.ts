import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../analytics/import/importFile.js';
import { literal } from '../../analytics/sql.js';
import { FACT_TABLES } from '../../analytics/schema.js';
import { openStore } from '../../analytics/store.js';
import { checksum } from '../fixtures/import/store.js';
import { freshDatabase } from '../support/testApp.js';
import { account, gqlPost, startServerProcess, signIn, tempDir, type ServerProcess } from './support/serverProcess.js';
import { prng } from './support/traffic.js';

let dir: string;
let db: Awaited<ReturnType<typeof freshDatabase>>;
let env: Record<string, string>;
let server: ServerProcess | undefined;
let admin: { email: string; role: string; password: string };
const random = prng(77);

beforeAll(async () => {
  dir = tempDir('touchpoint-crash-');
  db = await freshDatabase();
  fs.mkdirSync(path.join(dir, 'imports'));
  env = { DATABASE_URL: db.url, DATA_DIR: dir, DUCKDB_PATH: path.join(dir, 'analytics.duckdb'), IMPORT_DIR: path.join(dir, 'imports') };
  // First start: the demo company and its generated data; keep the admin's one-time password.
  server = await startServerProcess(env);
  admin = account(server, 'ADMIN');
});
afterAll(async () => {
  await server?.kill('SIGTERM');
  await db?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function restart(): Promise<{ server: ServerProcess; cookie: string }> {
  if (server?.alive()) await server.kill('SIGKILL');
  server = await startServerProcess(env);
  return { server, cookie: await signIn(server.url, admin) };
}

/** Fact tables only (store_meta records when the import ran). */
async function factSums(): Promise<Record<string, string>> {
  const store = await openStore(env.DUCKDB_PATH!);
  try {
    const all = await checksum(store);
    return Object.fromEntries(FACT_TABLES.map((t) => [t, all[t]!]));
  } finally {
    await store.close();
  }
}

/** Resolves when the store file or its WAL has grown by a megabyte: the import is writing its rows. */
async function writing(file: string, timeoutMs: number): Promise<boolean> {
  const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  const initial = size(file) + size(`${file}.wal`);
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (size(file) + size(`${file}.wal`) > initial + 2 ** 20) return true;
    await sleep(10);
  }
  return false;
}

describe('SIGKILL of the server', () => {
  it('during importData: afterwards the fact tables are exactly the before or the after state, and the server serves them', async () => {
    await server!.kill('SIGTERM');
    // A replace of all answers by a file of 150,000 (existing customers, real touchpoint codes).
    const csv = path.join(env.IMPORT_DIR!, 'responses.csv');
    const store = await openStore(env.DUCKDB_PATH!);
    await store.run(`COPY (
      SELECT 'K' || i AS response_id, c.customer_id, CASE WHEN i % 4 = 0 THEN NULL ELSE t.code END AS touchpoint_code,
        TIMESTAMP '2025-06-01' + to_seconds(i * 7) AS responded_at, i % 11 AS ltr, 1 + i % 5 AS satisfaction, 'kill test ' || i AS comment
      FROM range(150000) r(i)
      JOIN (SELECT customer_id, row_number() OVER (ORDER BY customer_id) - 1 AS n FROM customers) c ON c.n = i % 1000
      JOIN (SELECT code, row_number() OVER (ORDER BY code) - 1 AS n FROM dim_touchpoints WHERE code IS NOT NULL) t ON t.n = i % 20
    ) TO ${literal(csv)} (HEADER)`);
    await store.close();
    const before = await factSums();
    // The after state, made on a copy of the store file.
    const copy = path.join(dir, 'after.duckdb');
    fs.copyFileSync(env.DUCKDB_PATH!, copy);
    const copyStore = await openStore(copy);
    const result = await importFile(copyStore, { kind: 'responses', file: csv, mode: 'replace' });
    const all = await checksum(copyStore);
    await copyStore.close();
    const after = Object.fromEntries(FACT_TABLES.map((t) => [t, all[t]!]));
    expect(result.rows).toBe(150_000);
    expect(after).not.toEqual(before);

    // Killed as soon as the import starts writing (it reads and validates for seconds before).
    const { server: s, cookie } = await restart();
    const started = Date.now();
    void gqlPost(s.url, 'mutation { importData(kind: RESPONSES, stagedFile: "responses.csv", mode: REPLACE) { rows } }', {}, cookie).catch(() => null);
    const wrote = await writing(env.DUCKDB_PATH!, 120_000);
    await s.kill('SIGKILL');
    const killedAfter = Date.now() - started;
    const state = await factSums();
    const which = JSON.stringify(state) === JSON.stringify(before) ? 'before' : JSON.stringify(state) === JSON.stringify(after) ? 'after' : 'neither';
    console.log(`import kill: SIGKILL ${killedAfter} ms into importData${wrote ? ', while it was writing' : ' (it never wrote)'}; the store is in the ${which} state (an import takes ${result.seconds.toFixed(1)} s in-process)`);
    expect(wrote).toBe(true);
    expect(which, JSON.stringify({ state, before, after })).not.toBe('neither');
  }, 240_000);

  it('during a series of journey edits: after restart the model is exactly the state after the last committed edit (or the one in flight)', async () => {
    let { server: s, cookie } = await restart();
    // The store the import kill left behind opens and serves.
    const total = await gqlPost(s.url, '{ responses(first: 1) { total } }', {}, cookie);
    expect(total.json?.data?.responses.total).toBeGreaterThan(0);
    const read = async () => {
      const r = await gqlPost(s.url, '{ journeys { id name state improves { id } phases { id position touchpoints { id position } } } }', {}, cookie);
      if (!r.json?.data) throw new Error(r.body);
      return r.json.data.journeys as { id: string; name: string; state: string; improves: { id: string } | null; phases: { id: string; position: number; touchpoints: { id: string; position: number }[] }[] }[];
    };
    const start = await read();
    const source = start.find((j) => j.state === 'AS_IS')!;
    const phase = [...source.phases].sort((a, b) => b.touchpoints.length - a.touchpoints.length)[0]!;
    const order0 = [...phase.touchpoints].sort((a, b) => a.position - b.position).map((t) => t.id);
    const tpCount = source.phases.reduce((n, p) => n + p.touchpoints.length, 0);

    // Edits one after the other: copy the journey (a big insert), reverse a phase's touchpoints, ...
    const edits = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0
        ? { query: 'mutation($id: ID!, $n: String) { copyJourneyToBe(id: $id, name: $n) { id } }', variables: { id: source.id, n: `crash copy ${i / 2}` } }
        : { query: 'mutation($p: ID!, $t: [ID!]!) { reorderTouchpoints(phaseId: $p, touchpointIds: $t) { id } }', variables: { p: phase.id, t: Math.floor(i / 2) % 2 === 0 ? [...order0].reverse() : order0 } },
    );
    let answered = 0;
    const run = (async () => {
      for (const edit of edits) {
        const r = await gqlPost(s.url, edit.query, edit.variables, cookie);
        if (r.json?.errors) throw new Error(r.body);
        answered++;
      }
    })().catch(() => undefined);
    await sleep(1_500 + random() * 2_000);
    await s.kill('SIGKILL');
    const acknowledged = answered;
    await run;

    ({ server: s, cookie } = await restart());
    const end = await read();
    const copies = end.filter((j) => j.name.startsWith('crash copy'));
    const reorders = (k: number) => Math.floor(k / 2);
    const orderAfter = (k: number) => (reorders(k) % 2 === 1 ? [...order0].reverse() : order0);
    const phaseNow = end.find((j) => j.id === source.id)!.phases.find((p) => p.id === phase.id)!;
    const orderNow = [...phaseNow.touchpoints].sort((a, b) => a.position - b.position).map((t) => t.id);
    // The state after k edits: ceil(k/2) complete copies, the order after floor(k/2) reversals.
    const matches = [acknowledged, acknowledged + 1].filter((k) => copies.length === Math.ceil(k / 2) && JSON.stringify(orderNow) === JSON.stringify(orderAfter(k)));
    console.log(`journey edit kill: ${acknowledged} of ${edits.length} edits answered before the kill; after restart ${copies.length} copies, order ${JSON.stringify(orderNow) === JSON.stringify(order0) ? 'original' : 'reversed'} -> state after ${matches.join(' or ')} edits`);
    expect(acknowledged).toBeGreaterThan(0);
    expect(acknowledged).toBeLessThan(edits.length);
    expect(matches.length).toBeGreaterThan(0);
    for (const copy of copies) {
      // No half copy: every copy has all phases and touchpoints, positions 0..n-1.
      expect(copy.improves?.id).toBe(source.id);
      expect(copy.phases.length).toBe(source.phases.length);
      expect(copy.phases.reduce((n, p) => n + p.touchpoints.length, 0)).toBe(tpCount);
    }
    for (const journey of end) {
      for (const p of journey.phases) expect(p.touchpoints.map((t) => t.position).sort((a, b) => a - b)).toEqual(p.touchpoints.map((_, i) => i));
    }
  }, 240_000);
});
