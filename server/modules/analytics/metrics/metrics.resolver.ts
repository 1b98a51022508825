import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { MetricsDimension, MetricsRow } from '../../../../analytics/queries/metrics/getMetrics.js';
import { Rule } from '../../../auth/rules.js';
import type { Context } from '../../../context.js';
import { Journey } from '../../journeys/journey.entity.js';
import type { JourneyView, PhaseView, TouchpointView } from '../../journeys/journey.snapshot.js';
import { Phase } from '../../journeys/phase.entity.js';
import { Touchpoint } from '../../journeys/touchpoint.entity.js';
import { analyticsService } from '../analytics.service.js';
import { AnalyticsFilterInput, MapMetrics, Metrics, MetricsComparison, MetricsDimensionEnum } from './metrics.types.js';

/**
 * The map fields' filter is checked by the analytics filter schema once per request and filter
 * (AnalyticsRequest.filter), not by class-validator per field: on a 240-touchpoint map that ran 249 times
 * per request, 60% of the GraphQL execution time (npm run bench, bench/README.md).
 */
const FIELD_FILTER = { nullable: true, validate: false } as const;

const METRICS_FIELD = {
  nullable: true,
  description: 'NPS, CSAT and emotions of the answers at this level for the filter; null when there are none.',
} as const;

const MAP_FILTER = { ...FIELD_FILTER, description: 'The cut the map shows (persona, units, period); absent: all touchpoint answers.' } as const;
/**
 * The map's default periods ("last 12 months") end at the latest answer in the store: with this argument
 * the server works that day out, so the map asks for its numbers at once instead of after dataCoverage.
 */
const LAST_MONTHS = {
  nullable: true,
  validate: false,
  description:
    'The period as a number of months (1-120) up to the day of the latest answer in the store (dataCoverage.asOf; today when there are none), worked out on the server so the map need not ask for that day first. Leave the filter\'s from and to out when you give it.',
} as const;

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
    return analyticsService(ctx).metrics.metrics(filter, groupBy);
  }

  @Authorized(Rule.readAggregates)
  @Query(() => MetricsComparison, { description: 'Two cuts (two periods, two personas, ...) side by side, with significance tests.' })
  compareMetrics(
    @Ctx() ctx: Context,
    @Arg('a', () => AnalyticsFilterInput) a: AnalyticsFilterInput,
    @Arg('b', () => AnalyticsFilterInput) b: AnalyticsFilterInput,
  ): Promise<MetricsComparison> {
    return analyticsService(ctx).metrics.compare(a, b);
  }
}

/** A map field's arguments as graphql-js passes them (already coerced to the input type's fields). */
type FilterArgs = { filter?: AnalyticsFilterInput | null; lastMonths?: number | null };
type MapField<Source> = GraphQLFieldResolver<Source, Context, FilterArgs>;

/**
 * The journey's, phases' and touchpoints' metrics fields as graphql-js calls them: server/schema.ts puts
 * these in place of type-graphql's wrapper, the decorated methods below only declare the fields (type,
 * argument, description) and call the same functions. type-graphql makes every field with an argument
 * asynchronous (its argument check is an async function even with `validate: false`), copies the filter
 * into an input class instance and sorts the parameters, per field: ~250 fields of a 240-touchpoint map,
 * several promises each, and their garbage grew with the requests in flight (npm run bench profile,
 * bench/README.md "Session 5"). The filter is checked by the analytics filter schema once per request
 * and filter (AnalyticsRequest.filter), as before: none of these fields has @Authorized.
 */
export const MAP_FIELD_RESOLVERS = {
  Journey: {
    metrics: ((journey, { filter, lastMonths }, ctx, info) => analyticsService(ctx).metrics.levelMetrics(info, 'JOURNEY', journey.id, filter ?? undefined, lastMonths ?? undefined)) satisfies MapField<JourneyView>,
    mapMetrics: ((journey, { filter, lastMonths }, ctx, info) => analyticsService(ctx).metrics.mapMetrics(info, journey.id, null, filter ?? undefined, lastMonths ?? undefined)) satisfies MapField<JourneyView>,
  },
  Phase: {
    metrics: ((phase, { filter, lastMonths }, ctx, info) => analyticsService(ctx).metrics.levelMetrics(info, 'PHASE', phase.id, filter ?? undefined, lastMonths ?? undefined)) satisfies MapField<PhaseView>,
    mapMetrics: ((phase, { filter, lastMonths }, ctx, info) => analyticsService(ctx).metrics.mapMetrics(info, phase.journey.id, phase.id, filter ?? undefined, lastMonths ?? undefined)) satisfies MapField<PhaseView>,
  },
  Touchpoint: {
    metrics: ((touchpoint, { filter, lastMonths }, ctx, info) => analyticsService(ctx).metrics.touchpointMetrics(info, touchpoint.code, filter ?? undefined, lastMonths ?? undefined)) satisfies MapField<TouchpointView>,
  },
};

@Resolver(() => Journey)
export class JourneyMetricsResolver {
  @FieldResolver(() => Metrics, METRICS_FIELD)
  metrics(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Root() journey: JourneyView,
    @Arg('filter', () => AnalyticsFilterInput, FIELD_FILTER) filter?: AnalyticsFilterInput,
    @Arg('lastMonths', () => Int, LAST_MONTHS) lastMonths?: number,
  ) {
    return MAP_FIELD_RESOLVERS.Journey.metrics(journey, { filter, lastMonths }, ctx, info);
  }

  @FieldResolver(() => MapMetrics, MAP_METRICS_FIELD)
  mapMetrics(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Root() journey: JourneyView,
    @Arg('filter', () => AnalyticsFilterInput, MAP_FILTER) filter?: AnalyticsFilterInput,
    @Arg('lastMonths', () => Int, LAST_MONTHS) lastMonths?: number,
  ) {
    return MAP_FIELD_RESOLVERS.Journey.mapMetrics(journey, { filter, lastMonths }, ctx, info);
  }
}

@Resolver(() => Phase)
export class PhaseMetricsResolver {
  @FieldResolver(() => Metrics, METRICS_FIELD)
  metrics(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Root() phase: PhaseView,
    @Arg('filter', () => AnalyticsFilterInput, FIELD_FILTER) filter?: AnalyticsFilterInput,
    @Arg('lastMonths', () => Int, LAST_MONTHS) lastMonths?: number,
  ) {
    return MAP_FIELD_RESOLVERS.Phase.metrics(phase, { filter, lastMonths }, ctx, info);
  }

  @FieldResolver(() => MapMetrics, MAP_METRICS_FIELD)
  mapMetrics(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Root() phase: PhaseView,
    @Arg('filter', () => AnalyticsFilterInput, MAP_FILTER) filter?: AnalyticsFilterInput,
    @Arg('lastMonths', () => Int, LAST_MONTHS) lastMonths?: number,
  ) {
    return MAP_FIELD_RESOLVERS.Phase.mapMetrics(phase, { filter, lastMonths }, ctx, info);
  }
}

@Resolver(() => Touchpoint)
export class TouchpointMetricsResolver {
  @FieldResolver(() => Metrics, { ...METRICS_FIELD, description: `${METRICS_FIELD.description} A touchpoint without a code has no data (see basedOn).` })
  metrics(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Root() touchpoint: TouchpointView,
    @Arg('filter', () => AnalyticsFilterInput, FIELD_FILTER) filter?: AnalyticsFilterInput,
    @Arg('lastMonths', () => Int, LAST_MONTHS) lastMonths?: number,
  ) {
    return MAP_FIELD_RESOLVERS.Touchpoint.metrics(touchpoint, { filter, lastMonths }, ctx, info);
  }
}
