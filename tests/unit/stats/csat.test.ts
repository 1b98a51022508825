import { describe, expect, it } from 'vitest';
import { csatDifferenceInterval, csatMean, meanSums, proportion, topTwoBox, twoProportionTest, welchTest } from '../../../analytics/stats/csat.js';

describe('csatMean', () => {
  it('computes mean 4.1 with SE 0.3145 and a t-interval from the sums of ten answers', () => {
    // scores 5,4,4,5,3,4,5,2,4,5: n = 10, Σx = 41, Σx² = 177
    // mean = 4.1; s² = (177 − 41²/10) / 9 = (177 − 168.1) / 9 = 0.98889; s = 0.994429
    // SE = 0.994429 / √10 = 0.314466; t(0.975; 9) = 2.262157; margin = 0.711372
    const sums = meanSums([5, 4, 4, 5, 3, 4, 5, 2, 4, 5]);
    expect(sums).toEqual({ n: 10, sum: 41, sumSquares: 177 });
    const result = csatMean(sums);
    expect(result.mean).toBeCloseTo(4.1, 12);
    expect(result.sd).toBeCloseTo(0.994429, 6);
    expect(result.se).toBeCloseTo(0.314466, 6);
    expect(result.margin).toBeCloseTo(0.711372, 6);
    expect(result.ciLow).toBeCloseTo(3.388628, 6);
    expect(result.ciHigh).toBeCloseTo(4.811372, 6);
    expect(result.lowSample).toBe(true);
  });

  it('returns nulls for an empty cut and no spread for a single answer', () => {
    expect(csatMean({ n: 0, sum: 0, sumSquares: 0 })).toMatchObject({ n: 0, mean: null, se: null, ciLow: null });
    expect(csatMean({ n: 1, sum: 4, sumSquares: 16 })).toMatchObject({ n: 1, mean: 4, sd: null, se: null });
  });

  it('clips the interval to the 1-5 scale', () => {
    // scores 5,5,4: mean 4.6667, s² = (66 − 196/3)/2 = 0.33333, SE = 0.57735/√3 = 0.33333,
    // t(0.975; 2) = 4.302653 → margin 1.434218; 4.6667 + 1.4342 = 6.10 → clipped to 5.
    const result = csatMean(meanSums([5, 5, 4]));
    expect(result.margin).toBeCloseTo(1.434218, 6);
    expect(result.ciHigh).toBe(5);
    expect(result.ciLow).toBeCloseTo(4.666667 - 1.434218, 5);
  });

  it('rejects sums that are inconsistent or off the 1-5 scale, saying which', () => {
    expect(() => csatMean({ n: 2, sum: 14, sumSquares: 98 })).toThrow(
      'csatMean: mean sum/n = 7 is outside the 1-5 scale; check that scores are 1-5',
    );
    expect(() => csatMean({ n: 2, sum: 8, sumSquares: 20 })).toThrow('csatMean: sumSquares 20 is smaller than sum²/n = 32');
    expect(() => csatMean({ n: 0, sum: 3, sumSquares: 9 })).toThrow('csatMean: n is 0 but sum is 3');
    expect(() => csatMean({ n: 1.5, sum: 3, sumSquares: 9 })).toThrow('csatMean: n must be a non-negative integer, got 1.5');
  });
});

describe('proportion / topTwoBox', () => {
  it('computes an 80% top-2-box share of 100 with the Wilson interval 71.1%-86.7%', () => {
    // p = 0.8, z = 1.96, z²/n = 0.038416
    // centre = (0.8 + 0.019208) / 1.038416 = 0.788902
    // half = 1.96 / 1.038416 × sqrt(0.8 × 0.2 / 100 + 3.8416 / 40000) = 1.887491 × 0.041183 = 0.077733
    // → 0.711169 .. 0.866634; Wald SE = sqrt(0.16 / 100) = 0.04
    const result = topTwoBox({ n: 100, count: 80 });
    expect(result.share).toBe(0.8);
    expect(result.se).toBeCloseTo(0.04, 12);
    expect(result.ciLow).toBeCloseTo(0.711169, 6);
    expect(result.ciHigh).toBeCloseTo(0.866634, 6);
  });

  it('keeps a non-zero-width interval inside 0..1 when nobody is in the category', () => {
    // x = 0, n = 10: centre = half = (3.8416/20) / 1.38416 = 0.138770 → 0 .. 0.277540
    const result = proportion({ n: 10, count: 0 });
    expect(result.ciLow).toBe(0);
    expect(result.ciHigh).toBeCloseTo(0.27754, 5);
  });

  it('returns nulls for an empty cut', () => {
    expect(proportion({ n: 0, count: 0 })).toMatchObject({ share: null, se: null, ciLow: null, ciHigh: null, lowSample: true });
  });

  it('rejects a count above n', () => {
    expect(() => proportion({ n: 5, count: 6 })).toThrow('proportion: counts.count (6) must not exceed counts.n (5)');
  });
});

describe('welchTest', () => {
  it('reproduces the published Welch test of Navarro (harpo data): t = 2.034, df = 23.025, p = 0.054', () => {
    // Navarro, D. J., Learning Statistics with R, §13.4 (Welch test): Anastasia n = 15, mean 74.533,
    // sd 8.999; Bernadette n = 18, mean 69.056, sd 5.775 → t = 2.034, df = 23.025, p = 0.054.
    // By hand: va = 8.999²/15 = 5.398800, vb = 5.775²/18 = 1.852813; SE = sqrt(7.251613) = 2.692882
    // t = 5.477 / 2.692882 = 2.033881; df = 7.251613² / (5.3988²/14 + 1.852813²/17) = 23.0249
    const result = welchTest({ n: 15, mean: 74.533, sd: 8.999 }, { n: 18, mean: 69.056, sd: 5.775 });
    expect(result.difference).toBeCloseTo(5.477, 10);
    expect(result.se).toBeCloseTo(2.692882, 6);
    expect(result.statistic).toBeCloseTo(2.033881, 6);
    expect(result.df).toBeCloseTo(23.0249, 4);
    expect(result.pValue).toBeCloseTo(0.053643, 6);
    expect(result.significant).toBe(false);
  });

  it('matches the 2-df closed form for two answers per group', () => {
    // {4,5} vs {2,3}: means 4.5 and 2.5, s² = 0.5 each; SE = sqrt(0.25 + 0.25) = 0.707107; t = 2.828427
    // df = 0.5² / (0.25²/1 + 0.25²/1) = 2; p = 1 − t/sqrt(2 + t²) = 1 − 2.828427/√10 = 0.105573
    const result = welchTest(csatMean(meanSums([4, 5])), csatMean(meanSums([2, 3])));
    expect(result.statistic).toBeCloseTo(2.828427, 6);
    expect(result.df).toBeCloseTo(2, 12);
    expect(result.pValue).toBeCloseTo(0.105573, 6);
  });

  it('returns no test when a side has fewer than two answers', () => {
    const result = welchTest(csatMean(meanSums([4])), csatMean(meanSums([2, 3])));
    expect(result).toEqual({ difference: 1.5, se: null, statistic: null, df: null, pValue: null, significant: null });
  });
});

describe('twoProportionTest', () => {
  it('finds 45% of 100 vs 30% of 100 significant with pooled z = 2.1909', () => {
    // pooled p = 75/200 = 0.375; SE = sqrt(0.375 × 0.625 × (1/100 + 1/100)) = sqrt(0.0046875) = 0.068465
    // z = 0.15 / 0.068465 = 2.190890; two-sided p = 0.028460
    const result = twoProportionTest({ n: 100, count: 45 }, { n: 100, count: 30 });
    expect(result.difference).toBeCloseTo(0.15, 12);
    expect(result.se).toBeCloseTo(0.068465, 6);
    expect(result.statistic).toBeCloseTo(2.19089, 5);
    expect(result.pValue).toBeCloseTo(0.02846, 5);
    expect(result.significant).toBe(true);
    expect(result.df).toBeNull();
  });

  it('returns no test when a side is empty or nobody varies', () => {
    expect(twoProportionTest({ n: 0, count: 0 }, { n: 10, count: 5 }).statistic).toBeNull();
    expect(twoProportionTest({ n: 10, count: 10 }, { n: 10, count: 10 })).toMatchObject({ difference: 0, se: 0, statistic: null });
  });
});

describe('csatDifferenceInterval', () => {
  it('gives Welch\'s interval of two personas\' mean ratings, worked by hand', () => {
    // a: 5,4,3 (n 3, mean 4, s 1); b: 3,2,1 (n 3, mean 2, s 1).
    // SE = sqrt(1/3 + 1/3) = 0.816497; df = (2/3)² / ((1/3)²/2 + (1/3)²/2) = 4; t(0.975; 4) = 2.776445
    // margin = 2.776445 × 0.816497 = 2.266958 → 2 ± 2.266958 = −0.266958 .. 4.266958 (includes 0: not significant).
    const a = csatMean(meanSums([5, 4, 3]));
    const b = csatMean(meanSums([3, 2, 1]));
    const interval = csatDifferenceInterval(a, b);
    expect(interval.difference).toBeCloseTo(2, 12);
    expect(interval.ciLow).toBeCloseTo(-0.266958, 6);
    expect(interval.ciHigh).toBeCloseTo(4.266958, 6);
    expect(interval.confidenceLevel).toBe(0.95);
    expect(welchTest(a, b).significant).toBe(false);
    // At 80%: t(0.9; 4) = 1.533206, margin 1.251858 → 0.748142 .. 3.251858 (excludes 0, as the test says).
    const eighty = csatDifferenceInterval(a, b, { confidenceLevel: 0.8 });
    expect(eighty.ciLow).toBeCloseTo(0.748142, 6);
    expect(welchTest(a, b, { confidenceLevel: 0.8 }).significant).toBe(true);
  });

  it('has no interval without two answers a side or without spread', () => {
    expect(csatDifferenceInterval(csatMean(meanSums([5])), csatMean(meanSums([3, 2])))).toMatchObject({ difference: 2.5, ciLow: null, ciHigh: null });
    expect(csatDifferenceInterval(csatMean(meanSums([4, 4])), csatMean(meanSums([3, 3])))).toMatchObject({ difference: 1, ciLow: null, ciHigh: null });
  });
});
