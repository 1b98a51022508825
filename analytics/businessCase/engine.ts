/**
 * The business-case engine: what moving customers between loyalty groups is worth (source 004: customer
 * work loses to cost-cutting because it lacks a business case). Pure: the inputs come from the loyalty
 * and driver analyses (or the caller's overrides); every line item says how it was computed and from what.
 *
 * Model, per year t = 1..H, for m customers moved from group A to group B (conventions as lifetimeValue:
 * margin earned at the end of year t by customers active at its start; discounted by (1 + d)^t):
 *   with the move:    m · rB^(t−1) · marginB        without: m · rA^(t−1) · marginA
 * The difference splits exactly into
 *   margin uplift           m · rA^(t−1) · (marginB − marginA)      (the same customers, worth more)
 *   margin kept by churn    m · (rB^(t−1) − rA^(t−1)) · marginB      (more of them stay)
 * and, as the alternative way to value churn,
 *   replacement cost avoided  m · (rA^(t−1)(1 − rA) − rB^(t−1)(1 − rB)) · acquisition cost
 *   (customers the company no longer has to win back to keep its base).
 * Counting both "margin kept" and "replacement cost avoided" would count one lost customer twice
 * (a replaced customer brings the margin back), so the scenario chooses: LOST_MARGIN (default) or
 * REPLACEMENT_COST; the other line is shown with counted = false.
 */

import { caseFormulas, type Formula } from '../formula.js';
import { grouped, rounded, say } from '../i18n/index.js';
import { AnalyticsInputError } from '../queries/errors.js';
import { checkOption, DiscountRate, HorizonYears } from '../model/filter.js';
import { paybackMonth } from './payback.js';

export type LoyaltyGroup = 'PROMOTER' | 'PASSIVE' | 'DETRACTOR';
export const LOYALTY_GROUPS: readonly LoyaltyGroup[] = ['DETRACTOR', 'PASSIVE', 'PROMOTER'];

/** An input number with its 95% interval and where it came from. */
export interface Estimate {
  value: number;
  low: number;
  high: number;
  /** e.g. "loyaltyBySatisfaction(persona=SENIOR_SAVER), n=1,204" or "scenario override". */
  source: string;
}

export interface GroupEconomics {
  /** Share of the group's customers lost within 12 months (0..1). */
  churn12m: Estimate;
  /** Average annual contribution margin per customer (DKK). */
  annualMargin: Estimate;
  /** Cost of winning a customer (DKK). */
  acquisitionCost: Estimate;
}

export interface Move {
  from: LoyaltyGroup;
  to: LoyaltyGroup;
  /** Customers moved (may be fractional: a share of a group). */
  customers: number;
  /** How the count was found, e.g. "50% of 2,410 detractors who used TP_CLAIM_HANDLING". */
  basis: string;
}

export interface ScenarioInputs {
  groups: Record<LoyaltyGroup, GroupEconomics>;
  moves: readonly Move[];
  horizonYears: number;
  discountRate: Estimate;
  oneOffCost: number;
  yearlyCost: number;
  churnValuation: 'LOST_MARGIN' | 'REPLACEMENT_COST';
}

export type LineItemKind = 'MARGIN_UPLIFT' | 'MARGIN_KEPT_BY_LOWER_CHURN' | 'REPLACEMENT_COST_AVOIDED' | 'ONE_OFF_COST' | 'YEARLY_COST';

export interface LineItem {
  kind: LineItemKind;
  /** Present value over the horizon (DKK); costs are negative. */
  value: number;
  /** Undiscounted value per year 1..H (one-off cost: year 0 only, in `value`). */
  perYear: number[];
  formula: string;
  inputs: string[];
  /** false for the churn valuation not chosen (shown, not added). */
  counted: boolean;
}

export interface BusinessCaseResult {
  lineItems: LineItem[];
  /** Net value per year 1..H, undiscounted (counted benefits − yearly cost; year 1 also carries the one-off cost). */
  netPerYear: number[];
  /** Net present value over the horizon. */
  netPresentValue: number;
  /** Present value of the one-off and yearly costs over the horizon (positive). */
  costPresentValue: number;
  /** NPV / present value of the costs; null without costs. */
  roi: number | null;
  /** First month (1-based) whose cumulative undiscounted net value is ≥ 0; null if not within the horizon. */
  paybackMonth: number | null;
  range: { low: number; base: number; high: number; method: string };
  /** NPV, ROI, payback and the yearly average with the inputs they were computed from (analytics/formula.ts). */
  formulas: Formula[];
}

function check(inputs: ScenarioInputs): void {
  const { horizonYears, moves } = inputs;
  checkOption('horizonYears', HorizonYears, horizonYears);
  checkOption('discountRate', DiscountRate, inputs.discountRate.value);
  for (const [name, v] of [['oneOffCost', inputs.oneOffCost], ['yearlyCost', inputs.yearlyCost]] as const) {
    if (!Number.isFinite(v) || v < 0) throw new AnalyticsInputError(name, `must be a non-negative number, got ${v}`);
  }
  for (const move of moves) {
    if (!Number.isFinite(move.customers) || move.customers < 0) throw new AnalyticsInputError('moves', `a move from ${move.from} to ${move.to} needs a non-negative number of customers, got ${move.customers}`);
  }
  // Only the groups customers move between are used; the others may be unknown (no customers).
  const used = new Set(moves.flatMap((m) => [m.from, m.to]));
  for (const group of LOYALTY_GROUPS.filter((g) => used.has(g))) {
    const g = inputs.groups[group];
    for (const [name, e] of [['churn12m', g.churn12m], ['annualMargin', g.annualMargin], ['acquisitionCost', g.acquisitionCost]] as const) {
      if (![e.value, e.low, e.high].every(Number.isFinite)) throw new AnalyticsInputError(`overrides.${group}.${name}`, `is missing (no customers in the group?): ${e.source}`);
    }
    if (g.churn12m.value < 0 || g.churn12m.value > 1) throw new AnalyticsInputError(`overrides.${group}.churn12m`, `must be a share 0..1, got ${g.churn12m.value}`);
  }
}

/** The one-off cost, paid now, plus the yearly cost paid at the end of years 1..H, discounted at `discountRate`. */
export function costsPresentValue(oneOffCost: number, yearlyCost: number, horizonYears: number, discountRate: number): number {
  let yearly = 0;
  for (let t = 1; t <= horizonYears; t++) yearly += yearlyCost / (1 + discountRate) ** t;
  return oneOffCost + yearly;
}

interface Point {
  churn: Record<LoyaltyGroup, number>;
  margin: Record<LoyaltyGroup, number>;
  acquisition: Record<LoyaltyGroup, number>;
  discountRate: number;
}

/** Yearly flows of all moves at one point of the inputs. */
function flows(inputs: ScenarioInputs, p: Point) {
  const years = Array.from({ length: inputs.horizonYears }, (_, i) => i + 1);
  const perYear = (f: (move: Move, t: number) => number) => years.map((t) => inputs.moves.reduce((sum, move) => sum + f(move, t), 0));
  const r = (g: LoyaltyGroup) => 1 - p.churn[g];
  const uplift = perYear((m, t) => m.customers * r(m.from) ** (t - 1) * (p.margin[m.to] - p.margin[m.from]));
  const kept = perYear((m, t) => m.customers * (r(m.to) ** (t - 1) - r(m.from) ** (t - 1)) * p.margin[m.to]);
  const replacement = perYear(
    (m, t) => m.customers * (r(m.from) ** (t - 1) * (1 - r(m.from)) - r(m.to) ** (t - 1) * (1 - r(m.to))) * p.acquisition[m.from],
  );
  const pv = (values: number[]) => values.reduce((sum, v, i) => sum + v / (1 + p.discountRate) ** (i + 1), 0);
  return { years, uplift, kept, replacement, pv };
}

function evaluate(inputs: ScenarioInputs, p: Point) {
  const f = flows(inputs, p);
  const churnLine = inputs.churnValuation === 'LOST_MARGIN' ? f.kept : f.replacement;
  const netPerYear = f.years.map((t, i) => f.uplift[i]! + churnLine[i]! - inputs.yearlyCost - (t === 1 ? inputs.oneOffCost : 0));
  const costsPv = costsPresentValue(inputs.oneOffCost, inputs.yearlyCost, inputs.horizonYears, p.discountRate);
  const npv = f.pv(f.uplift) + f.pv(churnLine) - costsPv;
  return { f, netPerYear, npv, costsPv };
}

/** A value per loyalty group. */
const byGroup = <T>(f: (g: LoyaltyGroup) => T): Record<LoyaltyGroup, T> => ({ DETRACTOR: f('DETRACTOR'), PASSIVE: f('PASSIVE'), PROMOTER: f('PROMOTER') });

const pick = (inputs: ScenarioInputs, choose: (e: Estimate, favourable: 'high' | 'low') => number, moveSide: (g: LoyaltyGroup) => 'from' | 'to' | 'none'): Point => {
  const of = (key: keyof GroupEconomics, favourableWhenTo: 'high' | 'low') =>
    byGroup((g) => {
      const side = moveSide(g);
      const favourable = side === 'to' ? favourableWhenTo : favourableWhenTo === 'high' ? 'low' : 'high';
      return side === 'none' ? inputs.groups[g][key].value : choose(inputs.groups[g][key], favourable);
    });
  return { churn: of('churn12m', 'low'), margin: of('annualMargin', 'high'), acquisition: of('acquisitionCost', 'low'), discountRate: inputs.discountRate.value };
};

/** The business case of a scenario: line items, NPV, ROI, payback and a low/base/high range. */
export function businessCase(inputs: ScenarioInputs): BusinessCaseResult {
  check(inputs);
  const base: Point = {
    churn: byGroup((g) => inputs.groups[g].churn12m.value),
    margin: byGroup((g) => inputs.groups[g].annualMargin.value),
    acquisition: byGroup((g) => inputs.groups[g].acquisitionCost.value),
    discountRate: inputs.discountRate.value,
  };
  const { f, netPerYear, npv, costsPv } = evaluate(inputs, base);

  // Range: every input at the end of its 95% interval that hurts (low) or helps (high) the case. Groups
  // moved into count as "to", groups moved out of as "from"; a group on both sides of moves keeps its value.
  const froms = new Set(inputs.moves.map((m) => m.from));
  const tos = new Set(inputs.moves.map((m) => m.to));
  const side = (g: LoyaltyGroup) => (froms.has(g) && tos.has(g) ? 'none' : tos.has(g) ? 'to' : froms.has(g) ? 'from' : 'none');
  const worst = pick(inputs, (e, fav) => (fav === 'high' ? e.low : e.high), side);
  const best = pick(inputs, (e, fav) => (fav === 'high' ? e.high : e.low), side);
  const low = evaluate(inputs, { ...worst, discountRate: inputs.discountRate.high }).npv;
  const high = evaluate(inputs, { ...best, discountRate: inputs.discountRate.low }).npv;

  const groupInputs = (key: keyof GroupEconomics) =>
    LOYALTY_GROUPS.filter((g) => froms.has(g) || tos.has(g)).map((g) =>
      say('case.line.groupInput', { group: say(`case.group.${g}`), input: say(`case.input.${key}`), value: format(inputs.groups[g][key].value), source: inputs.groups[g][key].source }),
    );
  const moveInputs = inputs.moves.map((m) => say('case.line.moveInput', { customers: format(m.customers), from: say(`case.group.${m.from}`), to: say(`case.group.${m.to}`), basis: m.basis }));
  const discount = say('case.line.discount', { rate: format(inputs.discountRate.value), source: inputs.discountRate.source, years: inputs.horizonYears });
  const lostMargin = inputs.churnValuation === 'LOST_MARGIN';
  const lineItems: LineItem[] = [
    {
      kind: 'MARGIN_UPLIFT',
      value: f.pv(f.uplift),
      perYear: f.uplift,
      formula: say('case.formula.MARGIN_UPLIFT'),
      inputs: [...moveInputs, ...groupInputs('annualMargin'), ...groupInputs('churn12m'), discount],
      counted: true,
    },
    {
      kind: 'MARGIN_KEPT_BY_LOWER_CHURN',
      value: f.pv(f.kept),
      perYear: f.kept,
      formula: say('case.formula.MARGIN_KEPT_BY_LOWER_CHURN'),
      inputs: [...moveInputs, ...groupInputs('churn12m'), ...groupInputs('annualMargin'), discount],
      counted: lostMargin,
    },
    {
      kind: 'REPLACEMENT_COST_AVOIDED',
      value: f.pv(f.replacement),
      perYear: f.replacement,
      formula: say('case.formula.REPLACEMENT_COST_AVOIDED'),
      inputs: [...moveInputs, ...groupInputs('churn12m'), ...groupInputs('acquisitionCost'), discount],
      counted: !lostMargin,
    },
    {
      kind: 'ONE_OFF_COST',
      value: -inputs.oneOffCost,
      perYear: f.years.map((t) => (t === 1 ? -inputs.oneOffCost : 0)),
      formula: say('case.formula.ONE_OFF_COST'),
      inputs: [say('case.line.oneOffCostInput', { value: format(inputs.oneOffCost) })],
      counted: true,
    },
    {
      kind: 'YEARLY_COST',
      value: -f.pv(f.years.map(() => inputs.yearlyCost)),
      perYear: f.years.map(() => -inputs.yearlyCost),
      formula: say('case.formula.YEARLY_COST'),
      inputs: [say('case.line.yearlyCostInput', { value: format(inputs.yearlyCost) }), discount],
      counted: true,
    },
  ];
  const roi = costsPv > 0 ? npv / costsPv : null;
  const payback = paybackMonth(inputs.oneOffCost, netPerYear);
  const formulas = caseFormulas({
    netPresentValue: npv,
    roi,
    paybackMonth: payback,
    marginUpliftPv: f.pv(f.uplift),
    churnLinePv: f.pv(lostMargin ? f.kept : f.replacement),
    churnValuation: inputs.churnValuation,
    oneOffCost: inputs.oneOffCost,
    yearlyCost: inputs.yearlyCost,
    yearlyCostsPv: costsPv - inputs.oneOffCost,
    discountRate: inputs.discountRate.value,
    horizonYears: inputs.horizonYears,
    netPerYear,
  });
  return {
    lineItems,
    netPerYear,
    netPresentValue: npv,
    costPresentValue: costsPv,
    roi,
    paybackMonth: payback,
    formulas,
    range: {
      low: Math.min(low, npv),
      base: npv,
      high: Math.max(high, npv),
      method: say('case.range.method'),
    },
  };
}

/** An input's value in a sentence: whole with grouping from 100, else up to 4 decimals (the reader's language). */
const format = (v: number) => (Math.abs(v) >= 100 ? grouped(Math.round(v)) : rounded(v, 4));
