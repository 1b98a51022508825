import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { TimeBucket } from '../../../../analytics/queries/trends/time.js';
import { Rule } from '../../../auth/rules.js';
import type { Context } from '../../../context.js';
import { AnalyticsFilterInput } from '../metrics/metrics.types.js';
import { MetricTrend, TrendBucketEnum, TrendMetricEnum } from './trends.types.js';
import type { TrendMetric, TrendResult } from '../../../../analytics/queries/trends/getTrend.js';
import { analyticsService } from '../analytics.service.js';

@Resolver()
export class TrendsResolver {
  @Authorized(Rule.readAggregates)
  @Query(() => MetricTrend, {
    description:
      'A metric per WEEK, MONTH or QUARTER with n and 95% intervals, and its linear trend per month with an interval. '
      + 'NPS/CSAT/PROMOTER_SHARE use the filter like `metrics` (relationship answers unless it names a journey, phase or touchpoint); '
      + 'CHURN/RETENTION take personaCodes, unitCodes, from and to.',
  })
  trend(
    @Ctx() ctx: Context,
    @Arg('metric', () => TrendMetricEnum) metric: TrendMetric,
    @Arg('bucket', () => TrendBucketEnum, { defaultValue: 'MONTH' }) bucket: TimeBucket,
    @Arg('filter', () => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput,
  ): Promise<TrendResult> {
    return analyticsService(ctx).trends.trend(metric, bucket, filter);
  }
}
