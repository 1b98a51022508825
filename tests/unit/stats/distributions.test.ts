import { describe, expect, it } from 'vitest';
import {
  criticalT,
  criticalZ,
  lnGamma,
  normalCdf,
  normalQuantile,
  normalTwoSidedP,
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedP,
} from '../../../analytics/stats/distributions.js';

// Reference values are the printed normal and t table values or
// closed forms; digits beyond the tables were checked with SciPy 1.17 (scipy.stats.norm / t).

describe('lnGamma', () => {
  it('matches Γ at integers and at one half', () => {
    // Γ(5) = 4! = 24; Γ(10) = 9! = 362880; Γ(1/2) = √π
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(lnGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(lnGamma(0.1)).toBeCloseTo(Math.log(9.513507698668732), 12);
  });

  it('rejects x <= 0', () => {
    expect(() => lnGamma(0)).toThrow('lnGamma: x must be > 0, got 0');
  });
});

describe('normal distribution', () => {
  it('gives the two-sided p-value 0.04999579 at z = 1.96', () => {
    expect(normalTwoSidedP(1.96)).toBeCloseTo(0.04999579029644087, 12);
    expect(normalTwoSidedP(-1.96)).toBeCloseTo(0.04999579029644087, 12);
    expect(normalTwoSidedP(0)).toBe(1);
  });

  it('computes Φ in both tails with full precision', () => {
    // Φ(−3) = 0.0013498980316301; Φ(−10) = 7.61985302416047e-24
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    expect(normalCdf(3)).toBeCloseTo(1 - 0.0013498980316301, 15);
    expect(normalCdf(-10) / 7.61985302416047e-24).toBeCloseTo(1, 10);
  });

  it('inverts Φ: Φ⁻¹(0.975) = 1.959964, Φ⁻¹(0.995) = 2.575829', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 12);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 9);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('uses 1.96 exactly for 95% as PRODUCT.md defines, and the quantile otherwise', () => {
    expect(criticalZ(0.95)).toBe(1.96);
    expect(criticalZ(0.99)).toBeCloseTo(2.5758293035489004, 12);
    expect(criticalZ(0.9)).toBeCloseTo(1.6448536269514722, 12);
  });

  it('rejects probabilities outside (0, 1)', () => {
    expect(() => normalQuantile(1)).toThrow('normalQuantile: p must be strictly between 0 and 1, got 1');
    expect(() => criticalZ(0)).toThrow('criticalZ: confidenceLevel must be strictly between 0 and 1');
  });
});

describe('Student t distribution', () => {
  it('matches the closed form for 1 df (Cauchy): F(t) = 1/2 + atan(t)/π', () => {
    for (const t of [-5, -1, 0.3, 2, 40]) expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 12);
  });

  it('matches the closed form for 2 df: F(t) = 1/2 + t / (2 sqrt(2 + t²))', () => {
    for (const t of [-3, -0.5, 1, 2.8284271]) expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 12);
  });

  it('gives the table critical values t(0.975; 1, 2, 3, 10)', () => {
    // 12.706, 4.303, 3.182, 2.228 in every t table
    expect(criticalT(0.95, 1)).toBeCloseTo(12.706204736174694, 9);
    expect(criticalT(0.95, 2)).toBeCloseTo(4.302652729749462, 10);
    expect(studentTQuantile(0.975, 3)).toBeCloseTo(3.1824463052837078, 10);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 10);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228138851986274, 10);
  });

  it('remembers critical t by confidence level and df: a second call gives the same value, another level or df its own', () => {
    for (const df of [4, 4, 25.5, 25.5]) expect(criticalT(0.95, df)).toBe(studentTQuantile(0.975, df));
    // t(0.995; 4) = 4.604 and t(0.95; 4) = 2.132 in every t table: the level is part of what is remembered.
    expect(criticalT(0.99, 4)).toBeCloseTo(4.604094871415897, 9);
    expect(criticalT(0.9, 4)).toBeCloseTo(2.1318467863266504, 9);
    expect(criticalT(0.95, 4)).toBeCloseTo(2.7764451051977987, 9);
  });

  it('accepts fractional df as Welch needs: t(0.975; 25.5) = 2.057493', () => {
    expect(studentTQuantile(0.975, 25.5)).toBeCloseTo(2.0574928343278756, 9);
    expect(studentTTwoSidedP(2.1, 2.5)).toBeCloseTo(0.14450244475484378, 10);
  });

  it('approaches the normal distribution as df grows', () => {
    expect(studentTTwoSidedP(1.96, Infinity)).toBe(normalTwoSidedP(1.96));
    expect(studentTTwoSidedP(1.96, 1e6)).toBeCloseTo(normalTwoSidedP(1.96), 6);
  });

  it('rejects df <= 0', () => {
    expect(() => studentTTwoSidedP(1, 0)).toThrow('studentTTwoSidedP: degrees of freedom must be > 0, got 0');
  });
});
