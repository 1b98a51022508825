import { getDrivers, type DriverOutcome, type DriversResult } from '../../../../analytics/queries/drivers/getDrivers.js';
import { getEmotionalDrivers, type EmotionalDriverSet as EmotionalSet } from '../../../../analytics/queries/emotions/getEmotionalDrivers.js';
import type { CorrelationInterval } from '../../../../analytics/stats/index.js';
import { AnalyticsRequest } from '../analytics.request.js';
import type { AnalyticsFilterInput } from '../metrics/metrics.types.js';
import type { DriverAnalysis, EmotionalDriverSet, EmotionalDrivers } from './drivers.types.js';

/** The interval as two flat fields, as the schema shows it. */
function flatInterval(interval: CorrelationInterval | null): { correlationLow: number | null; correlationHigh: number | null } {
  return { correlationLow: interval?.low ?? null, correlationHigh: interval?.high ?? null };
}

function toDriverAnalysis(result: DriversResult): DriverAnalysis {
  return { ...result, drivers: result.drivers.map(({ correlationInterval, ...d }) => ({ ...d, ...flatInterval(correlationInterval) })) };
}

function toEmotionalSet(set: EmotionalSet): EmotionalDriverSet {
  return { ...set, factors: set.factors.map(({ correlationInterval, ...f }) => ({ ...f, ...flatInterval(correlationInterval) })) };
}

/** Driver analysis (relative weights of touchpoint satisfaction on the outcome) and the emotional factors. */
export class DriversService extends AnalyticsRequest {
  async drivers(input: AnalyticsFilterInput | undefined, outcome: DriverOutcome | undefined, minN: number | undefined): Promise<DriverAnalysis> {
    return toDriverAnalysis(await getDrivers(this.store, this.filter(input), { outcome, minN, minCellCustomers: this.minCellCustomers }));
  }

  async emotionalDrivers(input: AnalyticsFilterInput | undefined, touchpointCode: string | undefined, minN: number | undefined): Promise<EmotionalDrivers> {
    const result = await getEmotionalDrivers(this.store, this.filter(input), { touchpointCode, minN, minCellCustomers: this.minCellCustomers });
    return { ...result, pooled: toEmotionalSet(result.pooled), touchpoints: result.touchpoints.map(toEmotionalSet) };
  }
}
