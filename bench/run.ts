/**
 * npm run bench [-- --quick] [--seconds 10] [--connections 1,10,50] [--only api,peers,first,scale,import] [--queries 'point lookup,...'] [--danfo-responses N] [--profile DIR]
 *
 * One table of ratios, everything measured side by side in one run (bench/README.md reads it):
 *  1. API: journey map (240 touchpoints with metrics for a persona and 12 months), a point lookup and
 *     the prioritisation, under autocannon at 1/10/50 connections, against a hand-written pg + DuckDB
 *     baseline that returns the same JSON (checked); SQL statements per request.
 *  2. Analytics peers on the 10M responses / 1M customers store: DuckDB vs the same SQL in PostgreSQL vs
 *     danfo.js, and DuckDB vs a memory-bandwidth floor.
 *  3. Scale: the same analytics query, the journey map's metrics and the prioritisation at 1M, 10M, 30M.
 *  4. Import: a responses CSV (10M rows; --quick 1M) through the CLI and through importData (upload, then
 *     the mutation), against PostgreSQL's COPY of the same file (bench/import.ts).
 * Stores are generated once into .data/bench/ and reused. --quick: 1M store, 100k/1M scale, 3 s loads.
 * Not a test: it prints numbers and never fails on them.
 */
import '../server/productionEnv.js';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { getMetrics } from '../analytics/queries/metrics/getMetrics.js';
import { getPriorities } from '../analytics/queries/priorities/getPriorities.js';
import { clearSumsCache } from '../analytics/queries/drivers/customerTouchpointSums.js';
import { benchApi, QUERIES, type ApiResult, type QueryName } from './api.js';
import { benchImport } from './import.js';
import { BENCH_FILTER, ensureDataset, openDataset, type Dataset } from './datasets.js';
import { benchFirstRequest } from './firstRequest.js';
import { danfoPeer, duckdbKeyedPeer, duckdbPeer, KEYED_LAYOUTS, keyedDuckdbFile, memoryFloor, pgSettingsLabel, postgresPeer, same, scannedBytes, type Answer, type KeyedLayout } from './peers.js';
import { count, ms, ratio, render, timed } from './table.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seconds: { type: 'string' },
    connections: { type: 'string', default: '1,10,50' },
    only: { type: 'string', default: 'api,peers,first,scale,import' },
    'danfo-responses': { type: 'string' },
    queries: { type: 'string', default: Object.keys(QUERIES).join(',') },
    profile: { type: 'string' },
  },
  strict: true,
});
const quick = values.quick ?? false;
const MAIN = quick ? 1_000_000 : 10_000_000;
const SCALE = quick ? [100_000, 1_000_000] : [1_000_000, 10_000_000, 30_000_000];
// danfo.js needs ~75 s for 1M responses here and grows faster than linearly; 10M would take a quarter of an hour.
const DANFO = Number(values['danfo-responses'] ?? (quick ? 100_000 : 1_000_000));
const SECONDS = Number(values.seconds ?? (quick ? 3 : 10));
const CONNECTIONS = values.connections.split(',').map(Number);
const only = new Set(values.only.split(','));
const RUNS = 3;

const log = (line: string) => process.stderr.write(`${line}\n`);
type Row = [string, string, string, string, string];
const rows: Row[] = [];
const started = performance.now();
const load = [os.loadavg()[0] ?? 0];

const filter = BENCH_FILTER;

/** A section that fails leaves a row saying so; the others still print. */
async function section(name: string, fn: () => Promise<void>): Promise<void> {
  if (!only.has(name)) return;
  try {
    await fn();
  } catch (error) {
    log(String(error instanceof Error ? (error.stack ?? error.message) : error));
    rows.push([`${name}: FAILED`, '', String(error instanceof Error ? error.message : error).split('\n')[0]?.slice(0, 120) ?? '', '', '']);
  }
}

await section('api', async () => {
  const dataset = await ensureDataset(MAIN, log);
  const queries = values.queries.split(',').filter((q): q is QueryName => q in QUERIES);
  const api = await benchApi(dataset, { seconds: SECONDS, connections: CONNECTIONS, queries, log, profileDir: values.profile });
  apiRows(api, dataset);
  load.push(os.loadavg()[0] ?? 0);
});

await section('peers', async () => {
  const dataset = await ensureDataset(MAIN, log);
  log(`Peers on ${count(dataset.responses)} responses / ${count(dataset.customers)} customers ...`);
  const store = await openDataset(dataset, log);
  let duck: { ms: number; answer: Answer };
  let postgres: Awaited<ReturnType<typeof postgresPeer>>;
  const duckKeyed: { layout: KeyedLayout; ms: number; answer: Answer }[] = [];
  try {
    duck = await duckdbPeer(store, RUNS);
    const keyedFiles: { layout: KeyedLayout; file: string }[] = [];
    for (const layout of KEYED_LAYOUTS) {
      const file = await keyedDuckdbFile(dataset, store, log, layout);
      keyedFiles.push({ layout, file });
      duckKeyed.push({ layout, ...(await duckdbKeyedPeer(file, RUNS)) });
    }
    postgres = await postgresPeer(dataset, store, RUNS, log, keyedFiles);
  } finally {
    await store.close();
  }
  const size = `${count(dataset.responses)}/${count(dataset.customers)}`;
  const check = (answer: Answer) => (same(answer, duck.answer) ? 'same answer' : `DIFFERENT ANSWER ${JSON.stringify(answer)} vs ${JSON.stringify(duck.answer)}`);
  rows.push([
    `NPS per touchpoint × persona, 12 months (responses ⨝ customers; PG ${pgSettingsLabel})`,
    size,
    `DuckDB ${ms(duck.ms)}`,
    `PostgreSQL 18 ${ms(postgres.ms)}`,
    `${ratio(duck.ms / postgres.ms)}  (${check(postgres.answer)}; PG ${ratio(postgres.ms / duck.ms)} slower)`,
  ]);
  for (const pgKeyed of postgres.keyed) {
    const ours = duckKeyed.find((d) => d.layout === pgKeyed.layout);
    if (!ours) continue;
    rows.push([
      `  same, integer customer key in both engines, ${pgKeyed.layout.label}`,
      size,
      `DuckDB ${ms(ours.ms)}`,
      `PostgreSQL 18 ${ms(pgKeyed.ms)}`,
      `${ratio(ours.ms / pgKeyed.ms)}  (${check(pgKeyed.answer)}${same(ours.answer, duck.answer) ? '' : ', DuckDB keyed DIFFERS'}; PG ${ratio(pgKeyed.ms / ours.ms)} slower)`,
    ]);
  }
  const floor = memoryFloor(scannedBytes(dataset));
  rows.push(['  vs memory-bandwidth floor (1 JS thread sums the scanned bytes)', size, `DuckDB ${ms(duck.ms)}`, `floor ${ms(floor)} (${(scannedBytes(dataset) / 1e6).toFixed(0)} MB)`, ratio(duck.ms / floor)]);

  const small = await ensureDataset(DANFO, log);
  log(`danfo.js on ${count(small.responses)} responses ...`);
  const smallStore = await openDataset(small, log);
  let duckSmall: { ms: number; answer: Answer };
  try {
    duckSmall = await duckdbPeer(smallStore, RUNS);
  } finally {
    await smallStore.close();
  }
  const danfo = danfoPeer(small, log);
  const danfoCheck = same(danfo.answer, duckSmall.answer) ? 'same answer' : `DIFFERENT ANSWER ${JSON.stringify(danfo.answer)} vs ${JSON.stringify(duckSmall.answer)}`;
  rows.push(['  same query in danfo.js (filter, merge, groupby; 1 run)', `${count(small.responses)}/${count(small.customers)}`, `DuckDB ${ms(duckSmall.ms)}`, `danfo.js ${ms(danfo.ms)}`, `${ratio(duckSmall.ms / danfo.ms)}  (${danfoCheck}; danfo ${ratio(danfo.ms / duckSmall.ms)} slower)`]);
  load.push(os.loadavg()[0] ?? 0);
});

await section('first', async () => {
  const dataset = await ensureDataset(MAIN, log);
  const first = await benchFirstRequest(dataset, log);
  const size = count(dataset.responses);
  if (first.migrateMs !== null) rows.push(['daily rollup, keyed answers and margins, customer margins computed on opening an older store', size, ms(first.migrateMs), '', '']);
  for (const t of first.timings) {
    rows.push([
      `first ${t.name} after an import (${count(first.appended)} answers, ${ms(first.importMs)}), unseen cut`,
      size,
      `${ms(t.ms)} · ${t.statements} statements · CPU ${ms(t.cpuMs)}`,
      `facts only ${ms(t.factsMs)} · CPU ${ms(t.factsCpuMs)}`,
      `${ratio(t.ms / t.factsMs)}${t.ms <= 1000 ? ' (≤ 1 s)' : ' (> 1 s)'}`,
    ]);
  }
  load.push(os.loadavg()[0] ?? 0);
});

await section('scale', async () => {
  const points: { dataset: Dataset; peer: number; metrics: number; priorities: number }[] = [];
  for (const size of SCALE) {
    const dataset = await ensureDataset(size, log);
    log(`Scale: ${count(size)} responses ...`);
    const store = await openDataset(dataset, log);
    try {
      const peer = (await duckdbPeer(store, RUNS)).ms;
      // As the map asks: three levels in one statement, NPS and CSAT only.
      const metrics = (await timed(RUNS, () => getMetrics(store, filter, { groupingSets: [['JOURNEY'], ['PHASE'], ['TOUCHPOINT']], measures: { customers: false, ratings: false } }))).ms;
      // Recomputed each time: the driver sums are otherwise remembered per data fingerprint.
      const priorities = (await timed(1, () => (clearSumsCache(store), getPriorities(store, filter)))).ms;
      points.push({ dataset, peer, metrics, priorities });
    } finally {
      await store.close();
    }
  }
  const first = points[0];
  for (const [label, key] of [
    ['scale: NPS per touchpoint × persona (DuckDB)', 'peer'],
    ['scale: journey map metrics, 3 levels (getMetrics, uncached)', 'metrics'],
    ['scale: prioritisation (getPriorities, uncached driver sums)', 'priorities'],
  ] as const) {
    if (!first) break;
    for (const point of points) {
      const sizeRatio = point.dataset.responses / first.dataset.responses;
      const timeRatio = point[key] / first[key];
      rows.push([
        point === first ? label : '',
        count(point.dataset.responses),
        ms(point[key]),
        point === first ? 'baseline size' : `× ${sizeRatio.toFixed(0)} the rows`,
        point === first ? '' : `× ${timeRatio.toFixed(1)} the time (${ratio(timeRatio / sizeRatio)} of linear)`,
      ]);
    }
  }
  load.push(os.loadavg()[0] ?? 0);
});

await section('import', async () => {
  const result = await benchImport(MAIN, log);
  const size = count(result.rows);
  const rate = (seconds: number) => `${count(result.rows / seconds)} rows/s (${seconds.toFixed(1)} s)`;
  const copy = `PostgreSQL COPY ${rate(result.postgresSeconds)}`;
  const same = (ok: boolean) => (ok ? "generator's rows" : 'ROWS DIFFER');
  rows.push(['import responses CSV: CLI (read, check every value, write, commit)', size, `CLI ${rate(result.cli.seconds)}`, copy, `${ratio(result.cli.seconds / result.postgresSeconds)}  (rate ${ratio(result.postgresSeconds / result.cli.seconds)} COPY's; ${same(result.cli.sameRows)})`]);
  rows.push(['  importData (GraphQL mutation on the uploaded file)', size, `importData ${rate(result.api.wallSeconds)}`, copy, `${ratio(result.api.wallSeconds / result.postgresSeconds)}  (rate ${ratio(result.postgresSeconds / result.api.wallSeconds)} COPY's; ${same(result.api.sameRows)})`]);
  rows.push(['  upload before it (POST /api/imports/upload, streamed to disk)', `${(result.bytes / 1e6).toFixed(0)} MB`, `${count(result.rows / result.api.uploadSeconds)} rows/s (${result.api.uploadSeconds.toFixed(1)} s)`, '', '']);
  rows.push(['  CLI process, start to exit (Node start, TypeScript, open store)', size, rate(result.cli.wallSeconds), '', '']);
  // CPU seconds move far less with the machine's load than wall times (saving: the derived tables, commit, checkpoint).
  rows.push(['  CPU seconds: CLI by phase; importData request; COPY backend', size, `CLI ${result.cli.cpu} · importData ${result.api.cpu}`, `COPY ${result.postgresCpuSeconds.toFixed(1)} s`, '']);
  load.push(os.loadavg()[0] ?? 0);
});

console.log(`\nnpm run bench${quick ? ' -- --quick' : ''}: ${os.cpus().length} cores, load ${load.map((l) => l.toFixed(1)).join(' → ')}, ${((performance.now() - started) / 1000).toFixed(0)} s; ratio = Touchpoint ÷ peer (time; < 1 is faster), req/s ratio = Touchpoint ÷ peer`);
console.log(render(['benchmark', 'size', 'Touchpoint', 'peer', 'ratio'], rows));

function apiRows(api: ApiResult, dataset: Dataset): void {
  const size = count(dataset.responses);
  for (const name of Object.keys(QUERIES) as QueryName[]) {
    for (const connections of CONNECTIONS) {
      const ours = api.runs.find((r) => r.query === name && r.impl === 'GraphQL' && r.connections === connections);
      const peer = api.runs.find((r) => r.query === name && r.impl === 'baseline' && r.connections === connections);
      if (!ours || !peer) continue;
      const cell = (r: typeof ours) => `p50 ${ms(r.p50)} · p95 ${ms(r.p95)} · ${r.rps.toFixed(1)}/s${r.errors ? ` · ${r.errors} err` : ''}`;
      rows.push([
        `API ${name}, ${connections} conn`,
        size,
        `GraphQL ${cell(ours)}`,
        `SQL ${cell(peer)}`,
        `p50 ${ratio(ours.p50 / peer.p50)} · p95 ${ratio(ours.p95 / peer.p95)} · req/s ${ratio(ours.rps / peer.rps)}`,
      ]);
    }
    const ours = api.statements.find((s) => s.query === name && s.impl === 'GraphQL');
    const peer = api.statements.find((s) => s.query === name && s.impl === 'baseline');
    if (ours && peer) {
      rows.push([
        `  first request (cold): statements, time`,
        size,
        `pg ${ours.pg} + DuckDB ${ours.duckdb} · ${ms(ours.firstMs)}`,
        `pg ${peer.pg} + DuckDB ${peer.duckdb} · ${ms(peer.firstMs)}`,
        `statements ${ratio((ours.pg + ours.duckdb) / (peer.pg + peer.duckdb))} · time ${ratio(ours.firstMs / peer.firstMs)}`,
      ]);
    }
    const after = api.afterImport.requests.find((s) => s.query === name && s.impl === 'GraphQL');
    const afterPeer = api.afterImport.requests.find((s) => s.query === name && s.impl === 'baseline');
    if (after && afterPeer) {
      rows.push([
        `  first request after an import (${count(api.afterImport.answers)} answers, ${ms(api.afterImport.importMs)})`,
        size,
        `pg ${after.pg} + DuckDB ${after.duckdb} · ${ms(after.firstMs)}`,
        `pg ${afterPeer.pg} + DuckDB ${afterPeer.duckdb} · ${ms(afterPeer.firstMs)}`,
        `time ${ratio(after.firstMs / afterPeer.firstMs)}`,
      ]);
    }
  }
}
