import { getLoyaltyBySatisfaction, type LoyaltyBySatisfaction } from '../../../../analytics/queries/loyalty/getLoyaltyBySatisfaction.js';
import { AnalyticsRequest } from '../analytics.request.js';
import type { AnalyticsFilterInput } from '../metrics/metrics.types.js';

/** Churn, margin and lifetime value of promoters, passives and detractors. */
export class LoyaltyService extends AnalyticsRequest {
  loyaltyBySatisfaction(
    input: AnalyticsFilterInput | undefined,
    options: { horizonYears: number | undefined; discountRate: number | undefined; asOf: string | undefined },
  ): Promise<LoyaltyBySatisfaction> {
    return getLoyaltyBySatisfaction(this.store, this.filter(input), { ...options, minCellCustomers: this.minCellCustomers });
  }
}
