/**
 * What every estimate with an interval shares: the options that set the interval and the
 * low-sample flag, and the fields reported with it. One definition so that NPS, CSAT and shares
 * default to the same 95% level and the same minimum n (PRODUCT.md: 30).
 */
import { requireConfidenceLevel, requireCount } from './validate.js';

export interface IntervalOptions {
  /** Two-sided confidence level of the interval; default 0.95. */
  confidenceLevel?: number;
  /** Below this many responses the result is flagged lowSample; default 30. */
  minN?: number;
}

/** Interval fields of an estimate; the numbers are null when the cut is too small to have them. */
export interface IntervalFields {
  se: number | null;
  /** Half-width of the interval (critical value × SE), before clipping to the scale. */
  margin: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  confidenceLevel: number;
  lowSample: boolean;
}

/** Options of a two-group test. */
export interface TestOptions {
  /** Two-sided level of the test; default 0.95 (significant when p < 0.05). */
  confidenceLevel?: number;
}

export const DEFAULT_CONFIDENCE_LEVEL = 0.95;
export const DEFAULT_MIN_N = 30;

/** Applies the defaults and validates; `fn` names the caller in error messages. */
export function resolveIntervalOptions(fn: string, options: IntervalOptions): Required<IntervalOptions> {
  const confidenceLevel = options.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL;
  requireConfidenceLevel(fn, confidenceLevel);
  const minN = options.minN ?? DEFAULT_MIN_N;
  requireCount(fn, 'minN', minN);
  return { confidenceLevel, minN };
}

/** The two-sided test level from options, validated; default 0.95. */
export function resolveTestLevel(fn: string, options: TestOptions): number {
  const confidenceLevel = options.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL;
  requireConfidenceLevel(fn, confidenceLevel);
  return confidenceLevel;
}
