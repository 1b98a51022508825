/**
 * Means of amounts (money, KPI values, 0-100 indices) with n and a t-interval, from DuckDB's count, Σx
 * and Σx². The maths is csatMean's (analytics/stats/csat.ts); only the scale differs: amounts have no
 * bounds to clip the interval to.
 */
import { z } from 'zod';
import { csatMean, type IntervalOptions, type MeanResult, type RatingScale } from '../../stats/index.js';

export const UNBOUNDED: RatingScale = { min: -Infinity, max: Infinity };

/** The zod shape of a sumsStructSql column (analytics/model/measures.ts). */
export const Sums = z.object({ n: z.number().int(), sum: z.number(), sq: z.number() });
export type Sums = z.infer<typeof Sums>;

/** The mean with its t-interval (unclipped unless a scale is given). */
export function meanOfSums(sums: Sums, options: IntervalOptions & { scale?: RatingScale } = {}): MeanResult {
  return csatMean({ n: sums.n, sum: sums.sum, sumSquares: sums.sq }, { ...options, scale: options.scale ?? UNBOUNDED });
}
