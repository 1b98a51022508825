import { AnalyticsRequest } from '../analytics.request.js';
import type { DataCoverage } from './dataCoverage.types.js';

export class DataCoverageService extends AnalyticsRequest {
  dataCoverage(): Promise<DataCoverage> {
    return this.coverage();
  }
}
