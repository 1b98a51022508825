import { Arg, Authorized, Ctx, Float, Int, Query, Resolver } from 'type-graphql';
import type { DriverOutcome } from '../../../../analytics/queries/drivers/getDrivers.js';
import type { PerformanceSplit } from '../../../../analytics/queries/priorities/quadrants.js';
import { Rule } from '../../../auth/rules.js';
import type { Context } from '../../../context.js';
import { DriverOutcomeEnum } from '../drivers/drivers.types.js';
import { AnalyticsFilterInput } from '../metrics/metrics.types.js';
import { analyticsService } from '../analytics.service.js';
import { PerformanceSplitEnum, PersonaGaps, Priorities } from './priorities.types.js';

@Resolver()
export class PrioritiesResolver {
  @Authorized(Rule.readAggregates)
  @Query(() => Priorities, {
    description:
      'Touchpoint prioritisation: importance (relative-weight share from the driver analysis) against performance (touchpoint NPS with interval, CSAT), quadrants, critical and difficult flags, and a ranked list by value at stake = importance x NPS gap to target / 100 x customers reached x annual margin per customer.',
  })
  priorities(
    @Ctx() ctx: Context,
    @Arg('filter', () => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput,
    @Arg('outcome', () => DriverOutcomeEnum, { nullable: true, description: 'Outcome of the importance; default LTR.' }) outcome?: DriverOutcome,
    @Arg('minN', () => Int, { nullable: true, description: 'Minimum n behind correlations and NPS values used (default 30).' }) minN?: number,
    @Arg('targetNps', () => Float, {
      nullable: true,
      description: 'Target NPS (-100..100) for touchpoints without a TOUCHPOINT NPS target; default the best touchpoint NPS in the cut.',
    })
    targetNps?: number,
    @Arg('performanceSplit', () => PerformanceSplitEnum, { nullable: true, description: 'Default MEDIAN.' }) performanceSplit?: PerformanceSplit,
    @Arg('lastMonths', () => Int, {
      nullable: true,
      description:
        'The period as a number of months (1-120) up to the day of the latest answer in the store (dataCoverage.asOf; today when there are none), worked out on the server so a page need not ask for that day first. Leave the filter\'s from and to out when you give it.',
    })
    lastMonths?: number,
  ): Promise<Priorities> {
    return analyticsService(ctx).priorities.priorities(filter, {
      outcome: outcome ?? undefined,
      minN: minN ?? undefined,
      targetNps: targetNps ?? undefined,
      performanceSplit: performanceSplit ?? undefined,
      lastMonths: lastMonths ?? undefined,
    });
  }

  @Authorized(Rule.readAggregates)
  @Query(() => PersonaGaps, {
    description:
      "Where personas' experiences differ: per phase and touchpoint, the pair of personas (n >= minN) whose NPS difference is surest to exceed zero, with its interval, z and false-discovery-rate significance, ranked by the interval's lower end.",
  })
  personaGaps(
    @Ctx() ctx: Context,
    @Arg('filter', () => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput,
    @Arg('minN', () => Int, { nullable: true, description: 'Minimum answers for a persona to be compared (default 30).' }) minN?: number,
  ): Promise<PersonaGaps> {
    return analyticsService(ctx).priorities.personaGaps(filter, minN ?? undefined);
  }
}
