import { afterEach, describe, expect, it } from 'vitest';
import { businessCase, type GroupEconomics, type LoyaltyGroup, type ScenarioInputs } from '../../analytics/businessCase/engine.js';
import type { Formula, FormulaTermName } from '../../analytics/formula.js';
import { getPriorities } from '../../analytics/queries/priorities/getPriorities.js';
import type { Store } from '../../analytics/store.js';
import { makeAnalyticsFixture, type FixtureResponse } from '../support/analyticsFixture.js';

/** A formula's input by name (and year); fails the test when it is not there. */
function input(formula: Formula | undefined, name: FormulaTermName, year: number | null = null): number {
  const found = formula?.inputs.find((i) => i.term === name && i.year === year);
  expect(found, `${formula?.figure} input ${name}${year ? ` year ${year}` : ''}`).toBeDefined();
  return found!.value!;
}
const formulaOf = (formulas: readonly Formula[], figure: Formula['figure']) => formulas.find((f) => f.figure === figure);

const economics = (churn: number, margin: number, acquisition: number): GroupEconomics => ({
  churn12m: { value: churn, low: churn, high: churn, source: 'test' },
  annualMargin: { value: margin, low: margin, high: margin, source: 'test' },
  acquisitionCost: { value: acquisition, low: acquisition, high: acquisition, source: 'test' },
});

/**
 * Hand-worked: 100 customers move from detractor (churn 20%, margin 1,000 a year) to passive (churn 10%,
 * margin 1,500), 2 years at 10%, one-off cost 10,000, yearly cost 2,000, churn valued as lost margin.
 *   retention 0.8 (from) and 0.9 (to)
 *   margin uplift  year 1: 100 × 1 × 500 = 50,000; year 2: 100 × 0.8 × 500 = 40,000
 *                  PV 50,000 / 1.1 + 40,000 / 1.21 = 45,454.545 + 33,057.851 = 78,512.397
 *   margin kept    year 1: 100 × (1 − 1) × 1,500 = 0; year 2: 100 × (0.9 − 0.8) × 1,500 = 15,000; PV 12,396.694
 *   yearly costs   PV 2,000 / 1.1 + 2,000 / 1.21 = 3,471.074
 *   NPV            78,512.397 + 12,396.694 − 10,000 − 3,471.074 = 77,438.017
 *   ROI            77,438.017 / (10,000 + 3,471.074) = 5.74847
 *   net per year   year 1: 50,000 + 0 − 2,000 − 10,000 = 38,000; year 2: 40,000 + 15,000 − 2,000 = 53,000; average 45,500
 *   payback        from −10,000, year 1 adds (38,000 + 10,000) / 12 = 4,000 a month: −6,000, −2,000, +2,000 → month 3
 */
const groups: Record<LoyaltyGroup, GroupEconomics> = { DETRACTOR: economics(0.2, 1000, 400), PASSIVE: economics(0.1, 1500, 400), PROMOTER: economics(0.05, 2000, 400) };
const inputs: ScenarioInputs = {
  groups,
  moves: [{ from: 'DETRACTOR', to: 'PASSIVE', customers: 100, basis: 'test' }],
  horizonYears: 2,
  discountRate: { value: 0.1, low: 0.1, high: 0.1, source: 'test' },
  oneOffCost: 10_000,
  yearlyCost: 2_000,
  churnValuation: 'LOST_MARGIN',
};

describe('business-case formulas: the inputs reproduce each figure by its documented formula', () => {
  const result = businessCase(inputs);

  it('net present value = PV margin uplift + PV churn benefit − one-off cost − PV yearly costs', () => {
    const npv = formulaOf(result.formulas, 'NET_PRESENT_VALUE');
    expect(input(npv, 'MARGIN_UPLIFT')).toBeCloseTo(78_512.397, 3);
    expect(input(npv, 'MARGIN_KEPT_BY_LOWER_CHURN')).toBeCloseTo(12_396.694, 3);
    expect(input(npv, 'ONE_OFF_COST')).toBe(10_000);
    expect(input(npv, 'YEARLY_COSTS_PRESENT_VALUE')).toBeCloseTo(3_471.074, 3);
    const byFormula = input(npv, 'MARGIN_UPLIFT') + input(npv, 'MARGIN_KEPT_BY_LOWER_CHURN') - input(npv, 'ONE_OFF_COST') - input(npv, 'YEARLY_COSTS_PRESENT_VALUE');
    expect(byFormula).toBeCloseTo(77_438.017, 3);
    expect(npv!.value).toBe(result.netPresentValue);
    expect(result.netPresentValue).toBeCloseTo(byFormula, 9);
    expect(npv!.inputs.every((i) => i.unit === 'CURRENCY')).toBe(true);
  });

  it('names the replacement cost avoided instead when the case counts churn that way', () => {
    const replaced = businessCase({ ...inputs, churnValuation: 'REPLACEMENT_COST' });
    const npv = formulaOf(replaced.formulas, 'NET_PRESENT_VALUE');
    expect(npv!.inputs.map((i) => i.term)).toEqual(['MARGIN_UPLIFT', 'REPLACEMENT_COST_AVOIDED', 'ONE_OFF_COST', 'YEARLY_COSTS_PRESENT_VALUE']);
    // Lost without the move − lost with it: year 1 100 × (0.2 − 0.1) = 10, year 2 100 × (0.8 × 0.2 − 0.9 × 0.1) = 7, at 400 each.
    expect(input(npv, 'REPLACEMENT_COST_AVOIDED')).toBeCloseTo(4_000 / 1.1 + 2_800 / 1.21, 6);
    expect(input(npv, 'MARGIN_UPLIFT') + input(npv, 'REPLACEMENT_COST_AVOIDED') - 10_000 - input(npv, 'YEARLY_COSTS_PRESENT_VALUE')).toBeCloseTo(replaced.netPresentValue, 9);
  });

  it('ROI = NPV ÷ (one-off cost + yearly cost discounted over the horizon)', () => {
    const roi = formulaOf(result.formulas, 'ROI');
    const d = input(roi, 'DISCOUNT_RATE');
    const years = input(roi, 'HORIZON_YEARS');
    let costs = input(roi, 'ONE_OFF_COST');
    for (let t = 1; t <= years; t++) costs += input(roi, 'YEARLY_COST') / (1 + d) ** t;
    expect([d, years, input(roi, 'YEARLY_COST')]).toEqual([0.1, 2, 2_000]);
    expect(input(roi, 'NET_PRESENT_VALUE') / costs).toBeCloseTo(5.74847, 5);
    expect(roi!.value).toBe(result.roi);
    expect(roi!.value).toBeCloseTo(input(roi, 'NET_PRESENT_VALUE') / costs, 12);
  });

  it('payback = the first month the monthly parts of each year cover the one-off cost', () => {
    const payback = formulaOf(result.formulas, 'PAYBACK_MONTH');
    expect(input(payback, 'NET_VALUE_BEFORE_ONE_OFF_IN_YEAR', 1)).toBeCloseTo(48_000, 9);
    expect(input(payback, 'NET_VALUE_BEFORE_ONE_OFF_IN_YEAR', 2)).toBeCloseTo(53_000, 9);
    let cumulative = -input(payback, 'ONE_OFF_COST');
    let month: number | null = null;
    for (let year = 1; year <= 2 && month === null; year++) {
      for (let m = 1; m <= 12; m++) {
        cumulative += input(payback, 'NET_VALUE_BEFORE_ONE_OFF_IN_YEAR', year) / 12;
        if (cumulative >= 0) {
          month = (year - 1) * 12 + m;
          break;
        }
      }
    }
    expect(month).toBe(3);
    expect(payback!.value).toBe(result.paybackMonth);
    expect(payback!.value).toBe(3);
  });

  it('net value a year = the years\' net values ÷ the years', () => {
    const average = formulaOf(result.formulas, 'NET_PER_YEAR_AVERAGE');
    expect(input(average, 'NET_VALUE_IN_YEAR', 1)).toBeCloseTo(38_000, 9);
    expect(input(average, 'NET_VALUE_IN_YEAR', 2)).toBeCloseTo(53_000, 9);
    expect((input(average, 'NET_VALUE_IN_YEAR', 1) + input(average, 'NET_VALUE_IN_YEAR', 2)) / input(average, 'HORIZON_YEARS')).toBeCloseTo(45_500, 9);
    expect(average!.value).toBeCloseTo(45_500, 9);
  });

  it('has no ROI without costs, and says so in its words', () => {
    const free = businessCase({ ...inputs, oneOffCost: 0, yearlyCost: 0 });
    const roi = formulaOf(free.formulas, 'ROI');
    expect(roi!.value).toBeNull();
    expect(roi!.words).toMatch(/None without costs/);
  });
});

let store: Store | undefined;
afterEach(async () => store?.close());

describe('priority formulas on a hand-made store (the fixture of tests/unit/priorities.test.ts)', () => {
  const at = (touchpoint: string | null, answers: [string, number | null, number][]): FixtureResponse[] =>
    answers.map(([customer, satisfaction, ltr]) => ({ customer, touchpoint, satisfaction, ltr }));

  it('value at stake and importance come with the terms that reproduce them', async () => {
    // TP_B: NPS 0 against a target of 20 → gap 20; 5 customers worth 1,200 a year each (see priorities.test.ts).
    const ids = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'];
    store = await makeAnalyticsFixture(ids.map((id) => ({ id })), [
      ...at('TP_A', [['c1', 1, 2], ['c2', 2, 5], ['c3', 3, 7], ['c4', 4, 9], ['c5', 5, 10], ['c6', 2, 3]]),
      ...at('TP_B', [['c3', 2, 6], ['c4', 5, 10], ['c5', 4, 9], ['c6', 1, 0], ['c7', 3, 8]]),
      ...at(null, [['c1', null, 3], ['c2', null, 4], ['c3', null, 6], ['c4', null, 9], ['c5', null, 10], ['c6', null, 2], ['c7', null, 7], ['c8', null, 5]]),
    ]);
    await store.run(`INSERT INTO profitability VALUES
      ('c1', DATE '2025-01-01', 300, 100), ('c2', DATE '2025-01-01', 500, 200), ('c2', DATE '2025-02-01', 300, 200),
      ('c3', DATE '2025-01-01', 150, 50), ('c4', DATE '2025-01-01', 150, 50), ('c5', DATE '2025-01-01', 150, 50),
      ('c6', DATE '2025-01-01', 150, 50), ('c7', DATE '2025-01-01', 150, 50)`);
    const result = await getPriorities(store, {}, { minN: 4, targetNps: 50, targets: new Map([['TP_B', 20]]) });
    const b = result.touchpoints.find((t) => t.touchpointCode === 'TP_B')!;
    const stake = formulaOf(b.formulas, 'VALUE_AT_STAKE');
    expect([input(stake, 'GAP_TO_TARGET'), input(stake, 'SCALE_POINTS'), input(stake, 'CUSTOMERS_REACHED')]).toEqual([20, 100, 5]);
    expect(input(stake, 'ANNUAL_MARGIN_PER_CUSTOMER')).toBeCloseTo(1200, 8);
    expect(stake!.inputs.find((i) => i.term === 'GAP_TO_TARGET')!.unit).toBe('NPS_POINTS');
    const product = input(stake, 'IMPORTANCE') * (input(stake, 'GAP_TO_TARGET') / input(stake, 'SCALE_POINTS')) * input(stake, 'CUSTOMERS_REACHED') * input(stake, 'ANNUAL_MARGIN_PER_CUSTOMER');
    expect(stake!.value).toBe(b.valueAtStake);
    expect(b.valueAtStake).toBeCloseTo(product, 9);
    expect(b.valueAtStake).toBeCloseTo(b.importance! * 0.2 * 5 * 1200, 9);

    const weights = result.touchpoints.map((t) => formulaOf(t.formulas, 'DRIVER_WEIGHT'));
    for (const [i, t] of result.touchpoints.entries()) {
      expect(weights[i]!.value).toBe(t.importance);
      expect(input(weights[i], 'RAW_WEIGHT') / input(weights[i], 'R_SQUARED')).toBeCloseTo(t.importance!, 12);
    }
    // R² is the sum of the raw weights: the two weights add up to 100%.
    expect(input(weights[0], 'R_SQUARED')).toBeCloseTo(input(weights[0], 'RAW_WEIGHT') + input(weights[1], 'RAW_WEIGHT'), 12);
  });
});
