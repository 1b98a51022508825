/**
 * Calendar days written YYYY-MM-DD (UTC), for the whole codebase: the one validator, the one day
 * length and the one day/month arithmetic (server, analytics, seeds and the client's cut filters).
 */
import { AnalyticsInputError } from './queries/errors.js';

/** Milliseconds in a UTC day. */
export const DAY_MS = 86_400_000;

/**
 * The one test for a calendar day written YYYY-MM-DD: the form, and a day that exists (2024-02-29 yes,
 * 2024-02-31 no: V8's Date.parse reads that as 2 March, and DuckDB refuses it as out of range).
 */
export function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && toLocalDate(time) === value;
}

/** What is wrong with a value that is not a day, in the words of every refusal (API inputs and queries). */
export const notALocalDate = (value: unknown): string => `must be a day that exists, written YYYY-MM-DD (got "${String(value)}")`;

/** Returns the day, or throws an AnalyticsInputError naming `field`. */
export function requireLocalDate(field: string, value: string): string {
  if (!isLocalDate(value)) throw new AnalyticsInputError(field, notALocalDate(value));
  return value;
}

/** The UTC day of an instant (a Date or epoch milliseconds), as YYYY-MM-DD. */
export function toLocalDate(instant: Date | number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/** Midnight UTC of a day, in epoch milliseconds. */
export function localDateMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  return toLocalDate(localDateMs(date) + days * DAY_MS);
}

/**
 * Calendar months, clamped to the target month's last day as DuckDB's `+ INTERVAL n MONTH` does
 * (2024-01-31 + 1 month = 2024-02-29; 2024-03-31 - 1 month = 2024-02-29).
 */
export function addMonths(date: string, months: number): string {
  const d = new Date(localDateMs(date));
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return toLocalDate(first);
}

/**
 * The first day of "the last n months" ending on `end`: the day after the same date n months back
 * (12 months to 2025-10-12 start on 2024-10-13), month ends clamped as in `addMonths`. The client's
 * period choices and the server's `lastMonths` both count this way, so they name the same days.
 */
export function lastMonthsStart(end: string, months: number): string {
  return addDays(addMonths(end, -months), 1);
}

/** Whole days from `from` to `to` (YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((localDateMs(to) - localDateMs(from)) / DAY_MS);
}
