/**
 * Churn from the customers table: per time bucket (annualised, for trends and retention targets) and over
 * one period (the 12-month churn of the status diagnosis).
 */
import { z } from 'zod';
import { proportion, type IntervalOptions, type ProportionResult } from '../../stats/index.js';
import type { Queryable } from '../../store.js';
import { customerConditions, whereSql } from './scope.js';
import type { AnalyticsFilter } from '../filter.js';
import type { BucketValue } from './series.js';
import { bucketStart, bucketsPerYear, type DataWindow, type TimeBucket } from './time.js';

/** Customers active at a bucket's first day (`atRisk`) and how many of them churned before the next bucket. */
export interface ChurnCounts {
  bucket: string;
  /** The persona code when grouped by persona. */
  key: string | null;
  atRisk: number;
  churned: number;
}

const STEP: Record<TimeBucket, string> = { WEEK: 'INTERVAL 7 DAY', MONTH: 'INTERVAL 1 MONTH', QUARTER: 'INTERVAL 3 MONTH' };
const CountsRow = z.object({ bucket: z.string(), key: z.string().nullable(), atRisk: z.number(), churned: z.number() });

/**
 * Per bucket of the window: customers active on its first day (acquired on or before it, not churned before it)
 * and those of them whose churned_at falls inside the bucket. Customers acquired during a bucket enter the
 * next one: a cohort rate, so a growing customer base does not dilute churn.
 */
export async function churnCounts(
  db: Queryable,
  filter: AnalyticsFilter,
  bucket: TimeBucket,
  window: DataWindow,
  groupByPersona = false,
): Promise<ChurnCounts[]> {
  const { conditions, params } = customerConditions(filter, { first: bucketStart(window.start, bucket), last: window.end });
  const key = groupByPersona ? 'c.persona_code' : 'NULL::VARCHAR';
  return db.all(
    `WITH b AS (
       SELECT s::DATE AS s, (s + ${STEP[bucket]})::DATE AS e
       FROM range($first::DATE::TIMESTAMP, $last::DATE + INTERVAL 1 DAY, ${STEP[bucket]}) t(s)
     )
     SELECT strftime(b.s, '%Y-%m-%d') AS bucket, ${key} AS key,
       count(*)::INTEGER AS "atRisk", count(*) FILTER (WHERE c.churned_at < b.e)::INTEGER AS churned
     FROM b JOIN customers c ON c.acquired_at <= b.s AND (c.churned_at IS NULL OR c.churned_at >= b.s)
     ${whereSql(conditions)}
     GROUP BY ALL ORDER BY ALL`,
    params,
    CountsRow,
  );
}

/**
 * A bucket's churn, annualised: a = 1 − (1 − p)^k with p = churned / at risk and k buckets a year (the
 * same constant hazard over the year). RETENTION is 1 − a. The interval is the Wilson interval of p carried
 * through the same (monotone) map; the SE is the delta-method one.
 */
export function annualisedChurn(counts: ChurnCounts, bucket: TimeBucket, metric: 'CHURN' | 'RETENTION', options: IntervalOptions = {}): BucketValue {
  const share = proportion({ n: counts.atRisk, count: counts.churned }, options);
  const k = bucketsPerYear(bucket);
  const churn = (p: number | null) => (p === null ? null : 1 - (1 - p) ** k);
  const value = (p: number | null) => (p === null ? null : metric === 'CHURN' ? churn(p) : (1 - p) ** k);
  const p = share.share;
  const se = p === null || share.se === null ? null : k * (1 - p) ** (k - 1) * share.se;
  const [low, high] = metric === 'CHURN' ? [share.ciLow, share.ciHigh] : [share.ciHigh, share.ciLow];
  return { bucket: counts.bucket, n: counts.atRisk, value: value(p), se, ciLow: value(low), ciHigh: value(high), lowSample: share.lowSample, suppressed: false };
}

const PeriodRow = z.object({ atRisk: z.number(), churned: z.number() });

/** Churn over a period: customers active on its first day, and the share of them who churned by its last day (Wilson). */
export async function churnOverPeriod(db: Queryable, filter: AnalyticsFilter, period: DataWindow, options: IntervalOptions = {}): Promise<ProportionResult> {
  const { conditions, params } = customerConditions(filter, { from: period.start, to: period.end });
  const [row] = await db.all(
    `SELECT count(*)::INTEGER AS "atRisk", count(*) FILTER (WHERE c.churned_at <= $to::DATE)::INTEGER AS churned
     FROM customers c
     ${whereSql([...conditions, 'c.acquired_at <= $from::DATE', '(c.churned_at IS NULL OR c.churned_at >= $from::DATE)'])}`,
    params,
    PeriodRow,
  );
  return proportion({ n: row?.atRisk ?? 0, count: row?.churned ?? 0 }, options);
}
