import { getStatusDiagnosis, type StatusDiagnosis, type StatusThresholds } from '../../../../analytics/queries/status/getStatusDiagnosis.js';
import { resultCache } from '../../../../analytics/queries/dataFingerprint.js';
import { AnalyticsRequest } from '../analytics.request.js';
import type { AnalyticsFilterInput } from '../metrics/metrics.types.js';

/**
 * Per data fingerprint, filter, asOf, thresholds and small-cell threshold: the overview asks for the
 * company's status on every visit, and it was the slowest request of the 32-connection load test
 * (bench/README.md "Issue 20").
 */
const diagnoses = resultCache<StatusDiagnosis>(32);

/** Churn and NPS level and trend over the last 12 months, and the programme they point to. */
export class StatusService extends AnalyticsRequest {
  statusDiagnosis(input: AnalyticsFilterInput | undefined, asOf: string | undefined, thresholds: Partial<StatusThresholds>): Promise<StatusDiagnosis> {
    const filter = this.filter(input);
    const minCellCustomers = this.minCellCustomers;
    return this.remembered(diagnoses, 'status', [filter, asOf ?? null, thresholds], (store) =>
      getStatusDiagnosis(store, filter, { asOf, thresholds, minCellCustomers }),
    );
  }
}
