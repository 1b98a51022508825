import { getStatusDiagnosis, type StatusDiagnosis, type StatusThresholds } from '../../../../analytics/queries/status/getStatusDiagnosis.js';
import { AnalyticsRequest } from '../analytics.request.js';
import type { AnalyticsFilterInput } from '../metrics/metrics.types.js';

/** Churn and NPS level and trend over the last 12 months, and the programme they point to. */
export class StatusService extends AnalyticsRequest {
  statusDiagnosis(input: AnalyticsFilterInput | undefined, asOf: string | undefined, thresholds: Partial<StatusThresholds>): Promise<StatusDiagnosis> {
    return getStatusDiagnosis(this.store, this.filter(input), { asOf, thresholds, minCellCustomers: this.minCellCustomers });
  }
}
