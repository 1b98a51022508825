import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { getDrivers, type DriverOutcome, type DriversResult } from '../../../../analytics/queries/drivers/getDrivers.js';
import { getEmotionalDrivers, type EmotionalDriverSet as EmotionalSet } from '../../../../analytics/queries/emotions/getEmotionalDrivers.js';
import type { CorrelationInterval } from '../../../../analytics/stats/index.js';
import { minCellCustomersFor } from '../../../auth/privacy.js';
import { Rule } from '../../../auth/rules.js';
import type { Context } from '../../../context.js';
import { DriverAnalysis, DriverOutcomeEnum, EmotionalDriverSet, EmotionalDrivers } from './drivers.types.js';
import { AnalyticsFilterInput, plainFilter } from '../metrics/metrics.types.js';

/** The interval as two flat fields, as the schema shows it. */
export function flatInterval(interval: CorrelationInterval | null): { correlationLow: number | null; correlationHigh: number | null } {
  return { correlationLow: interval?.low ?? null, correlationHigh: interval?.high ?? null };
}

function toDriverAnalysis(result: DriversResult): DriverAnalysis {
  return { ...result, drivers: result.drivers.map(({ correlationInterval, ...d }) => ({ ...d, ...flatInterval(correlationInterval) })) };
}

function toEmotionalSet(set: EmotionalSet): EmotionalDriverSet {
  return { ...set, factors: set.factors.map(({ correlationInterval, ...f }) => ({ ...f, ...flatInterval(correlationInterval) })) };
}

const MIN_N = { nullable: true, description: 'Minimum n behind every correlation (default 30, at least 4).' } as const;

@Resolver()
export class DriversResolver {
  @Authorized(Rule.readAggregates)
  @Query(() => DriverAnalysis, {
    description:
      "Driver analysis: per customer, touchpoint satisfaction (1-5) against the outcome; Pearson correlations (pairwise-complete, n each) and Johnson's relative weights (share of R², robust to correlated touchpoints). Touchpoints with too few customers, alone or together with others, are listed in `excluded`.",
  })
  async drivers(
    @Ctx() ctx: Context,
    @Arg('filter', () => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput,
    @Arg('outcome', () => DriverOutcomeEnum, { nullable: true, description: 'Default LTR.' }) outcome?: DriverOutcome,
    @Arg('minN', () => Int, MIN_N) minN?: number,
  ): Promise<DriverAnalysis> {
    return toDriverAnalysis(await getDrivers(ctx.deps.analytics, plainFilter(filter), { outcome: outcome ?? undefined, minN: minN ?? undefined, minCellCustomers: minCellCustomersFor(ctx) }));
  }

  @Authorized(Rule.readAggregates)
  @Query(() => EmotionalDrivers, {
    description:
      'Emotional factors (professional, sympathetic, trustworthy, atmosphere) per touchpoint: levels (means 1-5 with intervals) and Johnson relative weights of the four on touchpoint satisfaction.',
  })
  async emotionalDrivers(
    @Ctx() ctx: Context,
    @Arg('filter', () => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput,
    @Arg('touchpointCode', () => String, { nullable: true, description: 'Only this touchpoint; default every touchpoint with factor ratings.' })
    touchpointCode?: string,
    @Arg('minN', () => Int, MIN_N) minN?: number,
  ): Promise<EmotionalDrivers> {
    const result = await getEmotionalDrivers(ctx.deps.analytics, plainFilter(filter), {
      touchpointCode: touchpointCode ?? undefined,
      minN: minN ?? undefined,
      minCellCustomers: minCellCustomersFor(ctx),
    });
    return { ...result, pooled: toEmotionalSet(result.pooled), touchpoints: result.touchpoints.map(toEmotionalSet) };
  }
}
