import { describe, expect, it } from 'vitest';
import { buildCorrelationInput, pairSums, pearsonFromSums, type CorrelationEntry } from '../../../analytics/stats/correlation.js';
import { relativeWeights } from '../../../analytics/stats/relativeWeights.js';

/** The correlation matrix of two predictors correlated r12. */
function twoPredictors(r12: number): number[][] {
  return [
    [1, r12],
    [r12, 1],
  ];
}

function sum(values: readonly number[]): number {
  return values.reduce((total, v) => total + v, 0);
}

describe('relativeWeights', () => {
  it('gives one predictor its squared correlation', () => {
    // k = 1: Λ = [1], β = r, ε = r² = 0.36
    const result = relativeWeights([[1]], [-0.6]);
    expect(result.rawWeights[0]).toBeCloseTo(0.36, 12);
    expect(result.rSquared).toBeCloseTo(0.36, 12);
    expect(result.shares).toEqual([1]);
    expect(result.olsBeta[0]).toBeCloseTo(-0.6, 12);
  });

  it('gives orthogonal predictors their squared correlations, summing to R²', () => {
    // Rxx = I → Λ = I, β = rxy, ε = (0.3², 0.4², 0.5²) = (0.09, 0.16, 0.25); R² = 0.5
    const identity = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    const result = relativeWeights(identity, [0.3, 0.4, 0.5]);
    expect(result.rawWeights[0]).toBeCloseTo(0.09, 12);
    expect(result.rawWeights[1]).toBeCloseTo(0.16, 12);
    expect(result.rawWeights[2]).toBeCloseTo(0.25, 12);
    expect(result.rSquared).toBeCloseTo(0.5, 12);
    expect(result.olsRSquared).toBeCloseTo(0.5, 12);
    expect(result.shares?.[2]).toBeCloseTo(0.5, 12);
    expect(result.repaired).toBe(false);
  });

  it('splits R² of two correlated predictors as computed by hand', () => {
    // r1 = 0.5, r2 = 0.4, r12 = 0.3.
    // OLS R² = (r1² + r2² − 2 r1 r2 r12) / (1 − r12²) = (0.25 + 0.16 − 0.12) / 0.91 = 0.29 / 0.91 = 0.318681
    // Rxx eigenvalues 1 ± r12 = 1.3, 0.7 with eigenvectors (1, 1)/√2, (1, −1)/√2, so with
    // s = √1.3 = 1.140175, d = √0.7 = 0.836660:
    //   Λ = [[a, b], [b, a]], a = (s + d)/2 = 0.988418, b = (s − d)/2 = 0.151758
    //   Λ⁻¹ = [[c, e], [e, c]], c = (1/s + 1/d)/2 = 1.036144, e = (1/s − 1/d)/2 = −0.159086
    //   β = Λ⁻¹ (0.5, 0.4) = (0.518072 − 0.063634, −0.079543 + 0.414458) = (0.454438, 0.334915)
    //   ε1 = a² β1² + b² β2² = 0.976970 × 0.206514 + 0.023031 × 0.112168 = 0.204341
    //   ε2 = b² β1² + a² β2² = 0.023031 × 0.206514 + 0.976970 × 0.112168 = 0.114341
    //   ε1 + ε2 = 0.318681 = OLS R²; shares 64.12% / 35.88%
    const result = relativeWeights(twoPredictors(0.3), [0.5, 0.4]);
    expect(result.rawWeights[0]).toBeCloseTo(0.204341, 6);
    expect(result.rawWeights[1]).toBeCloseTo(0.114341, 6);
    expect(result.rSquared).toBeCloseTo(0.29 / 0.91, 12);
    expect(result.olsRSquared).toBeCloseTo(0.29 / 0.91, 12);
    expect(result.shares?.[0]).toBeCloseTo(0.204341 / 0.318681, 5);
    // OLS betas: (r1 − r12 r2)/(1 − r12²) = 0.38/0.91, (r2 − r12 r1)/(1 − r12²) = 0.25/0.91
    expect(result.olsBeta[0]).toBeCloseTo(0.38 / 0.91, 12);
    expect(result.olsBeta[1]).toBeCloseTo(0.25 / 0.91, 12);
  });

  it('gives equal weights to exchangeable predictors', () => {
    // Three predictors, all intercorrelated 0.5, each correlated 0.6 with the outcome.
    // Rxx·1 = (1 + 2 × 0.5)·1 = 2·1, so R² = rxyᵀ Rxx⁻¹ rxy = 3 × 0.36 / 2 = 0.54; each ε = 0.18.
    const rxx = [
      [1, 0.5, 0.5],
      [0.5, 1, 0.5],
      [0.5, 0.5, 1],
    ];
    const result = relativeWeights(rxx, [0.6, 0.6, 0.6]);
    for (const weight of result.rawWeights) expect(weight).toBeCloseTo(0.18, 12);
    expect(result.rSquared).toBeCloseTo(0.54, 12);
  });

  it('reproduces the published rwa example (mtcars: mpg on cyl, disp, hp, gear) from raw sums', () => {
    // Source: martinctc/rwa README ("Basic example"), R's rwa(mtcars, outcome = "mpg",
    // predictors = c("cyl", "disp", "hp", "gear")): R² = 0.7791896, raw weights
    // cyl 0.2284797, disp 0.2221469, hp 0.2321744, gear 0.0963886. Data: R's datasets::mtcars.
    // This runs the whole path the product uses: sums → Pearson r → Rxx/rxy → relative weights.
    const mtcars = {
      mpg: [21, 21, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26, 30.4, 15.8, 19.7, 15, 21.4],
      cyl: [6, 6, 4, 6, 8, 6, 8, 4, 4, 6, 6, 8, 8, 8, 8, 8, 8, 4, 4, 4, 4, 8, 8, 8, 8, 4, 4, 4, 8, 6, 8, 4],
      disp: [160, 160, 108, 258, 360, 225, 360, 146.7, 140.8, 167.6, 167.6, 275.8, 275.8, 275.8, 472, 460, 440, 78.7, 75.7, 71.1, 120.1, 318, 304, 350, 400, 79, 120.3, 95.1, 351, 145, 301, 121],
      hp: [110, 110, 93, 110, 175, 105, 245, 62, 95, 123, 123, 180, 180, 180, 205, 215, 230, 66, 52, 65, 97, 150, 150, 245, 175, 66, 91, 113, 264, 175, 335, 109],
      gear: [4, 4, 4, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 4, 4, 4, 3, 3, 3, 3, 3, 4, 5, 5, 5, 5, 5, 4],
    };
    const predictors = ['cyl', 'disp', 'hp', 'gear'] as const;
    const variables = [...predictors, 'mpg'] as const;
    const entries: CorrelationEntry[] = [];
    for (const [i, a] of variables.entries()) {
      for (const b of variables.slice(i + 1)) {
        const r = pearsonFromSums(pairSums(mtcars[a], mtcars[b]));
        if (r === null) throw new Error(`no correlation for ${a}, ${b}`);
        entries.push({ a, b, r, n: 32 });
      }
    }
    const input = buildCorrelationInput(predictors, 'mpg', entries);
    // Known mtcars correlations with mpg: cyl −0.852162, disp −0.847551, hp −0.776168, gear 0.480285
    expect(input.rxy[0]).toBeCloseTo(-0.852162, 6);
    expect(input.rxy[3]).toBeCloseTo(0.480285, 6);

    const result = relativeWeights(input.rxx, input.rxy);
    expect(result.rSquared).toBeCloseTo(0.7791896, 7);
    expect(result.olsRSquared).toBeCloseTo(0.7791896, 7);
    expect(result.rawWeights[0]).toBeCloseTo(0.2284797, 7);
    expect(result.rawWeights[1]).toBeCloseTo(0.2221469, 7);
    expect(result.rawWeights[2]).toBeCloseTo(0.2321744, 7);
    expect(result.rawWeights[3]).toBeCloseTo(0.0963886, 7);
    // README's rescaled weights in %: 29.32274, 28.50999, 29.79691, 12.37037
    expect((result.shares?.[0] ?? 0) * 100).toBeCloseTo(29.32274, 4);
    expect((result.shares?.[3] ?? 0) * 100).toBeCloseTo(12.37037, 4);
  });

  it('repairs a non-positive-semidefinite matrix from pairwise-complete correlations', () => {
    // r12 = r13 = 0.8 but r23 = 0.1 cannot all hold at once:
    // det = 1(1 − 0.01) − 0.8(0.8 − 0.08) + 0.8(0.08 − 0.8) = 0.99 − 0.576 − 0.576 = −0.162 < 0,
    // eigenvalues −0.0825, 0.9, 2.1825. The joint matrix with rxy is clipped to eigenvalues >= 1e-8
    // and rescaled to a unit diagonal, so the weights stay finite, non-negative and sum to R² < 1.
    const rxx = [
      [1, 0.8, 0.8],
      [0.8, 1, 0.1],
      [0.8, 0.1, 1],
    ];
    const result = relativeWeights(rxx, [0.5, 0.4, 0.4]);
    expect(result.repaired).toBe(true);
    expect(result.minEigenvalue).toBeCloseTo(-0.0835417, 6);
    for (const weight of result.rawWeights) {
      expect(Number.isFinite(weight)).toBe(true);
      expect(weight).toBeGreaterThanOrEqual(0);
    }
    expect(result.rSquared).toBeLessThan(1);
    expect(result.rSquared).toBeCloseTo(result.olsRSquared, 8);
    expect(sum(result.shares ?? [])).toBeCloseTo(1, 12);
    // Predictors 2 and 3 are exchangeable in the input and stay so after the repair.
    expect(result.rawWeights[1]).toBeCloseTo(result.rawWeights[2], 10);
  });

  it('keeps R² below 1 when outcome correlations are inconsistent with Rxx', () => {
    // Two uncorrelated predictors each correlated 0.8 with the outcome would "explain"
    // 0.64 + 0.64 = 1.28 of its variance, which is impossible; the joint repair caps it.
    const result = relativeWeights(twoPredictors(0), [0.8, 0.8]);
    expect(result.repaired).toBe(true);
    expect(result.rSquared).toBeLessThan(1);
    expect(result.rSquared).toBeGreaterThan(0.99);
    expect(result.rawWeights[0]).toBeCloseTo(result.rawWeights[1], 10);
  });

  it('splits weight evenly between two identical (perfectly collinear) predictors', () => {
    // r12 = 1: Rxx is singular (eigenvalues 2 and 0); each copy of a predictor with r = 0.6 gets
    // half of r² = 0.36 → 0.18, where OLS betas would be undefined.
    const result = relativeWeights(twoPredictors(1), [0.6, 0.6]);
    expect(result.repaired).toBe(true);
    expect(result.rawWeights[0]).toBeCloseTo(0.18, 6);
    expect(result.rawWeights[1]).toBeCloseTo(0.18, 6);
  });

  it('returns null shares when nothing is explained', () => {
    const result = relativeWeights(twoPredictors(0.2), [0, 0]);
    expect(result.rSquared).toBe(0);
    expect(result.shares).toBeNull();
  });

  it('rejects malformed input, naming the problem', () => {
    expect(() => relativeWeights([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]], [0.1, 0.2, 0.3])).toThrow(
      'relativeWeights: Rxx must be square, got 3x4',
    );
    expect(() => relativeWeights([], [])).toThrow('relativeWeights: Rxx must have at least one predictor, got 0x0');
    expect(() => relativeWeights([[1]], [0.1, 0.2])).toThrow('relativeWeights: rxy must have 1 entries (one per predictor), got 2');
    expect(() => relativeWeights([[1, 0.2], [0.3, 1]], [0.1, 0.2])).toThrow(
      'relativeWeights: Rxx must be symmetric, got Rxx[1][0] = 0.3 and Rxx[0][1] = 0.2',
    );
    expect(() => relativeWeights([[0.9]], [0.1])).toThrow('relativeWeights: Rxx[0][0] must be 1, got 0.9');
    expect(() => relativeWeights([[1]], [1.5])).toThrow('relativeWeights: rxy[0] must be between -1 and 1, got 1.5');
    expect(() => relativeWeights([[1]], [Number.NaN])).toThrow('relativeWeights: rxy[0] must be a finite number, got NaN');
  });
});
