import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { AnalyticsFilter } from '../../../../analytics/queries/filter.js';
import { MeanMetric, NpsMetric } from '../metrics/metrics.types.js';
import { AppliedFilter } from '../trends/trends.types.js';
import { suppressedDescription } from '../../../auth/privacy.js';

@ObjectType({ description: 'A measured experience on the workshop emotion scale -2..+2, with its interval mapped the same way and the n behind it.' })
export class EmotionValue {
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Float, { nullable: true }) ciLow!: number | null;
  @Field(() => Float, { nullable: true }) ciHigh!: number | null;
  @Field(() => Int) n!: number;
}

const MEASURED = {
  nps: 'NPS of the touchpoint answers (points, -100..100).',
  csat: 'Mean satisfaction 1-5.',
  emotion: 'Measured emotion = mean CSAT - 3 (1 -> -2, 3 -> 0, 5 -> +2): the primary mapping.',
  npsEmotion: 'Measured emotion from NPS = NPS / 50 (-100 -> -2, 0 -> 0, +100 -> +2).',
  documented: "The phase's feeling documented in the workshop (-2..+2); a touchpoint is compared with its phase's.",
  gap: 'emotion - documentedEmotion: positive when customers feel better than documented.',
} as const;

/** What a phase and a touchpoint both show: measured beside documented. Only its subclasses appear in the schema. */
@ObjectType()
abstract class EmotionStep {
  @Field(() => NpsMetric, { description: MEASURED.nps }) nps!: NpsMetric;
  @Field(() => MeanMetric, { description: MEASURED.csat }) csat!: MeanMetric;
  @Field(() => EmotionValue, { description: MEASURED.emotion }) emotion!: EmotionValue;
  @Field(() => EmotionValue, { description: MEASURED.npsEmotion }) npsEmotion!: EmotionValue;
  @Field(() => Int, { description: MEASURED.documented }) documentedEmotion!: number;
  @Field(() => Float, { nullable: true, description: MEASURED.gap }) gap!: number | null;
  @Field({ description: suppressedDescription('this phase or touchpoint', 'every n is then 0, every measured value, interval and the gap null') }) suppressed!: boolean;
}

@ObjectType({ description: 'One touchpoint on the curve, in the order customers meet it.' })
export class EmotionCurveTouchpoint extends EmotionStep {
  @Field(() => ID) touchpointId!: string;
  @Field(() => String, { nullable: true, description: 'Survey code; a touchpoint without one has no answers (n = 0).' }) code!: string | null;
  @Field() name!: string;
  @Field(() => Int, { description: 'Order within the phase.' }) position!: number;
  @Field(() => Int, { description: 'Order across the whole journey.' }) journeyPosition!: number;
}

@ObjectType({ description: 'One phase on the curve: all its touchpoint answers together, and its touchpoints.' })
export class EmotionCurvePhase extends EmotionStep {
  @Field(() => ID) phaseId!: string;
  @Field() name!: string;
  @Field(() => Int) position!: number;
  @Field(() => [EmotionCurveTouchpoint]) touchpoints!: EmotionCurveTouchpoint[];
}

@ObjectType({ description: "A journey's measured emotion curve beside the feelings documented in the workshop (documented vs measured), phase by phase." })
export class EmotionCurve {
  @Field(() => ID) journeyId!: string;
  @Field() journeyName!: string;
  @Field(() => [EmotionCurvePhase], { description: 'In journey order.' }) phases!: EmotionCurvePhase[];
  @Field(() => AppliedFilter) filter!: AnalyticsFilter;
}
