/**
 * Linear trend of a metric over time buckets (NPS, CSAT, churn per month or quarter), its
 * projection to a due date, and whether a target is on track. Used for target progress and for
 * the status diagnosis (is NPS or churn getting better or worse?).
 */
import { criticalT, studentTTwoSidedP } from './distributions.js';
import { requireConfidenceLevel, requireCount, requireFinite } from './validate.js';

export interface TrendPoint {
  /** Time as a number, e.g. months since a reference date. Buckets may be unevenly spaced. */
  x: number;
  /** The bucket's metric; null for an empty bucket. */
  value: number | null;
  /** Responses (or customers) behind the value; the regression weight. */
  n: number;
}

export interface TrendFit {
  /** Buckets used (non-empty, n > 0). */
  points: number;
  /** Σ n over the buckets used. */
  totalN: number;
  /** Change in the metric per unit of x; null with fewer than 2 distinct x values. */
  slope: number | null;
  /** Fitted value at x = 0. */
  intercept: number | null;
  slopeSe: number | null;
  /** Two-sided p-value of slope = 0 (t with points − 2 df). */
  slopePValue: number | null;
  /** points − 2. */
  df: number;
  /** Weighted mean of x. */
  xMean: number | null;
  /** Σ n (x − x̄)². */
  sxx: number | null;
  /** Σ n e² / (points − 2): residual variance of a bucket with weight 1. */
  residualVariance: number | null;
}

export interface TrendProjection {
  x: number;
  value: number;
  /** SE of the fitted line at x; null when the fit has no degrees of freedom left. */
  se: number | null;
  low: number | null;
  high: number | null;
  confidenceLevel: number;
}

export type TargetDirection = 'INCREASE' | 'DECREASE';
export type TargetStatus = 'ON_TRACK' | 'AT_RISK' | 'OFF_TRACK' | 'UNKNOWN';

/**
 * Weighted least squares line through the buckets, weight = n.
 *
 * Why n and not 1/SE²: a bucket mean's variance is σ²/n, so n is the inverse-variance weight up to
 * a constant, without its failure mode: a bucket whose SE happens to be 0 (every answer a promoter)
 * would get infinite weight. The scale σ² is estimated from the residuals (s² = Σ n e² / (m − 2)),
 * so the slope's SE also absorbs real bucket-to-bucket variation, not only sampling noise, and
 * Var(slope) = s² / Σ n (x − x̄)². Empty buckets (value null or n = 0) are skipped.
 */
export function fitTrend(points: readonly TrendPoint[]): TrendFit {
  const fn = 'fitTrend';
  const used: { x: number; y: number; n: number }[] = [];
  for (const [i, point] of points.entries()) {
    requireFinite(fn, `points[${i}].x`, point.x);
    requireCount(fn, `points[${i}].n`, point.n);
    if (point.value === null || point.n === 0) continue;
    requireFinite(fn, `points[${i}].value`, point.value);
    used.push({ x: point.x, y: point.value, n: point.n });
  }
  const totalN = used.reduce((total, p) => total + p.n, 0);
  const df = used.length - 2;
  const none = { slope: null, intercept: null, slopeSe: null, slopePValue: null, sxx: null, residualVariance: null };
  if (used.length === 0) return { points: 0, totalN, df, xMean: null, ...none };
  let xMean = 0;
  let yMean = 0;
  for (const p of used) {
    xMean += (p.n * p.x) / totalN;
    yMean += (p.n * p.y) / totalN;
  }
  let sxx = 0;
  let sxy = 0;
  for (const p of used) {
    sxx += p.n * (p.x - xMean) ** 2;
    sxy += p.n * (p.x - xMean) * (p.y - yMean);
  }
  if (sxx === 0) return { points: used.length, totalN, df, xMean, ...none };
  const slope = sxy / sxx;
  const intercept = yMean - slope * xMean;
  const base = { points: used.length, totalN, slope, intercept, df, xMean, sxx };
  if (df < 1) return { ...base, slopeSe: null, slopePValue: null, residualVariance: null };
  let sse = 0;
  for (const p of used) sse += p.n * (p.y - intercept - slope * p.x) ** 2;
  const residualVariance = sse / df;
  const slopeSe = Math.sqrt(residualVariance / sxx);
  return {
    ...base,
    slopeSe,
    slopePValue: slopeSe > 0 ? studentTTwoSidedP(slope / slopeSe, df) : null,
    residualVariance,
  };
}

/**
 * The fitted line at x (e.g. a target's due date) with a confidence interval for the line:
 * SE² = s² (1/Σn + (x − x̄)²/Σn(x − x̄)²), critical t with points − 2 df. This is the uncertainty
 * of the trend level at x, not of a single future bucket, which would be noisier still.
 * Null when the fit has no slope.
 */
export function projectTrend(fit: TrendFit, x: number, confidenceLevel = 0.95): TrendProjection | null {
  const fn = 'projectTrend';
  requireFinite(fn, 'x', x);
  requireConfidenceLevel(fn, confidenceLevel);
  if (fit.slope === null || fit.intercept === null || fit.xMean === null || fit.sxx === null) return null;
  const value = fit.intercept + fit.slope * x;
  if (fit.residualVariance === null) return { x, value, se: null, low: null, high: null, confidenceLevel };
  const se = Math.sqrt(fit.residualVariance * (1 / fit.totalN + (x - fit.xMean) ** 2 / fit.sxx));
  const margin = criticalT(confidenceLevel, fit.df) * se;
  return { x, value, se, low: value - margin, high: value + margin, confidenceLevel };
}

/**
 * Whether a projected value reaches a target: ON_TRACK when the whole interval is on the right
 * side of the target, OFF_TRACK when the whole interval misses it, AT_RISK when the interval
 * straddles it. UNKNOWN without a projection interval: calling a target on track from two
 * buckets would be a guess.
 */
export function targetStatus(
  projection: TrendProjection | null,
  target: number,
  direction: TargetDirection,
): TargetStatus {
  requireFinite('targetStatus', 'target', target);
  if (direction !== 'INCREASE' && direction !== 'DECREASE') {
    throw new Error(`targetStatus: direction must be INCREASE or DECREASE, got ${String(direction)}`);
  }
  if (projection === null || projection.low === null || projection.high === null) return 'UNKNOWN';
  const reaches = (value: number): boolean => (direction === 'INCREASE' ? value >= target : value <= target);
  const pessimistic = direction === 'INCREASE' ? projection.low : projection.high;
  const optimistic = direction === 'INCREASE' ? projection.high : projection.low;
  if (reaches(pessimistic)) return 'ON_TRACK';
  if (!reaches(optimistic)) return 'OFF_TRACK';
  return 'AT_RISK';
}
