import { resultCache } from '../../../../analytics/queries/dataFingerprint.js';
import { getTrend, type TrendMetric, type TrendResult } from '../../../../analytics/queries/trends/getTrend.js';
import type { TimeBucket } from '../../../../analytics/queries/trends/time.js';
import { AnalyticsRequest } from '../analytics.request.js';
import type { AnalyticsFilterInput } from '../metrics/metrics.types.js';

/** Per data fingerprint, metric, bucket, filter and small-cell threshold: the status pages ask for the same series again and again. */
const trends = resultCache<TrendResult>(64);

/** A metric per week, month or quarter with its linear trend. */
export class TrendsService extends AnalyticsRequest {
  trend(metric: TrendMetric, bucket: TimeBucket, input: AnalyticsFilterInput | undefined): Promise<TrendResult> {
    const filter = this.filter(input);
    const minCellCustomers = this.minCellCustomers;
    return this.remembered(trends, 'trend', [metric, bucket, filter], (store) => getTrend(store, filter, metric, { bucket, minCellCustomers }));
  }
}
