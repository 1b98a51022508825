import { getEmotionCurve, type EmotionCurve } from '../../../../analytics/queries/emotionCurve/getEmotionCurve.js';
import { AnalyticsRequest } from '../analytics.request.js';
import type { AnalyticsFilterInput } from '../metrics/metrics.types.js';

/** Measured experience per phase and touchpoint beside the documented emotions. */
export class EmotionCurveService extends AnalyticsRequest {
  emotionCurve(journeyId: string, input: AnalyticsFilterInput | undefined): Promise<EmotionCurve> {
    return getEmotionCurve(this.store, journeyId, this.filter(input), {}, this.minCellCustomers);
  }
}
