import { computeNps, csatMean, topTwoBox, type MeanResult, type NpsResult, type ProportionResult } from '../../stats/index.js';
import type { Queryable } from '../../store.js';
import { AnalyticsInputError } from '../errors.js';
import { scopeSql, validateFilter, type AnalyticsFilter, type SurveyKind } from '../filter.js';

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
  nps: NpsResult;
  csat: MeanResult;
  csatTopTwoBox: ProportionResult;
  emotions: { factor: EmotionalFactor; result: MeanResult }[];
  effort: MeanResult;
  /** Distinct customers behind the answers. */
  customers: number;
}

export interface MetricsOptions {
  groupBy?: readonly MetricsDimension[];
  minN?: number;
  confidenceLevel?: number;
}

interface RawRow {
  journey_id?: string | null;
  phase_id?: string | null;
  touchpoint_code?: string | null;
  persona_code?: string | null;
  unit_code?: string | null;
  bucket?: string | null;
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  customers: number;
  [sums: string]: number | string | null | undefined;
}

/** Sufficient statistics (count, Σx, Σx²) of a rating column, for means with intervals. */
const sums = (column: string, alias: string) =>
  `count(r.${column})::INTEGER AS ${alias}_n, coalesce(sum(r.${column}), 0)::DOUBLE AS ${alias}_sum, coalesce(sum(r.${column} * r.${column}), 0)::DOUBLE AS ${alias}_sq`;

/**
 * NPS (with counts, SE, interval, low-sample flag), CSAT mean and top-2-box, emotional factor means and
 * effort per cut. DuckDB returns counts and sums per group; the statistics are computed in analytics/stats.
 */
export async function getMetrics(db: Queryable, filter: AnalyticsFilter, options: MetricsOptions = {}): Promise<MetricsRow[]> {
  await validateFilter(db, filter);
  const groupBy = [...new Set(options.groupBy ?? [])];
  const dims = groupBy.map((d) => DIMENSIONS[d]);
  if (new Set(dims.map((d) => d.column)).size !== dims.length) {
    throw new AnalyticsInputError('groupBy', 'use at most one of WEEK, MONTH and QUARTER');
  }
  const scope = scopeSql(filter, dims.some((d) => d.touchpointLevel));
  const keys = dims.map((d) => `${d.sql} AS ${d.column}`);
  const sql = `
    SELECT ${[...keys,
      'count(*)::INTEGER AS n',
      'count(*) FILTER (WHERE r.ltr >= 9)::INTEGER AS promoters',
      'count(*) FILTER (WHERE r.ltr BETWEEN 7 AND 8)::INTEGER AS passives',
      'count(*) FILTER (WHERE r.ltr <= 6)::INTEGER AS detractors',
      'count(DISTINCT r.customer_id)::INTEGER AS customers',
      'count(*) FILTER (WHERE r.satisfaction >= 4)::INTEGER AS top2',
      sums('satisfaction', 'csat'),
      sums('effort', 'effort'),
      ...EMOTIONAL_FACTORS.map((f) => sums(f, f)),
    ].join(',\n      ')}
    ${scope.from}
    ${scope.where}
    ${dims.length ? `GROUP BY ${dims.map((_, i) => i + 1).join(', ')} ORDER BY ${dims.map((_, i) => i + 1).join(', ')}` : ''}`;
  const rows = await db.all<RawRow>(sql, scope.params);
  // An ungrouped cut with no answers still returns one row of zeros from DuckDB: n = 0 → nulls, lowSample.
  return rows.map((row) => toMetricsRow(row, scope.survey, options));
}

function meanOf(row: RawRow, alias: string, options: MetricsOptions): MeanResult {
  return csatMean({ n: Number(row[`${alias}_n`] ?? 0), sum: Number(row[`${alias}_sum`] ?? 0), sumSquares: Number(row[`${alias}_sq`] ?? 0) }, options);
}

function toMetricsRow(row: RawRow, survey: SurveyKind, options: MetricsOptions): MetricsRow {
  const key: MetricsKey = {};
  if (row.journey_id != null) key.journeyId = row.journey_id;
  if (row.phase_id != null) key.phaseId = row.phase_id;
  if (row.touchpoint_code != null) key.touchpointCode = row.touchpoint_code;
  if (row.persona_code != null) key.personaCode = row.persona_code;
  if (row.unit_code != null) key.unitCode = row.unit_code;
  if (row.bucket != null) key.bucket = row.bucket;
  const csatN = Number(row.csat_n ?? 0);
  return {
    key,
    survey,
    nps: computeNps({ promoters: row.promoters, passives: row.passives, detractors: row.detractors }, options),
    csat: meanOf(row, 'csat', options),
    csatTopTwoBox: topTwoBox({ n: csatN, count: Number(row.top2 ?? 0) }, options),
    emotions: EMOTIONAL_FACTORS.map((factor) => ({ factor, result: meanOf(row, factor, options) })),
    effort: meanOf(row, 'effort', options),
    customers: row.customers,
  };
}
