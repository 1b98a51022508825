/**
 * Section 1 of npm run bench: the GraphQL API under autocannon beside a hand-written baseline serving
 * the same results from the same processes (same Postgres, same DuckDB store, same Node), so the ratio
 * is the cost of Apollo + type-graphql + MikroORM + the analytics query layer.
 */
import fs from 'node:fs';
import http from 'node:http';
import inspector from 'node:inspector/promises';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { startAnalytics } from '../server/analytics.js';
import { createApp } from '../server/app.js';
import { issueCredential } from '../server/auth/auth.service.js';
import { initORM } from '../server/db.js';
import { startEmbeddedPostgres } from '../server/postgres.js';
import { Role } from '../server/modules/users/user.enums.js';
import { createUser } from '../server/modules/users/user.service.js';
import { demoCompany } from '../seeds/demo/company.js';
import { loadDemoCompany } from '../seeds/demo/load.js';
import { importFile } from '../analytics/import/importFile.js';
import { clearSumsCache } from '../analytics/queries/drivers/customerTouchpointSums.js';
import type { JsonRow, Queryable, RowSchema, SqlParams, Store } from '../analytics/store.js';
import { createBaseline } from './baseline.js';
import { BIG_JOURNEY, createBigJourney, writeBigJourneyAnswers } from './bigJourney.js';
import { BENCH_DIR, BENCH_FILTER, END_DATE, type Dataset } from './datasets.js';
import { percentile } from './table.js';

export interface ApiRun {
  query: string;
  impl: 'GraphQL' | 'baseline';
  connections: number;
  p50: number;
  p95: number;
  rps: number;
  /**
   * CPU milliseconds this process spent per answered request (server, baseline and autocannon share the
   * process, so it includes the client's share). Steadier than times on a loaded machine.
   */
  cpuMsPerRequest: number;
  errors: number;
}

export interface ApiResult {
  runs: ApiRun[];
  /** SQL statements of the first request (cold: nothing cached yet) and its time, per query and implementation. */
  statements: { query: string; impl: 'GraphQL' | 'baseline'; pg: number; duckdb: number; firstMs: number }[];
  /** One sequential request per query after the load, cold caches aside. */
  setup: { touchpoints: number; answers: number; seconds: number };
  /**
   * After the load: the same answers again under new ids, appended with importFile (which recomputes
   * the cuts asked before it: analytics/queries/warmUp.ts), then the first request of each kind.
   */
  afterImport: { importMs: number; answers: number; requests: { query: string; impl: 'GraphQL' | 'baseline'; pg: number; duckdb: number; firstMs: number }[] };
}

/** Counts statements: every pg query (the ORM's and the baseline's) and every DuckDB statement of the store. */
const counts = { pg: 0, duckdb: 0 };
function countPgQueries(): void {
  const proto = pg.Client.prototype;
  const original = proto.query;
  const counted: typeof original = function (this: pg.Client, ...args: unknown[]) {
    counts.pg++;
    return Reflect.apply(original, this, args);
  };
  proto.query = counted;
}
function countingStore(store: Store): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'all' || key === 'run') {
        counts.duckdb++;
        if (process.env.BENCH_LOG_SQL) {
          const fn = Reflect.get(target, key, receiver);
          return (sql: string, ...rest: unknown[]) => (console.error(`[duckdb] ${sql.replace(/\s+/g, ' ').slice(0, 160)}`), Reflect.apply(fn, target, [sql, ...rest]));
        }
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

/** The same counting for a plain Queryable (the baseline's connection). */
function countingQueryable(db: Queryable): Queryable {
  function all<T extends JsonRow = JsonRow>(sql: string, params?: SqlParams): Promise<T[]>;
  function all<T>(sql: string, params: SqlParams | undefined, schema: RowSchema<T>): Promise<T[]>;
  function all(sql: string, params?: SqlParams, schema?: RowSchema<unknown>): Promise<unknown[]> {
    counts.duckdb++;
    return schema ? db.all(sql, params, schema) : db.all(sql, params);
  }
  return { run: (sql, params) => (counts.duckdb++, db.run(sql, params)), all };
}

const METRICS = 'nps { n nps ciLow ciHigh promoters passives detractors lowSample } csat { mean n }';
export const QUERIES = {
  'journey map (240 tp)': `query Map($id: ID!, $filter: AnalyticsFilterInput) {
    journey(id: $id) { id name state metrics(filter: $filter) { ${METRICS} }
      phases { id name position emotion metrics(filter: $filter) { ${METRICS} }
        touchpoints { id name position code channel online direct critical responsible department { id name } metrics(filter: $filter) { ${METRICS} } } } } }`,
  'point lookup': 'query Lookup($id: ID!) { journey(id: $id) { id name state purpose owner } }',
  prioritisation: `query Priorities($filter: AnalyticsFilterInput) {
    priorities(filter: $filter) { outcome rSquared driverCustomers
      touchpoints { touchpointCode touchpointName importance quadrant nps { nps n ciLow ciHigh } targetNps gapNps customersReached valueAtStake valueRank } } }`,
} as const;
export type QueryName = keyof typeof QUERIES;

export async function benchApi(
  dataset: Dataset,
  options: {
    seconds: number;
    connections: number[];
    queries?: QueryName[];
    log: (line: string) => void;
    /** Writes a CPU profile of each GraphQL load run here (`<query>-c<connections>.cpuprofile`; open it in Chrome's DevTools). */
    profileDir?: string;
  },
): Promise<ApiResult> {
  const { log } = options;
  const names = options.queries ?? (Object.keys(QUERIES) as QueryName[]);
  const work = path.join(BENCH_DIR, 'api');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const duckdbPath = path.join(work, 'analytics.duckdb');
  log(`API: copying ${path.basename(dataset.file)} to a work store, starting Postgres, the app and the baseline ...`);
  fs.copyFileSync(dataset.file, duckdbPath);

  countPgQueries();
  const postgres = await startEmbeddedPostgres({ dataDir: work });
  const orm = await initORM(postgres.url, { debug: false });
  const analytics = await startAnalytics(duckdbPath, postgres.url);
  const servers: http.Server[] = [];
  try {
    await loadDemoCompany(orm.em.fork(), demoCompany);
    const em = orm.em.fork();
    const { user } = await createUser(em, { email: 'bench@touchpoint.local', name: 'Bench', role: Role.ADMIN });
    const { secret } = issueCredential(em, user, 'API_TOKEN', 'bench');
    await em.flush();
    await analytics.syncModel();

    const store = countingStore(analytics.store);
    // One API token drives the load of many users: the per-user limits would refuse (600 a minute) or
    // queue (4 at once) it, which the baseline does not have. Limits per user are the security bench's.
    process.env.GRAPHQL_REQUESTS_PER_MINUTE ??= '0';
    process.env.GRAPHQL_CONCURRENT_PER_USER ??= '1000';
    const { app } = await createApp({ orm, analytics: store, production: true, onModelChanged: analytics.syncModel });
    const gqlUrl = `${await listen(app, servers)}graphql`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${secret}` };
    const gql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
      const response = await fetch(gqlUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
      if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${body.errors?.map((e) => e.message).join('; ') ?? response.status}`);
      return body.data;
    };

    const setupStarted = performance.now();
    const journeyId = await createBigJourney(gql);
    const csv = path.join(work, 'big-journey-answers.csv');
    const answerCount = writeBigJourneyAnswers(csv, dataset.customers, END_DATE);
    await importFile(analytics.store, { kind: 'responses', file: csv, mode: 'append' });
    const setupSeconds = (performance.now() - setupStarted) / 1000;

    const filter = BENCH_FILTER;
    const variables: Record<QueryName, Record<string, unknown>> = {
      'journey map (240 tp)': { id: journeyId, filter },
      'point lookup': { id: journeyId },
      prioritisation: { filter },
    };

    // The hand-written baseline reads on one plain DuckDB connection (the store's write connection, one
    // statement at a time, as every read went before issue 20): the store's read pool and its single
    // flight of identical reads are the product's machinery, measured on the GraphQL side only.
    const baselineDb = countingQueryable(store.writer);
    const baseline = createBaseline({ pgUrl: postgres.url, store: baselineDb, journeyId, filter });
    const baseUrl = await listen(baseline.handler, servers);
    try {
      /** One request of each kind, GraphQL then baseline, with its statements and time. */
      const oneOfEach = async (label: string, before: (impl: 'GraphQL' | 'baseline') => void, check: (name: QueryName, impl: 'GraphQL' | 'baseline', json: unknown) => void) => {
        const measured: ApiResult['statements'] = [];
        for (const name of names) {
          for (const [impl, url, body] of [
            ['GraphQL', gqlUrl, { query: QUERIES[name], variables: variables[name] }],
            ['baseline', `${baseUrl}${baseline.paths[name]}`, undefined],
          ] as const) {
            counts.pg = 0;
            counts.duckdb = 0;
            before(impl);
            const requested = performance.now();
            const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body ?? {}) });
            const json: unknown = await response.json();
            if (!response.ok || (json && typeof json === 'object' && 'errors' in json)) throw new Error(`${impl} ${name}: ${response.status} ${JSON.stringify(json).slice(0, 1000)}`);
            const firstMs = performance.now() - requested;
            measured.push({ query: name, impl, pg: counts.pg, duckdb: counts.duckdb, firstMs });
            log(`  ${name.padEnd(22)} ${impl.padEnd(9)} ${label}: ${firstMs.toFixed(0)} ms, ${counts.pg} pg + ${counts.duckdb} DuckDB statements`);
            check(name, impl, json);
          }
        }
        return measured;
      };
      // Same results: the baseline's answer must equal the API's for the fields both return.
      // clearSumsCache: both pay the driver sums on their first prioritisation (each its own remembered sums).
      const statements = await oneOfEach('one request', (impl) => clearSumsCache(impl === 'GraphQL' ? store : baselineDb), (name, impl, json) =>
        impl === 'GraphQL' ? baseline.expect(name, json) : baseline.check(name, json),
      );

      const runs: ApiRun[] = [];
      for (const name of names) {
        for (const connections of options.connections) {
          for (const impl of ['GraphQL', 'baseline'] as const) {
            const body = impl === 'GraphQL' ? JSON.stringify({ query: QUERIES[name], variables: variables[name] }) : '{}';
            const url = impl === 'GraphQL' ? gqlUrl : `${baseUrl}${baseline.paths[name]}`;
            const profiled = impl === 'GraphQL' && options.profileDir ? await startProfile() : undefined;
            const run = await load(url, headers, body, connections, options.seconds);
            if (profiled && options.profileDir) {
              const file = path.join(options.profileDir, `${name.replace(/\W+/g, '-')}-c${connections}.cpuprofile`);
              await profiled.stopInto(file);
              log(`  CPU profile: ${file}`);
            }
            await drained(analytics.store); // the next run starts on an idle server
            runs.push({ query: name, impl, connections, ...run });
            log(`  ${name.padEnd(22)} ${impl.padEnd(9)} c=${String(connections).padStart(2)}  p50 ${run.p50.toFixed(1)} ms  p95 ${run.p95.toFixed(1)} ms  ${run.rps.toFixed(1)} req/s  CPU ${run.cpuMsPerRequest.toFixed(2)} ms/req${run.errors ? `  ${run.errors} errors` : ''}`);
          }
        }
      }
      // Fast from the first request after an import: append answers, then one request of each kind.
      const againCsv = path.join(work, 'big-journey-answers-again.csv');
      const againAnswers = writeBigJourneyAnswers(againCsv, dataset.customers, END_DATE, 'AGAIN');
      const importStarted = performance.now();
      await importFile(analytics.store, { kind: 'responses', file: againCsv, mode: 'append' });
      const importMs = performance.now() - importStarted;
      log(`  after an import of ${againAnswers} answers (${importMs.toFixed(0)} ms, recomputing the cuts asked before):`);
      const afterRequests = await oneOfEach('first after import', () => undefined, () => undefined);
      const afterImport = { importMs, answers: againAnswers, requests: afterRequests };
      return { runs, statements, afterImport, setup: { touchpoints: BIG_JOURNEY.phases * BIG_JOURNEY.perPhase, answers: answerCount, seconds: setupSeconds } };
    } finally {
      await baseline.close();
    }
  } finally {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await analytics.close();
    await orm.close(true);
    await postgres.stop();
  }
}

/** A CPU profile of this process (server, baseline and autocannon share it) from now until stopInto. */
async function startProfile() {
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return {
    async stopInto(file: string) {
      const { profile } = await session.post('Profiler.stop');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

/** Requests the servers are still working on: autocannon stops at its deadline, they do not. */
let inFlight = 0;
async function drained(store: Store): Promise<void> {
  // A request whose client left still runs its queued DuckDB statements: wait for the store's queue too.
  for (let settled = 0; settled < 3; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    await store.all('SELECT 1');
    settled = inFlight === 0 ? settled + 1 : 0;
  }
}

async function listen(handler: http.RequestListener, servers: http.Server[]): Promise<string> {
  const server = http.createServer((req, res) => {
    inFlight++;
    res.once('close', () => inFlight--);
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('No address');
  return `http://127.0.0.1:${address.port}/`;
}

/** One autocannon run; latencies from every response (autocannon's own summary has no p95). */
async function load(url: string, headers: Record<string, string>, body: string, connections: number, seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  const cpuBefore = process.cpuUsage();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, method: 'POST', headers, body, connections, duration: seconds, timeout: 120 }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) latencies.push(responseTime);
      else errors++;
    });
  });
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  return {
    cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length),
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    rps: latencies.length / (result.duration || seconds),
    errors: errors + result.errors + result.timeouts,
  };
}
