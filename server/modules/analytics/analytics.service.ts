import { requestScoped, type Context } from '../../context.js';
import { DataCoverageService } from './dataCoverage/dataCoverage.service.js';
import { DriversService } from './drivers/drivers.service.js';
import { EmotionCurveService } from './emotionCurve/emotionCurve.service.js';
import { LoyaltyService } from './loyalty/loyalty.service.js';
import { MetricsService } from './metrics/metrics.service.js';
import { PrioritiesService } from './priorities/priorities.service.js';
import { ResponsesService } from './responses/responses.service.js';
import { StatusService } from './status/status.service.js';
import { TargetProgressService } from './targetProgress/targetProgress.service.js';
import { TrendsService } from './trends/trends.service.js';
import { UnitsService } from './units/units.service.js';

/**
 * The one analytics service of a request: a service per topic (the folders beside this file), built
 * once per request, so per-request memos and batching live in their fields. Every
 * analytics resolver hands off to it in one line; what each topic computes is listed in catalogue.ts.
 */
export class AnalyticsService {
  readonly metrics: MetricsService;
  readonly trends: TrendsService;
  readonly status: StatusService;
  readonly drivers: DriversService;
  readonly priorities: PrioritiesService;
  readonly loyalty: LoyaltyService;
  readonly emotionCurve: EmotionCurveService;
  readonly units: UnitsService;
  readonly targetProgress: TargetProgressService;
  readonly responses: ResponsesService;
  readonly dataCoverage: DataCoverageService;

  constructor(ctx: Context) {
    this.metrics = new MetricsService(ctx);
    this.trends = new TrendsService(ctx);
    this.status = new StatusService(ctx);
    this.drivers = new DriversService(ctx);
    this.priorities = new PrioritiesService(ctx);
    this.loyalty = new LoyaltyService(ctx);
    this.emotionCurve = new EmotionCurveService(ctx);
    this.units = new UnitsService(ctx);
    this.targetProgress = new TargetProgressService(ctx);
    this.responses = new ResponsesService(ctx);
    this.dataCoverage = new DataCoverageService(ctx);
  }
}

/** The request's AnalyticsService, built on first use. */
export const analyticsService = requestScoped((ctx) => new AnalyticsService(ctx));
