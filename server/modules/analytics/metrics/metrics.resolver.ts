import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { MapMetricsRow } from '../../../../analytics/queries/metrics/getMapMetrics.js';
import { getMetrics, type MetricsDimension, type MetricsRow } from '../../../../analytics/queries/metrics/getMetrics.js';
import { compareNps, welchTest } from '../../../../analytics/stats/index.js';
import { minCellCustomersFor } from '../../../auth/privacy.js';
import { Rule } from '../../../auth/rules.js';
import type { Context } from '../../../context.js';
import { Journey } from '../../journeys/journey.entity.js';
import { Phase } from '../../journeys/phase.entity.js';
import { Touchpoint } from '../../journeys/touchpoint.entity.js';
import { checkFilter, levelMetrics, mapMetrics } from './metrics.service.js';
import { AnalyticsFilterInput, MapMetrics, Metrics, MetricsComparison, MetricsDimensionEnum, plainFilter } from './metrics.types.js';

const FIELD_FILTER = { nullable: true, validate: false } as const;

const METRICS_FIELD = {
  nullable: true,
  description: 'NPS, CSAT and emotions of the answers at this level for the filter; null when there are none.',
} as const;

const MAP_FILTER = { ...FIELD_FILTER, description: 'The cut the map shows (persona, units, period); absent: all touchpoint answers.' } as const;
const MAP_METRICS_FIELD = {
  description:
    'The figures the journey map shows for this cut: NPS (with n and interval) or CSAT of the answers at its touchpoints pooled, a to-be touchpoint without a survey code counted through the as-is touchpoint it is based on.',
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
    return getMetrics(ctx.deps.analytics, plainFilter(filter), { groupBy, minCellCustomers: minCellCustomersFor(ctx) });
  }

  @Authorized(Rule.readAggregates)
  @Query(() => MetricsComparison, { description: 'Two cuts (two periods, two personas, ...) side by side, with significance tests.' })
  async compareMetrics(
    @Ctx() ctx: Context,
    @Arg('a', () => AnalyticsFilterInput) a: AnalyticsFilterInput,
    @Arg('b', () => AnalyticsFilterInput) b: AnalyticsFilterInput,
  ): Promise<MetricsComparison> {
    const minCellCustomers = minCellCustomersFor(ctx);
    const [[left], [right]] = await Promise.all([
      getMetrics(ctx.deps.analytics, plainFilter(a), { minCellCustomers }),
      getMetrics(ctx.deps.analytics, plainFilter(b), { minCellCustomers }),
    ]);
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
  metrics(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @Root() journey: Journey, @Arg('filter', () => AnalyticsFilterInput, FIELD_FILTER) filter?: AnalyticsFilterInput) {
    return levelMetrics(ctx, info, 'JOURNEY', journey.id, filter);
  }

  @FieldResolver(() => MapMetrics, MAP_METRICS_FIELD)
  mapMetrics(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @Root() journey: Journey, @Arg('filter', () => AnalyticsFilterInput, MAP_FILTER) filter?: AnalyticsFilterInput): Promise<MapMetricsRow> {
    return mapMetrics(ctx, info, journey.id, null, filter);
  }
}

@Resolver(() => Phase)
export class PhaseMetricsResolver {
  @FieldResolver(() => Metrics, METRICS_FIELD)
  metrics(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @Root() phase: Phase, @Arg('filter', () => AnalyticsFilterInput, FIELD_FILTER) filter?: AnalyticsFilterInput) {
    return levelMetrics(ctx, info, 'PHASE', phase.id, filter);
  }

  @FieldResolver(() => MapMetrics, MAP_METRICS_FIELD)
  mapMetrics(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @Root() phase: Phase, @Arg('filter', () => AnalyticsFilterInput, MAP_FILTER) filter?: AnalyticsFilterInput): Promise<MapMetricsRow> {
    return mapMetrics(ctx, info, phase.journey.id, phase.id, filter);
  }
}

@Resolver(() => Touchpoint)
export class TouchpointMetricsResolver {
  @FieldResolver(() => Metrics, { ...METRICS_FIELD, description: `${METRICS_FIELD.description} A touchpoint without a code has no data (see basedOn).` })
  async metrics(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @Root() touchpoint: Touchpoint, @Arg('filter', () => AnalyticsFilterInput, FIELD_FILTER) filter?: AnalyticsFilterInput) {
    if (!touchpoint.code) return checkFilter(ctx, filter).then(() => null);
    return levelMetrics(ctx, info, 'TOUCHPOINT', touchpoint.code, filter);
  }
}
