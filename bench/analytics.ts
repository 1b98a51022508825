/**
 * npm run bench:analytics [-- --quick] [--runs 5] [--skip-postgres] [--queries 'metrics by touchpoint × persona,...']
 *
 * Issue 5's benchmark: every analytics query (analytics/queries/**, the business case) on the 10M-response /
 * 1M-customer store (--quick: 1M / 100k), as the server calls them:
 *  - cold: the first run on a store opened just before (new DuckDB instance: empty buffer pool, no
 *    remembered driver sums); the OS page cache is left alone, so the file itself is usually cached;
 *  - warm: the median of --runs repeats (driver sums then come from customerTouchpointSums' cache);
 *  - recomputed: for the queries behind that cache, warm again but with clearSumsCache before each run;
 *  - the memory-bandwidth floor of the columns the query reads (each once, DuckDB's in-memory widths),
 *    from one JS thread's read speed measured in this run (bench/peers.ts memoryFloor);
 *  - PostgreSQL 18 (embedded, default settings, primary keys, ANALYZE) running the statements the query
 *    sent to DuckDB, rewritten to its dialect (bench/analyticsPostgres.ts), answers compared. Statements
 *    with DuckDB-only constructs do not port and the table says which.
 * Stores come from bench/datasets.ts (.data/bench, shared with npm run bench). Not a test: never fails on numbers.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { getBusinessCase } from '../analytics/businessCase/getBusinessCase.js';
import { clearSumsCache } from '../analytics/queries/drivers/customerTouchpointSums.js';
import { getDrivers } from '../analytics/queries/drivers/getDrivers.js';
import { getEmotionalDrivers } from '../analytics/queries/emotions/getEmotionalDrivers.js';
import type { AnalyticsFilter } from '../analytics/queries/filter.js';
import { getLoyaltyBySatisfaction } from '../analytics/queries/loyalty/getLoyaltyBySatisfaction.js';
import { EMOTIONAL_FACTORS, getMetrics } from '../analytics/queries/metrics/getMetrics.js';
import { getPersonaGaps } from '../analytics/queries/priorities/getPersonaGaps.js';
import { getPriorities } from '../analytics/queries/priorities/getPriorities.js';
import { getStatusDiagnosis } from '../analytics/queries/status/getStatusDiagnosis.js';
import { getTrend } from '../analytics/queries/trends/getTrend.js';
import { getUnits } from '../analytics/queries/units/getUnits.js';
import { type JsonRow, type Queryable, type SqlParams, type Store } from '../analytics/store.js';
import { demoScenarioInitiative } from '../seeds/demo/scenario.js';
import { openAnalyticsPostgres, portBlockers, sameAnswer, toPostgres, type AnalyticsPostgres } from './analyticsPostgres.js';
import { BENCH_FILTER, END_DATE, ensureDataset, openDataset } from './datasets.js';
import { memoryFloor } from './peers.js';
import { count, median, ms, ratio, render } from './table.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string', default: '5' },
    'skip-postgres': { type: 'boolean', default: false },
    queries: { type: 'string' },
  },
  strict: true,
});
const quick = values.quick ?? false;
const RESPONSES = quick ? 1_000_000 : 10_000_000;
const RUNS = Math.max(1, Number(values.runs));
const log = (line: string) => process.stderr.write(`${line}\n`);
const load = () => (os.loadavg()[0] ?? 0).toFixed(1);

/** The last 12 months of the data, every persona: the cut of the journey map, drivers and priorities screens. */
const YEAR: AnalyticsFilter = { from: BENCH_FILTER.from, to: END_DATE };
/** Loyalty, units, status and the business case look back from the data's last day themselves. */
const ALL: AnalyticsFilter = {};
const initiative = demoScenarioInitiative();

/** Columns a query reads, per table (each counted once for the floor). */
type Columns = Partial<Record<'responses' | 'customers' | 'profitability', readonly string[]>>;
/** DuckDB's in-memory width of each column: VARCHAR 16-byte headers (short strings inline), TIMESTAMP/DOUBLE 8, DATE 4, TINYINT 1. */
const WIDTH: Record<string, number> = {
  response_id: 16, customer_id: 16, touchpoint_code: 16, responded_at: 8, ltr: 1, satisfaction: 1, effort: 1,
  professional: 1, sympathetic: 1, trustworthy: 1, atmosphere: 1,
  persona_code: 16, unit_code: 16, acquired_at: 4, churned_at: 4, acquisition_cost: 8, month: 4, revenue: 8, cost: 8,
};
const RATINGS = ['satisfaction', 'effort', ...EMOTIONAL_FACTORS];
const ANSWER = ['customer_id', 'touchpoint_code', 'responded_at', 'ltr'];
const LATEST = [...ANSWER, 'response_id', 'satisfaction'];
const MARGIN = ['customer_id', 'month', 'revenue', 'cost'];

interface Query {
  name: string;
  run: (db: Queryable) => Promise<unknown>;
  columns: Columns;
  /** Uses customerTouchpointSums (remembered per data fingerprint). */
  sums?: boolean;
}

const QUERIES: Query[] = [
  {
    name: 'metrics by touchpoint × persona',
    run: (db) => getMetrics(db, YEAR, { groupBy: ['TOUCHPOINT', 'PERSONA'] }),
    columns: { responses: [...ANSWER, ...RATINGS], customers: ['customer_id', 'persona_code'] },
  },
  {
    name: 'trend: NPS by month',
    run: (db) => getTrend(db, ALL, 'NPS', { bucket: 'MONTH' }),
    columns: { responses: [...ANSWER, ...RATINGS], customers: ['customer_id'] },
  },
  {
    name: 'loyalty by satisfaction',
    run: (db) => getLoyaltyBySatisfaction(db, ALL),
    columns: { responses: LATEST, customers: ['customer_id', 'churned_at', 'acquisition_cost'], profitability: MARGIN },
  },
  {
    name: 'drivers (LTR)',
    run: (db) => getDrivers(db, YEAR),
    columns: { responses: LATEST, customers: ['customer_id'] },
    sums: true,
  },
  {
    name: 'priorities (metrics + drivers + ranking)',
    run: (db) => getPriorities(db, YEAR),
    columns: { responses: [...LATEST, ...EMOTIONAL_FACTORS], customers: ['customer_id'], profitability: MARGIN },
    sums: true,
  },
  {
    name: 'persona gaps',
    run: (db) => getPersonaGaps(db, YEAR),
    columns: { responses: ANSWER, customers: ['customer_id', 'persona_code'] },
  },
  {
    name: 'emotional drivers',
    run: (db) => getEmotionalDrivers(db, YEAR),
    columns: { responses: ['customer_id', 'touchpoint_code', 'responded_at', 'satisfaction', ...EMOTIONAL_FACTORS], customers: ['customer_id'] },
  },
  {
    name: 'units',
    run: (db) => getUnits(db, ALL),
    columns: { responses: [...ANSWER, ...RATINGS], customers: ['customer_id', 'unit_code', 'acquired_at', 'churned_at'], profitability: MARGIN },
  },
  {
    name: 'status diagnosis',
    run: (db) => getStatusDiagnosis(db, ALL),
    columns: { responses: [...ANSWER, ...RATINGS], customers: ['customer_id', 'acquired_at', 'churned_at'] },
  },
  {
    name: `business case: "${initiative.title}"`,
    run: (db) =>
      getBusinessCase(db, { initiative }),
    columns: { responses: LATEST, customers: ['customer_id', 'churned_at', 'acquired_at', 'acquisition_cost'], profitability: MARGIN },
    sums: true,
  },
];

type Statement = { sql: string; params: SqlParams };

/** The store as the queries see it, recording every statement while `recording` is set. */
function recorder(store: Store) {
  const statements: Statement[] = [];
  const state = { recording: false };
  const db: Queryable = {
    run: (sql, params) => {
      if (state.recording) statements.push({ sql, params: params ?? {} });
      return store.run(sql, params);
    },
    all: ((sql: string, params?: SqlParams, schema?: { parse(v: unknown): unknown }) => {
      if (state.recording) statements.push({ sql, params: params ?? {} });
      return schema ? store.all(sql, params, schema) : store.all(sql, params);
    }) as Queryable['all'],
  };
  return { db, statements, state };
}

const FACTS = /\b(responses|customers|profitability)\b/i;

interface Result {
  query: Query;
  cold: number;
  warm: number;
  recomputed: number | null;
  statements: number;
  bytes: number;
  pg: { first: number; warm: number; duck: number; check: string; how: string } | { blocked: string };
}

async function main(): Promise<void> {
  const started = performance.now();
  const loads = [load()];
  const dataset = await ensureDataset(RESPONSES, log);
  const only = values.queries ? new Set(values.queries.split(',').map((q) => q.trim())) : null;
  const queries = QUERIES.filter((q) => !only || only.has(q.name));
  log(`Analytics on ${count(dataset.responses)} responses / ${count(dataset.customers)} customers (${dataset.file}), ${RUNS} warm runs, load ${load()} ...`);

  let store = await openDataset(dataset, log);
  const rows = await tableRows(store);
  const bytesOf = (columns: Columns) =>
    Object.entries(columns).reduce((sum, [table, cols]) => sum + (rows[table] ?? 0) * [...new Set(cols)].reduce((s, c) => s + (WIDTH[c] ?? 8), 0), 0);
  let postgres: AnalyticsPostgres | null = null;
  const results: Result[] = [];
  try {
    if (!values['skip-postgres']) postgres = await openAnalyticsPostgres(dataset, store, log);
    for (const query of queries) {
      // Cold: a store opened just now, with nothing remembered.
      await store.close();
      store = await openDataset(dataset, log);
      const { db, statements, state } = recorder(store);
      state.recording = true;
      const t = performance.now();
      await query.run(db);
      const cold = performance.now() - t;
      state.recording = false;
      // Warm, the statement recomputed, and the same SQL in both engines, in rounds: a machine whose load
      // drifts then weighs on every column alike.
      const port = postgres ? portOf(statements) : { blocked: 'skipped (--skip-postgres)' };
      const took = { warm: [] as number[], recomputed: [] as number[], pg: [] as number[], duck: [] as number[] };
      let pgFirst = Number.NaN;
      let same = true;
      for (let round = 0; round < RUNS; round++) {
        let started = performance.now();
        await query.run(db);
        took.warm.push(performance.now() - started);
        if (query.sums) {
          clearSumsCache(db);
          started = performance.now();
          await query.run(db);
          took.recomputed.push(performance.now() - started);
        }
        if (postgres && !('blocked' in port)) {
          const run = await runPort(port, store, postgres);
          if (round === 0) pgFirst = run.pg;
          else took.pg.push(run.pg);
          took.duck.push(run.duck);
          same &&= run.same;
        }
      }
      const warm = median(took.warm);
      const recomputed = query.sums ? median(took.recomputed) : null;
      const result: Result = {
        query, cold, warm, recomputed, statements: statements.length, bytes: bytesOf(query.columns),
        pg: 'blocked' in port
          ? port
          : { first: pgFirst, warm: median(took.pg.length ? took.pg : [pgFirst]), duck: median(took.duck), check: same ? 'same answer' : 'DIFFERENT ANSWER', how: port.how },
      };
      const pgNote = 'blocked' in result.pg ? '' : `; PostgreSQL ${ms(result.pg.warm)} (first ${ms(result.pg.first)}), DuckDB same SQL ${ms(result.pg.duck)}, ${result.pg.check}`;
      log(`  ${query.name}: cold ${ms(cold)}, warm ${ms(warm)}${recomputed === null ? '' : `, recomputed ${ms(recomputed)}`}${pgNote} (load ${load()})`);
      results.push(result);
    }
  } finally {
    await store.close();
    await postgres?.close();
  }
  loads.push(load());

  // Read speed of one JS thread, measured now on as many bytes as the largest query reads (capped at 1 GB).
  const probe = Math.min(1e9, Math.max(...results.map((r) => r.bytes)));
  const perByte = memoryFloor(probe) / probe;
  loads.push(load());

  const table = results.map((r) => {
    const floor = r.bytes * perByte;
    const pg = 'blocked' in r.pg ? null : r.pg;
    return [
      r.query.name,
      ms(r.cold),
      ms(r.warm),
      r.recomputed === null ? '' : ms(r.recomputed),
      String(r.statements),
      `${ms(floor)} (${(r.bytes / 1e6).toFixed(0)} MB)`,
      ratio((r.recomputed ?? r.warm) / floor),
      pg ? `${ms(pg.warm)} (first ${ms(pg.first)})` : '-',
      pg ? ms(pg.duck) : '-',
      pg ? ratio(r.warm / pg.warm) : '-',
      'blocked' in r.pg ? (postgres ? `does not port: ${r.pg.blocked}` : r.pg.blocked) : `${r.pg.check}; ${r.pg.how}`,
    ];
  });
  const priorities = results.find((r) => r.query.name.startsWith('priorities'));
  console.log(
    `\nnpm run bench:analytics${quick ? ' -- --quick' : ''}: ${count(dataset.responses)} responses / ${count(dataset.customers)} customers (${count(rows.profitability ?? 0)} profitability rows), ` +
      `${os.cpus().length} cores, load ${loads.join(' → ')}, ${((performance.now() - started) / 1000).toFixed(0)} s; ` +
      `warm = median of ${RUNS}; floor: 1 JS thread read ${(1 / perByte / 1e6).toFixed(1)} GB/s in this run; ratio = Touchpoint ÷ peer (< 1 is faster)` +
      (postgres?.loadSeconds ? `; PostgreSQL loaded in ${postgres.loadSeconds.toFixed(0)} s` : ''),
  );
  console.log(
    render(['query', 'cold', 'warm', 'recomputed', 'stmts', 'floor (bytes)', 'computed ÷ floor', 'PostgreSQL 18, same SQL', 'DuckDB, same SQL', 'warm ÷ PG', 'PostgreSQL port'], table),
  );
  console.log(
    '\nCut: the last 12 months, every persona; loyalty, trend, units, status and the business case: all the data, as of its last day.' +
      '\ncold: first run on a just-opened store; warm: repeats; recomputed: warm with clearSumsCache before each run; stmts: DuckDB statements per run;' +
      '\nfloor: the columns read, once, at the measured read speed (computed: recomputed where there is one, else warm); same SQL: the statements the query sent (rewritten for PostgreSQL), both engines, answers compared.',
  );
  if (priorities) {
    console.log(
      `\nTarget: full prioritisation about 1 s warm on 2 cores. Got ${ms(priorities.warm)} warm (sums remembered), ${ms(priorities.recomputed ?? Number.NaN)} with the statement recomputed, ${ms(priorities.cold)} cold.`,
    );
  }
}

async function tableRows(store: Store): Promise<Record<string, number>> {
  const [row] = await store.all<{ responses: number; customers: number; profitability: number }>(
    `SELECT (SELECT count(*) FROM responses)::DOUBLE AS responses, (SELECT count(*) FROM customers)::DOUBLE AS customers, (SELECT count(*) FROM profitability)::DOUBLE AS profitability`,
  );
  return { ...row };
}

/** The query's fact-table statements for PostgreSQL, or what stops them from porting. */
function portOf(statements: readonly Statement[]): Port | { blocked: string } {
  const heavy = statements.filter((s) => FACTS.test(s.sql));
  const blockers = [...new Set(heavy.flatMap((s) => portBlockers(s.sql)))];
  if (blockers.length) return { blocked: blockers.join(', ') };
  return { duck: heavy, pg: heavy.map((s) => toPostgres(s.sql, s.params)), how: `${heavy.length} statement${heavy.length === 1 ? '' : 's'} rewritten` };
}

interface Port {
  duck: Statement[];
  pg: { text: string; values: unknown[] }[];
  how: string;
}

async function runPort(port: Port, store: Store, postgres: AnalyticsPostgres) {
  const rows = { duck: [] as JsonRow[][], pg: [] as Record<string, unknown>[][] };
  let started = performance.now();
  for (const p of port.pg) rows.pg.push((await postgres.client.query(p.text, p.values)).rows);
  const pg = performance.now() - started;
  started = performance.now();
  for (const s of port.duck) rows.duck.push(await store.all(s.sql, s.params));
  return { pg, duck: performance.now() - started, same: rows.pg.every((r, i) => sameAnswer(r, rows.duck[i] ?? [])) };
}

await main();
