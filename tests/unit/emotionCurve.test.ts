import { afterEach, describe, expect, it } from 'vitest';
import { csatToEmotion, getEmotionCurve, npsToEmotion } from '../../analytics/queries/emotionCurve/getEmotionCurve.js';
import type { Store } from '../../analytics/store.js';
import { makeAnalyticsFixture, type FixtureResponse } from '../support/analyticsFixture.js';

let store: Store | undefined;
afterEach(async () => store?.close());

const at = (touchpoint: string, ltr: number, satisfaction: number, customer = 'c1'): FixtureResponse => ({ customer, touchpoint, ltr, satisfaction });

describe('emotion mapping onto the workshop scale -2..+2', () => {
  it('maps mean CSAT by CSAT - 3 and NPS by NPS / 50', () => {
    expect([1, 2, 3, 4, 5].map(csatToEmotion)).toEqual([-2, -1, 0, 1, 2]);
    expect(csatToEmotion(3.6)).toBeCloseTo(0.6, 12);
    expect([-100, -50, 0, 50, 100].map(npsToEmotion)).toEqual([-2, -1, 0, 1, 2]);
  });
});

describe('emotion curve on a hand-made store', () => {
  // Fixture journey j1: phase ph1 "Buy" (documented +1) with TP_A, TP_B; phase ph2 "Use" (documented -1) with TP_C.
  async function curveStore(): Promise<Store> {
    return makeAnalyticsFixture(
      [{ id: 'c1' }, { id: 'c2', persona: 'P2' }],
      [
        at('TP_A', 10, 5), at('TP_A', 9, 4), at('TP_A', 2, 3), at('TP_A', 8, 4), // CSAT 4 → +1; NPS 25 → 0.5
        at('TP_C', 0, 1), at('TP_C', 3, 2), at('TP_C', 10, 3, 'c2'), // CSAT 2 → -1; NPS -33.3
        { customer: 'c1', touchpoint: null, ltr: 0, satisfaction: 1 }, // relationship answers are not on the curve
      ],
    );
  }

  it('puts each phase and touchpoint in journey order, measured beside documented, with n and intervals', async () => {
    store = await curveStore();
    const curve = await getEmotionCurve(store, 'j1', {});
    expect(curve.journeyName).toBe('Journey');
    expect(curve.phases.map((p) => [p.name, p.documentedEmotion, p.touchpoints.map((t) => t.code)])).toEqual([
      ['Buy', 1, ['TP_A', 'TP_B']],
      ['Use', -1, ['TP_C']],
    ]);
    const [buy, use] = curve.phases;
    expect(buy!.csat).toMatchObject({ n: 4, mean: 4 });
    expect(buy!.emotion).toMatchObject({ value: 1, n: 4 });
    expect(buy!.emotion.ciLow).toBeCloseTo(buy!.csat.ciLow! - 3, 12);
    expect(buy!.emotion.ciHigh).toBeCloseTo(buy!.csat.ciHigh! - 3, 12);
    expect(buy!.npsEmotion).toMatchObject({ value: 0.5, n: 4 });
    expect(buy!.gap).toBe(0);
    const [, tpB] = buy!.touchpoints;
    expect(tpB).toMatchObject({ code: 'TP_B', journeyPosition: 1, documentedEmotion: 1, gap: null, emotion: { value: null, n: 0 } });
    expect(tpB!.nps).toMatchObject({ n: 0, nps: null });
    expect(use!.emotion.value).toBeCloseTo(-1, 12);
    expect(use!.npsEmotion.value).toBeCloseTo(-100 / 3 / 50, 12);
    expect(use!.gap).toBeCloseTo(0, 12);
    expect(use!.touchpoints[0]!.csat).toMatchObject({ n: 3, mean: 2 });
  });

  it('narrows to a persona', async () => {
    store = await curveStore();
    const curve = await getEmotionCurve(store, 'j1', { personaCodes: ['P2'] });
    expect(curve.phases[0]!.csat.n).toBe(0);
    expect(curve.phases[1]!).toMatchObject({ csat: { n: 1, mean: 3 }, emotion: { value: 0 }, gap: 1 });
  });

  it('refuses an unknown journey and touchpoint-level filters by name', async () => {
    store = await curveStore();
    await expect(getEmotionCurve(store, 'nope', {})).rejects.toMatchObject({ field: 'journeyId', message: 'journeyId: no journey with id "nope"' });
    await expect(getEmotionCurve(store, 'j1', { phaseId: 'ph1' })).rejects.toMatchObject({ field: 'phaseId' });
    await expect(getEmotionCurve(store, 'j1', { survey: 'RELATIONSHIP' })).rejects.toMatchObject({ field: 'survey' });
  });
});
