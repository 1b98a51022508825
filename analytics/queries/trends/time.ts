/**
 * Dates for the trend, loyalty, unit and status queries: ISO days (YYYY-MM-DD) in UTC, time buckets
 * that match DuckDB's date_trunc, the data window, and the `asOf` day analyses are computed at.
 */
import { z } from 'zod';
import type { Queryable } from '../../store.js';
import { AnalyticsInputError } from '../errors.js';
import { addDays, addMonths, DAY_MS, localDateMs, requireLocalDate, toLocalDate } from '../../localDate.js';

export type TimeBucket = 'WEEK' | 'MONTH' | 'QUARTER';
export const TIME_BUCKETS: readonly TimeBucket[] = ['WEEK', 'MONTH', 'QUARTER'];

/** Days in the average Gregorian month (365.2425 / 12): slopes are reported per month of this length. */
export const DAYS_PER_MONTH = 365.2425 / 12;
export function requireBucket(field: string, value: string): TimeBucket {
  const bucket = TIME_BUCKETS.find((b) => b === value);
  if (!bucket) throw new AnalyticsInputError(field, `must be one of ${TIME_BUCKETS.join(', ')}, got "${value}"`);
  return bucket;
}

const parse = (date: string): Date => new Date(localDateMs(date));

/** Months (of DAYS_PER_MONTH days) from `from` to `to`; negative when `to` is earlier. */
export function monthsBetween(from: string, to: string): number {
  return (parse(to).getTime() - parse(from).getTime()) / DAY_MS / DAYS_PER_MONTH;
}

/** The first day of the bucket holding `date`: Monday (ISO week, as DuckDB), the 1st of the month or quarter. */
export function bucketStart(date: string, bucket: TimeBucket): string {
  const d = parse(date);
  if (bucket === 'WEEK') return addDays(date, -((d.getUTCDay() + 6) % 7));
  const month = bucket === 'MONTH' ? d.getUTCMonth() : d.getUTCMonth() - (d.getUTCMonth() % 3);
  return toLocalDate(new Date(Date.UTC(d.getUTCFullYear(), month, 1)));
}

/** The first day after the bucket starting at `start`. */
export function nextBucket(start: string, bucket: TimeBucket): string {
  if (bucket === 'WEEK') return addDays(start, 7);
  return addMonths(start, bucket === 'MONTH' ? 1 : 3);
}

/** Buckets per year, to annualise a per-bucket rate: 52.18 weeks, 12 months, 4 quarters. */
export function bucketsPerYear(bucket: TimeBucket): number {
  return bucket === 'WEEK' ? 365.2425 / 7 : bucket === 'MONTH' ? 12 : 4;
}

/** First and last day (inclusive) of the data. */
export interface DataWindow {
  start: string;
  end: string;
}

const WindowRow = z.object({ start: z.string().nullable(), end: z.string().nullable() });

/**
 * The data window: store_meta's data_start/data_end when a load recorded them, else the first and last
 * day of the responses and profitability months (a month of profitability counts to its last day).
 * Null when the store holds no facts.
 */
export async function dataWindow(db: Queryable): Promise<DataWindow | null> {
  const [meta] = await db.all(
    `SELECT max(value) FILTER (WHERE key = 'data_start') AS start, max(value) FILTER (WHERE key = 'data_end') AS "end" FROM store_meta`,
    undefined,
    WindowRow,
  );
  if (meta?.start && meta.end) return { start: meta.start, end: meta.end };
  const [facts] = await db.all(
    `SELECT strftime(least(r.first, p.first), '%Y-%m-%d') AS start, strftime(greatest(r.last, p.last), '%Y-%m-%d') AS "end"
     FROM (SELECT min(responded_at)::DATE AS first, max(responded_at)::DATE AS last FROM responses) r,
          (SELECT min(month) AS first, (max(month) + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS last FROM profitability) p`,
    undefined,
    WindowRow,
  );
  return facts?.start && facts.end ? { start: facts.start, end: facts.end } : null;
}

/**
 * The day an analysis is computed at: `asOf` if given (it must not lie after the data, or customers whose
 * follow-up year runs past the data would look retained), else the last day of the data, else today (UTC).
 */
export async function resolveAsOf(db: Queryable, asOf: string | undefined): Promise<{ asOf: string; window: DataWindow | null }> {
  const window = await dataWindow(db);
  if (asOf === undefined) return { asOf: window?.end ?? toLocalDate(new Date()), window };
  requireLocalDate('asOf', asOf);
  if (window && asOf > window.end) throw new AnalyticsInputError('asOf', `must not be after the last day of the data (${window.end}), got ${asOf}`);
  return { asOf, window };
}

/** A period of whole days: the default is the 12 months that end on `asOf` (asOf + 1 day − 12 months .. asOf). */
export function twelveMonthsTo(asOf: string): DataWindow {
  return { start: addMonths(addDays(asOf, 1), -12), end: asOf };
}
