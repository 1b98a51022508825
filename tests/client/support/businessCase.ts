import type { BusinessCase } from '../../../client/src/features/business-case/model/businessCase';
import type { OverviewCell, RankedInitiative } from '../../../client/src/features/business-case/model/initiatives';

/**
 * A small case: margin uplift 1,000 + margin kept 500 − one-off 500 = NPV 1,000; the replacement
 * cost avoided (300) is shown, not counted. Passives' churn is overridden.
 */
export function makeBusinessCase(fields: Partial<BusinessCase> = {}): BusinessCase {
  return {
    title: 'Detractors to passives',
    asOf: '2026-11-30',
    dataVersion: '7',
    dataWindow: { start: '2025-01-01', end: '2026-11-30' },
    horizonYears: 2,
    discountRate: 0.08,
    churnValuation: 'LOST_MARGIN',
    oneOffCost: 500,
    yearlyCost: 0,
    filter: { personaCodes: null, unitCodes: null, from: null, to: null },
    netPresentValue: 1000,
    netPerYear: [250, 800],
    netPerYearAverage: 525,
    roi: 2,
    paybackMonth: 9,
    range: { low: 800, base: 1000, high: 1200, method: 'inputs at their interval ends' },
    formulas: [
      {
        figure: 'NET_PRESENT_VALUE',
        value: 1000,
        unit: 'CURRENCY',
        words: 'Net present value = …',
        inputs: [
          { term: 'MARGIN_UPLIFT', value: 1000, unit: 'CURRENCY', year: null },
          { term: 'MARGIN_KEPT_BY_LOWER_CHURN', value: 500, unit: 'CURRENCY', year: null },
          { term: 'ONE_OFF_COST', value: 500, unit: 'CURRENCY', year: null },
          { term: 'YEARLY_COSTS_PRESENT_VALUE', value: 0, unit: 'CURRENCY', year: null },
        ],
      },
      {
        figure: 'PAYBACK_MONTH',
        value: 9,
        unit: 'MONTHS',
        words: 'Payback = …',
        inputs: [
          { term: 'ONE_OFF_COST', value: 500, unit: 'CURRENCY', year: null },
          { term: 'NET_VALUE_BEFORE_ONE_OFF_IN_YEAR', value: 750, unit: 'CURRENCY_PER_YEAR', year: 1 },
          { term: 'NET_VALUE_BEFORE_ONE_OFF_IN_YEAR', value: 800, unit: 'CURRENCY_PER_YEAR', year: 2 },
        ],
      },
    ],
    lineItems: [
      { kind: 'MARGIN_UPLIFT', value: 1000, perYear: [500, 550], formula: 'moved customers × margin difference', inputs: ['annualMargin 2400 (n=50)'], counted: true },
      { kind: 'MARGIN_KEPT_BY_LOWER_CHURN', value: 500, perYear: [250, 250], formula: 'customers kept × margin', inputs: ['churn12m 0.2'], counted: true },
      { kind: 'REPLACEMENT_COST_AVOIDED', value: 300, perYear: [150, 150], formula: 'customers kept × acquisition cost', inputs: ['acquisitionCost 2000'], counted: false },
      { kind: 'ONE_OFF_COST', value: -500, perYear: [-500, 0], formula: 'one-off cost, paid at the start', inputs: ['oneOffCost 500'], counted: true },
    ],
    moves: [{ from: 'DETRACTOR', to: 'PASSIVE', customers: 10.5, basis: '50% of 21 detractors' }],
    translation: [],
    assumptions: [
      { group: 'DETRACTOR', input: 'CHURN_12M', value: 0.2, low: 0.15, high: 0.25, n: 21, source: '12-month churn of detractors, n=21', overridden: false, suppressed: false },
      { group: 'PASSIVE', input: 'CHURN_12M', value: 0.05, low: 0.05, high: 0.05, n: null, source: 'scenario override', overridden: true, suppressed: false },
    ],
    population: { respondents: 100, activeCustomers: 120, scaleFactor: 1, description: 'Moves are counted among 100 customers.' },
    ...fields,
  };
}

export function makeRanked(fields: Partial<RankedInitiative> & { rank: number }): RankedInitiative {
  return {
    value: 1000,
    valueLow: 800,
    valueHigh: 1200,
    cost: 500,
    valuePerCost: 2,
    paybackMonth: 9,
    formulas: [],
    feasibility: 4,
    effectRating: 3,
    problem: null,
    initiative: {
      id: `i-${fields.rank}`,
      title: `Initiative ${fields.rank}`,
      status: 'PLANNED',
      department: { id: 'd1', name: 'Customer Service' },
      touchpoints: [{ id: 't1', name: 'Phone' }],
    },
    ...fields,
  };
}

export function makeOverviewCell(o: { phaseId: string; phaseName: string; department: { id: string; name: string } | null }): OverviewCell {
  return {
    phase: { id: o.phaseId, name: o.phaseName, position: 0, journey: { id: 'j1', name: 'As-is' } },
    department: o.department,
    idea: 0,
    planned: 1,
    inProgress: 0,
    done: 0,
    initiatives: [{ id: `i-${o.phaseId}-${o.department?.id ?? 'none'}`, title: 'Call back', status: 'PLANNED' }],
  };
}
