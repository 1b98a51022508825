import { describe, expect, it } from 'vitest';
import { businessCase, type Estimate, type GroupEconomics, type ScenarioInputs } from '../../analytics/businessCase/engine.js';

const exact = (value: number, source = 'fixture'): Estimate => ({ value, low: value, high: value, source });
const group = (churn: number, margin: number, acquisition = 2000): GroupEconomics => ({
  churn12m: exact(churn),
  annualMargin: exact(margin),
  acquisitionCost: exact(acquisition),
});

/**
 * Hand-computed case: 10 detractors (churn 30%, margin 1,000) become passives (churn 20%, margin 1,500);
 * 2 years at 10%; one-off 5,000, yearly 1,000.
 *   uplift  y1 10·1·500 = 5,000   y2 10·0.7·500 = 3,500    PV 4,545.4545 + 2,892.5620 = 7,438.0165
 *   kept    y1 10·(1−1)·1,500 = 0  y2 10·(0.8−0.7)·1,500 = 1,500   PV 1,239.6694
 *   replacement y1 10·(0.3−0.2)·2,000 = 2,000  y2 10·(0.21−0.16)·2,000 = 1,000  PV 2,644.6281 (not counted)
 *   costs PV 5,000 + 909.0909 + 826.4463 = 6,735.5372
 *   NPV 7,438.0165 + 1,239.6694 − 6,735.5372 = 1,942.1487; ROI 0.288340
 *   net per year −1,000 and 4,000; payback: −5,000 + 12·333.33 = −1,000 after year 1, +3 months → month 15
 * Check: with the move 10·(1,500/1.1 + 0.8·1,500/1.21) = 23,553.72; without 10·(1,000/1.1 + 0.7·1,000/1.21)
 * = 14,876.03; difference 8,677.69 = uplift + kept.
 */
const scenario = (overrides: Partial<ScenarioInputs> = {}): ScenarioInputs => ({
  groups: { DETRACTOR: group(0.3, 1000), PASSIVE: group(0.2, 1500), PROMOTER: group(0.1, 2000) },
  moves: [{ from: 'DETRACTOR', to: 'PASSIVE', customers: 10, basis: 'fixture' }],
  horizonYears: 2,
  discountRate: exact(0.1),
  oneOffCost: 5000,
  yearlyCost: 1000,
  churnValuation: 'LOST_MARGIN',
  ...overrides,
});

const item = (result: ReturnType<typeof businessCase>, kind: string) => result.lineItems.find((l) => l.kind === kind)!;

describe('business case engine, reproduced by hand to the cent', () => {
  it('line items, NPV, ROI, net per year and payback month', () => {
    const result = businessCase(scenario());
    expect(item(result, 'MARGIN_UPLIFT').value).toBeCloseTo(7438.0165, 3);
    expect(item(result, 'MARGIN_UPLIFT').perYear).toEqual([5000, 3500]);
    expect(item(result, 'MARGIN_KEPT_BY_LOWER_CHURN').value).toBeCloseTo(1239.6694, 3);
    expect(item(result, 'REPLACEMENT_COST_AVOIDED')).toMatchObject({ counted: false });
    expect(item(result, 'REPLACEMENT_COST_AVOIDED').value).toBeCloseTo(2644.6281, 3);
    expect(item(result, 'YEARLY_COST').value).toBeCloseTo(-1735.5372, 3);
    expect(result.netPresentValue).toBeCloseTo(1942.1487, 3);
    expect(result.roi).toBeCloseTo(0.28834, 5);
    expect(result.netPerYear.map((v) => Math.round(v * 100) / 100)).toEqual([-1000, 4000]);
    expect(result.paybackMonth).toBe(15);
  });

  it('values churn by replacement cost instead when the scenario says so, never both', () => {
    const result = businessCase(scenario({ churnValuation: 'REPLACEMENT_COST' }));
    expect(item(result, 'MARGIN_KEPT_BY_LOWER_CHURN').counted).toBe(false);
    expect(item(result, 'REPLACEMENT_COST_AVOIDED').counted).toBe(true);
    expect(result.netPresentValue).toBeCloseTo(7438.0165 + 2644.6281 - 6735.5372, 3);
  });

  it('gives no payback within the horizon and no ROI without costs', () => {
    expect(businessCase(scenario({ oneOffCost: 1e6 })).paybackMonth).toBeNull();
    expect(businessCase(scenario({ oneOffCost: 0, yearlyCost: 0 })).roi).toBeNull();
  });

  it('widens to a low/high range from the input intervals, least and most favourable ends', () => {
    const wide = scenario({
      groups: {
        DETRACTOR: { ...group(0.3, 1000), annualMargin: { value: 1000, low: 900, high: 1100, source: 'f' } },
        PASSIVE: { ...group(0.2, 1500), churn12m: { value: 0.2, low: 0.15, high: 0.25, source: 'f' } },
        PROMOTER: group(0.1, 2000),
      },
    });
    const { range } = businessCase(wide);
    expect(range.base).toBeCloseTo(1942.1487, 3);
    // low: detractor margin 1,100 (from-group at its high end), passive churn 0.25:
    //   uplift 10·400/1.1 + 10·0.7·400/1.21 = 3,636.3636 + 2,314.0496; kept 10·(0.75−0.7)·1,500/1.21 = 619.8347
    expect(range.low).toBeCloseTo(3636.3636 + 2314.0496 + 619.8347 - 6735.5372, 3);
    expect(range.high).toBeGreaterThan(range.base);
  });

  it('refuses missing group data with a message naming the group, not NaN', () => {
    const missing = scenario({ groups: { ...scenario().groups, PASSIVE: { ...group(0.2, 1500), annualMargin: { value: Number.NaN, low: Number.NaN, high: Number.NaN, source: 'no passives in the filter' } } } });
    expect(() => businessCase(missing)).toThrow('overrides.PASSIVE.annualMargin: is missing (no customers in the group?): no passives in the filter');
    expect(() => businessCase(scenario({ horizonYears: 0 }))).toThrow('horizonYears: must be a whole number from 1 to 30, got 0');
  });
});
