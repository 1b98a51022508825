import { AnalyticsInputError } from './queries/errors.js';

/**
 * The one test for a calendar day written YYYY-MM-DD: the form, and a day that exists (2024-02-29 yes,
 * 2024-02-31 no: V8's Date.parse reads that as 2 March, and DuckDB refuses it as out of range).
 */
export function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** Returns the day, or throws an AnalyticsInputError naming `field`. */
export function requireLocalDate(field: string, value: string): string {
  if (!isLocalDate(value)) throw new AnalyticsInputError(field, `must be a day that exists, written YYYY-MM-DD; got "${value}"`);
  return value;
}
