/**
 * Status diagnosis (source 004 "Status"): before planning a customer-experience programme, look at where
 * the company stands. Churn and relationship NPS over the last 12 months (level and monthly trend) point
 * to one of three kinds of programme:
 * - "Mister virksomheden mange kunder?" → STOP_CHURN: a stop-churn project.
 * - Satisfaction and loyalty "blot svagt faldende" → REVITALISE_CUSTOMER_FOCUS among managers and staff.
 * - Otherwise (NPS good and not falling, churn under control) → DIFFERENTIATE with emotional elements and
 *   many more unique customer experiences (source 004's answer to sharper competition).
 *
 * The rule, in order (thresholds are arguments; defaults below):
 * 1. STOP_CHURN when 12-month churn ≥ churnHigh, or the monthly churn trend is rising (its interval lies above 0).
 * 2. REVITALISE_CUSTOMER_FOCUS when NPS < npsGood, or the monthly NPS trend is falling (its interval lies below 0).
 * 3. DIFFERENTIATE otherwise.
 * INSUFFICIENT_DATA when there is no churn or NPS level to judge.
 */
import { fixed, rounded, say } from '../../i18n/index.js';
import { isSmallCell } from '../../privacy/smallCells.js';
import { proportion, type IntervalOptions, type NpsResult, type ProportionResult } from '../../stats/index.js';
import type { Queryable } from '../../store.js';
import { AnalyticsInputError } from '../errors.js';
import { validateFilter, type AnalyticsFilter } from '../filter.js';
import { getMetrics } from '../metrics/getMetrics.js';
import { annualisedChurn, churnCounts, churnOverPeriod } from '../trends/churn.js';
import { responseValue, suppressChurnBuckets } from '../trends/getTrend.js';
import { allowOnly } from '../trends/scope.js';
import { fitSeries, toPoints, type TrendPoint, type TrendSlope } from '../trends/series.js';
import { addDays, addMonths } from '../../localDate.js';
import { bucketStart, resolveAsOf, type DataWindow } from '../trends/time.js';
import { ANALYTICS_DEFAULTS } from '../../model/filter.js';

export type Programme = 'STOP_CHURN' | 'REVITALISE_CUSTOMER_FOCUS' | 'DIFFERENTIATE' | 'INSUFFICIENT_DATA';

export interface StatusThresholds {
  /** 12-month churn at or above which the company "loses many customers"; 0..1. */
  churnHigh: number;
  /** Relationship NPS at or above which loyalty counts as good; -100..100. */
  npsGood: number;
}

/**
 * 15% a year: losing more than about one customer in seven a year counts as losing many (a judgement; the
 * sources give no number, so pass the company's own). NPS 0: more promoters than detractors.
 */
export const DEFAULT_THRESHOLDS: StatusThresholds = { churnHigh: 0.15, npsGood: 0 };

/** The numbers the rule reads. */
export interface StatusSignals {
  churn: number | null;
  /** Lower end of the churn slope's interval (annualised churn per month). */
  churnSlopeLow: number | null;
  nps: number | null;
  /** Upper end of the NPS slope's interval (NPS points per month). */
  npsSlopeHigh: number | null;
}

export interface Diagnosis {
  programme: Programme;
  churnHigh: boolean;
  churnRising: boolean;
  npsLow: boolean;
  npsFalling: boolean;
  /** Each condition that decided, in words with its numbers. */
  reasons: string[];
}

const pct = (x: number) => say('status.percent', { n: fixed(100 * x, 1) });
const num = (x: number, digits = 2) => fixed(x, digits);

/** The decision rule (pure). */
export function diagnose(signals: StatusSignals, thresholds: StatusThresholds = DEFAULT_THRESHOLDS): Diagnosis {
  const churnHigh = signals.churn !== null && signals.churn >= thresholds.churnHigh;
  const churnRising = signals.churnSlopeLow !== null && signals.churnSlopeLow > 0;
  const npsLow = signals.nps !== null && signals.nps < thresholds.npsGood;
  const npsFalling = signals.npsSlopeHigh !== null && signals.npsSlopeHigh < 0;
  const flags = { churnHigh, churnRising, npsLow, npsFalling };
  if (signals.churn === null || signals.nps === null) {
    return { programme: 'INSUFFICIENT_DATA', ...flags, reasons: [say(signals.churn === null ? 'status.reason.noCustomers' : 'status.reason.noAnswers')] };
  }
  const reasons: string[] = [];
  if (churnHigh) reasons.push(say('status.reason.churnHigh', { churn: pct(signals.churn), threshold: pct(thresholds.churnHigh) }));
  if (churnRising) reasons.push(say('status.reason.churnRising', { slope: num(100 * signals.churnSlopeLow!) }));
  if (reasons.length) return { programme: 'STOP_CHURN', ...flags, reasons };
  if (npsLow) reasons.push(say('status.reason.npsLow', { nps: num(signals.nps, 1), threshold: rounded(thresholds.npsGood, 2) }));
  if (npsFalling) reasons.push(say('status.reason.npsFalling', { slope: num(signals.npsSlopeHigh!) }));
  const churnOk = say('status.reason.churnOk', { churn: pct(signals.churn), threshold: pct(thresholds.churnHigh) });
  if (reasons.length) return { programme: 'REVITALISE_CUSTOMER_FOCUS', ...flags, reasons: [churnOk, ...reasons] };
  return {
    programme: 'DIFFERENTIATE',
    ...flags,
    reasons: [churnOk, say('status.reason.npsGood', { nps: num(signals.nps, 1), threshold: rounded(thresholds.npsGood, 2) })],
  };
}

export interface StatusDiagnosis extends Diagnosis {
  thresholds: StatusThresholds;
  /** The 12 whole months looked at. */
  period: DataWindow;
  asOf: string;
  /** Customers active on the period's first day and the share who churned by its last day (Wilson). */
  churnLevel: ProportionResult;
  /** Monthly annualised churn (0..1) and its trend per month. */
  churnTrend: TrendSlope;
  churnPoints: TrendPoint[];
  /** Relationship NPS over the period. */
  npsLevel: NpsResult;
  npsTrend: TrendSlope;
  npsPoints: TrendPoint[];
  filter: AnalyticsFilter;
  /** The NPS or churn level rests on too few customers for the caller (small-cell suppression): that level is empty. */
  suppressed: boolean;
}

function checkThresholds(partial: Partial<StatusThresholds>): StatusThresholds {
  const t = { churnHigh: partial.churnHigh ?? DEFAULT_THRESHOLDS.churnHigh, npsGood: partial.npsGood ?? DEFAULT_THRESHOLDS.npsGood };
  if (!Number.isFinite(t.churnHigh) || t.churnHigh <= 0 || t.churnHigh >= 1) {
    throw new AnalyticsInputError('churnHigh', `must be a yearly churn share between 0 and 1 (0.15 = 15%), got ${t.churnHigh}`);
  }
  if (!Number.isFinite(t.npsGood) || t.npsGood < -100 || t.npsGood > 100) {
    throw new AnalyticsInputError('npsGood', `must be an NPS from -100 to 100, got ${t.npsGood}`);
  }
  return t;
}

/**
 * The 12 whole months ending with asOf's month when asOf is its last day, else with the month before.
 */
export function statusPeriod(asOf: string): DataWindow {
  const monthEnds = addDays(asOf, 1).slice(8) === '01';
  const lastMonth = monthEnds ? bucketStart(asOf, 'MONTH') : addMonths(bucketStart(asOf, 'MONTH'), -1);
  return { start: addMonths(lastMonth, -11), end: addDays(addMonths(lastMonth, 1), -1) };
}

export async function getStatusDiagnosis(
  db: Queryable,
  filter: AnalyticsFilter,
  options: IntervalOptions & { asOf?: string; thresholds?: Partial<StatusThresholds>; minCellCustomers?: number | null } = {},
): Promise<StatusDiagnosis> {
  const { minCellCustomers = null, ...interval } = options;
  const thresholds = checkThresholds(options.thresholds ?? {});
  allowOnly(filter, ['personaCodes', 'unitCodes'], 'the status looks at the 12 months before asOf (pass asOf to move it)', 'RELATIONSHIP');
  await validateFilter(db, filter);
  const { asOf } = await resolveAsOf(db, options.asOf);
  const period = statusPeriod(asOf);
  const level = options.confidenceLevel ?? ANALYTICS_DEFAULTS.confidenceLevel;

  // Small cells (analytics/privacy/smallCells.ts): the churn level's n is its customers at risk.
  const measuredChurn = await churnOverPeriod(db, filter, period, interval);
  const churnHidden = minCellCustomers !== null && isSmallCell(measuredChurn.n, minCellCustomers);
  const churnLevel = churnHidden ? proportion({ n: 0, count: 0 }, interval) : measuredChurn;
  const churnValues = (await churnCounts(db, filter, 'MONTH', period)).map((c) => annualisedChurn(c, 'MONTH', 'CHURN', interval));
  const churnPoints = toPoints(suppressChurnBuckets(churnValues, minCellCustomers), 'MONTH', period);
  const churnTrend = fitSeries(churnPoints, 'MONTH', { confidenceLevel: level }).slope;

  const npsFilter: AnalyticsFilter = { ...filter, survey: 'RELATIONSHIP', from: period.start, to: period.end };
  const [npsRow] = await getMetrics(db, npsFilter, { ...interval, minCellCustomers });
  const monthly = await getMetrics(db, npsFilter, { ...interval, groupBy: ['MONTH'], minCellCustomers });
  const npsPoints = toPoints(monthly.map((r) => responseValue(r, 'NPS', interval)), 'MONTH', period);
  const npsTrend = fitSeries(npsPoints, 'MONTH', { confidenceLevel: level }).slope;
  const npsLevel = npsRow!.nps;

  const diagnosis = diagnose(
    { churn: churnLevel.share, churnSlopeLow: churnTrend.ciLow, nps: npsLevel.nps, npsSlopeHigh: npsTrend.ciHigh },
    thresholds,
  );
  return { ...diagnosis, thresholds, period, asOf, churnLevel, churnTrend, churnPoints, npsLevel, npsTrend, npsPoints, filter, suppressed: churnHidden || npsRow!.suppressed };
}
