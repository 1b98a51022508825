import { DataCoverageResolver } from './dataCoverage/dataCoverage.resolver.js';
import { DriversResolver } from './drivers/drivers.resolver.js';
import { EmotionCurveResolver } from './emotionCurve/emotionCurve.resolver.js';
import { LoyaltyResolver } from './loyalty/loyalty.resolver.js';
import { JourneyMetricsResolver, MetricsResolver, PhaseMetricsResolver, TouchpointMetricsResolver } from './metrics/metrics.resolver.js';
import { PrioritiesResolver } from './priorities/priorities.resolver.js';
import { ResponsesResolver } from './responses/responses.resolver.js';
import { StatusResolver } from './status/status.resolver.js';
import { TargetBaselineResolver, TargetProgressResolver } from './targetProgress/targetProgress.resolver.js';
import { TrendsResolver } from './trends/trends.resolver.js';
import { UnitsResolver } from './units/units.resolver.js';

/** Every analytics resolver, one topic folder each (see README.md here): listed once for server/schema.ts. */
export const ANALYTICS_RESOLVERS = [
  MetricsResolver, JourneyMetricsResolver, PhaseMetricsResolver, TouchpointMetricsResolver,
  ResponsesResolver,
  TrendsResolver, TargetProgressResolver, TargetBaselineResolver, LoyaltyResolver, UnitsResolver, StatusResolver,
  EmotionCurveResolver, DriversResolver, PrioritiesResolver, DataCoverageResolver,
] as const;
