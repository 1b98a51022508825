/**
 * Section "first" of npm run bench (issue 20, goal 3): the first journey map, prioritisation and business
 * case for a cut nobody asked for before, right after an import into the 10M store (nothing cached,
 * nothing warmed for that cut). The import appends answers with importFile, which brings the daily
 * rollup up to date (analytics/rollups.ts); then each analysis runs once for the unseen cut.
 *
 * Side by side in one run: the same requests with the rollup read (as the product does) and with it
 * ignored (the facts, as before schema 3), the remembered driver sums cleared between the two.
 */
import fs from 'node:fs';
import { listValue } from '@duckdb/node-api';
import path from 'node:path';
import { getBusinessCase } from '../analytics/businessCase/getBusinessCase.js';
import { ANSWERS_KEYED, ANSWERS_KEYED_STAMP, MARGINS_KEYED, MARGINS_KEYED_STAMP } from '../analytics/answersKeyed.js';
import { CUSTOMER_MARGINS, CUSTOMER_MARGINS_STAMP } from '../analytics/customerMargins.js';
import { importFile } from '../analytics/import/importFile.js';
import { clearSumsCache } from '../analytics/queries/drivers/customerTouchpointSums.js';
import type { AnalyticsFilter } from '../analytics/queries/filter.js';
import { getMapMetrics } from '../analytics/queries/metrics/getMapMetrics.js';
import { getMetrics } from '../analytics/queries/metrics/getMetrics.js';
import { getPriorities } from '../analytics/queries/priorities/getPriorities.js';
import { literal } from '../analytics/sql.js';
import { openStore, type Queryable, type Store } from '../analytics/store.js';
import { demoCompany } from '../seeds/demo/company.js';
import { demoScenarioInitiative } from '../seeds/demo/scenario.js';
import { BENCH_DIR, BENCH_FILTER, type Dataset } from './datasets.js';

/** Another persona than the API section's, over the same 12 months: a cut nobody asked for in this run. */
export const UNSEEN_CUT: AnalyticsFilter = { ...BENCH_FILTER, personaCodes: [demoCompany.personas[1]?.code ?? 'SENIOR_SAVER'] };
/** The store_meta stamps of the tables derived from the facts (the rollup, the keyed answers and margins, the customer margins). */
const DERIVED_STAMPS = `'rollups_of', '${ANSWERS_KEYED_STAMP}', '${MARGINS_KEYED_STAMP}', '${CUSTOMER_MARGINS_STAMP}'`;
/** The derived tables a store computes when it is opened without them. */
const DERIVED_TABLES = ['answers_daily', ANSWERS_KEYED, MARGINS_KEYED, CUSTOMER_MARGINS];
/** Answers appended by the import before the first requests (copies of existing ones under new ids). */
const APPENDED = 36_000;

export interface FirstRequestTiming {
  name: string;
  /** With the rollup and the keyed answers (the product). */
  ms: number;
  /** The facts only (before schema 3 and the keyed answers). */
  factsMs: number;
  statements: number;
  /**
   * The process's CPU time (user + system, DuckDB's threads included) during the request, and during the
   * facts-only one: unlike the wall time it hardly moves with other processes' load.
   */
  cpuMs: number;
  factsCpuMs: number;
}
export interface FirstRequestResult {
  /** Opening a store made before schema 3 computes the rollup once (null: the store had it). */
  migrateMs: number | null;
  importMs: number;
  appended: number;
  timings: FirstRequestTiming[];
}

/** Milliseconds of the process's CPU (user + system) since `start`. */
function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Counts the statements a request sends. */
function counting(store: Store): { db: Store; count: { n: number } } {
  const count = { n: 0 };
  const db = new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if ((key !== 'all' && key !== 'run') || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        count.n++;
        return Reflect.apply(value, target, args);
      };
    },
  });
  return { db, count };
}


/** The three first requests of a page for the cut: what the server computes for them. */
const REQUESTS: { name: string; run: (db: Queryable, filter: AnalyticsFilter) => Promise<unknown> }[] = [
  {
    // The map page's JourneyMeasures: touchpoint, phase and journey levels in one scan, and the pooled figures.
    name: 'journey map (levels + pooled figures)',
    run: (db, filter) =>
      Promise.all([
        getMetrics(db, filter, { groupingSets: [['JOURNEY'], ['PHASE'], ['TOUCHPOINT']], measures: { customers: false, ratings: false }, minCellCustomers: null }),
        getMapMetrics(db, filter, { measures: { customers: false, ratings: false }, minCellCustomers: null }),
      ]),
  },
  { name: 'prioritisation', run: (db, filter) => getPriorities(db, filter) },
  {
    name: `business case`,
    run: (db, filter) =>
      getBusinessCase(db, {
        filter: { personaCodes: filter.personaCodes, from: filter.from, to: filter.to },
        initiative: demoScenarioInitiative(),
      }),
  },
];

export async function benchFirstRequest(dataset: Dataset, log: (line: string) => void): Promise<FirstRequestResult> {
  const work = path.join(BENCH_DIR, 'first');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const file = path.join(work, 'analytics.duckdb');
  log(`First requests: copying ${path.basename(dataset.file)} ...`);
  fs.copyFileSync(dataset.file, file);
  const store = await openStore(file);
  try {
    // A store made before the rollup (schema 3), the keyed answers or the customer margins computes them when opened.
    const [had] = await store.all<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE list_contains($tables, table_name)`,
      { tables: listValue(DERIVED_TABLES) },
    );
    let started = performance.now();
    await store.ensureSchema();
    const migrateMs = had?.n === DERIVED_TABLES.length ? null : performance.now() - started;

    const csv = path.join(work, 'appended.csv');
    await store.run(
      `COPY (SELECT 'FIRST' || row_number() OVER () AS response_id, customer_id, touchpoint_code, strftime(responded_at, '%Y-%m-%d %H:%M:%S') AS responded_at, ltr, satisfaction
             FROM responses USING SAMPLE ${APPENDED} ROWS (reservoir, 7)) TO ${literal(csv)} (HEADER)`,
    );
    log(`  importing ${APPENDED.toLocaleString('en-US')} answers ...`);
    started = performance.now();
    await importFile(store, { kind: 'responses', file: csv, mode: 'append' });
    const importMs = performance.now() - started;

    const timings: FirstRequestTiming[] = [];
    for (const request of REQUESTS) {
      const { db, count } = counting(store);
      log(`  first ${request.name} ...`);
      started = performance.now();
      let cpu = process.cpuUsage();
      await request.run(db, UNSEEN_CUT);
      const ms = performance.now() - started;
      const cpuMs = cpuSince(cpu);
      const statements = count.n;
      // The same request on the facts alone: the stamps of the rollup and the keyed answers set aside,
      // the driver sums forgotten.
      clearSumsCache(store);
      const stamps = await store.all<{ key: string; value: string }>(`SELECT key, value FROM store_meta WHERE key IN (${DERIVED_STAMPS})`);
      await store.run(`UPDATE store_meta SET value = 'set aside by the bench' WHERE key IN (${DERIVED_STAMPS})`);
      started = performance.now();
      cpu = process.cpuUsage();
      let factsMs: number;
      let factsCpuMs: number;
      try {
        await request.run(store, UNSEEN_CUT);
        factsMs = performance.now() - started;
        factsCpuMs = cpuSince(cpu);
      } finally {
        for (const { key, value } of stamps) await store.run(`UPDATE store_meta SET value = $value WHERE key = $key`, { key, value });
      }
      timings.push({ name: request.name, ms, factsMs, statements, cpuMs, factsCpuMs });
      clearSumsCache(store);
    }
    return { migrateMs, importMs, appended: APPENDED, timings };
  } finally {
    await store.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
