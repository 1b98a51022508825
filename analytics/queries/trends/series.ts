/**
 * A metric per time bucket and its linear trend: which buckets are complete, where each sits on the time
 * axis (months), and the slope per month with its interval. Pure: the queries fetch the bucket values.
 */
import { criticalT, fitTrend, projectTrend, type MeanResult, type NpsResult, type TrendFit, type TrendProjection } from '../../stats/index.js';
import { addDays, daysBetween } from '../../localDate.js';
import { bucketStart, monthsBetween, nextBucket, type DataWindow, type TimeBucket } from './time.js';
import { ANALYTICS_DEFAULTS } from '../../model/filter.js';

/** One bucket's estimate with n and interval (NPS points, a 1-5 mean, a 0..1 share, ...). */
export interface BucketValue {
  /** First day of the bucket, YYYY-MM-DD. */
  bucket: string;
  /** What the value rests on: answers, customers at risk, KPI observations. */
  n: number;
  value: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  lowSample: boolean;
  /** The full NPS of an NPS or promoter-share bucket (counts, SE). */
  nps?: NpsResult;
  /** The full mean of a CSAT bucket (sd, SE). */
  csat?: MeanResult;
  /** Too few customers for the caller to see (small-cell suppression): n 0, every estimate null, not fitted. */
  suppressed: boolean;
}

export interface TrendPoint extends BucketValue {
  /** Last day of the bucket (inclusive). */
  end: string;
  /** The whole bucket lies inside the data window (and the filter's period); only complete buckets are fitted. */
  complete: boolean;
  /** Days in the bucket (7 for a week, 28-31 for a month). */
  days: number;
  /** Days of the bucket inside the data window (and the filter's period): fewer than `days` in a partial bucket. */
  daysWithData: number;
  /** Months from the series origin to the middle of the bucket: the x of the fit. */
  x: number;
}

/** The fitted line's slope per month with its interval (weighted least squares, weight = n; analytics/stats/trend.ts). */
export interface TrendSlope {
  /** Complete, non-empty buckets fitted. */
  buckets: number;
  /** Σ n over those buckets. */
  n: number;
  /** Change of the metric per month (in the metric's unit); null with fewer than 2 buckets. */
  slopePerMonth: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Two-sided p of slope = 0, t with buckets − 2 df. */
  pValue: number | null;
  /** The interval excludes 0; null when there is no interval (fewer than 3 buckets). */
  significant: boolean | null;
  confidenceLevel: number;
}

export interface FittedSeries {
  /** Day the x axis counts months from (the first bucket's start). */
  origin: string | null;
  points: TrendPoint[];
  /** The latest complete bucket with a value. */
  latest: TrendPoint | null;
  slope: TrendSlope;
  fit: TrendFit;
}

/**
 * Places the buckets on the time axis and marks the complete ones: a bucket is complete when it starts on
 * or after the window's first day and ends on or before its last (partial edge buckets are shown, not fitted).
 */
export function toPoints(values: readonly BucketValue[], bucket: TimeBucket, window: DataWindow | null): TrendPoint[] {
  const sorted = [...values].sort((a, b) => a.bucket.localeCompare(b.bucket));
  const origin = sorted[0]?.bucket;
  return sorted.map((v) => {
    const after = nextBucket(v.bucket, bucket);
    const end = addDays(after, -1);
    const complete = window !== null && v.bucket >= window.start && end <= window.end;
    const middle = monthsBetween(v.bucket, after) / 2;
    const days = daysBetween(v.bucket, after);
    const daysWithData = window === null ? 0 : Math.max(0, daysBetween(v.bucket > window.start ? v.bucket : window.start, addDays(end < window.end ? end : window.end, 1)));
    return { ...v, end, complete, days, daysWithData, x: origin === undefined ? 0 : monthsBetween(origin, v.bucket) + middle };
  });
}

/** Fits the complete buckets (from `since`'s bucket on, if given) and reports the slope per month. */
export function fitSeries(points: readonly TrendPoint[], bucket: TimeBucket, options: { since?: string; confidenceLevel?: number } = {}): FittedSeries {
  const confidenceLevel = options.confidenceLevel ?? ANALYTICS_DEFAULTS.confidenceLevel;
  const first = options.since === undefined ? undefined : bucketStart(options.since, bucket);
  const used = points.filter((p) => p.complete && p.value !== null && p.n > 0 && (first === undefined || p.bucket >= first));
  const fit = fitTrend(used.map((p) => ({ x: p.x, value: p.value, n: p.n })));
  const margin = fit.slopeSe === null || fit.df < 1 ? null : criticalT(confidenceLevel, fit.df) * fit.slopeSe;
  const slope: TrendSlope = {
    buckets: fit.points,
    n: fit.totalN,
    slopePerMonth: fit.slope,
    se: fit.slopeSe,
    ciLow: fit.slope === null || margin === null ? null : fit.slope - margin,
    ciHigh: fit.slope === null || margin === null ? null : fit.slope + margin,
    pValue: fit.slopePValue,
    significant: fit.slope === null || margin === null ? null : fit.slope - margin > 0 || fit.slope + margin < 0,
    confidenceLevel,
  };
  return { origin: points[0]?.bucket ?? null, points: [...points], latest: used.at(-1) ?? null, slope, fit };
}

/** The fitted line at a day (e.g. a target's due date), with its interval; null without a slope. */
export function projectSeries(series: FittedSeries, date: string, confidenceLevel = 0.95): TrendProjection | null {
  if (series.origin === null) return null;
  return projectTrend(series.fit, monthsBetween(series.origin, date), confidenceLevel);
}
