import { describe, expect, it } from 'vitest';
import { addDays, addMonths, DAY_MS, daysBetween, isLocalDate, requireLocalDate, toLocalDate } from '../../analytics/localDate.js';
import { AnalyticsInputError } from '../../analytics/queries/errors.js';

describe('calendar days (analytics/localDate.ts, the one date module)', () => {
  it('accepts days that exist and refuses the rest, 2024-02-31 included', () => {
    expect(['2024-02-29', '2025-12-31', '2026-01-01', '2000-02-29'].map(isLocalDate)).toEqual([true, true, true, true]);
    // 2024-02-31: V8's Date.parse reads it as 2 March; 1900 is not a leap year.
    expect(['2024-02-31', '2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-1-01', '20250101', '2025-01-01T00:00', ''].map(isLocalDate)).toEqual(Array(10).fill(false));
  });

  it('names the field when it refuses a day', () => {
    expect(requireLocalDate('from', '2024-02-29')).toBe('2024-02-29');
    expect(() => requireLocalDate('from', '2024-02-31')).toThrow(AnalyticsInputError);
    expect(() => requireLocalDate('from', '2024-02-31')).toThrow(/^from: must be a day that exists/);
  });

  it('adds calendar months clamped to the last day of the target month, as DuckDB does', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29'); // leap year
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-03-31', 1)).toBe('2025-04-30');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2025-12-31', 2)).toBe('2026-02-28'); // across a year end
    expect(addMonths('2025-01-15', -13)).toBe('2023-12-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-08-30', 6)).toBe('2026-02-28');
    // The demo's old copy capped every day at the 28th: the 30th stays the 30th where the month has one.
    expect(addMonths('2025-05-30', 1)).toBe('2025-06-30');
  });

  it('adds days and counts them across month, year and leap-day boundaries', () => {
    expect(DAY_MS).toBe(24 * 60 * 60 * 1000);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-03-10', '2025-03-03')).toBe(-7);
    expect(toLocalDate(Date.UTC(2025, 11, 31, 23, 59))).toBe('2025-12-31');
    expect(toLocalDate(new Date(Date.UTC(2026, 0, 1)))).toBe('2026-01-01');
  });
});
