import { afterEach, describe, expect, it } from 'vitest';
import { getLoyaltyBySatisfaction, type LoyaltyBySatisfaction, type LoyaltyGroup } from '../../analytics/queries/loyalty/getLoyaltyBySatisfaction.js';
import { proportion } from '../../analytics/stats/index.js';
import type { Store } from '../../analytics/store.js';
import { makeAnalyticsFixture, type FixtureCustomer, type FixtureResponse } from '../support/analyticsFixture.js';

let store: Store | undefined;
afterEach(async () => store?.close());

/** Monthly profitability rows: `months` months from `first` (YYYY-MM-01), each with the same revenue and cost. */
async function profit(s: Store, customer: string, first: string, months: number, revenue: number, cost: number) {
  await s.run(
    `INSERT INTO profitability SELECT $c, ($first::DATE + to_months(i::INTEGER))::DATE, $revenue, $cost FROM range($months) t(i)`,
    { c: customer, first, months, revenue, cost },
  );
}

const rel = (customer: string, at: string, ltr: number, satisfaction: number | null): FixtureResponse => ({ customer, touchpoint: null, at, ltr, satisfaction });

/**
 * asOf 2025-12-31, so answers on or before 2025-01-01 are followed for 12 months:
 * c1 promoter (5): earlier detractor answer, latest 2024-06-10; 12 months of 100.25 - 60.10 → 481.80 a year.
 * c2 promoter (4): 2024-03-01, churned 2024-09-15 (within the year); 7 months of 50 - 20 → 12 × 210 / 7 = 360.
 * c3 passive (3): 2024-05-20, churned 2025-06-01 (after the year); 12 months of 80 - 50 → 360.
 * c4 detractor (1): 2024-04-10, churned 2024-12-20; 8 months of 40 - 45 → -60.
 * c5 detractor (2), persona P2: 2024-12-15; 12 months of 30 - 20 → 120.
 * c9 passive (4): on the cut-off day 2025-01-01; no profitability rows.
 * Left out: c6 (answer after the cut-off), c7 (touchpoint answer only), c8 (churned before the answer).
 */
async function loyaltyStore(): Promise<Store> {
  const customers: FixtureCustomer[] = [
    { id: 'c1', acquisitionCost: 1000 },
    { id: 'c2', churned: '2024-09-15', acquisitionCost: 2000 },
    { id: 'c3', churned: '2025-06-01', acquisitionCost: 1500 },
    { id: 'c4', churned: '2024-12-20', acquisitionCost: 500 },
    { id: 'c5', persona: 'P2', acquisitionCost: 700 },
    { id: 'c6', acquisitionCost: 9999 },
    { id: 'c7', acquisitionCost: 9999 },
    { id: 'c8', churned: '2024-01-10', acquisitionCost: 9999 },
    { id: 'c9', acquisitionCost: 300 },
  ];
  const s = await makeAnalyticsFixture(customers, [
    rel('c1', '2024-01-05 10:00:00', 3, 1),
    rel('c1', '2024-06-10 10:00:00', 10, 5),
    rel('c2', '2024-03-01 09:00:00', 9, 4),
    rel('c3', '2024-05-20 09:00:00', 7, 3),
    rel('c4', '2024-04-10 09:00:00', 2, 1),
    rel('c5', '2024-12-15 09:00:00', 5, 2),
    rel('c6', '2025-03-01 09:00:00', 10, 5),
    { customer: 'c7', touchpoint: 'TP_A', at: '2024-03-01 09:00:00', ltr: 10, satisfaction: 5 },
    rel('c8', '2024-02-01 09:00:00', 10, 5),
    rel('c9', '2025-01-01 23:00:00', 8, 4),
  ]);
  await profit(s, 'c1', '2024-06-01', 1, 1000, 0); // before the answer: not counted
  await profit(s, 'c1', '2024-07-01', 12, 100.25, 60.1);
  await profit(s, 'c1', '2025-07-01', 1, 1000, 0); // after the 12 months: not counted
  await profit(s, 'c2', '2024-03-01', 7, 50, 20);
  await profit(s, 'c3', '2024-06-01', 12, 80, 50);
  await profit(s, 'c4', '2024-05-01', 8, 40, 45);
  await profit(s, 'c5', '2025-01-01', 12, 30, 20);
  await profit(s, 'c6', '2025-03-01', 10, 500, 0);
  return s;
}

const group = (result: LoyaltyBySatisfaction, name: string): LoyaltyGroup =>
  [...result.byNps, ...result.byCsat, result.all].find((g) => g.group === name)!;

/** Σ_{t=1..3} m r^(t-1) / 1.08^t, written out. */
const clv3 = (m: number, r: number) => m / 1.08 + (m * r) / 1.08 ** 2 + (m * r * r) / 1.08 ** 3;

describe('loyalty by satisfaction on a hand-made store', () => {
  it('groups customers by their latest relationship answer and reproduces churn, margin, CLV and acquisition cost by hand', async () => {
    store = await loyaltyStore();
    const result = await getLoyaltyBySatisfaction(store, {}, { asOf: '2025-12-31' });
    expect(result.source).toMatchObject({ asOf: '2025-12-31', answeredOnOrBefore: '2025-01-01', query: 'analytics/queries/loyalty/getLoyaltyBySatisfaction' });

    const promoters = group(result, 'PROMOTER');
    expect(promoters.customers).toBe(2);
    expect(promoters.churn).toMatchObject({ n: 2, count: 1, share: 0.5 });
    expect(promoters.retention).toBe(0.5);
    expect(promoters.annualMargin.n).toBe(2);
    expect(promoters.annualMargin.mean).toBeCloseTo((481.8 + 360) / 2, 6); // 420.90
    expect(promoters.annualMargin.sd).toBeCloseTo(Math.abs(481.8 - 360) / Math.SQRT2, 6);
    expect(promoters.customerMonths).toBe(19);
    expect(promoters.lifetimeValue.value).toBeCloseTo(clv3(420.9, 0.5), 6);
    expect(promoters.lifetimeValue.periods.map((p) => p.survival)).toEqual([1, 0.5, 0.25]);
    expect(promoters.acquisitionCost).toMatchObject({ n: 2, mean: 1500 });

    const passives = group(result, 'PASSIVE');
    expect(passives).toMatchObject({ customers: 2, churn: { n: 2, count: 0, share: 0 } });
    expect(passives.annualMargin).toMatchObject({ n: 1 }); // c9 has no profitability months
    expect(passives.annualMargin.mean).toBeCloseTo(360, 6);
    expect(passives.lifetimeValue.value).toBeCloseTo(clv3(360, 1), 6);
    expect(passives.acquisitionCost.mean).toBeCloseTo(900, 6);

    const detractors = group(result, 'DETRACTOR');
    expect(detractors).toMatchObject({ customers: 2, churn: { n: 2, count: 1 } });
    expect(detractors.annualMargin.mean).toBeCloseTo((-60 + 120) / 2, 6);
    expect(detractors.lifetimeValue.value).toBeCloseTo(clv3(30, 0.5), 6);
    expect(detractors.acquisitionCost.mean).toBeCloseTo(600, 6);

    expect(result.all).toMatchObject({ customers: 6, churn: { n: 6, count: 2 }, annualMargin: { n: 5 } });
    expect(result.all.annualMargin.mean).toBeCloseTo((481.8 + 360 + 360 - 60 + 120) / 5, 6);
  });

  it('puts satisfaction 5 in VERY_SATISFIED, 4 in SATISFIED and 1-3 in DISSATISFIED', async () => {
    store = await loyaltyStore();
    const result = await getLoyaltyBySatisfaction(store, {}, { asOf: '2025-12-31' });
    expect(result.byCsat.map((g) => [g.group, g.customers, g.churn.count])).toEqual([
      ['VERY_SATISFIED', 1, 0], // c1
      ['SATISFIED', 2, 1], // c2 (churned), c9
      ['DISSATISFIED', 3, 1], // c3, c4 (churned), c5
    ]);
    expect(group(result, 'SATISFIED').annualMargin.mean).toBeCloseTo(360, 6);
    expect(result.withoutCsat).toBe(0);
  });

  it('gives churn its Wilson interval and CLV a range over the interval ends of margin and churn', async () => {
    store = await loyaltyStore();
    const promoters = group(await getLoyaltyBySatisfaction(store, {}, { asOf: '2025-12-31' }), 'PROMOTER');
    const wilson = proportion({ n: 2, count: 1 });
    expect(promoters.churn.ciLow).toBeCloseTo(wilson.ciLow!, 12);
    expect(promoters.churn.ciHigh).toBeCloseTo(wilson.ciHigh!, 12);
    const { ciLow, ciHigh } = promoters.annualMargin;
    // Margin's interval spans 0 at n = 2, so the corners with the lowest margin and the highest churn bound it.
    expect(promoters.lifetimeValue.low).toBeCloseTo(Math.min(clv3(ciLow!, 1 - wilson.ciHigh!), clv3(ciLow!, 1 - wilson.ciLow!)), 6);
    expect(promoters.lifetimeValue.high).toBeCloseTo(clv3(ciHigh!, 1 - wilson.ciLow!), 6);
  });

  it('leaves out customers whose 12 months are not over by asOf, and takes them in once they are', async () => {
    store = await loyaltyStore();
    const early = await getLoyaltyBySatisfaction(store, {}, { asOf: '2025-12-31' });
    expect(early.all.customers).toBe(6);
    expect(early.all.acquisitionCost.mean).not.toBe(9999);
    // A day earlier, c9 (answered on 2025-01-01) is censored too.
    expect((await getLoyaltyBySatisfaction(store, {}, { asOf: '2025-12-30' })).all.customers).toBe(5);
  });

  it('narrows to a persona and uses the horizon and discount rate given', async () => {
    store = await loyaltyStore();
    const result = await getLoyaltyBySatisfaction(store, { personaCodes: ['P2'] }, { asOf: '2025-12-31', horizonYears: 2, discountRate: 0.1 });
    expect(result.all.customers).toBe(1);
    const detractors = group(result, 'DETRACTOR');
    expect(detractors.lifetimeValue.value).toBeCloseTo(120 / 1.1 + 120 / 1.1 ** 2, 6);
    expect(detractors.lifetimeValue).toMatchObject({ horizonYears: 2, discountRate: 0.1 });
    expect(result.source.filter).toEqual({ personaCodes: ['P2'] });
  });

  it('refuses bad arguments naming the field and what is allowed', async () => {
    store = await loyaltyStore();
    await expect(getLoyaltyBySatisfaction(store, {}, { discountRate: 8 })).rejects.toMatchObject({ field: 'discountRate', message: expect.stringContaining('0.08 = 8%') });
    await expect(getLoyaltyBySatisfaction(store, {}, { horizonYears: 0 })).rejects.toMatchObject({ field: 'horizonYears' });
    await expect(getLoyaltyBySatisfaction(store, {}, { asOf: '2030-01-01' })).rejects.toMatchObject({ field: 'asOf' });
    await expect(getLoyaltyBySatisfaction(store, { touchpointCodes: ['TP_A'] })).rejects.toMatchObject({
      field: 'touchpointCodes',
      message: expect.stringContaining('personaCodes, unitCodes, from, to'),
    });
  });
});
