import { EmotionCurveResolver } from './emotionCurve.resolver.js';
import { LoyaltyResolver } from './loyalty.resolver.js';
import { StatusResolver } from './status.resolver.js';
import { TargetBaselineResolver, TargetProgressResolver } from './targetProgress.resolver.js';
import { TrendsResolver } from './trends.resolver.js';
import { UnitsResolver } from './units.resolver.js';

/** Trends, target progress, loyalty by satisfaction, units, status diagnosis and the emotion curve: listed once for server/schema.ts. */
export const TREND_AND_STATUS_RESOLVERS = [TrendsResolver, TargetProgressResolver, TargetBaselineResolver, LoyaltyResolver, UnitsResolver, StatusResolver, EmotionCurveResolver] as const;
