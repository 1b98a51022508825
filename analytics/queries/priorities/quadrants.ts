import { say } from '../../i18n/index.js';
/**
 * The pure rules of touchpoint prioritisation: split points, quadrants, measured difficulty and value at
 * stake. getPriorities feeds them DuckDB's numbers; tests feed them hand-made ones.
 */

/** FIX_FIRST: important and weak; KEEP_UP: important and strong; POSSIBLE_OVERKILL: unimportant and strong; LOW_PRIORITY: unimportant and weak. */
export type Quadrant = 'FIX_FIRST' | 'KEEP_UP' | 'POSSIBLE_OVERKILL' | 'LOW_PRIORITY';

/** How "strong" performance is decided: NPS at or above the median touchpoint's, or at or above the touchpoint's target. */
export type PerformanceSplit = 'MEDIAN' | 'TARGET';
export const PERFORMANCE_SPLITS: readonly PerformanceSplit[] = ['MEDIAN', 'TARGET'];

/** Median of the values (mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The q-quantile by linear interpolation between order statistics (type 7, as R and numpy default); null for none. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (position - lo);
}

/** Important when importance >= the split; strong when performance >= its split. */
export function quadrantOf(important: boolean, strong: boolean): Quadrant {
  if (important) return strong ? 'KEEP_UP' : 'FIX_FIRST';
  return strong ? 'POSSIBLE_OVERKILL' : 'LOW_PRIORITY';
}

export interface ValueAtStakeTerms {
  /** Share of explained loyalty variance, 0..1. */
  importance: number;
  /** Points below target on the touchpoint's measure (0 when at or above it). */
  gap: number;
  /** What the gap is divided by (GAP_DIVISOR: 100 for NPS, 4 for CSAT); default 100. */
  gapDivisor?: number;
  customersReached: number;
  /** Average annual contribution margin per reached customer (currency per customer per year). */
  annualMarginPerCustomer: number;
}

/**
 * importance × (gap / 100) × customers reached × annual margin per customer: the reached customers'
 * yearly margin, weighted by how much of loyalty the touchpoint explains and by how far its NPS is from
 * target (as a fraction of the 100-point scale). A ranking index in currency per year, not a forecast.
 */
export function valueAtStake(terms: ValueAtStakeTerms): number {
  return terms.importance * (terms.gap / (terms.gapDivisor ?? 100)) * terms.customersReached * terms.annualMarginPerCustomer;
}

/** How value at stake is computed, in the reader's language. */
export const valueAtStakeWords = (): string => say('priorities.valueAtStake');
