import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { getMetrics, type MetricsDimension, type MetricsRow } from '../../../analytics/queries/metrics/getMetrics.js';
import type { AnalyticsFilter } from '../../../analytics/queries/filter.js';
import { compareNps, welchTest } from '../../../analytics/stats/index.js';
import { Rule } from '../../auth/rules.js';
import { requestScoped, type Context } from '../../context.js';
import { Journey } from '../journeys/journey.entity.js';
import { Phase } from '../journeys/phase.entity.js';
import { Touchpoint } from '../journeys/touchpoint.entity.js';
import { AnalyticsFilterInput, Metrics, MetricsComparison, MetricsDimensionEnum } from './metrics.types.js';

/** A plain filter object (type-graphql hands us class instances; stable JSON keys batch requests). */
function toFilter(input: AnalyticsFilterInput | undefined): AnalyticsFilter {
  return Object.fromEntries(Object.entries(input ?? {}).filter(([, v]) => v !== undefined));
}

type Level = 'JOURNEY' | 'PHASE' | 'TOUCHPOINT';
const KEY_OF: Record<Level, (row: MetricsRow) => string | undefined> = {
  JOURNEY: (row) => row.key.journeyId,
  PHASE: (row) => row.key.phaseId,
  TOUCHPOINT: (row) => row.key.touchpointCode,
};

/**
 * Per request, level and filter: one grouped DuckDB query for every journey's, phase's or touchpoint's
 * `metrics(filter)` in the request. The query returns all groups of the level at once, so it is
 * remembered for the request rather than batched: a DataLoader batches per tick, and over HTTP the
 * touchpoints of an 8-phase map arrived in several ticks, each running the same full query again
 * (16 DuckDB statements instead of 6, one after the other; npm run bench, bench/README.md).
 */
const levelRows = requestScoped(() => new Map<string, Promise<Map<string, MetricsRow>>>());
function levelMetrics(ctx: Context, level: Level, id: string, filter: AnalyticsFilter): Promise<MetricsRow | null> {
  const memo = levelRows(ctx);
  const key = `${level}|${JSON.stringify(filter)}`;
  let rows = memo.get(key);
  if (!rows) {
    rows = getMetrics(ctx.deps.analytics, filter, { groupBy: [level] }).then((list) => new Map(list.map((r) => [KEY_OF[level](r) ?? '', r])));
    memo.set(key, rows);
  }
  return rows.then((byKey) => byKey.get(id) ?? null);
}

const METRICS_FIELD = {
  nullable: true,
  description: 'NPS, CSAT and emotions of the answers at this level for the filter; null when there are none.',
} as const;

@Resolver()
export class MetricsResolver {
  @Authorized(Rule.readAggregates)
  @Query(() => [Metrics], { description: 'Metrics for a cut of the answers, optionally grouped (e.g. by TOUCHPOINT and PERSONA, or by MONTH).' })
  metrics(
    @Ctx() ctx: Context,
    @Arg('filter', () => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput,
    @Arg('groupBy', () => [MetricsDimensionEnum], { nullable: true }) groupBy?: MetricsDimension[],
  ): Promise<MetricsRow[]> {
    return getMetrics(ctx.deps.analytics, toFilter(filter), { groupBy });
  }

  @Authorized(Rule.readAggregates)
  @Query(() => MetricsComparison, { description: 'Two cuts (two periods, two personas, ...) side by side, with significance tests.' })
  async compareMetrics(
    @Ctx() ctx: Context,
    @Arg('a', () => AnalyticsFilterInput) a: AnalyticsFilterInput,
    @Arg('b', () => AnalyticsFilterInput) b: AnalyticsFilterInput,
  ): Promise<MetricsComparison> {
    const [[left], [right]] = await Promise.all([getMetrics(ctx.deps.analytics, toFilter(a)), getMetrics(ctx.deps.analytics, toFilter(b))]);
    const npsTest = compareNps(left!.nps, right!.nps);
    const csatTest = welchTest(left!.csat, right!.csat);
    return {
      a: left!,
      b: right!,
      nps: { difference: npsTest.difference, se: npsTest.se, statistic: npsTest.z, pValue: npsTest.pValue, significant: npsTest.significant },
      csat: csatTest,
    };
  }
}

@Resolver(() => Journey)
export class JourneyMetricsResolver {
  @FieldResolver(() => Metrics, METRICS_FIELD)
  metrics(@Ctx() ctx: Context, @Root() journey: Journey, @Arg('filter', () => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput) {
    return levelMetrics(ctx, 'JOURNEY', journey.id, toFilter(filter));
  }
}

@Resolver(() => Phase)
export class PhaseMetricsResolver {
  @FieldResolver(() => Metrics, METRICS_FIELD)
  metrics(@Ctx() ctx: Context, @Root() phase: Phase, @Arg('filter', () => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput) {
    return levelMetrics(ctx, 'PHASE', phase.id, toFilter(filter));
  }
}

@Resolver(() => Touchpoint)
export class TouchpointMetricsResolver {
  @FieldResolver(() => Metrics, { ...METRICS_FIELD, description: `${METRICS_FIELD.description} A touchpoint without a code has no data (see basedOn).` })
  async metrics(@Ctx() ctx: Context, @Root() touchpoint: Touchpoint, @Arg('filter', () => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput) {
    if (!touchpoint.code) return null;
    return levelMetrics(ctx, 'TOUCHPOINT', touchpoint.code, toFilter(filter));
  }
}
