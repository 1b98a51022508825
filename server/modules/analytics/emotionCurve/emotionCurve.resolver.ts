import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Rule } from '../../../auth/rules.js';
import type { Context } from '../../../context.js';
import { EmotionCurve } from './emotionCurve.types.js';
import { AnalyticsFilterInput } from '../metrics/metrics.types.js';
import type { EmotionCurve as Result } from '../../../../analytics/queries/emotionCurve/getEmotionCurve.js';
import { analyticsService } from '../analytics.service.js';

@Resolver()
export class EmotionCurveResolver {
  @Authorized(Rule.readAggregates)
  @Query(() => EmotionCurve, {
    description: "Measured experience per phase and touchpoint of a journey beside the phases' documented emotions. The filter takes personaCodes, unitCodes, from and to.",
  })
  emotionCurve(
    @Ctx() ctx: Context,
    @Arg('journeyId', () => ID) journeyId: string,
    @Arg('filter', () => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput,
  ): Promise<Result> {
    return analyticsService(ctx).emotionCurve.emotionCurve(journeyId, filter);
  }
}
