/**
 * Loyalty by satisfaction (source 004, business-case questions): how much more loyal and profitable are
 * promoters than passives than detractors (and very satisfied than satisfied than dissatisfied customers),
 * what is each group's customer lifetime value, and what does replacing a lost customer cost.
 *
 * This is the input of the business case: every number carries its n, and the result names the query,
 * filter, asOf and data version it came from.
 *
 * Definitions (PRODUCT.md "Loyalty by satisfaction"):
 * - A customer's group is set by their latest relationship answer given on or before the cut-off day
 *   asOf + 1 day − 12 months, so that the 12 months after every answer are observed by asOf (later answers
 *   are censored, not counted as retained). Ties on the same instant: the highest response id.
 * - 12-month churn: churned_at in [answer day, answer day + 12 months). Customers already churned before
 *   their answer are not at risk and left out. Wilson interval.
 * - Annual contribution margin: Σ (revenue − cost) over the profitability months whose first day lies in
 *   [answer day, answer day + 12 months) and that ended by asOf, × 12 / the number of those months: a
 *   customer who left after 5 months is annualised from their 5 months, so the margin is that of a year as a
 *   customer (churn is accounted for by retention in the CLV, not twice). Mean over customers with at least
 *   one such month, with a t-interval.
 * - CLV over `horizonYears` at `discountRate`: analytics/stats lifetimeValue with the group's annual margin
 *   and retention = 1 − churn (margin earned at the end of each year by those active at its start). The
 *   range combines the interval ends of margin and churn (a conservative range, not a confidence interval).
 * - Acquisition (replacement) cost: mean customers.acquisition_cost of the group, t-interval.
 */
import { z } from 'zod';
import {
  lifetimeValue, proportion, type IntervalOptions, type LifetimeValuePeriod, type MeanResult, type ProportionResult,
} from '../../stats/index.js';
import { suppressSmallCells } from '../../privacy/smallCells.js';
import type { Queryable } from '../../store.js';
import { AnalyticsInputError } from '../errors.js';
import { scopeSql, validateFilter, type AnalyticsFilter } from '../filter.js';
import { keyedAnswersCurrent } from '../../answersKeyed.js';
import { CUSTOMER_MARGINS, customerMarginsCurrent } from '../../customerMargins.js';
import { customerAnswers } from '../keyedScope.js';
import { meanOfSums, Sums } from '../trends/amounts.js';
import { csatGroupSql, npsGroupSql, sumsStructSql } from '../../model/measures.js';
import { checkOption, DiscountRate, HorizonYears } from '../../model/filter.js';
import { allowOnly } from '../trends/scope.js';
import { addDays, addMonths } from '../../localDate.js';
import { resolveAsOf, type DataWindow } from '../trends/time.js';

export type NpsGroup = 'PROMOTER' | 'PASSIVE' | 'DETRACTOR';
export type CsatGroup = 'VERY_SATISFIED' | 'SATISFIED' | 'DISSATISFIED';
export type LoyaltyGrouping = 'NPS' | 'CSAT' | 'ALL';
export type LoyaltyGroupName = NpsGroup | CsatGroup | 'ALL';

export const NPS_GROUPS: readonly NpsGroup[] = ['PROMOTER', 'PASSIVE', 'DETRACTOR'];
export const CSAT_GROUPS: readonly CsatGroup[] = ['VERY_SATISFIED', 'SATISFIED', 'DISSATISFIED'];

/**
 * 8% a year. The sources name no rate; this is an assumed cost of capital for a Nordic insurance and
 * pension company (the usual range is about 6-10%). Callers should pass their own finance department's rate.
 */
export const DEFAULT_DISCOUNT_RATE = 0.08;
/** Three years: about the time over which a loyalty programme is judged; callers may pass 1-30. */
export const DEFAULT_HORIZON_YEARS = 3;
export const CSAT_CUTOFFS = 'VERY_SATISFIED: satisfaction 5; SATISFIED: 4; DISSATISFIED: 1-3 (on the latest relationship answer)';
export const NPS_CUTOFFS = 'PROMOTER: likelihood to recommend 9-10; PASSIVE: 7-8; DETRACTOR: 0-6 (on the latest relationship answer)';
export const QUERY_NAME = 'analytics/queries/loyalty/getLoyaltyBySatisfaction';

export interface LoyaltyOptions extends IntervalOptions {
  /** Years of CLV (integer 1-30); default 3. */
  horizonYears?: number;
  /** Yearly discount rate, 0..1 (0.08 = 8%); default DEFAULT_DISCOUNT_RATE. */
  discountRate?: number;
  /** YYYY-MM-DD; default the last day of the data. */
  asOf?: string;
  /**
   * Small-cell suppression (analytics/privacy/smallCells.ts): groups of fewer customers than this, and
   * their complements within the same grouping, come back suppressed. null or absent: nothing is suppressed.
   */
  minCellCustomers?: number | null;
}

export interface LifetimeValueEstimate {
  /** Present value of the group's margin over the horizon, per customer; null without margin or churn. */
  value: number | null;
  /** Lowest and highest CLV over the interval ends of annual margin and churn. */
  low: number | null;
  high: number | null;
  annualMargin: number | null;
  retention: number | null;
  horizonYears: number;
  discountRate: number;
  /** The yearly line items behind `value`. */
  periods: LifetimeValuePeriod[];
}

export interface LoyaltyGroup {
  grouping: LoyaltyGrouping;
  group: LoyaltyGroupName;
  /** Customers in the group (the n of churn and of acquisition cost). */
  customers: number;
  /** Share who churned within 12 months after their answer, Wilson interval; n = customers. */
  churn: ProportionResult;
  /** 1 − churn. */
  retention: number | null;
  /** Annualised contribution margin per customer in the 12 months after the answer; n = customers with profitability months. */
  annualMargin: MeanResult;
  /** Profitability months behind annualMargin. */
  customerMonths: number;
  lifetimeValue: LifetimeValueEstimate;
  /** Mean acquisition cost: what replacing a lost customer of this group costs; n = customers. */
  acquisitionCost: MeanResult;
  /** Too few customers for the caller to see (small-cell suppression): customers 0, every estimate null. */
  suppressed: boolean;
}

export interface LoyaltySource {
  query: string;
  filter: AnalyticsFilter;
  asOf: string;
  /** Answers given on or before this day were used (asOf + 1 day − 12 months). */
  answeredOnOrBefore: string;
  dataWindow: DataWindow | null;
  /** store_meta.data_version of the facts used. */
  dataVersion: string | null;
}

export interface LoyaltyBySatisfaction {
  byNps: LoyaltyGroup[];
  byCsat: LoyaltyGroup[];
  /** Every customer with a relationship answer in scope. */
  all: LoyaltyGroup;
  /** Customers whose latest answer has no satisfaction rating (in `all` and the NPS groups, in no CSAT group); null when suppressed. */
  withoutCsat: number | null;
  horizonYears: number;
  discountRate: number;
  source: LoyaltySource;
}

const Row = z.object({
  grouping: z.enum(['NPS', 'CSAT', 'ALL']),
  grp: z.string().nullable(),
  customers: z.number().int(),
  churned: z.number().int(),
  months: z.number().int(),
  margin: Sums,
  acquisition: Sums,
});
type Row = z.infer<typeof Row>;

function checkOptions(options: LoyaltyOptions): { horizonYears: number; discountRate: number } {
  return {
    horizonYears: checkOption('horizonYears', HorizonYears, options.horizonYears ?? DEFAULT_HORIZON_YEARS),
    discountRate: checkOption('discountRate', DiscountRate, options.discountRate ?? DEFAULT_DISCOUNT_RATE),
  };
}

/**
 * Each followed customer's profitability months in their 12 months (`months`, `annual_margin`). From the
 * customer margins (one row per customer: one probe per customer, then only their months are looked at),
 * or from the facts (every profitability month probed on the text customer id).
 */
const marginsSql = (fromMargins: boolean, boundedFrom: boolean) =>
  fromMargins
    ? `SELECT customer_id, len(w)::INTEGER AS months, 12 * list_sum(w) / len(w) AS annual_margin
       FROM (SELECT f.customer_id,
               list_transform(list_filter(m.months, x -> x.month >= f.answered_on AND x.month < f.window_end
                 AND x.month + INTERVAL 1 MONTH <= $asOf::DATE + INTERVAL 1 DAY), x -> x.margin) AS w
             FROM followed f JOIN ${CUSTOMER_MARGINS} m ON m.customer_id = f.customer_id)
       WHERE len(w) > 0`
    : `SELECT f.customer_id, count(*)::INTEGER AS months, 12 * sum(p.revenue - p.cost) / count(*) AS annual_margin
       FROM followed f JOIN profitability p ON p.customer_id = f.customer_id
         AND p.month >= f.answered_on AND p.month < f.window_end AND p.month + INTERVAL 1 MONTH <= $asOf::DATE + INTERVAL 1 DAY
         -- Implied by the answer's day (on or after from), but a bound DuckDB applies while it scans the
         -- profitability months: fewer of them are then looked up by their (text) customer id.
         ${boundedFrom ? 'AND p.month >= $from::DATE' : ''}
       GROUP BY f.customer_id`;

const aggregates = `count(*)::INTEGER AS customers, count(*) FILTER (WHERE churned)::INTEGER AS churned,
    coalesce(sum(months), 0)::INTEGER AS months, ${sumsStructSql('annual_margin')} AS margin, ${sumsStructSql('acquisition_cost')} AS acquisition`;

export async function getLoyaltyBySatisfaction(db: Queryable, filter: AnalyticsFilter, options: LoyaltyOptions = {}): Promise<LoyaltyBySatisfaction> {
  checkOptions(options);
  allowOnly(filter, ['personaCodes', 'unitCodes', 'from', 'to'], 'loyalty groups come from relationship answers about the company', 'RELATIONSHIP');
  await validateFilter(db, filter);
  return loyaltyAsOf(db, filter, options, await resolveAsOf(db, options.asOf));
}

/**
 * Loyalty by satisfaction for a caller that has already validated the filter (persona, unit, from and to
 * only) and resolved asOf and the data window (the business case: it needs asOf for its other reads,
 * which then run beside this one, and it would otherwise read both twice).
 */
export async function loyaltyAsOf(
  db: Queryable,
  filter: AnalyticsFilter,
  options: LoyaltyOptions,
  { asOf, window }: { asOf: string; window: DataWindow | null },
): Promise<LoyaltyBySatisfaction> {
  const { horizonYears, discountRate } = checkOptions(options);
  const cutoff = addMonths(addDays(asOf, 1), -12);
  const facts = scopeSql({ ...filter, survey: 'RELATIONSHIP' });
  const statement = async () => {
    const [keyed, fromMargins] = await Promise.all([keyedAnswersCurrent(db), customerMarginsCurrent(db)]);
    const source = customerAnswers(keyed);
    const scope = source.scope(facts);
    return db.all(
      `WITH latest AS (
         SELECT ${source.customer} AS cust, r.ltr, r.satisfaction, r.responded_at::DATE AS answered_on
         ${scope.from}
         ${scope.where} AND r.responded_at < $cutoff::DATE + INTERVAL 1 DAY
         QUALIFY row_number() OVER (PARTITION BY ${source.customer} ORDER BY r.responded_at DESC, r.response_id DESC) = 1
       ), followed AS (
         SELECT l.*, c.customer_id, c.acquisition_cost, (l.answered_on + INTERVAL 12 MONTH)::DATE AS window_end,
           coalesce(c.churned_at < (l.answered_on + INTERVAL 12 MONTH)::DATE, FALSE) AS churned
         FROM latest l JOIN ${source.customers.table} c ON c.${source.customers.key} = l.cust
         WHERE c.churned_at IS NULL OR c.churned_at >= l.answered_on
       ), margins AS (${marginsSql(fromMargins, Boolean(filter.from))}
       ), customer AS (
         SELECT f.*, m.months, m.annual_margin,
           ${npsGroupSql('f.ltr')} AS nps_group,
           ${csatGroupSql('f.satisfaction')} AS csat_group
         FROM followed f LEFT JOIN margins m ON m.customer_id = f.customer_id
       )
       SELECT 'NPS' AS grouping, nps_group AS grp, ${aggregates} FROM customer GROUP BY nps_group
       UNION ALL SELECT 'CSAT', csat_group, ${aggregates} FROM customer GROUP BY csat_group
       UNION ALL SELECT 'ALL', 'ALL', ${aggregates} FROM customer`,
      { ...scope.params, asOf, cutoff },
      Row,
    );
  };
  // Independent reads: on the store's read pool they run side by side.
  const [rows, [version]] = await Promise.all([
    statement(),
    db.all(`SELECT max(value) AS v FROM store_meta WHERE key = 'data_version'`, undefined, z.object({ v: z.string().nullable() })),
  ]);
  const find = (grouping: LoyaltyGrouping, group: string | null) => rows.find((r) => r.grouping === grouping && r.grp === group);
  const settings = { horizonYears, discountRate, ...options };
  const toGroup = (grouping: LoyaltyGrouping, group: LoyaltyGroupName) => loyaltyGroup(grouping, group, find(grouping, group), settings);
  /**
   * Small-cell suppression per grouping. Its groups add up to `all` with the customers in none of them
   * (no rating): that rest is a cell of the same table, so a lone hidden group never comes back as all
   * minus the others.
   */
  const table = (grouping: LoyaltyGrouping, groups: readonly LoyaltyGroupName[]) => {
    const cells = [...groups, null].map((group) => ({ group, customers: find(grouping, group)?.customers ?? 0, hidden: false }));
    const shown = suppressSmallCells(cells, (c) => ({ customers: c.customers, key: [c.group] }), options.minCellCustomers ?? null, (c) => ({ ...c, hidden: true }));
    const hidden = (group: LoyaltyGroupName | null) => shown.some((c) => c.group === group && c.hidden);
    return {
      groups: groups.map((g) => (hidden(g) ? { ...loyaltyGroup(grouping, g, undefined, settings), suppressed: true } : toGroup(grouping, g))),
      restHidden: hidden(null),
    };
  };
  const byNps = table('NPS', NPS_GROUPS);
  const byCsat = table('CSAT', CSAT_GROUPS);
  const all = table('ALL', ['ALL']);
  return {
    byNps: byNps.groups,
    byCsat: byCsat.groups,
    all: all.groups[0]!,
    withoutCsat: byCsat.restHidden ? null : (find('CSAT', null)?.customers ?? 0),
    horizonYears,
    discountRate,
    source: { query: QUERY_NAME, filter, asOf, answeredOnOrBefore: cutoff, dataWindow: window, dataVersion: version?.v ?? null },
  };
}

const EMPTY_SUMS = { n: 0, sum: 0, sq: 0 };

function loyaltyGroup(
  grouping: LoyaltyGrouping,
  group: LoyaltyGroupName,
  row: Row | undefined,
  options: IntervalOptions & { horizonYears: number; discountRate: number },
): LoyaltyGroup {
  const churn = proportion({ n: row?.customers ?? 0, count: row?.churned ?? 0 }, options);
  const annualMargin = meanOfSums(row?.margin ?? EMPTY_SUMS, options);
  return {
    grouping,
    group,
    customers: row?.customers ?? 0,
    churn,
    retention: churn.share === null ? null : 1 - churn.share,
    annualMargin,
    customerMonths: row?.months ?? 0,
    lifetimeValue: clv(annualMargin, churn, options.horizonYears, options.discountRate),
    acquisitionCost: meanOfSums(row?.acquisition ?? EMPTY_SUMS, options),
    suppressed: false,
  };
}

/** CLV at the estimates, and its range over the interval ends of margin and churn (all four corners). */
export function clv(margin: MeanResult, churn: ProportionResult, horizonYears: number, discountRate: number): LifetimeValueEstimate {
  const base = { horizonYears, discountRate, annualMargin: margin.mean, retention: churn.share === null ? null : 1 - churn.share };
  if (margin.mean === null || churn.share === null) return { ...base, value: null, low: null, high: null, periods: [] };
  const at = (m: number, churnShare: number) => lifetimeValue({ margin: m, retention: 1 - churnShare, discountRate, horizon: horizonYears });
  const central = at(margin.mean, churn.share);
  const corners: number[] = [];
  for (const m of [margin.ciLow ?? margin.mean, margin.ciHigh ?? margin.mean]) {
    for (const c of [churn.ciLow ?? churn.share, churn.ciHigh ?? churn.share]) corners.push(at(m, c).value);
  }
  return { ...base, value: central.value, low: Math.min(...corners), high: Math.max(...corners), periods: central.periods };
}
