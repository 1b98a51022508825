/**
 * Units (source 004 "Business case"): an integrated analysis across similar, geographically spread units
 * of management quality, employee satisfaction, customer loyalty (relationship NPS) and the bottom line
 * (contribution margin per customer per year), with the Pearson correlation of each pair across units.
 *
 * Period: the filter's from/to, by default the 12 months ending on asOf (the last day of the data).
 * - Management quality and employee satisfaction (0-100, unit_metrics): mean over the periods that start in
 *   the period (t-interval, n = periods), and the latest period on or before its end.
 * - NPS: relationship answers in the period by customers of the unit (persona filter applies).
 * - Margin per customer per year: each customer's Σ (revenue − cost) over their profitability months in the
 *   period × 12 / those months; mean over the unit's customers (t-interval, n = customers with months).
 * - Customers: customers of the unit active on some day of the period.
 * - Correlations: Pearson r across the units that have both values (n = units), Fisher-z interval, and the
 *   t-test of r = 0 with n − 2 df. With ten units an interval is wide: read r with its interval.
 */
import { z } from 'zod';
import {
  computeNps, correlationInterval, criticalT, pairSums, pearsonFromSums, studentTTwoSidedP,
  type IntervalOptions, type MeanResult, type NpsResult,
} from '../../stats/index.js';
import { suppressSmallCells } from '../../privacy/smallCells.js';
import type { Queryable } from '../../store.js';
import { AnalyticsInputError } from '../errors.js';
import { validateFilter, type AnalyticsFilter } from '../filter.js';
import { getMetrics } from '../metrics/getMetrics.js';
import { meanOfSums, Sums } from '../trends/amounts.js';
import { sumsStructSql } from '../../model/measures.js';
import { allowOnly, customerConditions, whereSql } from '../trends/scope.js';
import { resolveAsOf, twelveMonthsTo, type DataWindow } from '../trends/time.js';

export type UnitVariable = 'MANAGEMENT_QUALITY' | 'EMPLOYEE_SATISFACTION' | 'NPS' | 'MARGIN';
export const UNIT_VARIABLES: readonly UnitVariable[] = ['MANAGEMENT_QUALITY', 'EMPLOYEE_SATISFACTION', 'NPS', 'MARGIN'];

export interface LatestIndex {
  /** First day of the latest period on or before the end of the analysis period. */
  period: string;
  value: number;
}

export interface UnitRow {
  unitCode: string;
  name: string;
  managementQuality: MeanResult;
  managementQualityLatest: LatestIndex | null;
  employeeSatisfaction: MeanResult;
  employeeSatisfactionLatest: LatestIndex | null;
  nps: NpsResult;
  /** Contribution margin per customer per year (currency of the profitability data). */
  marginPerCustomer: MeanResult;
  customers: number;
  /** NPS or margin rest on too few customers for the caller (small-cell suppression): those are empty (n 0, estimates null). */
  suppressed: boolean;
}

export interface UnitCorrelation {
  a: UnitVariable;
  b: UnitVariable;
  /** Units with both values. */
  n: number;
  r: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Two-sided p of r = 0 (t = r sqrt((n − 2)/(1 − r²)), n − 2 df). */
  pValue: number | null;
  significant: boolean | null;
}

export interface UnitsAnalysis {
  period: DataWindow;
  units: UnitRow[];
  /** Each pair once, in UNIT_VARIABLES order. */
  correlations: UnitCorrelation[];
  filter: AnalyticsFilter;
}

const IndexRow = z.object({
  unit_code: z.string(),
  mq: Sums,
  es: Sums,
  mq_latest: z.number().nullable(),
  es_latest: z.number().nullable(),
  latest_period: z.string().nullable(),
});
const UnitFactsRow = z.object({ unit_code: z.string(), name: z.string(), customers: z.number().int(), margin: Sums });
const INDEX_SCALE = { min: 0, max: 100 };

export interface UnitsOptions extends IntervalOptions {
  asOf?: string;
  /** Small-cell suppression of the customer figures (NPS, margin) per unit; null or absent: none. */
  minCellCustomers?: number | null;
}

export async function getUnits(db: Queryable, filter: AnalyticsFilter, options: UnitsOptions = {}): Promise<UnitsAnalysis> {
  allowOnly(filter, ['personaCodes', 'unitCodes', 'from', 'to'], 'units are compared on customers and relationship answers', 'RELATIONSHIP');
  await validateFilter(db, filter);
  const { asOf } = await resolveAsOf(db, options.asOf);
  const fallback = twelveMonthsTo(asOf);
  const period: DataWindow = { start: filter.from ?? fallback.start, end: filter.to ?? asOf };
  if (period.start > period.end) throw new AnalyticsInputError('from', `must not be after the end of the period (${period.end}), got ${period.start}`);

  const { conditions, params } = customerConditions(filter, { from: period.start, to: period.end });
  // dim_units rows to show: the filter's units, or all.
  const unitWhere = whereSql(filter.unitCodes?.length ? ['list_contains($units, u.unit_code)'] : []);
  const indices = await db.all(
    `SELECT u.unit_code, ${sumsStructSql('m.management_quality')} AS mq, ${sumsStructSql('m.employee_satisfaction')} AS es,
       (SELECT arg_max(x.management_quality, x.period) FROM unit_metrics x WHERE x.unit_code = u.unit_code AND x.period <= $to::DATE) AS mq_latest,
       (SELECT arg_max(x.employee_satisfaction, x.period) FROM unit_metrics x WHERE x.unit_code = u.unit_code AND x.period <= $to::DATE) AS es_latest,
       (SELECT strftime(max(x.period), '%Y-%m-%d') FROM unit_metrics x WHERE x.unit_code = u.unit_code AND x.period <= $to::DATE) AS latest_period
     FROM dim_units u LEFT JOIN unit_metrics m ON m.unit_code = u.unit_code AND m.period BETWEEN $from::DATE AND $to::DATE
     ${unitWhere}
     GROUP BY u.unit_code`,
    { from: period.start, to: period.end, ...(params.units === undefined ? {} : { units: params.units }) },
    IndexRow,
  );

  const facts = await db.all(
    `WITH per_customer AS (
       SELECT p.customer_id, 12 * sum(p.revenue - p.cost) / count(*) AS annual
       FROM profitability p JOIN customers c ON c.customer_id = p.customer_id
       ${whereSql([...conditions, 'p.month BETWEEN $from::DATE AND $to::DATE'])}
       GROUP BY p.customer_id
     ), active AS (
       SELECT c.unit_code, count(*)::INTEGER AS customers FROM customers c
       ${whereSql([...conditions, 'c.acquired_at <= $to::DATE', '(c.churned_at IS NULL OR c.churned_at >= $from::DATE)'])}
       GROUP BY c.unit_code
     ), margin AS (
       SELECT c.unit_code, ${sumsStructSql('pc.annual')} AS margin FROM per_customer pc JOIN customers c ON c.customer_id = pc.customer_id GROUP BY c.unit_code
     )
     SELECT u.unit_code, u.name, coalesce(a.customers, 0)::INTEGER AS customers, coalesce(m.margin, {'n': 0, 'sum': 0.0, 'sq': 0.0}) AS margin
     FROM dim_units u LEFT JOIN active a ON a.unit_code = u.unit_code LEFT JOIN margin m ON m.unit_code = u.unit_code
     ${unitWhere}
     ORDER BY u.unit_code`,
    params,
    UnitFactsRow,
  );

  const { minCellCustomers = null, ...interval } = options;
  const npsRows = await getMetrics(db, { ...filter, survey: 'RELATIONSHIP', from: period.start, to: period.end }, { groupBy: ['UNIT'], ...interval, minCellCustomers });
  const npsByUnit = new Map(npsRows.map((r) => [r.key.unitCode, r]));
  const indexByUnit = new Map(indices.map((r) => [r.unit_code, r]));
  // The margin's n is customers with profitability months: suppressed by it like any other cell.
  const margins = suppressSmallCells(facts.map((f) => ({ ...f, hidden: false })), (f) => ({ customers: f.margin.n, key: [f.unit_code] }), minCellCustomers, (f) => ({ ...f, margin: { n: 0, sum: 0, sq: 0 }, hidden: true }));
  const units: UnitRow[] = margins.map((f) => {
    const nps = npsByUnit.get(f.unit_code);
    const index = indexByUnit.get(f.unit_code);
    const latest = (value: number | null | undefined): LatestIndex | null =>
      value === null || value === undefined || !index?.latest_period ? null : { period: index.latest_period, value };
    return {
      unitCode: f.unit_code,
      name: f.name,
      managementQuality: meanOfSums(index?.mq ?? { n: 0, sum: 0, sq: 0 }, { ...options, scale: INDEX_SCALE }),
      managementQualityLatest: latest(index?.mq_latest),
      employeeSatisfaction: meanOfSums(index?.es ?? { n: 0, sum: 0, sq: 0 }, { ...options, scale: INDEX_SCALE }),
      employeeSatisfactionLatest: latest(index?.es_latest),
      nps: nps?.nps ?? computeNps({ promoters: 0, passives: 0, detractors: 0 }, options),
      marginPerCustomer: meanOfSums(f.margin, options),
      customers: f.customers,
      suppressed: Boolean(nps?.suppressed) || f.hidden,
    };
  });
  return { period, units, correlations: unitCorrelations(units, options.confidenceLevel), filter };
}

const VALUE_OF: Record<UnitVariable, (u: UnitRow) => number | null> = {
  MANAGEMENT_QUALITY: (u) => u.managementQuality.mean,
  EMPLOYEE_SATISFACTION: (u) => u.employeeSatisfaction.mean,
  NPS: (u) => u.nps.nps,
  MARGIN: (u) => u.marginPerCustomer.mean,
};

/** Pearson r of every pair of unit variables across the units that have both. */
export function unitCorrelations(units: readonly UnitRow[], confidenceLevel = 0.95): UnitCorrelation[] {
  const out: UnitCorrelation[] = [];
  UNIT_VARIABLES.forEach((a, i) => {
    for (const b of UNIT_VARIABLES.slice(i + 1)) {
      const pairs = units.flatMap((u) => {
        const x = VALUE_OF[a](u);
        const y = VALUE_OF[b](u);
        return x === null || y === null ? [] : [[x, y] as const];
      });
      out.push(correlationOf(a, b, pairs.map((p) => p[0]), pairs.map((p) => p[1]), confidenceLevel));
    }
  });
  return out;
}

export function correlationOf(a: UnitVariable, b: UnitVariable, xs: readonly number[], ys: readonly number[], confidenceLevel = 0.95): UnitCorrelation {
  const n = xs.length;
  const r = pearsonFromSums(pairSums(xs, ys));
  if (r === null) return { a, b, n, r, ciLow: null, ciHigh: null, pValue: null, significant: null };
  const interval = correlationInterval(r, n, confidenceLevel);
  let pValue: number | null = null;
  let significant: boolean | null = null;
  if (n > 2) {
    const df = n - 2;
    const t = Math.abs(r) === 1 ? Infinity : r * Math.sqrt(df / (1 - r * r));
    pValue = Number.isFinite(t) ? studentTTwoSidedP(t, df) : 0;
    significant = Math.abs(t) > criticalT(confidenceLevel, df);
  }
  return { a, b, n, r, ciLow: interval?.low ?? null, ciHigh: interval?.high ?? null, pValue, significant };
}
