import { FACT_TABLES, addPrimaryKeySql, createFactTableSql, type FactTable } from '../../analytics/schema.js';
import type { Queryable, Store } from '../../analytics/store.js';
import { daysBetween, isLocalDate } from '../../analytics/localDate.js';
import { replaceUnits, writeDimensions } from '../../analytics/sync/dimensions.js';
import { DEMO_MONTHS, defaultDemoEndDate, demoCompany, demoDataStart } from '../demo/company.js';
import type { DemoCompany } from '../demo/company.types.js';
import { demoDimensionRows } from './dimensions.js';
import { parameterTablesSql } from './model.js';
import { PLANTED } from './planted.js';
import { randomMacrosSql } from './random.js';
import {
  customersInsertSql, customersSql, eventsSql, kpisSql, loyaltyAndChurnSql, macrosSql, profitabilityChunkSql, responsesChunkSql,
  sampleSql, unitMetricsSql, weightedEventsSql, type RunShape,
} from './steps.js';

export { PLANTED } from './planted.js';

export interface GenerateOptions {
  customers: number;
  /** Total responses; PLANTED.relationshipShare of them are relationship surveys (touchpoint_code NULL). */
  responses: number;
  /** Months of data, ending at endDate (the first month starts on its 1st). 4..60. */
  months: number;
  seed: number;
  /** Last day of the data, YYYY-MM-DD. Default: yesterday (UTC), so no answer is later than now. Pass it for byte-identical output across days. */
  endDate?: string;
  /** Default: the demo company. */
  company?: DemoCompany;
  /**
   * Write the company's journey model into the dim_* tables: 'if-empty' (default; keeps a model synced
   * from Postgres), 'always' or 'never'. dim_units is always replaced by the company's units.
   */
  dimensions?: 'if-empty' | 'always' | 'never';
  onProgress?: (progress: GenerateProgress) => void;
}

export interface GenerateProgress {
  step: string;
  /** Work done so far, 0..1 (estimated from the rows each step handles). */
  fraction: number;
  /** Fact rows written so far. */
  rows: number;
}

export interface GenerateResult {
  rows: Record<FactTable, number>;
  totalRows: number;
  seconds: number;
  start: string;
  end: string;
}

const TEMP_TABLES = ['g_ev3', 'g_ev2', 'g_ev', 'g_cust2', 'g_cust', 'g_persona', 'g_unit', 'g_tp', 'g_tp_persona', 'g_penalty', 'g_comment_text', 'g_comment_n', 'g_planted_comment', 'g_kpi'];
/** Customers per chunk for responses and profitability: bounds memory and drives the progress bar. */
const CHUNK_CUSTOMERS = 100_000;

/**
 * Fills the store's fact tables with synthetic data for the company, replacing what was there, in one
 * transaction. Deterministic: the same options give byte-identical tables. Everything runs as SQL in
 * DuckDB with hash-based random numbers (seeds/generate/random.ts); see seeds/README.md for the planted effects.
 */
export async function generate(store: Store, options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const company = options.company ?? demoCompany;
  const shape = runShape(options);
  const progress = tracker(shape, options.onProgress);

  await store.ensureSchema();
  const rows = await store.transaction(async (tx) => {
    for (const sql of [...randomMacrosSql(options.seed), ...macrosSql(), ...parameterTablesSql(company)]) await tx.run(sql);
    // Replace the fact tables; keys are added after the load (one index build instead of one per row).
    for (const table of FACT_TABLES) {
      await tx.run(`DROP TABLE IF EXISTS ${table}`);
      await tx.run(createFactTableSql(table, { primaryKey: false }));
    }

    await progress.step('Customers', shape.customers, () => tx.run(customersSql(shape)));
    await progress.step('Journeys', shape.customers * 12, () => tx.run(eventsSql(shape)));
    await progress.step('Loyalty and churn', shape.customers, () => tx.run(loyaltyAndChurnSql(shape)));
    await progress.step('Survey invitations', shape.customers * 12, () => tx.run(weightedEventsSql()));
    await progress.step('Sampling responses', shape.customers * 10, () => tx.run(sampleSql(shape)));
    await progress.step('Customers', shape.customers, () => tx.run(customersInsertSql(shape)), 'customers', tx);
    for (let lo = 0; lo < shape.customers; lo += CHUNK_CUSTOMERS) {
      const hi = Math.min(shape.customers, lo + CHUNK_CUSTOMERS);
      const share = (hi - lo) / shape.customers;
      await progress.step('Responses', (shape.tpResponses + shape.relResponses) * share * 2, () => tx.run(responsesChunkSql(shape, lo, hi)), 'responses', tx);
    }
    for (let lo = 0; lo < shape.customers; lo += CHUNK_CUSTOMERS) {
      const hi = Math.min(shape.customers, lo + CHUNK_CUSTOMERS);
      const share = (hi - lo) / shape.customers;
      await progress.step('Profitability', shape.customers * 20 * share, () => tx.run(profitabilityChunkSql(shape, lo, hi)), 'profitability', tx);
    }
    await progress.step('Unit metrics', 100, () => tx.run(unitMetricsSql(shape)), 'unit_metrics', tx);
    await progress.step('Touchpoint KPIs', 1000, () => tx.run(kpisSql(shape)), 'touchpoint_kpis', tx);

    for (const table of FACT_TABLES) {
      const sql = addPrimaryKeySql(table);
      if (sql) await progress.step('Primary keys', 0, () => tx.run(sql));
    }

    await replaceUnits(tx, company.units);
    const writeModel = options.dimensions ?? 'if-empty';
    if (writeModel === 'always' || (writeModel === 'if-empty' && (await isEmpty(tx, 'dim_touchpoints')))) {
      await writeDimensions(tx, demoDimensionRows(company));
      await store.markChanged('dimensions', {}, tx);
    }
    for (const table of TEMP_TABLES) await tx.run(`DROP TABLE IF EXISTS ${table}`);
    const counts = await countRows(tx);
    await store.markChanged('data', {
      data_start: shape.start,
      data_end: shape.end,
      data_source: `generator seed=${options.seed} customers=${options.customers} responses=${options.responses} months=${options.months}`,
    }, tx);
    return counts;
  });
  if (store.path !== ':memory:') await store.run('CHECKPOINT');
  const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
  return { rows, totalRows, seconds: (performance.now() - started) / 1000, start: shape.start, end: shape.end };
}

/** Validates the options and derives the run's sizes and dates. */
export function runShape(options: GenerateOptions): RunShape {
  const { customers, responses, months, seed } = options;
  const int = (name: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  };
  int('customers', customers, 1, 10_000_000);
  int('responses', responses, 0, 100_000_000);
  int('months', months, 4, 60);
  int('seed', seed, 0, Number.MAX_SAFE_INTEGER);
  const end = options.endDate ?? defaultDemoEndDate();
  if (!isLocalDate(end)) throw new Error(`endDate must be a day that exists, written YYYY-MM-DD; got "${end}"`);
  const start = demoDataStart(end, months);
  const days = daysBetween(start, end) + 1;
  const quarterIndex = (d: string) => Number(d.slice(0, 4)) * 4 + Math.floor((Number(d.slice(5, 7)) - 1) / 3);
  const relResponses = Math.round(responses * PLANTED.relationshipShare);
  return {
    customers,
    tpResponses: responses - relResponses,
    relResponses,
    start,
    end,
    days,
    quarters: quarterIndex(end) - quarterIndex(start) + 1,
    customerIdWidth: Math.max(7, String(customers).length),
    responseIdWidth: Math.max(8, String(responses).length),
  };
}

export const DEFAULT_DEMO_SIZE = { customers: 50_000, responses: 500_000, months: DEMO_MONTHS, seed: 42 } as const;

function tracker(shape: RunShape, onProgress: GenerateOptions['onProgress']) {
  const total =
    shape.customers * (1 + 12 + 1 + 12 + 10 + 1 + 20) + (shape.tpResponses + shape.relResponses) * 2 + 1100;
  let done = 0;
  let rows = 0;
  return {
    async step(name: string, units: number, run: () => Promise<void>, table?: FactTable, tx?: Queryable): Promise<void> {
      onProgress?.({ step: name, fraction: Math.min(1, done / total), rows });
      const before = table && tx && onProgress ? await count(tx, table) : 0;
      await run();
      if (table && tx && onProgress) rows += (await count(tx, table)) - before;
      done += units;
      onProgress?.({ step: name, fraction: Math.min(1, done / total), rows });
    },
  };
}

async function count(tx: Queryable, table: FactTable): Promise<number> {
  const [row] = await tx.all<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${table}`);
  return row?.n ?? 0;
}

async function countRows(tx: Queryable): Promise<Record<FactTable, number>> {
  const [row] = await tx.all<Record<FactTable, number>>(
    `SELECT ${FACT_TABLES.map((t) => `(SELECT count(*) FROM ${t})::DOUBLE AS ${t}`).join(', ')}`,
  );
  if (!row) throw new Error('Could not count the generated rows');
  return row;
}

async function isEmpty(tx: Queryable, table: string): Promise<boolean> {
  const [row] = await tx.all<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${table}`);
  return (row?.n ?? 0) === 0;
}
