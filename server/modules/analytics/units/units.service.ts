import { getUnits, type UnitsAnalysis } from '../../../../analytics/queries/units/getUnits.js';
import { AnalyticsRequest } from '../analytics.request.js';
import type { AnalyticsFilterInput } from '../metrics/metrics.types.js';

/** Per unit: management quality, employee satisfaction, NPS and margin, and their correlations. */
export class UnitsService extends AnalyticsRequest {
  units(input: AnalyticsFilterInput | undefined, asOf: string | undefined): Promise<UnitsAnalysis> {
    return getUnits(this.store, this.filter(input), { asOf, minCellCustomers: this.minCellCustomers });
  }
}
