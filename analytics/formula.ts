/**
 * A computed figure's formula, exposed with the very inputs its computation used (issue 18: "formulas in
 * plain language, with the maths one click away"). The client shows the words (translated by `figure`)
 * and each input with its value and unit; it never recomputes the figure. Built next to the computation
 * (engine.ts, getPriorities.ts) from the same numbers, so the inputs reproduce the figure by the formula
 * written in `words` (tests/unit/formula.test.ts works one example of each by hand).
 */

/** How an input's (or the figure's) value reads. */
export type FormulaUnit =
  | 'CURRENCY'
  | 'CURRENCY_PER_YEAR'
  | 'CURRENCY_PER_CUSTOMER_PER_YEAR'
  | 'SHARE'
  | 'CUSTOMERS'
  | 'YEARS'
  | 'MONTHS'
  | 'NPS_POINTS'
  | 'CSAT_POINTS'
  | 'NUMBER';

/** The figures whose formula can be opened. */
export type FormulaFigure = 'NET_PRESENT_VALUE' | 'ROI' | 'PAYBACK_MONTH' | 'NET_PER_YEAR_AVERAGE' | 'VALUE_AT_STAKE' | 'DRIVER_WEIGHT';

/** The inputs a formula names. */
export type FormulaTermName =
  | 'MARGIN_UPLIFT'
  | 'MARGIN_KEPT_BY_LOWER_CHURN'
  | 'REPLACEMENT_COST_AVOIDED'
  | 'ONE_OFF_COST'
  | 'YEARLY_COST'
  | 'YEARLY_COSTS_PRESENT_VALUE'
  | 'DISCOUNT_RATE'
  | 'HORIZON_YEARS'
  | 'NET_PRESENT_VALUE'
  | 'NET_VALUE_IN_YEAR'
  | 'NET_VALUE_BEFORE_ONE_OFF_IN_YEAR'
  | 'IMPORTANCE'
  | 'GAP_TO_TARGET'
  | 'SCALE_POINTS'
  | 'CUSTOMERS_REACHED'
  | 'ANNUAL_MARGIN_PER_CUSTOMER'
  | 'RAW_WEIGHT'
  | 'R_SQUARED';

export interface FormulaTerm {
  term: FormulaTermName;
  value: number | null;
  unit: FormulaUnit;
  /** For a term given per year (NET_VALUE_IN_YEAR, NET_VALUE_BEFORE_ONE_OFF_IN_YEAR): the year 1..horizon; else null. */
  year: number | null;
}

export interface Formula {
  figure: FormulaFigure;
  /** The figure itself, exactly as reported beside it; null when it cannot be computed (the words say when). */
  value: number | null;
  unit: FormulaUnit;
  /** The formula in plain English words (the client shows its own translation of `figure`). */
  words: string;
  inputs: FormulaTerm[];
}

export const term = (name: FormulaTermName, value: number | null, unit: FormulaUnit, year: number | null = null): FormulaTerm => ({ term: name, value, unit, year });

/** The business case's inputs to its headline figures (engine.ts hands the numbers it used). */
export interface CaseFigures {
  netPresentValue: number;
  roi: number | null;
  paybackMonth: number | null;
  /** Present values of the counted benefit lines. */
  marginUpliftPv: number;
  churnLinePv: number;
  churnValuation: 'LOST_MARGIN' | 'REPLACEMENT_COST';
  oneOffCost: number;
  yearlyCost: number;
  yearlyCostsPv: number;
  discountRate: number;
  horizonYears: number;
  /** Net value per year 1..H, undiscounted, year 1 including the one-off cost. */
  netPerYear: readonly number[];
}

export const FORMULA_WORDS: Record<FormulaFigure, string> = {
  NET_PRESENT_VALUE:
    'Net present value = present value of the margin uplift + present value of the churn benefit (margin kept by lower churn, or replacement cost avoided: whichever the case counts) − one-off cost − present value of the yearly costs.',
  ROI: 'ROI = net present value ÷ present value of the costs, where the costs are the one-off cost plus the yearly cost of each year of the horizon divided by (1 + discount rate) to the power of the year. None without costs.',
  PAYBACK_MONTH:
    "Payback = the first month in which the money earned back covers the one-off cost: starting from minus the one-off cost, each year's net value (before the one-off cost) is added in twelve equal monthly parts, undiscounted. None when that does not happen within the horizon.",
  NET_PER_YEAR_AVERAGE: 'Net value a year = the sum of the net values of the years of the horizon (undiscounted, year 1 after the one-off cost) ÷ the number of years.',
  VALUE_AT_STAKE:
    "Value at stake a year = importance × (gap to target ÷ points of the scale) × customers reached × annual margin per customer. A ranking index of the margin at risk, not a forecast of what fixing it earns.",
  DRIVER_WEIGHT: "Importance (driver weight) = the touchpoint's raw relative weight (the part of the outcome's variance it explains) ÷ R² (the variance all touchpoints explain together), so the weights add up to 100%.",
};

/** NPV, ROI, payback and the yearly average of a business case, each with the inputs it was computed from. */
export function caseFormulas(c: CaseFigures): Formula[] {
  const churnTerm: FormulaTermName = c.churnValuation === 'LOST_MARGIN' ? 'MARGIN_KEPT_BY_LOWER_CHURN' : 'REPLACEMENT_COST_AVOIDED';
  const years = c.netPerYear.map((_, i) => i + 1);
  return [
    {
      figure: 'NET_PRESENT_VALUE',
      value: c.netPresentValue,
      unit: 'CURRENCY',
      words: FORMULA_WORDS.NET_PRESENT_VALUE,
      inputs: [term('MARGIN_UPLIFT', c.marginUpliftPv, 'CURRENCY'), term(churnTerm, c.churnLinePv, 'CURRENCY'), term('ONE_OFF_COST', c.oneOffCost, 'CURRENCY'), term('YEARLY_COSTS_PRESENT_VALUE', c.yearlyCostsPv, 'CURRENCY')],
    },
    {
      figure: 'ROI',
      value: c.roi,
      unit: 'SHARE',
      words: FORMULA_WORDS.ROI,
      inputs: [
        term('NET_PRESENT_VALUE', c.netPresentValue, 'CURRENCY'),
        term('ONE_OFF_COST', c.oneOffCost, 'CURRENCY'),
        term('YEARLY_COST', c.yearlyCost, 'CURRENCY_PER_YEAR'),
        term('DISCOUNT_RATE', c.discountRate, 'SHARE'),
        term('HORIZON_YEARS', c.horizonYears, 'YEARS'),
      ],
    },
    {
      figure: 'PAYBACK_MONTH',
      value: c.paybackMonth,
      unit: 'MONTHS',
      words: FORMULA_WORDS.PAYBACK_MONTH,
      inputs: [term('ONE_OFF_COST', c.oneOffCost, 'CURRENCY'), ...years.map((t) => term('NET_VALUE_BEFORE_ONE_OFF_IN_YEAR', c.netPerYear[t - 1]! + (t === 1 ? c.oneOffCost : 0), 'CURRENCY_PER_YEAR', t))],
    },
    {
      figure: 'NET_PER_YEAR_AVERAGE',
      value: c.netPerYear.reduce((a, b) => a + b, 0) / c.netPerYear.length,
      unit: 'CURRENCY_PER_YEAR',
      words: FORMULA_WORDS.NET_PER_YEAR_AVERAGE,
      inputs: [...years.map((t) => term('NET_VALUE_IN_YEAR', c.netPerYear[t - 1]!, 'CURRENCY_PER_YEAR', t)), term('HORIZON_YEARS', c.horizonYears, 'YEARS')],
    },
  ];
}

/** The terms value at stake multiplies (quadrants.ts valueAtStake), as the computation used them. */
export interface ValueAtStakeInputs {
  importance: number;
  gap: number;
  /** NPS_POINTS or CSAT_POINTS: the scale the gap is measured on. */
  gapUnit: 'NPS_POINTS' | 'CSAT_POINTS';
  gapDivisor: number;
  customersReached: number;
  annualMarginPerCustomer: number;
}

export function valueAtStakeFormula(value: number, v: ValueAtStakeInputs): Formula {
  return {
    figure: 'VALUE_AT_STAKE',
    value,
    unit: 'CURRENCY_PER_YEAR',
    words: FORMULA_WORDS.VALUE_AT_STAKE,
    inputs: [
      term('IMPORTANCE', v.importance, 'SHARE'),
      term('GAP_TO_TARGET', v.gap, v.gapUnit),
      term('SCALE_POINTS', v.gapDivisor, v.gapUnit),
      term('CUSTOMERS_REACHED', v.customersReached, 'CUSTOMERS'),
      term('ANNUAL_MARGIN_PER_CUSTOMER', v.annualMarginPerCustomer, 'CURRENCY_PER_CUSTOMER_PER_YEAR'),
    ],
  };
}

/** A touchpoint's importance from its raw relative weight and the model's R² (driverModel.ts: share = rawWeight / R²). */
export function driverWeightFormula(importance: number, rawWeight: number, rSquared: number): Formula {
  return {
    figure: 'DRIVER_WEIGHT',
    value: importance,
    unit: 'SHARE',
    words: FORMULA_WORDS.DRIVER_WEIGHT,
    inputs: [term('RAW_WEIGHT', rawWeight, 'SHARE'), term('R_SQUARED', rSquared, 'SHARE')],
  };
}
