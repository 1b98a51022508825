import { getTrend, type TrendMetric, type TrendResult } from '../../../../analytics/queries/trends/getTrend.js';
import type { TimeBucket } from '../../../../analytics/queries/trends/time.js';
import { AnalyticsRequest } from '../analytics.request.js';
import type { AnalyticsFilterInput } from '../metrics/metrics.types.js';

/** A metric per week, month or quarter with its linear trend. */
export class TrendsService extends AnalyticsRequest {
  trend(metric: TrendMetric, bucket: TimeBucket, input: AnalyticsFilterInput | undefined): Promise<TrendResult> {
    return getTrend(this.store, this.filter(input), metric, { bucket, minCellCustomers: this.minCellCustomers });
  }
}
