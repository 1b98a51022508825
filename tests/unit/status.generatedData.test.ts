import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEmotionCurve } from '../../analytics/queries/emotionCurve/getEmotionCurve.js';
import { getLoyaltyBySatisfaction, type LoyaltyGroup } from '../../analytics/queries/loyalty/getLoyaltyBySatisfaction.js';
import { getStatusDiagnosis } from '../../analytics/queries/status/getStatusDiagnosis.js';
import { getTargetProgress } from '../../analytics/queries/trends/getTargetProgress.js';
import { getTrend } from '../../analytics/queries/trends/getTrend.js';
import { getUnits } from '../../analytics/queries/units/getUnits.js';
import { openStore, type Store } from '../../analytics/store.js';
import { generate, PLANTED } from '../../seeds/generate/index.js';

/**
 * The analyses find what the generator plants (seeds/README.md): detractors churn more and earn less than
 * passives than promoters; NPS improves and churn falls over the months; unit quality flows into management,
 * employees, NPS and margin; SENIOR_SAVER has a worse "Everyday use" phase.
 */
let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:');
  await generate(store, { customers: 20_000, responses: 200_000, months: 24, seed: 7, endDate: '2026-06-30', dimensions: 'always' });
});
afterAll(async () => store?.close());

/** a's interval lies wholly above b's. */
const above = (a: { ciLow: number | null }, b: { ciHigh: number | null }) => a.ciLow! > b.ciHigh!;

describe('loyalty by satisfaction on the generated data', () => {
  it('finds detractors churning more than passives than promoters, and margin and CLV the other way, each step beyond its interval', async () => {
    const { byNps, byCsat, source } = await getLoyaltyBySatisfaction(store, {});
    expect(source).toMatchObject({ asOf: '2026-06-30', answeredOnOrBefore: '2025-07-01', dataVersion: '1' });
    const check = ([best, middle, worst]: LoyaltyGroup[]) => {
      for (const g of [best!, middle!, worst!]) expect(g.customers).toBeGreaterThan(1000);
      expect(above(worst!.churn, middle!.churn) && above(middle!.churn, best!.churn)).toBe(true);
      expect(above(best!.annualMargin, middle!.annualMargin) && above(middle!.annualMargin, worst!.annualMargin)).toBe(true);
      expect(best!.lifetimeValue.low!).toBeGreaterThan(middle!.lifetimeValue.high!);
      expect(middle!.lifetimeValue.low!).toBeGreaterThan(worst!.lifetimeValue.high!);
    };
    check(byNps); // PROMOTER, PASSIVE, DETRACTOR
    check(byCsat); // VERY_SATISFIED, SATISFIED, DISSATISFIED
  });
});

describe('trends on the generated data', () => {
  it('finds relationship NPS and CSAT rising and churn falling, significantly', async () => {
    const nps = await getTrend(store, {}, 'NPS', { bucket: 'MONTH' });
    expect(nps.slope.buckets).toBe(24);
    expect(nps.slope.ciLow!).toBeGreaterThan(0);
    // Planted: about -40 to about -10 over 24 months, so roughly +1.3 points a month.
    expect(nps.slope.slopePerMonth!).toBeGreaterThan(0.8);
    expect(nps.slope.slopePerMonth!).toBeLessThan(2);
    expect((await getTrend(store, {}, 'CSAT', { bucket: 'QUARTER' })).slope.ciLow!).toBeGreaterThan(0);
    expect((await getTrend(store, {}, 'CHURN', { bucket: 'MONTH' })).slope.ciHigh!).toBeLessThan(0);
  });

  it("puts the Skandia-like company target (-44 to +25) off track and reports progress on the demo's other targets", async () => {
    const base = { baselineDate: '2024-07-01', dueDate: '2027-06-30' };
    const [company, retention, kpi] = await getTargetProgress(store, [
      { id: 'nps', metric: 'NPS', scope: 'COMPANY', baseline: -44, targetValue: 25, ...base },
      { id: 'ret', metric: 'RETENTION', scope: 'COMPANY', baseline: 0.87, targetValue: 0.92, ...base },
      { id: 'kpi', metric: 'TOUCHPOINT_KPI', scope: 'TOUCHPOINT', touchpointCode: 'TP_PHONE_SERVICE', kpiName: 'Answer time', baseline: 190, targetValue: 60, ...base },
    ]);
    expect(company!.status).toBe('OFF_TRACK');
    expect(company!.projection!.ciHigh!).toBeLessThan(25);
    expect(company!.slope.slopePerMonth!).toBeGreaterThan(0);
    expect(retention!.scale).toBe(1);
    expect(retention!.now!.value!).toBeGreaterThan(0.85);
    expect(retention!.now!.value!).toBeLessThan(1);
    expect(kpi!.direction).toBe('DECREASE');
    expect(kpi!.slope.ciHigh!).toBeLessThan(0);
  });
});

describe('units on the generated data', () => {
  it('finds management quality, employee satisfaction, NPS and margin all positively correlated across the ten units', async () => {
    const { units, correlations } = await getUnits(store, {});
    expect(units).toHaveLength(10);
    for (const c of correlations) {
      expect(c.n).toBe(10);
      expect(c.r!).toBeGreaterThan(0.4);
    }
    const r = (a: string, b: string) => correlations.find((c) => c.a === a && c.b === b)!;
    expect(r('MANAGEMENT_QUALITY', 'NPS').significant).toBe(true);
    expect(r('NPS', 'MARGIN').significant).toBe(true);
    expect(r('EMPLOYEE_SATISFACTION', 'MARGIN').significant).toBe(true);
  });
});

describe('status diagnosis on the generated data', () => {
  it('says REVITALISE_CUSTOMER_FOCUS: churn about 11% and falling, NPS below 0 though rising', async () => {
    const status = await getStatusDiagnosis(store, {});
    expect(status.period).toEqual({ start: '2025-07-01', end: '2026-06-30' });
    expect(status).toMatchObject({ programme: 'REVITALISE_CUSTOMER_FOCUS', churnHigh: false, churnRising: false, npsLow: true, npsFalling: false });
    expect(status.churnLevel.share!).toBeGreaterThan(0.08);
    expect(status.churnLevel.ciHigh!).toBeLessThan(0.15);
    expect(status.churnTrend.ciHigh!).toBeLessThan(0);
    expect(status.npsLevel.ciHigh!).toBeLessThan(0);
    expect(status.npsTrend.ciLow!).toBeGreaterThan(0);
  });
});

describe('emotion curve on the generated data', () => {
  it(`shows the planted worse "${PLANTED.worsePhase.phase}" phase for ${PLANTED.worsePhase.persona}`, async () => {
    const all = await getEmotionCurve(store, 'demo:journey:as-is', {});
    const persona = await getEmotionCurve(store, 'demo:journey:as-is', { personaCodes: [PLANTED.worsePhase.persona] });
    const phase = (curve: typeof all) => curve.phases.find((p) => p.name === PLANTED.worsePhase.phase)!;
    expect(phase(persona).emotion.ciHigh!).toBeLessThan(phase(all).emotion.ciLow!);
    const lowest = [...persona.phases].sort((a, b) => a.emotion.value! - b.emotion.value!)[0]!;
    expect(lowest.name).toBe(PLANTED.worsePhase.phase);
    expect(all.phases.map((p) => p.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
