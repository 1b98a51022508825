import { Arg, Authorized, Ctx, Float, Int, Query, Resolver } from 'type-graphql';
import { DEFAULT_DISCOUNT_RATE, DEFAULT_HORIZON_YEARS, type LoyaltyBySatisfaction as Result } from '../../../../analytics/queries/loyalty/getLoyaltyBySatisfaction.js';
import { Rule } from '../../../auth/rules.js';
import type { Context } from '../../../context.js';
import { LoyaltyBySatisfaction } from './loyalty.types.js';
import { AnalyticsFilterInput } from '../metrics/metrics.types.js';
import { analyticsService } from '../analytics.service.js';

@Resolver()
export class LoyaltyResolver {
  @Authorized(Rule.readAggregates)
  @Query(() => LoyaltyBySatisfaction, {
    description:
      'How loyal and valuable promoters, passives and detractors (and very satisfied, satisfied, dissatisfied customers) are: churn, margin, CLV, '
      + 'acquisition cost per group. The filter takes personaCodes, unitCodes, and from/to for the answers used.',
  })
  loyaltyBySatisfaction(
    @Ctx() ctx: Context,
    @Arg('filter', () => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput,
    @Arg('horizonYears', () => Int, { defaultValue: DEFAULT_HORIZON_YEARS, description: 'Years of CLV, 1-30.' }) horizonYears?: number,
    @Arg('discountRate', () => Float, {
      defaultValue: DEFAULT_DISCOUNT_RATE,
      description: 'Yearly discount rate 0..1. Default 0.08: an assumed cost of capital for a Nordic insurer (the sources give none); pass your own.',
    })
    discountRate?: number,
    @Arg('asOf', () => String, { nullable: true, description: 'YYYY-MM-DD, not after the data; default the last day of the data.' }) asOf?: string,
  ): Promise<Result> {
    return analyticsService(ctx).loyalty.loyaltyBySatisfaction(filter, { horizonYears, discountRate, asOf: asOf ?? undefined });
  }
}
