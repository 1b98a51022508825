import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { TargetProgress as Progress } from '../../../../analytics/queries/trends/getTargetProgress.js';
import type { TimeBucket } from '../../../../analytics/queries/trends/time.js';
import { Rule } from '../../../auth/rules.js';
import type { Context } from '../../../context.js';
import { Target } from '../../targets/target.entity.js';
import { TargetInput } from '../../targets/target.input.js';
import { analyticsService } from '../analytics.service.js';
import { TrendBucketEnum } from '../trends/trends.types.js';
import { TargetBaselineSuggestion, TargetProgress } from './targetProgress.types.js';

@Resolver(() => Target)
export class TargetProgressResolver {
  @Authorized(Rule.readAggregates)
  @FieldResolver(() => TargetProgress, {
    description: 'Baseline, now (latest complete bucket), trend since the baseline, its projection to the due date and the status. Batched per request.',
  })
  progress(
    @Ctx() ctx: Context,
    @Root() target: Target,
    @Arg('bucket', () => TrendBucketEnum, { defaultValue: 'MONTH' }) bucket: TimeBucket,
  ): Promise<Progress> {
    return analyticsService(ctx).targetProgress.progress(target, bucket);
  }
}

@Resolver()
export class TargetBaselineResolver {
  @Authorized(Rule.editModel)
  @Query(() => TargetBaselineSuggestion, { description: "A baseline for a target with these metric and scope settings: the latest complete quarter's value from the data, with n and interval." })
  targetBaselineSuggestion(
    @Ctx() ctx: Context,
    @Arg('input', () => TargetInput, { description: 'Metric and scope of the target (journeyId, personaId, touchpointId, kpiName as the scope needs); other fields are ignored.' })
    input: TargetInput,
  ): Promise<TargetBaselineSuggestion> {
    return analyticsService(ctx).targetProgress.baselineSuggestion(input);
  }
}
