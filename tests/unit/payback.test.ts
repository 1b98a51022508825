import { describe, expect, it } from 'vitest';
import { cumulativeByMonth, paybackMonth } from '../../analytics/businessCase/payback.js';

describe('payback: one curve for the engine and the chart (the client draws cumulativeByMonth too)', () => {
  it('counts cumulative net value month by month: one-off in month 0, each year evenly over its months', () => {
    // One-off 1,200; 2,400 of benefits a year: year 1 nets 1,200 (2,400 − 1,200), year 2 nets 2,400.
    // Month 0: −1,200. Year 1 adds (1,200 + 1,200) / 12 = 200 a month: month 5 −200, month 6 0.
    // Year 2 adds 2,400 / 12 = 200 a month: month 24 = 0 + 18 × 200 = 3,600.
    const points = cumulativeByMonth(1200, [1200, 2400]);
    expect(points).toHaveLength(25);
    expect(points[0]).toBe(-1200);
    expect(points[5]).toBeCloseTo(-200);
    expect(points[6]).toBeCloseTo(0);
    expect(points[24]).toBeCloseTo(3600);
  });

  it('pays back in the first month the curve reaches zero, and not at all when it never does', () => {
    expect(paybackMonth(1200, [1200, 2400])).toBe(6);
    // One-off 1,000, yearly net 120 after costs: 10 a month, −1,000 + 36 × 10 = −640 after 3 years.
    expect(paybackMonth(1000, [-880, 120, 120])).toBeNull();
    // Nothing to pay back: the first month already stands at zero.
    expect(paybackMonth(0, [0])).toBe(1);
  });

});
