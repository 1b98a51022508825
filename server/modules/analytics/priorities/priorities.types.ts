import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { suppressedDescription } from '../../../auth/privacy.js';
import type { GapLevel } from '../../../../analytics/queries/priorities/getPersonaGaps.js';
import type { TargetSource } from '../../../../analytics/queries/priorities/getPriorities.js';
import type { PerformanceSplit, Quadrant } from '../../../../analytics/queries/priorities/quadrants.js';
import type { MeanResult, NpsResult } from '../../../../analytics/stats/index.js';
import { AlertType } from '../../alerts/alert.type.js';
import { FormulaType } from '../formula.types.js';
import { DriverOutcomeEnum, ExcludedTouchpoint } from '../drivers/drivers.types.js';
import type { DriverOutcome } from '../../../../analytics/queries/drivers/getDrivers.js';
import { MeanMetric, NpsMetric, PerformanceMeasureEnum } from '../metrics/metrics.types.js';
import type { PerformanceMeasure } from '../../../../analytics/queries/metrics/measure.js';

export const QuadrantEnum = {
  FIX_FIRST: 'FIX_FIRST', KEEP_UP: 'KEEP_UP', POSSIBLE_OVERKILL: 'POSSIBLE_OVERKILL', LOW_PRIORITY: 'LOW_PRIORITY',
} as const satisfies Record<Quadrant, Quadrant>;
export const PerformanceSplitEnum = { MEDIAN: 'MEDIAN', TARGET: 'TARGET' } as const satisfies Record<PerformanceSplit, PerformanceSplit>;
export const TargetSourceEnum = { TARGET: 'TARGET', ARGUMENT: 'ARGUMENT', BEST_TOUCHPOINT: 'BEST_TOUCHPOINT' } as const satisfies Record<TargetSource, TargetSource>;
export const GapLevelEnum = { PHASE: 'PHASE', TOUCHPOINT: 'TOUCHPOINT' } as const satisfies Record<GapLevel, GapLevel>;

registerEnumType(QuadrantEnum, {
  name: 'PriorityQuadrant',
  valuesConfig: {
    FIX_FIRST: { description: 'Important and weak.' },
    KEEP_UP: { description: 'Important and strong.' },
    POSSIBLE_OVERKILL: { description: 'Unimportant and strong.' },
    LOW_PRIORITY: { description: 'Unimportant and weak.' },
  },
});
registerEnumType(PerformanceSplitEnum, {
  name: 'PerformanceSplit',
  valuesConfig: {
    MEDIAN: { description: 'Strong when NPS >= the median NPS of the touchpoints with an importance.' },
    TARGET: { description: "Strong when NPS >= the touchpoint's target NPS." },
  },
});
registerEnumType(TargetSourceEnum, {
  name: 'TargetSource',
  valuesConfig: {
    TARGET: { description: 'A target with scope TOUCHPOINT and metric NPS (the one due next, else the last one due).' },
    ARGUMENT: { description: 'The targetNps argument.' },
    BEST_TOUCHPOINT: { description: 'Default: the best touchpoint NPS in the cut (n >= minN).' },
  },
});
registerEnumType(GapLevelEnum, { name: 'PersonaGapLevel' });

@ObjectType({ description: 'One touchpoint: importance against performance, quadrant, difficulty and value at stake, every term shown.' })
export class TouchpointPriority {
  @Field() touchpointCode!: string;
  @Field() touchpointName!: string;
  @Field(() => ID, { nullable: true }) phaseId!: string | null;
  @Field(() => String, { nullable: true }) phaseName!: string | null;
  @Field(() => Float, { nullable: true, description: 'Importance: relative-weight share of R² (0-1) from the driver analysis; null when it could not be estimated.' })
  importance!: number | null;
  @Field(() => Float, { nullable: true, description: "Johnson's raw relative weight (R² scale)." }) rawWeight!: number | null;
  @Field(() => Int, { nullable: true }) driverRank!: number | null;
  @Field(() => Int, { description: 'Customers behind the importance (touchpoint and outcome).' }) importanceN!: number;
  @Field(() => NpsMetric, { description: 'Touchpoint NPS (performance) with n and interval.' }) nps!: NpsResult;
  @Field(() => MeanMetric, { description: 'Mean satisfaction 1-5.' }) csat!: MeanResult;
  @Field(() => PerformanceMeasureEnum, {
    nullable: true,
    description: "What this touchpoint's own answers measure: NPS when they carry likelihood-to-recommend, CSAT when they carry only satisfaction.",
  })
  measure!: PerformanceMeasure | null;
  @Field(() => Float, { nullable: true, description: 'Performance on the result\'s performanceMeasure: NPS (-100..100) or mean CSAT (1-5); null when not measured so.' })
  performance!: number | null;
  @Field(() => Float, { nullable: true, description: 'Target on the performanceMeasure (for NPS the same as targetNps).' }) target!: number | null;
  @Field(() => Float, { nullable: true, description: 'max(0, target - performance), in points of the performanceMeasure.' }) gap!: number | null;
  @Field(() => MeanMetric, { description: 'Mean of all emotional factor ratings 1-5 (n = ratings).' }) emotions!: MeanResult;
  @Field(() => Boolean, { nullable: true, description: 'importance >= importanceSplit.' }) important!: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'NPS >= the performance split (see performanceSplit).' }) strong!: boolean | null;
  @Field(() => QuadrantEnum, { nullable: true, description: 'null when importance or NPS is missing (notEstimatedReason says which).' }) quadrant!: Quadrant | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why the touchpoint has no quadrant, in words (e.g. too few customers with both answers, no variance); null when it has one.',
  })
  notEstimatedReason!: string | null;
  @Field(() => AlertType, {
    nullable: true,
    description: "The touchpoint's open or acknowledged NPS-drop alert, if any: a recent collapse the 12-month position does not show yet.",
  })
  activeAlert!: AlertType | null;
  @Field({ description: 'Flagged critical in the journey model.' }) critical!: boolean;
  @Field({ description: 'Flagged difficult in the journey model.' }) difficultInModel!: boolean;
  @Field({ description: 'Measured difficult: many detractors (upper quartile) or negative emotions (factor mean < 3).' }) difficultMeasured!: boolean;
  @Field(() => [String]) difficultReasons!: string[];
  @Field(() => Float, { nullable: true, description: 'Target NPS (-100..100); null when the priorities are measured by CSAT.' }) targetNps!: number | null;
  @Field(() => TargetSourceEnum, { nullable: true }) targetSource!: TargetSource | null;
  @Field(() => Float, { nullable: true, description: 'max(0, targetNps - NPS), NPS points.' }) gapNps!: number | null;
  @Field(() => Int, { description: 'Distinct customers with an answer at the touchpoint in the cut.' }) customersReached!: number;
  @Field(() => Int, { description: 'Reached customers with profitability data in the period (n of the margin).' }) customersWithMargin!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Average over reached customers of 12 x their mean monthly contribution margin (revenue - cost) in the period; currency per customer per year.',
  })
  annualMarginPerCustomer!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'importance x gap / 100 (NPS) or gap / 4 (CSAT) x customersReached x annualMarginPerCustomer; currency per year, a ranking index, not a forecast.',
  })
  valueAtStake!: number | null;
  @Field(() => [FormulaType], { description: 'How valueAtStake and importance were computed: the formula in words and the inputs it used (empty for a figure not computed).' })
  formulas!: FormulaType[];
  @Field(() => Int, { nullable: true, description: '1 = most value at stake.' }) valueRank!: number | null;
  @Field({
    description: suppressedDescription('this touchpoint', 'its performance, reach, margin, importance and value at stake are then empty and it takes no part in the splits, target or ranking'),
  })
  suppressed!: boolean;
}

@ObjectType({ description: 'Touchpoint prioritisation: importance vs performance quadrants and a ranked list by value at stake.' })
export class Priorities {
  @Field(() => DriverOutcomeEnum, { description: 'Outcome the importance is measured against.' }) outcome!: DriverOutcome;
  @Field() outcomeDefinition!: string;
  @Field({ description: 'True when the outcome has exactly two values (e.g. satisfied / not satisfied): the weights say which touchpoints separate the two groups.' })
  binaryOutcome!: boolean;
  @Field({ description: 'How the outcome reads, e.g. "two levels (0 and 10)" or "0-10 scale (11 values seen)".' }) outcomeScale!: string;
  @Field(() => PerformanceMeasureEnum, {
    nullable: true,
    description: 'The performance axis: NPS when every measured touchpoint has likelihood-to-recommend answers, else CSAT (mean 1-5) for all, so one axis never mixes two scales; null when nothing is measured.',
  })
  performanceMeasure!: PerformanceMeasure | null;
  @Field(() => Float, { nullable: true, description: 'R² of the driver analysis behind the importances.' }) rSquared!: number | null;
  @Field(() => Int, { description: 'Customers in the driver analysis.' }) driverCustomers!: number;
  @Field() repaired!: boolean;
  @Field(() => Int) minN!: number;
  @Field(() => [ExcludedTouchpoint], { description: 'Touchpoints without an importance, and why.' }) notEstimated!: ExcludedTouchpoint[];
  @Field(() => Float, { nullable: true, description: 'Median importance share: important when importance >= it.' }) importanceSplit!: number | null;
  @Field(() => PerformanceSplitEnum) performanceSplit!: PerformanceSplit;
  @Field(() => Float, { nullable: true, description: 'MEDIAN: the median NPS used as the split; null for TARGET and when measured by CSAT.' }) performanceSplitNps!: number | null;
  @Field(() => Float, { nullable: true, description: 'MEDIAN: the median performance on the performanceMeasure used as the split; null for TARGET.' })
  performanceSplitValue!: number | null;
  @Field(() => Float, { nullable: true, description: 'Upper quartile of touchpoint detractor shares (0-1; touchpoints with n >= minN).' })
  detractorShareThreshold!: number | null;
  @Field(() => Float, { description: 'Emotional factor mean below this (1-5 scale) counts as negative emotions.' }) emotionThreshold!: number;
  @Field(() => Float, { nullable: true, description: 'Target NPS for touchpoints without their own target.' }) defaultTargetNps!: number | null;
  @Field(() => TargetSourceEnum, { nullable: true }) defaultTargetSource!: TargetSource | null;
  @Field(() => Float, { nullable: true, description: 'Target on the performanceMeasure for touchpoints without their own target.' }) defaultTarget!: number | null;
  @Field({ description: 'The split points, target and difficulty rule in words, with their values.' }) splitDescription!: string;
  @Field() valueAtStakeFormula!: string;
  @Field(() => [TouchpointPriority], { description: 'Ranked by value at stake, then the touchpoints without one by importance.' })
  touchpoints!: TouchpointPriority[];
}

@ObjectType()
export class PersonaNps {
  @Field() personaCode!: string;
  @Field() personaName!: string;
  @Field(() => NpsMetric) nps!: NpsResult;
  @Field(() => MeanMetric, { description: "This persona's mean satisfaction (1-5) here, with n and interval: what is compared where the gap's measure is CSAT." }) csat!: MeanResult;
  @Field({ description: suppressedDescription("this persona's NPS here", 'its n is then 0, its NPS null and it is not compared') }) suppressed!: boolean;
}

@ObjectType({ description: 'Where personas differ at a phase or touchpoint: the pair of personas whose NPS difference is surest to exceed zero, with its interval and test.' })
export class PersonaGap {
  @Field(() => GapLevelEnum) level!: GapLevel;
  @Field(() => ID) phaseId!: string;
  @Field() phaseName!: string;
  @Field(() => String, { nullable: true }) touchpointCode!: string | null;
  @Field(() => String, { nullable: true }) touchpointName!: string | null;
  @Field(() => PerformanceMeasureEnum, {
    description: 'What the personas are compared on: NPS, or mean CSAT (1-5) where the phase or touchpoint has satisfaction ratings but no likelihood-to-recommend answers. With CSAT, difference, its interval and se are in 1-5 points and z is a Welch t.',
  })
  measure!: PerformanceMeasure;
  @Field(() => [PersonaNps], { description: 'Every persona with answers here, highest NPS (CSAT: mean satisfaction) first (n and interval on each).' }) personas!: PersonaNps[];
  @Field() highPersona!: string;
  @Field() lowPersona!: string;
  @Field(() => Float, { nullable: true, description: 'High minus low persona NPS, NPS points (CSAT: mean satisfaction, 1-5 points).' }) difference!: number | null;
  @Field(() => Float, { nullable: true, description: "Lower end of the difference's interval (NPS: adjusted Wald; CSAT: Welch); gaps are ranked by it." })
  differenceLow!: number | null;
  @Field(() => Float, { nullable: true, description: "Upper end of the difference's interval (NPS: adjusted Wald; CSAT: Welch)." }) differenceHigh!: number | null;
  @Field(() => Float, { nullable: true, description: 'sqrt(SE1² + SE2²), in the units of the difference.' }) se!: number | null;
  @Field(() => Float, { nullable: true, description: 'difference / se (CSAT: Welch t).' }) z!: number | null;
  @Field(() => Float, { nullable: true, description: 'Two-sided p-value (NPS: normal; CSAT: Student t with Welch-Satterthwaite degrees of freedom).' }) pValue!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Benjamini-Hochberg adjusted p-value over all gaps of this level (the false-discovery rate at which this gap would just be flagged).',
  })
  qValue!: number | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'A discovery at a false-discovery rate of 1 - confidence level (5% at 95%) over all gaps of this level (Benjamini-Hochberg); null without a test.',
  })
  significant!: boolean | null;
  @Field(() => Int, { description: "1 = the gap surest to be large at this level (highest lower end of the difference's interval)." }) rank!: number;
}

@ObjectType({ description: "Where personas' experiences differ most, per phase and per touchpoint, ranked." })
export class PersonaGaps {
  @Field() definition!: string;
  @Field({ description: 'How the gaps are ordered, in words.' }) ranking!: string;
  @Field(() => Int, { description: 'Personas with fewer answers here are shown but not compared.' }) minN!: number;
  @Field(() => Float) confidenceLevel!: number;
  @Field(() => [PersonaGap]) phases!: PersonaGap[];
  @Field(() => [PersonaGap]) touchpoints!: PersonaGap[];
}
