/**
 * Progress of targets (source 004 "Ambition"): for each target the baseline, the value now (the latest
 * complete bucket, with its interval) on the target's scope, the trend since the baseline, the trend's
 * projection to the due date with its interval, and whether that reaches the target (ON_TRACK / AT_RISK /
 * OFF_TRACK / UNKNOWN, analytics/stats/trend.ts targetStatus).
 *
 * Batched: however many targets, one grouped query per kind of scope (company, personas, journeys,
 * touchpoints, retention, KPIs), not one per target.
 */
import { say } from '../../i18n/index.js';
import { listValue } from '@duckdb/node-api';
import { z } from 'zod';
import { targetStatus, type IntervalOptions, type TargetDirection, type TargetStatus } from '../../stats/index.js';
import type { Queryable } from '../../store.js';
import type { AnalyticsFilter } from '../filter.js';
import { getMetrics, type MetricsDimension, type MetricsRow } from '../metrics/getMetrics.js';
import { meanOfSums, Sums } from './amounts.js';
import { sumsStructSql } from '../../model/measures.js';
import { periodStartSql, type Period } from '../../model/dimensions.js';
import { annualisedChurn, churnCounts, type ChurnCounts } from './churn.js';
import { responseValue, suppressChurnBuckets, TREND_UNITS, type ResponseMetric } from './getTrend.js';
import { fitSeries, projectSeries, toPoints, type BucketValue, type TrendPoint, type TrendSlope } from './series.js';
import { dataWindow, requireBucket, type DataWindow, type TimeBucket } from './time.js';
import { ANALYTICS_DEFAULTS } from '../../model/filter.js';

export type TargetMetricKind = 'NPS' | 'CSAT' | 'RETENTION' | 'PROMOTER_SHARE' | 'TOUCHPOINT_KPI';
export type TargetScopeKind = 'COMPANY' | 'JOURNEY' | 'PERSONA' | 'TOUCHPOINT';

/** A target as the analytics needs it: the scope by the codes the customer data uses. */
export interface TargetSpec {
  id: string;
  metric: TargetMetricKind;
  scope: TargetScopeKind;
  journeyId?: string | null;
  personaCode?: string | null;
  touchpointCode?: string | null;
  kpiName?: string | null;
  baseline: number;
  /** YYYY-MM-DD. */
  baselineDate: string;
  targetValue: number;
  /** YYYY-MM-DD. */
  dueDate: string;
}

export interface TargetProjection {
  date: string;
  value: number;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  confidenceLevel: number;
}

export interface TargetProgress {
  targetId: string;
  /** What was measured, in words, e.g. "relationship NPS of persona SENIOR_SAVER". */
  measured: string;
  /** The answer filter the values come from (null for churn- and KPI-based targets). */
  filter: AnalyticsFilter | null;
  unit: string;
  /** 100 when a share target (retention, promoter share) is stored in percent; values are then in percent too. */
  scale: number;
  direction: TargetDirection;
  bucket: TimeBucket;
  baseline: number;
  baselineDate: string;
  targetValue: number;
  dueDate: string;
  /** The latest complete bucket with a value. */
  now: TrendPoint | null;
  /** (now − baseline) / (target − baseline): 0 at the baseline, 1 at the target. */
  achieved: number | null;
  /** Trend of the complete buckets from the baseline date's bucket on. */
  slope: TrendSlope;
  /** The trend line at the due date with its interval. */
  projection: TargetProjection | null;
  status: TargetStatus;
  /** Why the status is UNKNOWN or what to read with care; null when nothing. */
  note: string | null;
  points: TrendPoint[];
}

export interface TargetProgressOptions extends IntervalOptions {
  bucket?: TimeBucket;
  /** Small-cell suppression of the buckets (as in getTrend); null or absent: none. */
  minCellCustomers?: number | null;
}

/** Where a target's series comes from; `key` picks its rows from the grouped query. */
type Source =
  | { kind: 'ANSWERS'; group: 'COMPANY' | 'PERSONA' | 'JOURNEY' | 'TOUCHPOINT'; key: string; metric: ResponseMetric; filter: AnalyticsFilter; measured: string }
  | { kind: 'RETENTION'; key: string | null; measured: string }
  | { kind: 'KPI'; code: string; kpi: string; measured: string }
  | { kind: 'NONE'; note: string };

const ANSWER_METRIC: Partial<Record<TargetMetricKind, ResponseMetric>> = { NPS: 'NPS', CSAT: 'CSAT', PROMOTER_SHARE: 'PROMOTER_SHARE' };

function sourceOf(t: TargetSpec): Source {
  const answerMetric = ANSWER_METRIC[t.metric];
  if (answerMetric) {
    const words = say(`targets.metric.${answerMetric}`);
    switch (t.scope) {
      case 'COMPANY':
        return { kind: 'ANSWERS', group: 'COMPANY', key: '', metric: answerMetric, filter: { survey: 'RELATIONSHIP' }, measured: say('targets.measured.company', { words }) };
      case 'PERSONA':
        if (!t.personaCode) return { kind: 'NONE', note: say('targets.note.personaNoCode') };
        return {
          kind: 'ANSWERS', group: 'PERSONA', key: t.personaCode, metric: answerMetric,
          filter: { survey: 'RELATIONSHIP', personaCodes: [t.personaCode] }, measured: say('targets.measured.persona', { words }),
        };
      case 'JOURNEY':
        if (!t.journeyId) return { kind: 'NONE', note: say('targets.note.noJourney') };
        return { kind: 'ANSWERS', group: 'JOURNEY', key: t.journeyId, metric: answerMetric, filter: { journeyId: t.journeyId }, measured: say('targets.measured.journey', { words }) };
      case 'TOUCHPOINT':
        if (!t.touchpointCode) return { kind: 'NONE', note: say('targets.note.touchpointNoCode') };
        return {
          kind: 'ANSWERS', group: 'TOUCHPOINT', key: t.touchpointCode, metric: answerMetric,
          filter: { touchpointCodes: [t.touchpointCode] }, measured: say('targets.measured.touchpoint', { words }),
        };
    }
  }
  if (t.metric === 'RETENTION') {
    if (t.scope === 'COMPANY') return { kind: 'RETENTION', key: null, measured: say('targets.measured.retentionCompany') };
    if (t.scope === 'PERSONA' && t.personaCode) return { kind: 'RETENTION', key: t.personaCode, measured: say('targets.measured.retentionPersona') };
    return { kind: 'NONE', note: say('targets.note.retentionScope', { scope: t.scope }) };
  }
  if (t.scope === 'TOUCHPOINT' && t.touchpointCode && t.kpiName) {
    return { kind: 'KPI', code: t.touchpointCode, kpi: t.kpiName, measured: say('targets.measured.kpi', { kpi: t.kpiName }) };
  }
  return { kind: 'NONE', note: say('targets.note.kpi') };
}

const GROUP_DIMENSION: Record<'PERSONA' | 'JOURNEY' | 'TOUCHPOINT', MetricsDimension> = { PERSONA: 'PERSONA', JOURNEY: 'JOURNEY', TOUCHPOINT: 'TOUCHPOINT' };
const groupKey = (group: 'COMPANY' | 'PERSONA' | 'JOURNEY' | 'TOUCHPOINT', row: MetricsRow): string =>
  (group === 'COMPANY' ? '' : group === 'PERSONA' ? row.key.personaCode : group === 'JOURNEY' ? row.key.journeyId : row.key.touchpointCode) ?? '';

/** Answer metrics for every scope the targets need: one grouped getMetrics per kind of scope. */
async function answerRows(db: Queryable, sources: Source[], bucket: TimeBucket, minCellCustomers: number | null): Promise<Map<string, MetricsRow[]>> {
  const byGroup = new Map<'COMPANY' | 'PERSONA' | 'JOURNEY' | 'TOUCHPOINT', Set<string>>();
  for (const s of sources) if (s.kind === 'ANSWERS') byGroup.set(s.group, (byGroup.get(s.group) ?? new Set()).add(s.key));
  const known = async (sql: string) => new Set((await db.all<{ code: string }>(sql)).map((r) => r.code));
  const rows = new Map<string, MetricsRow[]>();
  for (const [group, keys] of byGroup) {
    let filter: AnalyticsFilter;
    let groupBy: MetricsDimension[] = [bucket];
    if (group === 'COMPANY') filter = { survey: 'RELATIONSHIP' };
    else if (group === 'JOURNEY') filter = { survey: 'TOUCHPOINT' };
    else {
      // Only codes the model knows: validateFilter would refuse the whole batch for one stale code.
      const codes = group === 'PERSONA'
        ? await known('SELECT code FROM dim_personas')
        : await known('SELECT code FROM dim_touchpoints WHERE code IS NOT NULL');
      const wanted = [...keys].filter((k) => codes.has(k));
      if (!wanted.length) continue;
      filter = group === 'PERSONA' ? { survey: 'RELATIONSHIP', personaCodes: wanted } : { touchpointCodes: wanted };
    }
    if (group !== 'COMPANY') groupBy = [GROUP_DIMENSION[group], bucket];
    for (const row of await getMetrics(db, filter, { groupBy, minCellCustomers })) {
      const id = `${group}|${groupKey(group, row)}`;
      rows.set(id, [...(rows.get(id) ?? []), row]);
    }
  }
  return rows;
}

const PERIOD: Record<TimeBucket, Period> = { WEEK: 'week', MONTH: 'month', QUARTER: 'quarter' };
const KpiRow = z.object({ code: z.string(), kpi: z.string(), bucket: z.string(), sums: Sums });

async function kpiValues(db: Queryable, sources: Source[], bucket: TimeBucket, options: IntervalOptions): Promise<Map<string, BucketValue[]>> {
  const wanted = sources.flatMap((s) => (s.kind === 'KPI' ? [s.code] : []));
  const out = new Map<string, BucketValue[]>();
  if (!wanted.length) return out;
  const rows = await db.all(
    `SELECT touchpoint_code AS code, kpi, ${periodStartSql(PERIOD[bucket], 'date')} AS bucket, ${sumsStructSql('value')} AS sums
     FROM touchpoint_kpis WHERE list_contains($codes, touchpoint_code) GROUP BY ALL ORDER BY ALL`,
    { codes: listValue([...new Set(wanted)]) },
    KpiRow,
  );
  for (const row of rows) {
    const mean = meanOfSums(row.sums, options);
    const id = `${row.code}|${row.kpi}`;
    const value: BucketValue = { bucket: row.bucket, n: mean.n, value: mean.mean, se: mean.se, ciLow: mean.ciLow, ciHigh: mean.ciHigh, lowSample: mean.lowSample, suppressed: false };
    out.set(id, [...(out.get(id) ?? []), value]);
  }
  return out;
}

async function retentionCounts(db: Queryable, sources: Source[], bucket: TimeBucket, window: DataWindow | null): Promise<ChurnCounts[]> {
  const retention = sources.filter((s) => s.kind === 'RETENTION');
  if (!window || !retention.length) return [];
  const company = retention.some((s) => s.key === null) ? await churnCounts(db, {}, bucket, window) : [];
  const personas = retention.some((s) => s.key !== null) ? await churnCounts(db, {}, bucket, window, true) : [];
  return [...company, ...personas];
}

const scaled = (v: BucketValue, f: number): BucketValue =>
  f === 1 ? v : { ...v, value: v.value === null ? null : v.value * f, se: v.se === null ? null : v.se * f, ciLow: v.ciLow === null ? null : v.ciLow * f, ciHigh: v.ciHigh === null ? null : v.ciHigh * f };

/** Shares stored in percent (e.g. retention 87 → 92) are compared in percent. */
function scaleOf(t: TargetSpec): number {
  const share = t.metric === 'RETENTION' || t.metric === 'PROMOTER_SHARE';
  return share && Math.max(Math.abs(t.baseline), Math.abs(t.targetValue)) > 1 ? 100 : 1;
}

/** Progress of each target, in the order given. */
export async function getTargetProgress(db: Queryable, targets: readonly TargetSpec[], options: TargetProgressOptions = {}): Promise<TargetProgress[]> {
  const bucket = requireBucket('bucket', options.bucket ?? 'MONTH');
  const level = options.confidenceLevel ?? ANALYTICS_DEFAULTS.confidenceLevel;
  const window = await dataWindow(db);
  const sources = targets.map(sourceOf);
  const [answers, kpis, churn] = [
    await answerRows(db, sources, bucket, options.minCellCustomers ?? null),
    await kpiValues(db, sources, bucket, options),
    await retentionCounts(db, sources, bucket, window),
  ];
  return targets.map((t, i) => {
    const source = sources[i]!;
    const scale = scaleOf(t);
    let values: BucketValue[] = [];
    let unit = '';
    if (source.kind === 'ANSWERS') {
      values = (answers.get(`${source.group}|${source.key}`) ?? []).map((r) => responseValue(r, source.metric, options));
      unit = TREND_UNITS[source.metric];
    } else if (source.kind === 'RETENTION') {
      values = suppressChurnBuckets(churn.filter((c) => c.key === source.key).map((c) => annualisedChurn(c, bucket, 'RETENTION', options)), options.minCellCustomers);
      unit = TREND_UNITS.RETENTION;
    } else if (source.kind === 'KPI') {
      values = kpis.get(`${source.code}|${source.kpi}`) ?? [];
      unit = `the KPI's own unit (mean of its observations per ${bucket.toLowerCase()})`;
    }
    if (scale !== 1) unit = unit.replace('(0..1)', '(percent, 0-100)');
    return progressOf(t, source, values.map((v) => scaled(v, scale)), { bucket, window, level, scale, unit });
  });
}

function progressOf(
  t: TargetSpec,
  source: Source,
  values: BucketValue[],
  ctx: { bucket: TimeBucket; window: DataWindow | null; level: number; scale: number; unit: string },
): TargetProgress {
  const direction: TargetDirection = t.targetValue >= t.baseline ? 'INCREASE' : 'DECREASE';
  const points = toPoints(values, ctx.bucket, ctx.window);
  const series = fitSeries(points, ctx.bucket, { since: t.baselineDate, confidenceLevel: ctx.level });
  const now = [...points].reverse().find((p) => p.complete && p.value !== null) ?? null;
  const line = projectSeries(series, t.dueDate, ctx.level);
  const projection = line && { date: t.dueDate, value: line.value, se: line.se, ciLow: line.low, ciHigh: line.high, confidenceLevel: line.confidenceLevel };
  const status = targetStatus(line, t.targetValue, direction);
  let note: string | null = source.kind === 'NONE' ? source.note : null;
  if (!note && !now) note = say('targets.note.noBucket');
  else if (!note && status === 'UNKNOWN') note = say('targets.note.fewBuckets', { n: String(series.slope.buckets) });
  return {
    targetId: t.id,
    measured: source.kind === 'NONE' ? say('targets.measured.nothing') : source.measured,
    filter: source.kind === 'ANSWERS' ? source.filter : null,
    unit: ctx.unit,
    scale: ctx.scale,
    direction,
    bucket: ctx.bucket,
    baseline: t.baseline,
    baselineDate: t.baselineDate,
    targetValue: t.targetValue,
    dueDate: t.dueDate,
    now,
    achieved: now?.value === null || now === null || t.targetValue === t.baseline ? null : (now.value - t.baseline) / (t.targetValue - t.baseline),
    slope: series.slope,
    projection,
    status,
    note,
    points,
  };
}
