import DataLoader from 'dataloader';
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
 * One DataLoader per request and level: all journeys', phases' or touchpoints' `metrics(filter)` in a
 * request become one grouped DuckDB query per distinct filter.
 */
const levelLoader = (level: Level) =>
  requestScoped(
    (ctx) =>
      new DataLoader<{ id: string; filter: AnalyticsFilter }, MetricsRow | null, string>(
        async (keys) => {
          const byFilter = new Map<string, Map<string, MetricsRow>>();
          for (const filterJson of new Set(keys.map((k) => JSON.stringify(k.filter)))) {
            const filter: AnalyticsFilter = JSON.parse(filterJson);
            const rows = await getMetrics(ctx.deps.analytics, filter, { groupBy: [level] });
            byFilter.set(filterJson, new Map(rows.map((r) => [KEY_OF[level](r) ?? '', r])));
          }
          return keys.map((k) => byFilter.get(JSON.stringify(k.filter))?.get(k.id) ?? null);
        },
        { cacheKeyFn: (k) => `${k.id}|${JSON.stringify(k.filter)}` },
      ),
  );
const journeyMetrics = levelLoader('JOURNEY');
const phaseMetrics = levelLoader('PHASE');
const touchpointMetrics = levelLoader('TOUCHPOINT');

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
    return journeyMetrics(ctx).load({ id: journey.id, filter: toFilter(filter) });
  }
}

@Resolver(() => Phase)
export class PhaseMetricsResolver {
  @FieldResolver(() => Metrics, METRICS_FIELD)
  metrics(@Ctx() ctx: Context, @Root() phase: Phase, @Arg('filter', () => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput) {
    return phaseMetrics(ctx).load({ id: phase.id, filter: toFilter(filter) });
  }
}

@Resolver(() => Touchpoint)
export class TouchpointMetricsResolver {
  @FieldResolver(() => Metrics, { ...METRICS_FIELD, description: `${METRICS_FIELD.description} A touchpoint without a code has no data (see basedOn).` })
  async metrics(@Ctx() ctx: Context, @Root() touchpoint: Touchpoint, @Arg('filter', () => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput) {
    if (!touchpoint.code) return null;
    return touchpointMetrics(ctx).load({ id: touchpoint.code, filter: toFilter(filter) });
  }
}
