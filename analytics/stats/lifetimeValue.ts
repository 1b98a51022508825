/**
 * Customer lifetime value over a finite horizon: the discounted contribution margin a customer is
 * expected to bring while retained. Used per loyalty group (promoter / passive / detractor) and in
 * the business case, where moving customers between groups changes margin and retention.
 */
import { requireCount, requireFinite, requireInRange } from './validate.js';

export interface LifetimeValueInput {
  /** Contribution margin per period from an active customer (may be negative). */
  margin: number;
  /** Probability that a customer active at the start of a period is still active at the start of the next (0..1). */
  retention: number;
  /** Discount rate per period (e.g. 0.1 for 10%); must be > −1. */
  discountRate: number;
  /** Number of periods (integer >= 0). */
  horizon: number;
}

export interface LifetimeValuePeriod {
  /** 1-based period number. */
  period: number;
  /** Share of the starting customers still active at the start of this period: r^(t−1). */
  survival: number;
  /** 1 / (1 + d)^t: the margin arrives at the end of the period. */
  discountFactor: number;
  /** margin × survival × discountFactor. */
  presentValue: number;
}

export interface LifetimeValueResult {
  value: number;
  periods: LifetimeValuePeriod[];
}

export interface MonthlyLifetimeValueInput {
  /** Contribution margin per month from an active customer. */
  monthlyMargin: number;
  /** Share of customers retained over 12 months (what the loyalty analysis measures). */
  annualRetention: number;
  /** Yearly discount rate (what finance quotes). */
  annualDiscountRate: number;
  /** Horizon in months (integer >= 0). */
  horizonMonths: number;
}

/**
 * CLV = Σ_{t=1..H} m · r^(t−1) / (1 + d)^t.
 *
 * Convention: every customer counted is active at the start of period 1; the margin of period t is
 * earned at the end of period t by those still active at its start (r^(t−1) of them), so it is
 * discounted by t full periods. Churn therefore takes effect from the next period: a customer who
 * leaves during a year still pays for that year, the usual reading of a yearly retention rate.
 * The result lists every period so the business case can show its line items.
 */
export function lifetimeValue(input: LifetimeValueInput): LifetimeValueResult {
  const fn = 'lifetimeValue';
  requireFinite(fn, 'margin', input.margin);
  requireInRange(fn, 'retention', input.retention, 0, 1);
  requireFinite(fn, 'discountRate', input.discountRate);
  if (input.discountRate <= -1) throw new Error(`${fn}: discountRate must be > -1, got ${input.discountRate}`);
  requireCount(fn, 'horizon', input.horizon);
  const periods: LifetimeValuePeriod[] = [];
  let value = 0;
  for (let t = 1; t <= input.horizon; t++) {
    const survival = input.retention ** (t - 1);
    const discountFactor = 1 / (1 + input.discountRate) ** t;
    const presentValue = input.margin * survival * discountFactor;
    periods.push({ period: t, survival, discountFactor, presentValue });
    value += presentValue;
  }
  return { value, periods };
}

/**
 * The same sum month by month, from the yearly figures people have. Monthly retention is
 * r^(1/12) (a constant monthly hazard that gives the same 12-month retention) and the monthly
 * discount rate is (1 + d)^(1/12) − 1 (the same yearly discounting), so margins that arrive
 * through the year are neither over- nor under-discounted compared with the yearly version.
 */
export function monthlyLifetimeValue(input: MonthlyLifetimeValueInput): LifetimeValueResult {
  const fn = 'monthlyLifetimeValue';
  requireFinite(fn, 'monthlyMargin', input.monthlyMargin);
  requireCount(fn, 'horizonMonths', input.horizonMonths);
  requireInRange(fn, 'annualRetention', input.annualRetention, 0, 1);
  requireFinite(fn, 'annualDiscountRate', input.annualDiscountRate);
  if (input.annualDiscountRate <= -1) {
    throw new Error(`${fn}: annualDiscountRate must be > -1, got ${input.annualDiscountRate}`);
  }
  return lifetimeValue({
    margin: input.monthlyMargin,
    retention: input.annualRetention ** (1 / 12),
    discountRate: (1 + input.annualDiscountRate) ** (1 / 12) - 1,
    horizon: input.horizonMonths,
  });
}
