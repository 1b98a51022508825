import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Rule } from '../../../auth/rules.js';
import type { Context } from '../../../context.js';
import { analyticsService } from '../analytics.service.js';
import { DataCoverage } from './dataCoverage.types.js';

@Resolver()
export class DataCoverageResolver {
  @Authorized(Rule.readAggregates)
  @Query(() => DataCoverage, {
    description: 'The period the analytics data covers and the day period choices end on, computed once for every page (overview, map, priorities, status, trends, targets).',
  })
  dataCoverage(@Ctx() ctx: Context): Promise<DataCoverage> {
    return analyticsService(ctx).dataCoverage.dataCoverage();
  }
}
