import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Rule } from '../../../auth/rules.js';
import type { Context } from '../../../context.js';
import { DriverAnalysis, DriverOutcomeEnum, EmotionalDrivers } from './drivers.types.js';
import { AnalyticsFilterInput } from '../metrics/metrics.types.js';
import { analyticsService } from '../analytics.service.js';
import type { DriverOutcome } from '../../../../analytics/queries/drivers/getDrivers.js';

const MIN_N = { nullable: true, description: 'Minimum n behind every correlation (default 30, at least 4).' } as const;

@Resolver()
export class DriversResolver {
  @Authorized(Rule.readAggregates)
  @Query(() => DriverAnalysis, {
    description:
      "Driver analysis: per customer, touchpoint satisfaction (1-5) against the outcome; Pearson correlations (pairwise-complete, n each) and Johnson's relative weights (share of R², robust to correlated touchpoints). Touchpoints with too few customers, alone or together with others, are listed in `excluded`.",
  })
  drivers(
    @Ctx() ctx: Context,
    @Arg('filter', () => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput,
    @Arg('outcome', () => DriverOutcomeEnum, { nullable: true, description: 'Default LTR.' }) outcome?: DriverOutcome,
    @Arg('minN', () => Int, MIN_N) minN?: number,
  ): Promise<DriverAnalysis> {
    return analyticsService(ctx).drivers.drivers(filter, outcome ?? undefined, minN ?? undefined);
  }

  @Authorized(Rule.readAggregates)
  @Query(() => EmotionalDrivers, {
    description:
      'Emotional factors (professional, sympathetic, trustworthy, atmosphere) per touchpoint: levels (means 1-5 with intervals) and Johnson relative weights of the four on touchpoint satisfaction.',
  })
  emotionalDrivers(
    @Ctx() ctx: Context,
    @Arg('filter', () => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput,
    @Arg('touchpointCode', () => String, { nullable: true, description: 'Only this touchpoint; default every touchpoint with factor ratings.' })
    touchpointCode?: string,
    @Arg('minN', () => Int, MIN_N) minN?: number,
  ): Promise<EmotionalDrivers> {
    return analyticsService(ctx).drivers.emotionalDrivers(filter, touchpointCode ?? undefined, minN ?? undefined);
  }
}
