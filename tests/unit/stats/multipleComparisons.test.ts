import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, bonferroniCriticalZ } from '../../../analytics/stats/multipleComparisons.js';

describe('benjaminiHochberg', () => {
  it('adjusts five p-values by hand and finds two discoveries at q = 0.05', () => {
    // p in input order: 0.030, 0.001, 0.200, 0.012, 0.041; m = 5.
    // Sorted: 0.001 (rank 1), 0.012 (2), 0.030 (3), 0.041 (4), 0.200 (5).
    // m·p/rank: 0.005, 0.030, 0.050, 0.05125, 0.200.
    // Step-up (running minimum from the largest rank): 0.200; min(0.05125, 0.2) = 0.05125;
    // min(0.050, 0.05125) = 0.050; 0.030; 0.005.
    // Discoveries at 0.05: adjusted ≤ 0.05 → ranks 1-3 (0.001, 0.012, 0.030); 0.041 is not (0.05125).
    // Check with the rule: largest k with p(k) ≤ k·0.05/5 = k·0.01: p(3) = 0.030 ≤ 0.03 yes, p(4) = 0.041 > 0.04.
    const result = benjaminiHochberg([0.03, 0.001, 0.2, 0.012, 0.041]);
    expect(result.tests).toBe(5);
    expect(result.adjusted[0]).toBeCloseTo(0.05, 12);
    expect(result.adjusted[1]).toBeCloseTo(0.005, 12);
    expect(result.adjusted[2]).toBeCloseTo(0.2, 12);
    expect(result.adjusted[3]).toBeCloseTo(0.03, 12);
    expect(result.adjusted[4]).toBeCloseTo(0.05125, 12);
    expect(result.discoveries).toEqual([true, true, false, true, false]);
  });

  it('lifts a p-value that passes on its own above the rate when it is one of many', () => {
    // 0.04 alone is a discovery; with four p-values of 0.5 beside it, 5 × 0.04 / 1 = 0.2 > 0.05.
    expect(benjaminiHochberg([0.04]).discoveries).toEqual([true]);
    expect(benjaminiHochberg([0.04, 0.5, 0.5, 0.5, 0.5]).discoveries).toEqual([false, false, false, false, false]);
  });

  it('skips nulls: they are not tests and do not count in m', () => {
    // Two tests: 0.02 × 2 / 1 = 0.04, 0.04 × 2 / 2 = 0.04.
    const result = benjaminiHochberg([null, 0.04, 0.02, null]);
    expect(result.tests).toBe(2);
    expect(result.adjusted[0]).toBeNull();
    expect(result.adjusted[1]).toBeCloseTo(0.04, 12);
    expect(result.adjusted[2]).toBeCloseTo(0.04, 12);
    expect(result.discoveries).toEqual([false, true, true, false]);
  });

  it('caps adjusted p-values at 1 and rejects p outside 0..1', () => {
    expect(benjaminiHochberg([0.9, 0.95]).adjusted).toEqual([0.95, 0.95]);
    expect(() => benjaminiHochberg([1.2])).toThrow('benjaminiHochberg: pValues[0] must be between 0 and 1, got 1.2');
  });
});

describe('bonferroniCriticalZ', () => {
  it('turns 1.96 (two-sided 5%) over 30 tests into 3.14, each tested at 0.05/30', () => {
    // alpha = 2(1 - Phi(1.96)) = 0.04999579; Phi^-1(1 - alpha/60) = Phi^-1(0.99916674) = 3.1436
    expect(bonferroniCriticalZ(1.96, 30, 'BONFERRONI')).toBeCloseTo(3.1436, 3);
    // Two tests: Phi^-1(1 - 0.05/4) = Phi^-1(0.9875) = 2.2414
    expect(bonferroniCriticalZ(1.96, 2, 'BONFERRONI')).toBeCloseTo(2.2414, 3);
  });

  it('keeps the threshold with one test or no correction', () => {
    expect(bonferroniCriticalZ(1.96, 1, 'BONFERRONI')).toBe(1.96);
    expect(bonferroniCriticalZ(1.96, 30, 'NONE')).toBe(1.96);
  });
});
