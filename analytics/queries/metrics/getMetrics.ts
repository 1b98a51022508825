import { computeNps, csatMean, topTwoBox, type MeanResult, type NpsResult, type ProportionResult, type RatingScale } from '../../stats/index.js';

/** Customer effort is asked on 1-7 (responses.effort). */
const EFFORT_SCALE: RatingScale = { min: 1, max: 7 };
import type { JsonRow, Queryable } from '../../store.js';
import type { Json } from '@duckdb/node-api';
import { suppressSmallCells } from '../../privacy/smallCells.js';
import { AnalyticsInputError } from '../errors.js';
import { scopeSql, validateFilter, type AnalyticsFilter, type SurveyKind } from '../filter.js';
import { measureOf, type PerformanceMeasure } from './measure.js';
import { readsRollup } from './rollupSource.js';

/** Ways to cut the metrics; several can be combined (e.g. TOUCHPOINT + PERSONA). */
export type MetricsDimension = 'JOURNEY' | 'PHASE' | 'TOUCHPOINT' | 'PERSONA' | 'UNIT' | 'WEEK' | 'MONTH' | 'QUARTER';

/** SQL for each dimension's key; touchpoint-level dimensions need touchpoint answers. */
const DIMENSIONS: Record<MetricsDimension, { column: string; sql: string; touchpointLevel: boolean }> = {
  JOURNEY: { column: 'journey_id', sql: 't.journey_id', touchpointLevel: true },
  PHASE: { column: 'phase_id', sql: 't.phase_id', touchpointLevel: true },
  TOUCHPOINT: { column: 'touchpoint_code', sql: 'r.touchpoint_code', touchpointLevel: true },
  PERSONA: { column: 'persona_code', sql: 'c.persona_code', touchpointLevel: false },
  UNIT: { column: 'unit_code', sql: 'c.unit_code', touchpointLevel: false },
  WEEK: { column: 'bucket', sql: "strftime(date_trunc('week', r.responded_at), '%Y-%m-%d')", touchpointLevel: false },
  MONTH: { column: 'bucket', sql: "strftime(date_trunc('month', r.responded_at), '%Y-%m-%d')", touchpointLevel: false },
  QUARTER: { column: 'bucket', sql: "strftime(date_trunc('quarter', r.responded_at), '%Y-%m-%d')", touchpointLevel: false },
};

export const EMOTIONAL_FACTORS = ['professional', 'sympathetic', 'trustworthy', 'atmosphere'] as const;
export type EmotionalFactor = (typeof EMOTIONAL_FACTORS)[number];

export interface MetricsKey {
  journeyId?: string;
  phaseId?: string;
  touchpointCode?: string;
  personaCode?: string;
  unitCode?: string;
  /** Start date of the week/month/quarter bucket. */
  bucket?: string;
}

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
const text = (value: Json | undefined): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: Json | undefined): number => Number(value ?? 0);

/** Sufficient statistics (count, Σx, Σx²) of a rating column, for means with intervals. */
const sums = (column: string, alias: string) =>
  `count(r.${column})::INTEGER AS ${alias}_n, coalesce(sum(r.${column}), 0)::DOUBLE AS ${alias}_sum, coalesce(sum(r.${column} * r.${column}), 0)::DOUBLE AS ${alias}_sq`;

/**
 * NPS (with counts, SE, interval, low-sample flag), CSAT mean and top-2-box, emotional factor means and
 * effort per cut. DuckDB returns counts and sums per group; the statistics are computed in analytics/stats.
 */
export async function getMetrics(db: Queryable, filter: AnalyticsFilter, options: MetricsOptions = {}): Promise<MetricsRow[]> {
  await validateFilter(db, filter);
  const sets = options.groupingSets;
  const groupBy = [...new Set(sets ? sets.flat() : (options.groupBy ?? []))];
  const dims = groupBy.map((d) => DIMENSIONS[d]);
  if (new Set(dims.map((d) => d.column)).size !== dims.length) {
    throw new AnalyticsInputError('groupBy', 'use at most one of WEEK, MONTH and QUARTER');
  }
  const scope = scopeSql(filter, dims.some((d) => d.touchpointLevel));
  const keys = dims.map((d) => `${d.sql} AS ${d.column}`);
  const source = await readsRollup(db, options);
  const sql = source.statement(`
    SELECT ${[...keys, ...source.measures].join(',\n      ')}
    ${scope.from}
    ${scope.where}
    ${sets ? `GROUP BY GROUPING SETS (${sets.map((set) => `(${set.map((d) => DIMENSIONS[d].sql).join(', ')})`).join(', ')})` : ''}
    ${!sets && dims.length ? `GROUP BY ${dims.map((_, i) => i + 1).join(', ')}` : ''}
    ${dims.length ? `ORDER BY ${dims.map((_, i) => i + 1).join(', ')}` : ''}`);
  const rows = await db.all<RawRow>(sql, scope.params);
  // An ungrouped cut with no answers still returns one row of zeros from DuckDB: n = 0 → nulls, lowSample.
  return suppressMetricsRows(rows.map((row) => toMetricsRow(row, scope.survey, options)), options);
}

/**
 * The SELECT list of the measures: counts and sums per group, named as toMetricsRow reads them. Shared
 * by every query that groups answers differently (getMapMetrics), so NPS and CSAT are counted one way.
 */
export function measureColumns(options: MetricsOptions): string[] {
  const ratings = options.measures?.ratings ?? true;
  return [
    'count(*)::INTEGER AS n',
    'count(*) FILTER (WHERE r.ltr >= 9)::INTEGER AS promoters',
    'count(*) FILTER (WHERE r.ltr BETWEEN 7 AND 8)::INTEGER AS passives',
    'count(*) FILTER (WHERE r.ltr <= 6)::INTEGER AS detractors',
    (options.measures?.customers ?? true) || (options.minCellCustomers ?? null) !== null ? 'count(DISTINCT r.customer_id)::INTEGER AS customers' : '0 AS customers',
    'count(*) FILTER (WHERE r.satisfaction >= 4)::INTEGER AS top2',
    sums('satisfaction', 'csat'),
    ...(ratings ? [sums('effort', 'effort'), ...EMOTIONAL_FACTORS.map((f) => sums(f, f))] : []),
  ];
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
  const sums = { n: num(row[`${alias}_n`]), sum: num(row[`${alias}_sum`]), sumSquares: num(row[`${alias}_sq`]) };
  return csatMean(sums, { ...options, scale });
}

/** One DuckDB row of measureColumns (plus key columns) as metrics; the statistics are computed here, once. */
export function toMetricsRow(row: RawRow, survey: SurveyKind, options: MetricsOptions): MetricsRow {
  const key: MetricsKey = {
    journeyId: text(row.journey_id),
    phaseId: text(row.phase_id),
    touchpointCode: text(row.touchpoint_code),
    personaCode: text(row.persona_code),
    unitCode: text(row.unit_code),
    bucket: text(row.bucket),
  };
  const nps = computeNps({ promoters: num(row.promoters), passives: num(row.passives), detractors: num(row.detractors) }, options);
  const csat = meanOf(row, 'csat', options);
  return {
    key,
    survey,
    measure: measureOf(nps.n, csat.n),
    nps,
    csat,
    csatTopTwoBox: topTwoBox({ n: num(row.csat_n), count: num(row.top2) }, options),
    emotions: EMOTIONAL_FACTORS.map((factor) => ({ factor, result: meanOf(row, factor, options) })),
    effort: meanOf(row, 'effort', options, EFFORT_SCALE),
    customers: num(row.customers),
    suppressed: false,
  };
}
