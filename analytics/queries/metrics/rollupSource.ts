import { onRollup, rollupMeasureColumns, rollupsCurrent } from '../../rollups.js';
import type { Queryable } from '../../store.js';
import { measureColumns, type MetricsOptions } from './getMetrics.js';

/** Where a metrics statement reads its answers: its measure columns, and the statement rewritten to read there. */
export interface MetricsSource {
  measures: string[];
  statement: (sql: string) => string;
}

/**
 * The answers a metrics statement counts: the daily rollup (analytics/rollups.ts) when the cut needs no
 * distinct customers (neither the `customers` measure nor small-cell suppression) and the rollup is
 * current, else the facts. Both give the same counts and sums; the rollup is about a tenth of the rows
 * and needs no join to the customers.
 */
export async function readsRollup(db: Queryable, options: MetricsOptions): Promise<MetricsSource> {
  const needsCustomers = (options.measures?.customers ?? true) || (options.minCellCustomers ?? null) !== null;
  if (!needsCustomers && (await rollupsCurrent(db))) {
    return { measures: rollupMeasureColumns(options.measures?.ratings ?? true), statement: onRollup };
  }
  return { measures: measureColumns(options), statement: (sql) => sql };
}
