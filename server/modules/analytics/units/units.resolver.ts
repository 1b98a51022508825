import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Rule } from '../../../auth/rules.js';
import type { Context } from '../../../context.js';
import { AnalyticsFilterInput } from '../metrics/metrics.types.js';
import { UnitsAnalysis } from './units.types.js';
import type { UnitsAnalysis as Result } from '../../../../analytics/queries/units/getUnits.js';
import { analyticsService } from '../analytics.service.js';

@Resolver()
export class UnitsResolver {
  @Authorized(Rule.readAggregates)
  @Query(() => UnitsAnalysis, {
    description: 'Per unit: management quality, employee satisfaction, NPS, margin per customer per year; and their correlations across units. '
      + 'The filter takes personaCodes, unitCodes, from and to.',
  })
  units(
    @Ctx() ctx: Context,
    @Arg('filter', () => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput,
    @Arg('asOf', () => String, { nullable: true, description: 'YYYY-MM-DD; the default period is the 12 months ending on it (default: the last day of the data).' }) asOf?: string,
  ): Promise<Result> {
    return analyticsService(ctx).units.units(filter, asOf ?? undefined);
  }
}
