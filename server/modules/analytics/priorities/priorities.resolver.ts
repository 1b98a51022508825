import { Arg, Authorized, Ctx, Float, Int, Query, Resolver } from 'type-graphql';
import type { DriverOutcome } from '../../../../analytics/queries/drivers/getDrivers.js';
import { getPersonaGaps } from '../../../../analytics/queries/priorities/getPersonaGaps.js';
import { getPriorities } from '../../../../analytics/queries/priorities/getPriorities.js';
import type { PerformanceSplit } from '../../../../analytics/queries/priorities/quadrants.js';
import { minCellCustomersFor } from '../../../auth/privacy.js';
import { Rule } from '../../../auth/rules.js';
import type { Context } from '../../../context.js';
import { DriverOutcomeEnum } from '../drivers/drivers.types.js';
import { AnalyticsFilterInput, plainFilter } from '../metrics/metrics.types.js';
import { activeTouchpointAlerts, touchpointNpsTargets } from './priorities.service.js';
import { PerformanceSplitEnum, PersonaGaps, Priorities } from './priorities.types.js';

@Resolver()
export class PrioritiesResolver {
  @Authorized(Rule.readAggregates)
  @Query(() => Priorities, {
    description:
      'Touchpoint prioritisation: importance (relative-weight share from the driver analysis) against performance (touchpoint NPS with interval, CSAT), quadrants, critical and difficult flags, and a ranked list by value at stake = importance x NPS gap to target / 100 x customers reached x annual margin per customer.',
  })
  async priorities(
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
  ): Promise<Priorities> {
    const targets = await touchpointNpsTargets(ctx.em);
    const result = await getPriorities(ctx.deps.analytics, plainFilter(filter), {
      outcome: outcome ?? undefined,
      minN: minN ?? undefined,
      targetNps: targetNps ?? undefined,
      performanceSplit: performanceSplit ?? undefined,
      targets,
      minCellCustomers: minCellCustomersFor(ctx),
    });
    const { drivers, ...rest } = result;
    const alerts = await activeTouchpointAlerts(ctx.em, minCellCustomersFor(ctx));
    return {
      ...rest,
      touchpoints: rest.touchpoints.map((t) => ({ ...t, activeAlert: alerts.get(t.touchpointCode) ?? null })),
      outcome: drivers.outcome,
      outcomeDefinition: drivers.outcomeDefinition,
      binaryOutcome: drivers.binaryOutcome,
      outcomeScale: drivers.outcomeScale,
      rSquared: drivers.rSquared,
      driverCustomers: drivers.customers,
      repaired: drivers.repaired,
      minN: drivers.minN,
      notEstimated: drivers.excluded,
    };
  }

  @Authorized(Rule.readAggregates)
  @Query(() => PersonaGaps, {
    description:
      "Where personas' experiences differ: per phase and touchpoint, the pair of personas (n >= minN) whose NPS difference is surest to exceed zero, with its interval, z and false-discovery-rate significance, ranked by the interval's lower end.",
  })
  async personaGaps(
    @Ctx() ctx: Context,
    @Arg('filter', () => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput,
    @Arg('minN', () => Int, { nullable: true, description: 'Minimum answers for a persona to be compared (default 30).' }) minN?: number,
  ): Promise<PersonaGaps> {
    const result = await getPersonaGaps(ctx.deps.analytics, plainFilter(filter), { minN: minN ?? undefined, minCellCustomers: minCellCustomersFor(ctx) });
    const flat = (gaps: typeof result.phases) =>
      gaps.map(({ test, interval, ...gap }) => ({ ...gap, ...test, differenceLow: interval.ciLow, differenceHigh: interval.ciHigh }));
    return { ...result, phases: flat(result.phases), touchpoints: flat(result.touchpoints) };
  }
}
