import { describe, expect, it } from 'vitest';
import { classifyNps, compareNps, computeNps, countNps, npsDifferenceInterval } from '../../../analytics/stats/nps.js';

describe('classifyNps', () => {
  it('classifies 9-10 as promoters, 7-8 as passives and 0-6 as detractors', () => {
    expect([10, 9].map(classifyNps)).toEqual(['PROMOTER', 'PROMOTER']);
    expect([8, 7].map(classifyNps)).toEqual(['PASSIVE', 'PASSIVE']);
    expect([6, 0].map(classifyNps)).toEqual(['DETRACTOR', 'DETRACTOR']);
  });

  it('rejects scores that are not integers from 0 to 10', () => {
    expect(() => classifyNps(11)).toThrow('classifyNps: score must be an integer from 0 to 10, got 11');
    expect(() => classifyNps(-1)).toThrow('got -1');
    expect(() => classifyNps(7.5)).toThrow('got 7.5');
    expect(() => classifyNps(Number.NaN)).toThrow('got NaN');
  });
});

describe('countNps', () => {
  it('counts each category among raw 0-10 answers', () => {
    expect(countNps([10, 9, 9, 8, 7, 6, 0, 3])).toEqual({ promoters: 3, passives: 2, detractors: 3 });
  });
});

describe('computeNps', () => {
  it('computes NPS 33.0 with SE 7.49 and 95% Wald margin ±14.68 for 50/33/17 of 100', () => {
    // pP = 0.50, pD = 0.17; NPS = 100 × (0.50 − 0.17) = 33.0
    // Var = (0.50 + 0.17 − 0.33²) / 100 = (0.67 − 0.1089) / 100 = 0.005611
    // SE = 100 × sqrt(0.005611) = 7.4907; margin = 1.96 × 7.4907 = 14.6817
    const result = computeNps({ promoters: 50, passives: 33, detractors: 17 }, { interval: 'WALD' });
    expect(result.intervalMethod).toBe('WALD');
    expect(result.n).toBe(100);
    expect(result.nps).toBeCloseTo(33.0, 10);
    expect(result.se).toBeCloseTo(7.4907, 4);
    expect(result.margin).toBeCloseTo(14.6817, 4);
    expect(result.ciLow).toBeCloseTo(33 - 14.6817, 4);
    expect(result.ciHigh).toBeCloseTo(33 + 14.6817, 4);
    expect(result.promoterShare).toBe(0.5);
    expect(result.passiveShare).toBe(0.33);
    expect(result.detractorShare).toBe(0.17);
    expect(result.lowSample).toBe(false);
  });

  it('computes NPS 15.0 ± 4.91 for 400/350/250 of 1000', () => {
    // pP = 0.40, pD = 0.25; NPS = 15.0
    // Var = (0.40 + 0.25 − 0.15²) / 1000 = (0.65 − 0.0225) / 1000 = 0.0006275
    // SE = 100 × sqrt(0.0006275) = 2.50500; margin = 1.96 × 2.50500 = 4.90979
    const result = computeNps({ promoters: 400, passives: 350, detractors: 250 }, { interval: 'WALD' });
    expect(result.nps).toBeCloseTo(15.0, 10);
    expect(result.se).toBeCloseTo(2.505, 4);
    expect(result.margin).toBeCloseTo(4.9098, 4);
  });

  it('computes NPS 33.33 ± 5.96 for 300/200/100 of 600', () => {
    // pP = 1/2, pD = 1/6; NPS = 100 × 1/3 = 33.333
    // Var = (1/2 + 1/6 − (1/3)²) / 600 = (2/3 − 1/9) / 600 = (5/9) / 600 = 0.00092593
    // SE = 100 × sqrt(0.00092593) = 3.04290; margin = 1.96 × 3.04290 = 5.96409
    const result = computeNps({ promoters: 300, passives: 200, detractors: 100 }, { interval: 'WALD' });
    expect(result.nps).toBeCloseTo(33.3333, 4);
    expect(result.se).toBeCloseTo(3.0429, 4);
    expect(result.margin).toBeCloseTo(5.9641, 4);
  });

  it('returns nulls, not NaN, for an empty cut', () => {
    const result = computeNps({ promoters: 0, passives: 0, detractors: 0 });
    expect(result).toMatchObject({ n: 0, nps: null, se: null, margin: null, ciLow: null, ciHigh: null, lowSample: true });
    expect(result.promoterShare).toBeNull();
  });

  it('flags NPS as low sample below 30 responses, and the threshold is configurable', () => {
    expect(computeNps({ promoters: 10, passives: 10, detractors: 9 }).lowSample).toBe(true);
    expect(computeNps({ promoters: 10, passives: 10, detractors: 10 }).lowSample).toBe(false);
    expect(computeNps({ promoters: 10, passives: 10, detractors: 10 }, { minN: 50 }).lowSample).toBe(true);
  });

  it('clips the Wald interval to the -100..100 scale but keeps the full margin', () => {
    // 4 promoters, 1 detractor: NPS = 60; Var = (0.8 + 0.2 − 0.6²)/5 = 0.128; SE = 35.777
    // margin = 1.96 × 35.777 = 70.123 → 60 + 70.12 would be 130.12, clipped to 100.
    const result = computeNps({ promoters: 4, passives: 0, detractors: 1 }, { interval: 'WALD' });
    expect(result.margin).toBeCloseTo(70.1231, 4);
    expect(result.ciHigh).toBe(100);
    expect(result.ciLow).toBeCloseTo(60 - 70.1231, 4);
  });

  it('gives SE 0 and a zero-width Wald interval when every answer is in one category', () => {
    // pP = 1, pD = 0: Var = (1 + 0 − 1²)/n = 0.
    const result = computeNps({ promoters: 40, passives: 0, detractors: 0 }, { interval: 'WALD' });
    expect(result.nps).toBe(100);
    expect(result.se).toBe(0);
    expect(result.ciLow).toBe(100);
  });

  it('computes the adjusted Wald interval 17.56 to 46.52 for 50/33/17 of 100 (the default)', () => {
    // Add ¾ promoter, 1½ passive, ¾ detractor: ñ = 103, p̃P = 50.75/103 = 0.492718, p̃D = 17.75/103 = 0.172330
    // centre = 100 × (0.492718 − 0.172330) = 32.0388
    // Var = (0.665049 − 0.320388²) / 103 = (0.665049 − 0.102649) / 103 = 0.00546019; SE = 7.38931
    // margin = 1.96 × 7.38931 = 14.4831 → 32.0388 ± 14.4831 = 17.5558 to 46.5219
    const result = computeNps({ promoters: 50, passives: 33, detractors: 17 });
    expect(result.intervalMethod).toBe('ADJUSTED_WALD');
    expect(result.nps).toBeCloseTo(33.0, 10);
    expect(result.se).toBeCloseTo(7.4907, 4);
    expect(result.margin).toBeCloseTo(14.4831, 4);
    expect(result.ciLow).toBeCloseTo(17.5558, 4);
    expect(result.ciHigh).toBeCloseTo(46.5219, 4);
  });

  it('gives an adjusted Wald interval of real width when every answer is a promoter', () => {
    // 40/0/0: ñ = 43, p̃P = 40.75/43 = 0.947674, p̃D = 0.75/43 = 0.017442; centre = 93.0233
    // Var = (0.965116 − 0.930233²) / 43 = 0.0023206; SE = 4.81721; margin = 1.96 × 4.81721 = 9.44173
    // 93.0233 − 9.4417 = 83.5815; 93.0233 + 9.4417 = 102.47 → clipped to 100.
    const result = computeNps({ promoters: 40, passives: 0, detractors: 0 });
    expect(result.se).toBe(0);
    expect(result.ciLow).toBeCloseTo(83.5815, 4);
    expect(result.ciHigh).toBe(100);
  });

  it('computes the adjusted Wald interval -19.30 to 94.30 for 4/0/1 (n = 5)', () => {
    // ñ = 8, p̃P = 4.75/8 = 0.59375, p̃D = 1.75/8 = 0.21875; centre = 37.5
    // Var = (0.8125 − 0.375²) / 8 = 0.671875 / 8 = 0.083984; SE = 28.98006; margin = 1.96 × 28.98006 = 56.80091
    // 37.5 − 56.8009 = −19.3009; 37.5 + 56.8009 = 94.3009
    const result = computeNps({ promoters: 4, passives: 0, detractors: 1 });
    expect(result.nps).toBeCloseTo(60, 10);
    expect(result.ciLow).toBeCloseTo(-19.3009, 4);
    expect(result.ciHigh).toBeCloseTo(94.3009, 4);
  });

  it('rejects an unknown interval method', () => {
    // @ts-expect-error an interval name from outside the type, as a bad API argument would bring
    expect(() => computeNps({ promoters: 1, passives: 0, detractors: 0 }, { interval: 'BOOT' })).toThrow(
      'computeNps: interval must be one of ADJUSTED_WALD, WALD, got BOOT',
    );
  });

  it('uses the normal quantile for other confidence levels', () => {
    // 99%: z = Φ⁻¹(0.995) = 2.575829; margin = 2.575829 × 7.490661 = 19.29466
    const result = computeNps({ promoters: 50, passives: 33, detractors: 17 }, { confidenceLevel: 0.99, interval: 'WALD' });
    expect(result.margin).toBeCloseTo(19.29466, 4);
    expect(result.confidenceLevel).toBe(0.99);
  });

  it('rejects negative or fractional counts and bad options, naming the argument', () => {
    expect(() => computeNps({ promoters: -1, passives: 0, detractors: 0 })).toThrow(
      'computeNps: promoters must be a non-negative integer, got -1',
    );
    expect(() => computeNps({ promoters: 1, passives: 2.5, detractors: 0 })).toThrow('passives');
    expect(() => computeNps({ promoters: 1, passives: 2, detractors: 0 }, { confidenceLevel: 95 })).toThrow(
      'computeNps: confidenceLevel must be strictly between 0 and 1 (e.g. 0.95), got 95',
    );
    expect(() => computeNps({ promoters: 1, passives: 2, detractors: 0 }, { minN: -5 })).toThrow('minN');
  });
});

describe('compareNps', () => {
  it('finds 15.0 (n=1000) and 33.33 (n=600) significantly different with z = -4.6515', () => {
    // SE² = 2.504995² + 3.042903² = 6.275 + 9.259259 = 15.534259 (exactly 0.0006275×10⁴ and (5/9)/600×10⁴)
    // sqrt(15.534259) = 3.941352; difference = 15 − 33.333333 = −18.333333
    // z = −18.333333 / 3.941352 = −4.651534; two-sided p = 2 × (1 − Φ(4.651534)) = 3.2948e-6
    const a = computeNps({ promoters: 400, passives: 350, detractors: 250 });
    const b = computeNps({ promoters: 300, passives: 200, detractors: 100 });
    const result = compareNps(a, b);
    expect(result.difference).toBeCloseTo(-18.3333, 4);
    expect(result.se).toBeCloseTo(3.941352, 6);
    expect(result.z).toBeCloseTo(-4.651534, 6);
    expect(result.pValue).toBeCloseTo(3.2948e-6, 9);
    expect(result.significant).toBe(true);
  });

  it('does not call a difference significant when |z| is below 1.96', () => {
    // 33.0 (SE 7.4907) vs 15.0 (SE 2.5050): z = 18 / sqrt(56.11 + 6.275) = 18 / 7.8984 = 2.2790 → significant;
    // 33.0 vs 20.0 with the same SEs: z = 13 / 7.8984 = 1.6459 → not significant.
    const a = computeNps({ promoters: 50, passives: 33, detractors: 17 });
    expect(compareNps(a, { nps: 15, se: 2.505 }).significant).toBe(true);
    const result = compareNps(a, { nps: 20, se: 2.505 });
    expect(result.z).toBeCloseTo(1.6459, 4);
    expect(result.significant).toBe(false);
  });

  it('returns nulls when either side is empty', () => {
    const empty = computeNps({ promoters: 0, passives: 0, detractors: 0 });
    const full = computeNps({ promoters: 50, passives: 33, detractors: 17 });
    expect(compareNps(empty, full)).toEqual({ difference: null, se: null, z: null, pValue: null, significant: null });
  });

  it('returns no z when both SEs are 0 rather than an infinite one', () => {
    const allPromoters = computeNps({ promoters: 5, passives: 0, detractors: 0 });
    const allDetractors = computeNps({ promoters: 0, passives: 0, detractors: 5 });
    expect(compareNps(allPromoters, allDetractors)).toEqual({
      difference: 200,
      se: 0,
      z: null,
      pValue: null,
      significant: null,
    });
  });
});

describe('npsDifferenceInterval', () => {
  it('gives 41.01 to 83.13 for 50/33/17 against 20/30/50 (n = 100 each)', () => {
    // Each side gets 1.5 pseudo-answers: ñ = 101.5.
    // a: p̃P = 50.375/101.5 = 0.496305, p̃D = 17.375/101.5 = 0.171182; NPS̃ = 32.5123
    //    SE = 100 sqrt((0.667488 − 0.325123²) / 101.5) = 100 sqrt(0.561783 / 101.5) = 7.43963
    // b: p̃P = 20.375/101.5 = 0.200739, p̃D = 50.375/101.5 = 0.496305; NPS̃ = −29.5567
    //    SE = 100 sqrt((0.697044 − 0.295567²) / 101.5) = 100 sqrt(0.609684 / 101.5) = 7.75032
    // centre = 62.0690; SE = sqrt(7.43963² + 7.75032²) = 10.74316; margin = 1.96 × 10.74316 = 21.0566
    const result = npsDifferenceInterval({ promoters: 50, passives: 33, detractors: 17 }, { promoters: 20, passives: 30, detractors: 50 });
    expect(result.difference).toBeCloseTo(63, 10);
    expect(result.ciLow).toBeCloseTo(41.0124, 4);
    expect(result.ciHigh).toBeCloseTo(83.1256, 4);
  });

  it('has a width when both sides sit in one category, where the Wald SE is 0', () => {
    // 5/0/0 vs 0/0/5: ñ = 6.5, p̃P = 5.375/6.5 = 0.826923, p̃D = 0.375/6.5 = 0.057692; NPS̃ = 76.923
    // SE = 100 sqrt((0.884615 − 0.769231²) / 6.5) = 21.2277 per side; centre 153.846; margin 1.96 × 30.0206 = 58.840
    const result = npsDifferenceInterval({ promoters: 5, passives: 0, detractors: 0 }, { promoters: 0, passives: 0, detractors: 5 });
    expect(result.difference).toBe(200);
    expect(result.ciLow).toBeCloseTo(95.006, 3);
    expect(result.ciHigh).toBe(200);
  });

  it('returns nulls when a side is empty', () => {
    expect(npsDifferenceInterval({ promoters: 0, passives: 0, detractors: 0 }, { promoters: 1, passives: 0, detractors: 0 })).toEqual({
      difference: null, ciLow: null, ciHigh: null, confidenceLevel: 0.95,
    });
  });
});
