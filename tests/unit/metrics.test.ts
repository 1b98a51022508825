import { afterEach, describe, expect, it } from 'vitest';
import { getMetrics } from '../../analytics/queries/metrics/getMetrics.js';
import type { Store } from '../../analytics/store.js';
import { makeAnalyticsFixture, type FixtureResponse } from '../support/analyticsFixture.js';

let store: Store | undefined;
afterEach(async () => store?.close());

/** `count` answers with score `ltr` at a touchpoint from customer `customer`. */
const answers = (count: number, ltr: number, touchpoint: string | null, customer = 'c1', extra: Partial<FixtureResponse> = {}) =>
  Array.from({ length: count }, () => ({ customer, touchpoint, ltr, ...extra }));

describe('getMetrics on a hand-made store', () => {
  it('computes NPS 33.0 (SE 7.49) with the adjusted Wald interval 17.56 to 46.52 for 50/33/17 at a touchpoint', async () => {
    store = await makeAnalyticsFixture([{ id: 'c1' }], [...answers(50, 10, 'TP_A'), ...answers(33, 7, 'TP_A'), ...answers(17, 3, 'TP_A')]);
    const [row] = await getMetrics(store, { touchpointCodes: ['TP_A'] });
    expect(row!.nps).toMatchObject({ n: 100, promoters: 50, passives: 33, detractors: 17, lowSample: false });
    expect(row!.nps.nps).toBeCloseTo(33, 10);
    expect(row!.nps.se).toBeCloseTo(7.49, 2);
    // Worked by hand in tests/unit/stats/nps.test.ts (Wald would be 33.0 ± 14.68).
    expect(row!.nps).toMatchObject({ intervalMethod: 'ADJUSTED_WALD' });
    expect(row!.nps.ciLow).toBeCloseTo(17.556, 2);
    expect(row!.nps.ciHigh).toBeCloseTo(46.522, 2);
    expect(row!.survey).toBe('TOUCHPOINT');
  });

  it('keeps relationship answers apart from touchpoint answers', async () => {
    store = await makeAnalyticsFixture([{ id: 'c1' }], [...answers(3, 10, null), ...answers(1, 0, 'TP_A')]);
    const [relationship] = await getMetrics(store, {});
    expect(relationship!.survey).toBe('RELATIONSHIP');
    expect(relationship!.nps).toMatchObject({ n: 3, nps: 100, lowSample: true });
    const [touchpoint] = await getMetrics(store, { survey: 'TOUCHPOINT' });
    expect(touchpoint!.nps).toMatchObject({ n: 1, nps: -100 });
  });

  it('cuts by touchpoint, phase and persona, and by month', async () => {
    store = await makeAnalyticsFixture(
      [{ id: 'c1', persona: 'P1' }, { id: 'c2', persona: 'P2' }],
      [
        ...answers(2, 10, 'TP_A', 'c1', { at: '2025-01-15 10:00:00' }),
        ...answers(2, 0, 'TP_C', 'c2', { at: '2025-02-15 10:00:00' }),
        ...answers(1, 8, 'TP_B', 'c2', { at: '2025-02-20 10:00:00' }),
      ],
    );
    const byPhase = await getMetrics(store, {}, { groupBy: ['PHASE'] });
    expect(byPhase.map((r) => [r.key.phaseId, r.nps.n, r.nps.promoters, r.nps.detractors])).toEqual([
      ['ph1', 3, 2, 0],
      ['ph2', 2, 0, 2],
    ]);
    expect(byPhase[0]!.nps.nps).toBeCloseTo(200 / 3, 10);
    const byPersonaMonth = await getMetrics(store, { survey: 'TOUCHPOINT' }, { groupBy: ['PERSONA', 'MONTH'] });
    expect(byPersonaMonth.map((r) => [r.key.personaCode, r.key.bucket, r.nps.n])).toEqual([
      ['P1', '2025-01-01', 2],
      ['P2', '2025-02-01', 3],
    ]);
    const onlyP2 = await getMetrics(store, { personaCodes: ['P2'], from: '2025-02-16', to: '2025-02-28' }, { groupBy: ['TOUCHPOINT'] });
    expect(onlyP2.map((r) => [r.key.touchpointCode, r.nps.n])).toEqual([['TP_B', 1]]);
  });

  it('computes CSAT mean, top-2-box and emotional factor means from the same answers', async () => {
    store = await makeAnalyticsFixture(
      [{ id: 'c1' }],
      [
        { customer: 'c1', touchpoint: 'TP_B', ltr: 9, satisfaction: 5, professional: 4 },
        { customer: 'c1', touchpoint: 'TP_B', ltr: 8, satisfaction: 4, professional: 2 },
        { customer: 'c1', touchpoint: 'TP_B', ltr: 2, satisfaction: 1 },
      ],
    );
    const [row] = await getMetrics(store, { touchpointCodes: ['TP_B'] });
    expect(row!.csat.mean).toBeCloseTo(10 / 3, 10);
    expect(row!.csatTopTwoBox).toMatchObject({ n: 3, count: 2 });
    expect(row!.emotions.find((e) => e.factor === 'professional')!.result).toMatchObject({ n: 2, mean: 3 });
    expect(row!.emotions.find((e) => e.factor === 'trustworthy')!.result).toMatchObject({ n: 0, mean: null });
  });

  it('refuses unknown codes, bad dates and contradictory filters, naming the field and the allowed values', async () => {
    store = await makeAnalyticsFixture([{ id: 'c1' }], answers(1, 9, null));
    await expect(getMetrics(store, { personaCodes: ['NOPE'] })).rejects.toThrow('personaCodes: unknown "NOPE"; allowed: P1, P2');
    await expect(getMetrics(store, { from: '2025-13-01' })).rejects.toThrow('from: must be a day that exists, written YYYY-MM-DD');
    await expect(getMetrics(store, { from: '2025-02-01', to: '2025-01-01' })).rejects.toThrow('to: must not be before from');
    await expect(getMetrics(store, { survey: 'RELATIONSHIP', touchpointCodes: ['TP_A'] })).rejects.toThrow(/^survey: /);
    await expect(getMetrics(store, { survey: 'RELATIONSHIP' }, { groupBy: ['PHASE'] })).rejects.toThrow(/^survey: RELATIONSHIP answers have no journey, phase or touchpoint/);
    await expect(getMetrics(store, {}, { groupBy: ['WEEK', 'MONTH'] })).rejects.toThrow('groupBy: use at most one of WEEK, MONTH and QUARTER');
  });

  it('returns n = 0 with nulls, not NaN, for an empty cut', async () => {
    store = await makeAnalyticsFixture([{ id: 'c1' }], answers(1, 9, null));
    const [row] = await getMetrics(store, { from: '2030-01-01' });
    expect(row!.nps).toMatchObject({ n: 0, nps: null, se: null, lowSample: true });
  });
});
