import { onRollup, rollupsCurrent } from '../../rollups.js';
import { measureColumns, rollupColumns, type MeasureName } from '../../model/measures.js';
import type { Queryable } from '../../store.js';

/** Where a metrics statement reads its answers: its measure columns, and the statement rewritten to read there. */
export interface MetricsSource {
  columns: string[];
  statement: (sql: string) => string;
}

/**
 * The answers a metrics statement counts: the daily rollup (analytics/rollups.ts) when every measure adds
 * up over days (analytics/model/measures.ts: all but distinct customers, which the `customers` measure
 * and small-cell suppression need) and the rollup is current, else the facts. Both give the same counts
 * and sums; the rollup is about a tenth of the rows and needs no join to the customers.
 */
export async function readsRollup(db: Queryable, measures: readonly MeasureName[]): Promise<MetricsSource> {
  const rolled = rollupColumns(measures);
  if (rolled && (await rollupsCurrent(db))) return { columns: rolled, statement: onRollup };
  return { columns: measureColumns(measures), statement: (sql) => sql };
}
