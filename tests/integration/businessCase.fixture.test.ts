import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBusinessCase } from '../../analytics/businessCase/getBusinessCase.js';
import type { Store } from '../../analytics/store.js';
import { makeAnalyticsFixture } from '../support/analyticsFixture.js';

/**
 * Six customers answer the relationship survey on 2024-06-01 (asOf 2025-12-31, so the groups' year of
 * follow-up is 2024-06-01 .. 2025-05-31):
 *   detractors D1 (churns 2024-12-01) and D2: 100 DKK margin a month   → churn 1/2, annual margin 1,200
 *   passives   P1, P2:                       200 DKK a month           → churn 0,   annual margin 2,400
 *   promoters  R1, R2:                       300 DKK a month           → churn 0,   annual margin 3,600
 * Acquisition cost 1,000 each. Current customers on 2025-12-31: D2, P1, P2, R1, R2; only D2 used TP_A.
 *
 * By hand, moving 100% of the current detractors (1 customer) to passive over 3 years at 8%, costs 1,000
 * one-off and 500 a year:
 *   margin uplift  1 × 0.5^(t−1) × (2,400 − 1,200) = 1,200 / 600 / 300  → PV 1,863.66
 *   margin kept    1 × (1 − 0.5^(t−1)) × 2,400      = 0 / 1,200 / 1,800  → PV 2,457.70
 *   replacement    (0.5^(t−1) × 0.5 − 0) × 1,000     = 500 / 250 / 125    → PV 776.53 (not counted by default)
 *   yearly cost    500 × (1/1.08 + 1/1.08² + 1/1.08³)                   → PV 1,288.55
 *   NPV = 1,863.66 + 2,457.70 − 1,000 − 1,288.55 = 2,032.82; ROI 2,032.82 / 2,288.55 = 0.88826
 *   net per year −300 / 1,300 / 1,600; cumulative −1,000 + 700 = −300 after year 1, then 108.33 a month: payback month 15.
 */
let store: Store;
const at = '2024-06-01 10:00:00';

beforeAll(async () => {
  const customers = ['D1', 'D2', 'P1', 'P2', 'R1', 'R2'].map((id) => ({ id, acquired: '2023-01-01', churned: id === 'D1' ? '2024-12-01' : null }));
  const ltr = { D: 3, P: 8, R: 10 } as const;
  store = await makeAnalyticsFixture(customers, [
    ...customers.map((c) => ({ customer: c.id, at, ltr: ltr[c.id[0] as 'D' | 'P' | 'R'], satisfaction: 3 })),
    { customer: 'D2', touchpoint: 'TP_A', at: '2025-12-31 09:00:00', ltr: 2, satisfaction: 1 },
  ]);
  const monthly = { D: 100, P: 200, R: 300 } as const;
  for (const c of customers) {
    const months = c.id === 'D1' ? 6 : 12;
    for (let m = 0; m < months; m++) {
      const month = new Date(Date.UTC(2024, 5 + m, 1)).toISOString().slice(0, 10);
      await store.run(`INSERT INTO profitability VALUES ($id, $month::DATE, $revenue, 50)`, {
        id: c.id, month, revenue: 50 + monthly[c.id[0] as 'D' | 'P' | 'R'],
      });
    }
  }
});
afterAll(() => store?.close());

const base = { asOf: '2025-12-31', oneOffCost: 1000, yearlyCost: 500, moves: [{ from: 'DETRACTOR' as const, to: 'PASSIVE' as const, share: 1 }] };

describe('business case on a hand-computed fixture', () => {
  it('reproduces the case computed by hand to the cent', async () => {
    const result = await getBusinessCase(store, base);
    const item = (kind: string) => result.lineItems.find((l) => l.kind === kind)!;
    expect(result.moves).toEqual([{ from: 'DETRACTOR', to: 'PASSIVE', customers: 1, basis: '100.0% of 1 current detractors' }]);
    expect(item('MARGIN_UPLIFT').value).toBeCloseTo(1863.66, 2);
    expect(item('MARGIN_UPLIFT').perYear).toEqual([1200, 600, 300]);
    expect(item('MARGIN_KEPT_BY_LOWER_CHURN').value).toBeCloseTo(2457.7, 2);
    expect(item('REPLACEMENT_COST_AVOIDED')).toMatchObject({ counted: false });
    expect(item('REPLACEMENT_COST_AVOIDED').value).toBeCloseTo(776.53, 2);
    expect(item('YEARLY_COST').value).toBeCloseTo(-1288.55, 2);
    expect(result.netPresentValue).toBeCloseTo(2032.82, 2);
    expect(result.roi).toBeCloseTo(0.88826, 5);
    expect(result.netPerYear).toEqual([-300, 1300, 1600]);
    expect(result.paybackMonth).toBe(15);
    expect(result.population).toMatchObject({ respondents: 5, activeCustomers: 5, scaleFactor: 1 });
    expect(result).toMatchObject({ asOf: '2025-12-31', horizonYears: 3, discountRate: 0.08, churnValuation: 'LOST_MARGIN' });
    const margin = result.assumptions.find((a) => a.group === 'DETRACTOR' && a.input === 'ANNUAL_MARGIN')!;
    expect(margin).toMatchObject({ value: 1200, n: 2, overridden: false });
    expect(margin.source).toContain('loyaltyBySatisfaction(all customers; answers up to 2025-01-01, followed 12 months)');
    expect(item('MARGIN_UPLIFT').inputs).toContain('1 customers DETRACTOR → PASSIVE: 100.0% of 1 current detractors');
  });

  it('counts only the customers who used a touchpoint when the move names one', async () => {
    const used = await getBusinessCase(store, { ...base, moves: [{ from: 'PASSIVE', to: 'PROMOTER', share: 0.5, touchpointCodes: ['TP_A'] }] });
    expect(used.moves[0]).toMatchObject({ customers: 0, basis: '50.0% of 0 current passives who used TP_A' });
    const all = await getBusinessCase(store, { ...base, moves: [{ from: 'PASSIVE', to: 'PROMOTER', share: 0.5 }] });
    expect(all.moves[0]!.customers).toBe(1);
  });

  it('takes overrides instead of the measured defaults, and says so', async () => {
    const result = await getBusinessCase(store, { ...base, overrides: [{ group: 'DETRACTOR', churn12m: 0, annualMargin: 2000 }] });
    // No churn difference left: only the margin uplift (2,400 − 2,000) × 3 years counts.
    const uplift = result.lineItems.find((l) => l.kind === 'MARGIN_UPLIFT')!;
    expect(uplift.perYear).toEqual([400, 400, 400]);
    expect(result.lineItems.find((l) => l.kind === 'MARGIN_KEPT_BY_LOWER_CHURN')!.perYear).toEqual([0, 0, 0]);
    const overridden = result.assumptions.filter((a) => a.overridden).map((a) => [a.group, a.input, a.value, a.source]);
    expect(overridden).toEqual([['DETRACTOR', 'CHURN_12M', 0, 'scenario override'], ['DETRACTOR', 'ANNUAL_MARGIN', 2000, 'scenario override']]);
    const replacement = await getBusinessCase(store, { ...base, churnValuation: 'REPLACEMENT_COST', horizonYears: 1, discountRate: 0 });
    // One year, no discounting: uplift 1,200 + replacement 500 − 1,000 − 500.
    expect(replacement.netPresentValue).toBeCloseTo(200, 6);
  });

  it('answers a group without customers, bad shares and an empty scenario with errors naming the field, never NaN', async () => {
    await store.run(`DELETE FROM responses WHERE customer_id IN ('R1', 'R2')`);
    try {
      await expect(getBusinessCase(store, { ...base, moves: [{ from: 'PASSIVE', to: 'PROMOTER', share: 0.5 }] })).rejects.toThrow(
        'overrides.PROMOTER.churn12m: no promoter customers with this data (all customers: n=0), so their 12-month churn is unknown; narrow the scenario differently or give it as an override',
      );
      const overridden = await getBusinessCase(store, {
        ...base,
        moves: [{ from: 'PASSIVE', to: 'PROMOTER', share: 0.5 }],
        overrides: [{ group: 'PROMOTER', churn12m: 0.02, annualMargin: 4000, acquisitionCost: 900 }],
      });
      expect(Number.isFinite(overridden.netPresentValue)).toBe(true);
    } finally {
      await store.run(`INSERT INTO responses (response_id, customer_id, responded_at, ltr, satisfaction) VALUES ('rR1', 'R1', TIMESTAMP '${at}', 10, 3), ('rR2', 'R2', TIMESTAMP '${at}', 10, 3)`);
    }
    await expect(getBusinessCase(store, { ...base, moves: [{ from: 'DETRACTOR', to: 'PASSIVE', share: 1.5 }] })).rejects.toThrow('moves[0].share: must be a share from 0 to 1, got 1.5');
    await expect(getBusinessCase(store, { asOf: '2025-12-31' })).rejects.toThrow('scenario: give either moves');
    await expect(getBusinessCase(store, { ...base, moves: [{ from: 'DETRACTOR', to: 'DETRACTOR', share: 1 }] })).rejects.toThrow('moves[0].to: must differ from from (DETRACTOR)');
    await expect(getBusinessCase(store, { ...base, filter: { personaCodes: ['NOPE'] } })).rejects.toThrow('personaCodes: unknown "NOPE"; allowed: P1, P2');
  });
});
