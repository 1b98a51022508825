import { Arg, Authorized, Ctx, Float, Query, Resolver } from 'type-graphql';
import { Rule } from '../../../auth/rules.js';
import type { Context } from '../../../context.js';
import { AnalyticsFilterInput } from '../metrics/metrics.types.js';
import { StatusDiagnosis } from './status.types.js';
import { DEFAULT_THRESHOLDS, type StatusDiagnosis as Result } from '../../../../analytics/queries/status/getStatusDiagnosis.js';
import { analyticsService } from '../analytics.service.js';

@Resolver()
export class StatusResolver {
  @Authorized(Rule.readAggregates)
  @Query(() => StatusDiagnosis, {
    description: 'Churn and NPS level and trend over the last 12 months and the programme they point to. The filter takes personaCodes and unitCodes.',
  })
  statusDiagnosis(
    @Ctx() ctx: Context,
    @Arg('filter', () => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput,
    @Arg('asOf', () => String, { nullable: true, description: 'YYYY-MM-DD; default the last day of the data.' }) asOf?: string,
    @Arg('churnHigh', () => Float, {
      defaultValue: DEFAULT_THRESHOLDS.churnHigh,
      description: 'Yearly churn share at or above which churn is high. Default 0.15 (a judgement: the sources give no number).',
    })
    churnHigh?: number,
    @Arg('npsGood', () => Float, { defaultValue: DEFAULT_THRESHOLDS.npsGood, description: 'NPS at or above which loyalty is good. Default 0.' }) npsGood?: number,
  ): Promise<Result> {
    return analyticsService(ctx).status.statusDiagnosis(filter, asOf ?? undefined, { churnHigh, npsGood });
  }
}
