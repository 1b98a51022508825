import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { suppressedDescription } from '../../../auth/privacy.js';
import type { DriverOutcome } from '../../../../analytics/queries/drivers/getDrivers.js';
import type { ExclusionReason } from '../../../../analytics/queries/drivers/driverModel.js';
import type { EmotionalFactor } from '../../../../analytics/queries/metrics/getMetrics.js';
import type { MeanResult } from '../../../../analytics/stats/index.js';
import { EmotionalFactorEnum, MeanMetric } from '../metrics/metrics.types.js';

export const DriverOutcomeEnum = { LTR: 'LTR', RETENTION_12M: 'RETENTION_12M' } as const satisfies Record<DriverOutcome, DriverOutcome>;
export const ExclusionReasonEnum = { LOW_N: 'LOW_N', NO_VARIANCE: 'NO_VARIANCE', LOW_PAIR_N: 'LOW_PAIR_N' } as const satisfies Record<ExclusionReason, ExclusionReason>;

registerEnumType(DriverOutcomeEnum, {
  name: 'DriverOutcome',
  description: 'What the driver analysis explains.',
  valuesConfig: {
    LTR: { description: "The customer's latest relationship likelihood-to-recommend (0-10) in the period." },
    RETENTION_12M: {
      description:
        '1 if still a customer 12 months after their last touchpoint answer in the period, else 0; customers whose 12 months end after the data do are left out (right-censored).',
    },
  },
});
registerEnumType(ExclusionReasonEnum, {
  name: 'DriverExclusionReason',
  valuesConfig: {
    LOW_N: { description: 'Fewer than minN customers with both the predictor and the outcome.' },
    NO_VARIANCE: { description: 'The predictor or the outcome is the same for all of them: no correlation exists.' },
    LOW_PAIR_N: { description: 'Too few customers have it together with other predictors (pairwise n below minN).' },
  },
});

/** The correlation fields shared by touchpoint and emotional drivers. */
@ObjectType()
abstract class WeightFields {
  @Field(() => Float, { nullable: true, description: 'Pearson r with the outcome (-1..1), pairwise-complete.' }) correlation!: number | null;
  @Field(() => Float, { nullable: true, description: 'Lower end of the correlation interval (Fisher z).' }) correlationLow!: number | null;
  @Field(() => Float, { nullable: true }) correlationHigh!: number | null;
  @Field(() => Float, { nullable: true, description: "Johnson's raw relative weight: the part of R² (0-1 scale) this predictor accounts for." })
  rawWeight!: number | null;
  @Field(() => Float, { nullable: true, description: 'rawWeight / R²: share of the explained variance (0-1; the shares sum to 1).' })
  share!: number | null;
  @Field(() => Float, { nullable: true, description: 'Standardised OLS coefficient from the same correlations; its sign is the direction.' })
  beta!: number | null;
  @Field(() => Int, { nullable: true, description: '1 = largest raw weight.' }) rank!: number | null;
}

@ObjectType({ description: 'One touchpoint in the driver analysis.' })
export class TouchpointDriver extends WeightFields {
  @Field() touchpointCode!: string;
  @Field() touchpointName!: string;
  @Field(() => Int, { description: 'Customers with both this touchpoint and the outcome (the n behind the correlation).' }) n!: number;
}

@ObjectType({ description: 'A touchpoint left out of the driver analysis, and why.' })
export class ExcludedTouchpoint {
  @Field() touchpointCode!: string;
  @Field() touchpointName!: string;
  @Field(() => Int, { description: 'Customers with both this touchpoint and the outcome.' }) n!: number;
  @Field(() => ExclusionReasonEnum) reason!: ExclusionReason;
  @Field() detail!: string;
  @Field({ description: suppressedDescription(
      'this touchpoint with the outcome, or with another touchpoint it was dropped for,',
      'it is then left out of the model (reason LOW_N, or LOW_PAIR_N when a pair of touchpoints answered together by that few customers was the cause, whose count the detail then does not print)',
    ) }) suppressed!: boolean;
}

@ObjectType({ description: "Which touchpoints move the outcome: correlations and Johnson's relative weights, per touchpoint with n." })
export class DriverAnalysis {
  @Field(() => DriverOutcomeEnum) outcome!: DriverOutcome;
  @Field() outcomeDefinition!: string;
  @Field({
    description:
      'True when the outcome has exactly two values among the customers (e.g. a two-level overall question mapped to two numbers): correlations are point-biserial and the weights say which touchpoints separate the two groups; the weights do not depend on which two numbers were chosen.',
  })
  binaryOutcome!: boolean;
  @Field({ description: 'How the outcome reads, e.g. "two levels (0 and 10)" or "0-10 scale (11 values seen)".' }) outcomeScale!: string;
  @Field({ description: 'How the per-customer touchpoint value is formed.' }) predictorDefinition!: string;
  @Field(() => [TouchpointDriver], { description: 'Ranked by raw weight.' }) drivers!: TouchpointDriver[];
  @Field(() => [ExcludedTouchpoint]) excluded!: ExcludedTouchpoint[];
  @Field(() => Float, {
    nullable: true,
    description: 'Σ raw weights = R² (0-1) of the outcome on the kept touchpoints, from pairwise-complete correlations: the fit for a customer who meets all of them.',
  })
  rSquared!: number | null;
  @Field(() => Int, { description: 'Customers with the outcome (not censored) and at least one touchpoint answer in the cut.' }) customers!: number;
  @Field(() => Int, { description: "RETENTION_12M: customers left out because their 12 months are not over by observedUntil; 0 for LTR." })
  censoredCustomers!: number;
  @Field(() => String, { nullable: true, description: 'RETENTION_12M: the last day churn is known for (YYYY-MM-DD).' }) observedUntil!: string | null;
  @Field(() => Int, { description: 'Minimum customers behind every correlation used.' }) minN!: number;
  @Field(() => Int, { nullable: true, description: 'Smallest n behind any correlation in the model.' }) minPairN!: number | null;
  @Field({ description: 'True when the pairwise correlations were inconsistent (not positive semidefinite) and were repaired.' }) repaired!: boolean;
  @Field(() => Float) confidenceLevel!: number;
}

@ObjectType({ description: 'One emotional factor at a touchpoint: its level and its weight on satisfaction.' })
export class EmotionalFactorDriver extends WeightFields {
  @Field(() => EmotionalFactorEnum) factor!: EmotionalFactor;
  @Field(() => MeanMetric, { description: 'Mean rating 1-5 over every answer that rates the factor, with its t-interval.' }) level!: MeanResult;
  @Field(() => Int, { description: 'Answers behind the correlation (complete answers; 0 when not estimable).' }) n!: number;
}

@ObjectType({ description: 'Emotional factors of one touchpoint, or of all touchpoints of the cut together (touchpointCode null).' })
export class EmotionalDriverSet {
  @Field(() => String, { nullable: true }) touchpointCode!: string | null;
  @Field(() => String, { nullable: true }) touchpointName!: string | null;
  @Field(() => Int, { description: 'Answers that rate all four factors and satisfaction.' }) n!: number;
  @Field(() => MeanMetric, { description: 'Mean satisfaction 1-5 over the answers that rate at least one factor.' }) satisfaction!: MeanResult;
  @Field(() => [EmotionalFactorDriver]) factors!: EmotionalFactorDriver[];
  @Field(() => Float, { nullable: true, description: 'Satisfaction variance (0-1) the four factors explain together; null when not estimable.' })
  rSquared!: number | null;
  @Field() repaired!: boolean;
  @Field({ description: 'n below minN: weights are not estimated.' }) lowSample!: boolean;
  @Field({ description: suppressedDescription('this set of answers', 'n is then 0 and every level, correlation and weight empty') }) suppressed!: boolean;
}

@ObjectType({ description: 'Emotional factors (professional, sympathetic, trustworthy, atmosphere): levels and which of them drive touchpoint satisfaction.' })
export class EmotionalDrivers {
  @Field() definition!: string;
  @Field(() => Int) minN!: number;
  @Field(() => Float) confidenceLevel!: number;
  @Field(() => EmotionalDriverSet, { description: 'All answers of the cut together (or the one touchpoint asked for).' }) pooled!: EmotionalDriverSet;
  @Field(() => [EmotionalDriverSet], { description: 'One set per touchpoint whose answers rate the factors, in journey order.' })
  touchpoints!: EmotionalDriverSet[];
}
