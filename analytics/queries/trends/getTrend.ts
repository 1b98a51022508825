/**
 * trend(filter, metric, bucket): a metric per week, month or quarter with intervals, and its linear trend
 * per month with an interval. NPS, CSAT and promoter share come from the answers (getMetrics); churn and
 * retention from the customers table.
 */
import { proportion, type IntervalOptions } from '../../stats/index.js';
import { suppressSmallCells } from '../../privacy/smallCells.js';
import type { Queryable } from '../../store.js';
import { validateFilter, type AnalyticsFilter } from '../filter.js';
import { getMetrics, type MetricsRow } from '../metrics/getMetrics.js';
import { annualisedChurn, churnCounts } from './churn.js';
import { allowOnly } from './scope.js';
import { fitSeries, toPoints, type BucketValue, type FittedSeries } from './series.js';
import { dataWindow, requireBucket, type DataWindow, type TimeBucket } from './time.js';

export type ResponseMetric = 'NPS' | 'CSAT' | 'PROMOTER_SHARE';
export type TrendMetric = ResponseMetric | 'CHURN' | 'RETENTION';
export const TREND_METRICS: readonly TrendMetric[] = ['NPS', 'CSAT', 'PROMOTER_SHARE', 'CHURN', 'RETENTION'];

/** The unit of each metric's values (and of its slope, per month). */
export const TREND_UNITS: Record<TrendMetric, string> = {
  NPS: 'NPS points (-100..100)',
  CSAT: 'mean satisfaction (1-5)',
  PROMOTER_SHARE: 'share of promoters (0..1)',
  CHURN: 'annualised churn (0..1)',
  RETENTION: 'annualised retention (0..1)',
};

export interface TrendOptions extends IntervalOptions {
  bucket?: TimeBucket;
  /**
   * Small-cell suppression (analytics/privacy/smallCells.ts): buckets from fewer distinct customers than
   * this (answering customers; for churn, customers at risk), and their complements, come back suppressed
   * and are not fitted. null or absent: nothing is suppressed.
   */
  minCellCustomers?: number | null;
}

export interface TrendResult extends FittedSeries {
  metric: TrendMetric;
  bucket: TimeBucket;
  unit: string;
  /** The filter the series was computed on. */
  filter: AnalyticsFilter;
  /** The part of the data a bucket must lie in to count as complete: the data window within the filter's from/to. */
  window: DataWindow | null;
}

/** One bucket's value of a response metric, with the full NPS or CSAT behind it. */
export function responseValue(row: MetricsRow, metric: ResponseMetric, options: IntervalOptions = {}): BucketValue {
  const bucket = row.key.bucket ?? '';
  const { suppressed } = row;
  if (metric === 'CSAT') {
    const { n, mean, se, ciLow, ciHigh, lowSample } = row.csat;
    return { bucket, n, value: mean, se, ciLow, ciHigh, lowSample, csat: row.csat, suppressed };
  }
  if (metric === 'NPS') {
    const { n, nps, se, ciLow, ciHigh, lowSample } = row.nps;
    return { bucket, n, value: nps, se, ciLow, ciHigh, lowSample, nps: row.nps, suppressed };
  }
  const share = proportion({ n: row.nps.n, count: row.nps.promoters }, options);
  return { bucket, n: share.n, value: share.share, se: share.se, ciLow: share.ciLow, ciHigh: share.ciHigh, lowSample: share.lowSample, nps: row.nps, suppressed };
}

/** A bucket hidden by small-cell suppression: no n, no estimate (so it is not fitted). */
const hiddenBucket = (v: BucketValue): BucketValue => ({ bucket: v.bucket, n: 0, value: null, se: null, ciLow: null, ciHigh: null, lowSample: true, suppressed: true });

/**
 * Small-cell suppression of a churn or retention series (trends, target progress, status): the n of a
 * churn bucket is its customers at risk, distinct customers as the suppression counts them.
 */
export const suppressChurnBuckets = (values: readonly BucketValue[], minCellCustomers: number | null | undefined): BucketValue[] =>
  suppressSmallCells(values, (v) => ({ customers: v.n, key: [v.bucket] }), minCellCustomers ?? null, hiddenBucket);

/** The data window narrowed to the filter's from/to; null when there is no data or nothing is left. */
export function clipWindow(window: DataWindow | null, filter: Pick<AnalyticsFilter, 'from' | 'to'>): DataWindow | null {
  if (!window) return null;
  const start = filter.from && filter.from > window.start ? filter.from : window.start;
  const end = filter.to && filter.to < window.end ? filter.to : window.end;
  return start <= end ? { start, end } : null;
}

export async function getTrend(db: Queryable, filter: AnalyticsFilter, metric: TrendMetric, options: TrendOptions = {}): Promise<TrendResult> {
  const bucket = requireBucket('bucket', options.bucket ?? 'MONTH');
  if (!TREND_METRICS.includes(metric)) throw new Error(`getTrend: unknown metric ${String(metric)}`);
  const window = clipWindow(await dataWindow(db), filter);
  let values: BucketValue[];
  if (metric === 'CHURN' || metric === 'RETENTION') {
    allowOnly(filter, ['personaCodes', 'unitCodes', 'from', 'to'], 'churn is counted on customers, not answers');
    await validateFilter(db, filter);
    const counts = window ? await churnCounts(db, filter, bucket, window) : [];
    values = suppressChurnBuckets(counts.map((c) => annualisedChurn(c, bucket, metric, options)), options.minCellCustomers);
  } else {
    const rows = await getMetrics(db, filter, { groupBy: [bucket], minN: options.minN, confidenceLevel: options.confidenceLevel, minCellCustomers: options.minCellCustomers });
    values = rows.filter((r) => r.key.bucket !== undefined).map((r) => responseValue(r, metric, options));
  }
  const series = fitSeries(toPoints(values, bucket, window), bucket, { confidenceLevel: options.confidenceLevel });
  return { metric, bucket, unit: TREND_UNITS[metric], filter, window, ...series };
}
