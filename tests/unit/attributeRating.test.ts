/**
 * Attribute-rating surveys: one overall question (the relationship answer) plus a satisfaction rating per
 * touchpoint without its own likelihood-to-recommend. Touchpoints without LTR answers are measured by CSAT,
 * drivers use the overall outcome, and a two-level overall outcome is allowed and labelled.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getDrivers } from '../../analytics/queries/drivers/getDrivers.js';
import { commonMeasure, measureOf } from '../../analytics/queries/metrics/measure.js';
import { getMetrics } from '../../analytics/queries/metrics/getMetrics.js';
import { getPriorities } from '../../analytics/queries/priorities/getPriorities.js';
import { pearsonFromSums, relativeWeights, type PairSums } from '../../analytics/stats/index.js';
import type { Store } from '../../analytics/store.js';
import { makeAnalyticsFixture, type FixtureResponse } from '../support/analyticsFixture.js';

let store: Store | undefined;
afterEach(async () => store?.close());

/** Touchpoint answers with satisfaction only (no LTR), as [customer, satisfaction]. */
const rated = (touchpoint: string, answers: [string, number][]): FixtureResponse[] =>
  answers.map(([customer, satisfaction]) => ({ customer, touchpoint, satisfaction, ltr: null }));
/** Relationship (overall) answers, as [customer, LTR]. */
const overall = (answers: [string, number][]): FixtureResponse[] => answers.map(([customer, ltr]) => ({ customer, touchpoint: null, ltr }));

describe('measureOf / commonMeasure', () => {
  it('reads a cut by NPS with LTR answers, by CSAT with satisfaction only, and by nothing without either', () => {
    expect(measureOf(3, 0)).toBe('NPS');
    expect(measureOf(3, 5)).toBe('NPS');
    expect(measureOf(0, 5)).toBe('CSAT');
    expect(measureOf(0, 0)).toBeNull();
    // One axis never mixes scales: a single CSAT-only touchpoint puts the whole set on CSAT.
    expect(commonMeasure(['NPS', 'NPS', null])).toBe('NPS');
    expect(commonMeasure(['NPS', 'CSAT'])).toBe('CSAT');
    expect(commonMeasure([null])).toBeNull();
  });
});

describe('touchpoints without LTR answers', () => {
  it('are measured by CSAT mean and top-2-box with intervals, and their NPS has n = 0', async () => {
    const ids = ['c1', 'c2', 'c3', 'c4', 'c5'];
    store = await makeAnalyticsFixture(
      ids.map((id) => ({ id })),
      [...rated('TP_A', [['c1', 5], ['c2', 4], ['c3', 4], ['c4', 2], ['c5', 1]]), ...overall([['c1', 10], ['c2', 0]])],
    );
    const [row] = await getMetrics(store, { touchpointCodes: ['TP_A'] }, { minN: 3 });
    expect(row!.measure).toBe('CSAT');
    expect(row!.nps).toMatchObject({ n: 0, nps: null });
    // Mean (5 + 4 + 4 + 2 + 1) / 5 = 3.2; Σx² = 25 + 16 + 16 + 4 + 1 = 62; s² = (62 − 16²/5) / 4 = (62 − 51.2) / 4 = 2.7.
    // SE = √(2.7 / 5) = 0.7348; t(0.975, 4) = 2.7764 → margin 2.0402: 1.1598 .. 5.2402, clipped to the 1-5 scale.
    expect(row!.csat.n).toBe(5);
    expect(row!.csat.mean).toBeCloseTo(3.2, 12);
    expect(row!.csat.sd).toBeCloseTo(Math.sqrt(2.7), 12);
    expect(row!.csat.ciLow).toBeCloseTo(3.2 - 2.7764451 * Math.sqrt(2.7 / 5), 5);
    expect(row!.csat.ciHigh).toBe(5);
    // Top-2-box: 3 of 5 answered 4 or 5 → 0.6, with a Wilson interval inside 0..1 around it.
    expect(row!.csatTopTwoBox).toMatchObject({ n: 5, count: 3, share: 0.6 });
    expect(row!.csatTopTwoBox.ciLow!).toBeLessThan(0.6);
    expect(row!.csatTopTwoBox.ciHigh!).toBeGreaterThan(0.6);
    // The relationship answers still give an NPS for the company: 1 promoter, 1 detractor of 2 → 0.
    const [company] = await getMetrics(store, {});
    expect(company).toMatchObject({ measure: 'NPS', survey: 'RELATIONSHIP' });
    expect(company!.nps).toMatchObject({ n: 2, nps: 0 });
  });

  /**
   * Eight customers: TP_A and TP_B rated 1-5 without LTR, an overall two-level outcome (satisfied 10 /
   * not satisfied 0). TP_A goes with the outcome, TP_B barely.
   */
  const ids = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'];
  const a = [5, 5, 4, 4, 2, 1, 2, 3];
  const b = [3, 2, 4, 3, 3, 4, 2, 3];
  const y = [1, 1, 1, 1, 0, 0, 0, 1];
  async function binaryStore(high: number, low: number) {
    return makeAnalyticsFixture(
      ids.map((id) => ({ id })),
      [
        ...rated('TP_A', ids.map((c, i): [string, number] => [c, a[i]!])),
        ...rated('TP_B', ids.map((c, i): [string, number] => [c, b[i]!])),
        ...overall(ids.map((c, i): [string, number] => [c, y[i] ? high : low])),
      ],
    );
  }

  it('drive the overall outcome; a two-level outcome is labelled and its coding does not change the weights', async () => {
    store = await binaryStore(10, 0);
    const tenZero = await getDrivers(store, {}, { minN: 4 });
    expect(tenZero.binaryOutcome).toBe(true);
    expect(tenZero.outcomeScale).toContain('two levels (0 and 10)');
    expect(tenZero.drivers.map((d) => d.touchpointCode)).toEqual(['TP_A', 'TP_B']);
    expect(tenZero.drivers.every((d) => d.n === 8)).toBe(true);
    await store.close();
    // The same answers coded 7 / 3 (a linear rescaling of 0 / 10): identical weights and R².
    store = await binaryStore(7, 3);
    const sevenThree = await getDrivers(store, {}, { minN: 4 });
    expect(sevenThree.outcomeScale).toContain('two levels (3 and 7)');
    for (const [i, d] of sevenThree.drivers.entries()) {
      expect(d.touchpointCode).toBe(tenZero.drivers[i]!.touchpointCode);
      expect(d.rawWeight).toBeCloseTo(tenZero.drivers[i]!.rawWeight, 12);
      expect(d.correlation).toBeCloseTo(tenZero.drivers[i]!.correlation, 12);
    }
    expect(sevenThree.rSquared).toBeCloseTo(tenZero.rSquared!, 12);
  });

  it('put priorities on a CSAT axis, with the CSAT target and gap, and count no LTR-less answer as a passive', async () => {
    store = await binaryStore(10, 0);
    const result = await getPriorities(store, {}, { minN: 4 });
    expect(result.performanceMeasure).toBe('CSAT');
    expect(result.drivers.binaryOutcome).toBe(true);
    const tpA = result.touchpoints.find((t) => t.touchpointCode === 'TP_A')!;
    const tpB = result.touchpoints.find((t) => t.touchpointCode === 'TP_B')!;
    // TP_A mean (5+5+4+4+2+1+2+3)/8 = 3.25; TP_B (3+2+4+3+3+4+2+3)/8 = 3.0.
    expect(tpA).toMatchObject({ measure: 'CSAT', performance: 3.25 });
    expect(tpB).toMatchObject({ measure: 'CSAT', performance: 3 });
    // No LTR at touchpoints: NPS n is 0 (not 8 passives), and NPS targets do not apply.
    expect(tpA.nps).toMatchObject({ n: 0, passives: 0, nps: null });
    expect(tpA.targetNps).toBeNull();
    expect(result.defaultTargetNps).toBeNull();
    // Target: the best touchpoint mean CSAT (TP_A, 3.25); TP_B is 0.25 below it.
    expect(result.defaultTarget).toBe(3.25);
    expect(tpB.target).toBe(3.25);
    expect(tpB.gap).toBeCloseTo(0.25, 12);
    expect(tpA.gap).toBe(0);
    // Median split of the two means: (3.25 + 3) / 2 = 3.125.
    expect(result.performanceSplitValue).toBeCloseTo(3.125, 12);
    expect(tpA.strong).toBe(true);
    expect(tpB.strong).toBe(false);
    expect(result.splitDescription).toContain('mean CSAT');
  });
});

describe('relative weights under a linear rescaling of the outcome', () => {
  const sumsOf = (xs: readonly number[], ys: readonly number[]): PairSums => ({
    n: xs.length,
    sumX: xs.reduce((s, v) => s + v, 0),
    sumY: ys.reduce((s, v) => s + v, 0),
    sumXX: xs.reduce((s, v) => s + v * v, 0),
    sumYY: ys.reduce((s, v) => s + v * v, 0),
    sumXY: xs.reduce((s, v, i) => s + v * ys[i]!, 0),
  });
  const weightsFor = (predictors: number[][], outcome: number[]) => {
    const r = (x: number[], y: number[]) => pearsonFromSums(sumsOf(x, y))!;
    const rxx = predictors.map((x) => predictors.map((z) => (x === z ? 1 : r(x, z))));
    const rxy = predictors.map((x) => r(x, outcome));
    return relativeWeights(rxx, rxy);
  };

  it('gives the same weights for y, 5y + 3 and −2y + 10 (the sign flips only the correlations)', () => {
    const x1 = [1, 2, 3, 4, 5, 2, 3, 4, 1, 5];
    const x2 = [2, 2, 3, 3, 4, 5, 1, 4, 2, 3];
    const x3 = [5, 4, 3, 3, 2, 1, 2, 4, 5, 1];
    const yRaw = [0, 1, 1, 1, 1, 0, 0, 1, 0, 1];
    const base = weightsFor([x1, x2, x3], yRaw);
    for (const [scale, shift] of [[5, 3], [-2, 10], [0.1, -7]] as const) {
      const rescaled = weightsFor([x1, x2, x3], yRaw.map((v) => scale * v + shift));
      for (const [i, w] of base.rawWeights.entries()) expect(rescaled.rawWeights[i]).toBeCloseTo(w, 10);
      expect(rescaled.rSquared).toBeCloseTo(base.rSquared, 10);
    }
  });
});
