import { describe, expect, it } from 'vitest';
import { fitTrend, projectTrend, targetStatus, type TrendProjection } from '../../../analytics/stats/trend.js';

// Five monthly NPS values of 100 responses each.
// x = 0..4, y = 10, 12, 15, 15, 18; equal weights, so the fit is ordinary least squares:
// x̄ = 2, ȳ = 14; Sxx = Σ(x − x̄)² = 10; Sxy = (−2)(−4) + (−1)(−2) + 0 + (1)(1) + (2)(4) = 19
// slope = 19/10 = 1.9; intercept = 14 − 1.9 × 2 = 10.2
// fitted 10.2, 12.1, 14.0, 15.9, 17.8; residuals −0.2, −0.1, 1.0, −0.9, 0.2; SSE = 1.9
// with weights n = 100: s² = 100 × 1.9 / 3 = 63.3333; Σn(x − x̄)² = 1000
// SE(slope) = sqrt(63.3333/1000) = 0.251661 (the same as unweighted: sqrt((1.9/3)/10));
// t = 1.9/0.251661 = 7.5498 on 3 df → p = 0.004818
const monthly = [10, 12, 15, 15, 18].map((value, x) => ({ x, value, n: 100 }));

describe('fitTrend', () => {
  it('fits slope 1.9 ± 0.2517 per month through five equally weighted buckets', () => {
    const fit = fitTrend(monthly);
    expect(fit.points).toBe(5);
    expect(fit.totalN).toBe(500);
    expect(fit.slope).toBeCloseTo(1.9, 12);
    expect(fit.intercept).toBeCloseTo(10.2, 12);
    expect(fit.slopeSe).toBeCloseTo(0.251661, 6);
    expect(fit.residualVariance).toBeCloseTo(63.3333, 4);
    expect(fit.slopePValue).toBeCloseTo(0.004818, 6);
    expect(fit.df).toBe(3);
  });

  it('weights buckets by their number of responses', () => {
    // x = 0, 1, 2; y = 1, 3, 2; n = 3, 1, 1 (Σn = 5)
    // x̄ = (0 + 1 + 2)/5 = 0.6; ȳ = (3 + 3 + 2)/5 = 1.6
    // Σn(x − x̄)² = 3(0.36) + 0.16 + 1.96 = 3.2; Σn(x − x̄)(y − ȳ) = 3(−0.6)(−0.6) + (0.4)(1.4) + (1.4)(0.4) = 2.2
    // slope = 2.2/3.2 = 0.6875 (unweighted it would be 0.5); intercept = 1.6 − 0.6875 × 0.6 = 1.1875
    // residuals −0.1875, 1.125, −0.5625; Σn e² = 3(0.035156) + 1.265625 + 0.316406 = 1.6875; df = 1
    // SE(slope) = sqrt(1.6875/3.2) = 0.726184
    const fit = fitTrend([
      { x: 0, value: 1, n: 3 },
      { x: 1, value: 3, n: 1 },
      { x: 2, value: 2, n: 1 },
    ]);
    expect(fit.slope).toBeCloseTo(0.6875, 12);
    expect(fit.intercept).toBeCloseTo(1.1875, 12);
    expect(fit.slopeSe).toBeCloseTo(0.726184, 6);
  });

  it('skips empty buckets', () => {
    const withGaps = [...monthly, { x: 5, value: null, n: 0 }, { x: 6, value: 99, n: 0 }];
    expect(fitTrend(withGaps).slope).toBeCloseTo(1.9, 12);
    expect(fitTrend(withGaps).points).toBe(5);
  });

  it('gives a slope without SE from two buckets and no slope from one', () => {
    const two = fitTrend(monthly.slice(0, 2));
    expect(two.slope).toBeCloseTo(2, 12);
    expect(two.slopeSe).toBeNull();
    expect(fitTrend(monthly.slice(0, 1))).toMatchObject({ points: 1, slope: null, slopeSe: null });
    expect(fitTrend([])).toMatchObject({ points: 0, slope: null, xMean: null });
  });

  it('rejects a non-finite value or a fractional n, naming the bucket', () => {
    expect(() => fitTrend([{ x: 0, value: Number.NaN, n: 3 }])).toThrow('fitTrend: points[0].value must be a finite number, got NaN');
    expect(() => fitTrend([{ x: 0, value: 1, n: 2.5 }])).toThrow('fitTrend: points[0].n must be a non-negative integer, got 2.5');
  });
});

describe('projectTrend', () => {
  it('projects 29.2 at month 10 with a 95% interval 22.69..35.71', () => {
    // value = 10.2 + 1.9 × 10 = 29.2
    // SE² = s²(1/Σn + (10 − 2)²/Σn(x − x̄)²) = 63.3333 × (1/500 + 64/1000) = 63.3333 × 0.066 = 4.18
    // SE = 2.044505; t(0.975; 3) = 3.182446; margin = 6.506527
    const projection = projectTrend(fitTrend(monthly), 10);
    expect(projection?.value).toBeCloseTo(29.2, 12);
    expect(projection?.se).toBeCloseTo(2.044505, 6);
    expect(projection?.low).toBeCloseTo(22.693473, 6);
    expect(projection?.high).toBeCloseTo(35.706527, 6);
  });

  it('has no interval when the fit has no degrees of freedom, and no projection without a slope', () => {
    expect(projectTrend(fitTrend(monthly.slice(0, 2)), 10)).toMatchObject({ value: 30, se: null, low: null });
    expect(projectTrend(fitTrend(monthly.slice(0, 1)), 10)).toBeNull();
  });
});

describe('targetStatus', () => {
  const projection: TrendProjection = { x: 10, value: 29.2, se: 2.04, low: 22.69, high: 35.71, confidenceLevel: 0.95 };

  it('is on track when the whole interval reaches the target', () => {
    expect(targetStatus(projection, 20, 'INCREASE')).toBe('ON_TRACK');
    expect(targetStatus(projection, 40, 'DECREASE')).toBe('ON_TRACK');
  });

  it('is at risk when the interval straddles the target', () => {
    expect(targetStatus(projection, 25, 'INCREASE')).toBe('AT_RISK');
    expect(targetStatus(projection, 25, 'DECREASE')).toBe('AT_RISK');
  });

  it('is off track when the whole interval misses the target', () => {
    expect(targetStatus(projection, 40, 'INCREASE')).toBe('OFF_TRACK');
    expect(targetStatus(projection, 20, 'DECREASE')).toBe('OFF_TRACK');
  });

  it('is unknown without an interval', () => {
    expect(targetStatus(null, 25, 'INCREASE')).toBe('UNKNOWN');
    expect(targetStatus({ ...projection, low: null, high: null, se: null }, 25, 'INCREASE')).toBe('UNKNOWN');
  });
});
