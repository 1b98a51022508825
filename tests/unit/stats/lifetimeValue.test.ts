import { describe, expect, it } from 'vitest';
import { lifetimeValue, monthlyLifetimeValue } from '../../../analytics/stats/lifetimeValue.js';

describe('lifetimeValue', () => {
  it('discounts three years of margin 1000 at retention 0.8 and rate 10% to 2051.09', () => {
    // year 1: 1000 × 0.8⁰ / 1.1¹ = 1000 / 1.1   = 909.0909
    // year 2: 1000 × 0.8¹ / 1.1² =  800 / 1.21  = 661.1570
    // year 3: 1000 × 0.8² / 1.1³ =  640 / 1.331 = 480.8415
    // total                                     = 2051.0894
    const result = lifetimeValue({ margin: 1000, retention: 0.8, discountRate: 0.1, horizon: 3 });
    expect(result.value).toBeCloseTo(2051.0894, 4);
    expect(result.periods.map((p) => p.presentValue)).toEqual([
      expect.closeTo(909.0909, 4),
      expect.closeTo(661.157, 4),
      expect.closeTo(480.8415, 4),
    ]);
    expect(result.periods[2]).toMatchObject({ period: 3, survival: expect.closeTo(0.64, 12) });
  });

  it('agrees with the geometric-series closed form m/(1+d) × (1 − qᴴ)/(1 − q), q = r/(1+d)', () => {
    // m = 250, r = 0.9, d = 0.08, H = 10: q = 0.9/1.08 = 0.833333; 250/1.08 = 231.4815
    // (1 − 0.833333¹⁰)/(1 − 0.833333) = (1 − 0.161506)/0.166667 = 5.030967 → 231.48148 × 5.030967 = 1164.5756
    const result = lifetimeValue({ margin: 250, retention: 0.9, discountRate: 0.08, horizon: 10 });
    const q = 0.9 / 1.08;
    expect(result.value).toBeCloseTo((250 / 1.08) * ((1 - q ** 10) / (1 - q)), 9);
    expect(result.value).toBeCloseTo(1164.5756, 4);
  });

  it('is the undiscounted sum margin × horizon with full retention and no discounting', () => {
    expect(lifetimeValue({ margin: 120, retention: 1, discountRate: 0, horizon: 5 }).value).toBe(600);
    expect(lifetimeValue({ margin: 120, retention: 1, discountRate: 0, horizon: 0 })).toEqual({ value: 0, periods: [] });
  });

  it('rejects retention outside 0..1, a rate of -100% or less, and a fractional horizon', () => {
    expect(() => lifetimeValue({ margin: 1, retention: 1.2, discountRate: 0.1, horizon: 3 })).toThrow(
      'lifetimeValue: retention must be between 0 and 1, got 1.2',
    );
    expect(() => lifetimeValue({ margin: 1, retention: 0.5, discountRate: -1, horizon: 3 })).toThrow(
      'lifetimeValue: discountRate must be > -1, got -1',
    );
    expect(() => lifetimeValue({ margin: 1, retention: 0.5, discountRate: 0.1, horizon: 2.5 })).toThrow(
      'lifetimeValue: horizon must be a non-negative integer, got 2.5',
    );
  });
});

describe('monthlyLifetimeValue', () => {
  it('converts yearly retention and discount rate to monthly ones that compound to the same year', () => {
    // monthly retention 0.8^(1/12) = 0.981577; monthly rate 1.1^(1/12) − 1 = 0.0079741
    // q = 0.981577/1.0079741 = 0.973811, and q¹² = 0.8/1.1 = 0.727273 exactly by construction.
    // 12 months of margin 100: 100/1.0079741 × (1 − 0.727273)/(1 − 0.973811) = 99.20889 × 10.41390 = 1033.1514
    const result = monthlyLifetimeValue({ monthlyMargin: 100, annualRetention: 0.8, annualDiscountRate: 0.1, horizonMonths: 12 });
    expect(result.periods).toHaveLength(12);
    expect(result.periods[11].survival * 0.8 ** (1 / 12)).toBeCloseTo(0.8, 12);
    expect(result.periods[11].discountFactor).toBeCloseTo(1 / 1.1, 12);
    expect(result.value).toBeCloseTo(1033.1514, 4);
  });

  it('names the monthly argument that is wrong', () => {
    expect(() =>
      monthlyLifetimeValue({ monthlyMargin: 100, annualRetention: 0.8, annualDiscountRate: 0.1, horizonMonths: -1 }),
    ).toThrow('monthlyLifetimeValue: horizonMonths must be a non-negative integer, got -1');
  });
});
