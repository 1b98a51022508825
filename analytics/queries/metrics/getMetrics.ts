import { computeNps, csatMean, topTwoBox, type MeanResult, type NpsResult, type ProportionResult, type RatingScale } from '../../stats/index.js';
import type { JsonRow, Queryable } from '../../store.js';
import { suppressSmallCells } from '../../privacy/smallCells.js';
import { grouping, groupKeyOf, type Dimension, type GroupKey } from '../../model/dimensions.js';
import { EMOTIONAL_FACTORS, meanSumsOf, countOf, npsCountsOf, type EmotionalFactor, type MeasureName } from '../../model/measures.js';
import { AnalyticsInputError } from '../errors.js';
import { scopeSql, validateFilter, type AnalyticsFilter, type SurveyKind } from '../filter.js';
import { measureOf, type PerformanceMeasure } from './measure.js';
import { readsRollup } from './rollupSource.js';

/** Customer effort is asked on 1-7 (responses.effort). */
const EFFORT_SCALE: RatingScale = { min: 1, max: 7 };

/** Ways to cut the metrics (analytics/model/dimensions.ts); several can be combined (e.g. TOUCHPOINT + PERSONA). */
export type MetricsDimension = Dimension;
export { EMOTIONAL_FACTORS, type EmotionalFactor };
export type MetricsKey = GroupKey;

export interface MetricsRow {
  key: MetricsKey;
  survey: SurveyKind;
  /** NPS when the cut has LTR answers, CSAT when it has only satisfaction (attribute-rating surveys), null when neither. */
  measure: PerformanceMeasure | null;
  nps: NpsResult;
  csat: MeanResult;
  csatTopTwoBox: ProportionResult;
  emotions: { factor: EmotionalFactor; result: MeanResult }[];
  effort: MeanResult;
  /** Distinct customers behind the answers. */
  customers: number;
  /** True when the cut had too few customers for the caller to see it: every count is 0 and every estimate null. */
  suppressed: boolean;
}

export interface MetricsOptions {
  groupBy?: readonly MetricsDimension[];
  /**
   * Several groupings in one scan (GROUP BY GROUPING SETS), instead of groupBy: e.g. [[JOURNEY], [PHASE],
   * [TOUCHPOINT]] gives every level of a map at about half the cost of three queries. A row's key has
   * only the fields of its own set.
   */
  groupingSets?: readonly (readonly MetricsDimension[])[];
  /**
   * The costly parts, both on by default. `customers: false` skips count(DISTINCT customer_id) and
   * `ratings: false` the emotional factor and effort sums; rows then carry 0 and empty results there.
   * Measured on 10M responses (npm run bench): the distinct count is about 40% of a grouped query.
   */
  measures?: { customers?: boolean; ratings?: boolean };
  minN?: number;
  confidenceLevel?: number;
  /**
   * Small-cell suppression (analytics/privacy/smallCells.ts): cuts from fewer distinct customers than
   * this, and their complements, come back suppressed. null or absent: nothing is suppressed.
   */
  minCellCustomers?: number | null;
}

/** One grouped row from DuckDB: key columns (strings or null) and counts/sums (numbers). */
export type RawRow = JsonRow;

/**
 * NPS (with counts, SE, interval, low-sample flag), CSAT mean and top-2-box, emotional factor means and
 * effort per cut. DuckDB returns counts and sums per group; the statistics are computed in analytics/stats.
 */
export async function getMetrics(db: Queryable, filter: AnalyticsFilter, options: MetricsOptions = {}): Promise<MetricsRow[]> {
  await validateFilter(db, filter);
  const group = groupingOf(options);
  const scope = scopeSql(filter, group.touchpointLevel);
  const source = await readsRollup(db, metricsMeasures(options));
  const sql = source.statement(`
    SELECT ${[...group.select, ...source.columns].join(',\n      ')}
    ${scope.from}
    ${scope.where}
    ${group.groupBy}
    ${group.orderBy}`);
  const rows = await db.all<RawRow>(sql, scope.params);
  // An ungrouped cut with no answers still returns one row of zeros from DuckDB: n = 0 → nulls, lowSample.
  return suppressMetricsRows(rows.map((row) => toMetricsRow(row, scope.survey, options)), options);
}

function groupingOf(options: MetricsOptions) {
  try {
    return grouping({ dimensions: options.groupBy, sets: options.groupingSets });
  } catch (error) {
    if (error instanceof RangeError) throw new AnalyticsInputError('groupBy', `use ${error.message}`);
    throw error;
  }
}

/**
 * The measures a metrics row is computed from (analytics/model/measures.ts), less the costly ones the
 * options leave out. Shared by every query that groups answers differently (getMapMetrics), so NPS and
 * CSAT are counted one way.
 */
export function metricsMeasures(options: MetricsOptions): MeasureName[] {
  const customers = (options.measures?.customers ?? true) || (options.minCellCustomers ?? null) !== null;
  const ratings = options.measures?.ratings ?? true;
  return ['answers', 'nps', ...(customers ? (['customers'] as const) : []), 'csatTopTwoBox', 'csat', ...(ratings ? (['effort', 'emotions'] as const) : [])];
}

/**
 * Small-cell suppression of metrics rows (options.minCellCustomers). Each set of rows with the same key
 * fields is its own table of cells (a grouping set's rows have only its set's fields).
 */
export function suppressMetricsRows(result: readonly MetricsRow[], options: MetricsOptions): MetricsRow[] {
  const suppress = options.minCellCustomers ?? null;
  if (suppress === null) return [...result];
  const tables = new Map<string, number[]>();
  result.forEach((row, i) => {
    const signature = Object.entries(row.key).filter(([, v]) => v !== undefined).map(([k]) => k).join(',');
    tables.set(signature, [...(tables.get(signature) ?? []), i]);
  });
  const hide = (row: MetricsRow): MetricsRow => ({ ...toMetricsRow({}, row.survey, options), key: row.key, suppressed: true });
  const shown = [...result];
  for (const indexes of tables.values()) {
    const table = suppressSmallCells(indexes.map((i) => result[i]!), (row) => ({ customers: row.customers, key: Object.values(row.key).filter((v) => v !== undefined) }), suppress, hide);
    indexes.forEach((i, j) => (shown[i] = table[j]!));
  }
  return shown;
}

function meanOf(row: RawRow, alias: string, options: MetricsOptions, scale?: RatingScale): MeanResult {
  return csatMean(meanSumsOf(row, alias), { ...options, scale });
}

/** One DuckDB row of metricsMeasures (plus key columns) as metrics; the statistics are computed here, once. */
export function toMetricsRow(row: RawRow, survey: SurveyKind, options: MetricsOptions): MetricsRow {
  const nps = computeNps(npsCountsOf(row), options);
  const csat = meanOf(row, 'csat', options);
  return {
    key: groupKeyOf(row),
    survey,
    measure: measureOf(nps.n, csat.n),
    nps,
    csat,
    csatTopTwoBox: topTwoBox({ n: countOf(row, 'csat_n'), count: countOf(row, 'top2') }, options),
    emotions: EMOTIONAL_FACTORS.map((factor) => ({ factor, result: meanOf(row, factor, options) })),
    effort: meanOf(row, 'effort', options, EFFORT_SCALE),
    customers: countOf(row, 'customers'),
    suppressed: false,
  };
}
