import { checkedFilter } from '../../../common/analyticsInput.js';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { EmotionalFactor, MetricsDimension } from '../../../../analytics/queries/metrics/getMetrics.js';
import type { AnalyticsFilter, SurveyKind } from '../../../../analytics/queries/filter.js';
import type { NpsIntervalMethod } from '../../../../analytics/stats/nps.js';
import type { PerformanceMeasure } from '../../../../analytics/queries/metrics/measure.js';

export const SurveyKindEnum = { TOUCHPOINT: 'TOUCHPOINT', RELATIONSHIP: 'RELATIONSHIP' } as const satisfies Record<SurveyKind, SurveyKind>;
export const MetricsDimensionEnum = {
  JOURNEY: 'JOURNEY', PHASE: 'PHASE', TOUCHPOINT: 'TOUCHPOINT', PERSONA: 'PERSONA', UNIT: 'UNIT', WEEK: 'WEEK', MONTH: 'MONTH', QUARTER: 'QUARTER',
} as const satisfies Record<MetricsDimension, MetricsDimension>;
export const EmotionalFactorEnum = {
  PROFESSIONAL: 'professional',
  SYMPATHETIC: 'sympathetic',
  TRUSTWORTHY: 'trustworthy',
  ATMOSPHERE: 'atmosphere',
} as const satisfies Record<Uppercase<EmotionalFactor>, EmotionalFactor>;

registerEnumType(SurveyKindEnum, {
  name: 'SurveyKind',
  description: 'TOUCHPOINT: answers right after a touchpoint. RELATIONSHIP: the survey about the company as a whole.',
});
export const PerformanceMeasureEnum = { NPS: 'NPS', CSAT: 'CSAT' } as const satisfies Record<PerformanceMeasure, PerformanceMeasure>;
registerEnumType(PerformanceMeasureEnum, {
  name: 'PerformanceMeasure',
  description: 'Which measure a touchpoint or cut is read by.',
  valuesConfig: {
    NPS: { description: 'Net Promoter Score from likelihood-to-recommend answers (0-10), -100..100.' },
    CSAT: {
      description:
        'Customer satisfaction (mean of 1-5 and the share answering 4 or 5), for answers that carry a satisfaction rating but no likelihood-to-recommend, as in attribute-rating surveys.',
    },
  },
});
registerEnumType(MetricsDimensionEnum, { name: 'MetricsDimension', description: 'A way to cut the metrics; combine several.' });
export const NpsIntervalMethodEnum = { ADJUSTED_WALD: 'ADJUSTED_WALD', WALD: 'WALD' } as const satisfies Record<NpsIntervalMethod, NpsIntervalMethod>;
registerEnumType(NpsIntervalMethodEnum, {
  name: 'NpsIntervalMethod',
  description: 'The formula behind an NPS interval.',
  valuesConfig: {
    ADJUSTED_WALD: {
      description:
        'The Wald formula after adding 3 pseudo-answers (3/4 promoter, 1 1/2 passive, 3/4 detractor): keeps about 95% coverage from 10 answers; not centred on the NPS.',
    },
    WALD: { description: 'NPS plus or minus z x SE on the answers as they are: too narrow below about 50 answers.' },
  },
});
registerEnumType(EmotionalFactorEnum, { name: 'EmotionalFactor', description: 'How a contact felt to the customer, rated 1-5 on four emotional factors.' });


/**
 * The filter the queries take from the GraphQL input, checked by the one analytics filter schema
 * (analytics/model/filter.ts): type-graphql hands us class instances; absent and null fields are
 * dropped (stable JSON keys for caching). A refused filter throws InputRefused (BAD_USER_INPUT,
 * VALIDATION_FAILED, each field with its problem and rule), as class-validator's refusals read.
 */
export function plainFilter(input: AnalyticsFilterInput | undefined | null): AnalyticsFilter {
  return checkedFilter(input);
}

@InputType({ description: 'A cut of the customer answers; every field narrows it.' })
export class AnalyticsFilterInput {
  @Field(() => [String], { nullable: true, description: 'Persona codes (customers.persona_code).' })
  personaCodes?: string[];

  @Field(() => [String], { nullable: true, description: 'Unit (branch) codes.' })
  unitCodes?: string[];

  @Field(() => ID, { nullable: true })
  journeyId?: string;

  @Field(() => ID, { nullable: true })
  phaseId?: string;

  @Field(() => [String], { nullable: true, description: 'Touchpoint codes (responses.touchpoint_code).' })
  touchpointCodes?: string[];

  @Field({ nullable: true, description: 'First day, inclusive, YYYY-MM-DD.' })
  from?: string;

  @Field({ nullable: true, description: 'Last day, inclusive, YYYY-MM-DD.' })
  to?: string;

  @Field(() => SurveyKindEnum, {
    nullable: true,
    description: 'Default: TOUCHPOINT when the filter or grouping names a journey, phase or touchpoint, else RELATIONSHIP.',
  })
  survey?: SurveyKind;
}

// simpleResolvers: plain values, hundreds per map request; graphql's default resolver reads them without
// type-graphql's per-field wrapper (npm run bench, bench/README.md).
@ObjectType({ description: 'Net Promoter Score with its counts, n, standard error and interval: NPS = 100 x (promoters - detractors) / n.', simpleResolvers: true })
export class NpsMetric {
  @Field(() => Int) n!: number;
  @Field(() => Int) promoters!: number;
  @Field(() => Int) passives!: number;
  @Field(() => Int) detractors!: number;
  @Field(() => Float, { nullable: true, description: '100 x (promoters - detractors) / n; null when n = 0.' }) nps!: number | null;
  @Field(() => Float, { nullable: true }) promoterShare!: number | null;
  @Field(() => Float, { nullable: true }) passiveShare!: number | null;
  @Field(() => Float, { nullable: true }) detractorShare!: number | null;
  @Field(() => Float, { nullable: true, description: 'Standard error in NPS points.' }) se!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Half-width of the interval before it is clipped to -100..100. The adjusted Wald interval is not centred on the NPS: show ciLow and ciHigh.',
  })
  margin!: number | null;
  @Field(() => Float, { nullable: true }) ciLow!: number | null;
  @Field(() => Float, { nullable: true }) ciHigh!: number | null;
  @Field(() => Float) confidenceLevel!: number;
  @Field(() => NpsIntervalMethodEnum, { description: 'The formula behind ciLow, ciHigh and margin.' }) intervalMethod!: NpsIntervalMethod;
  @Field({ description: 'n below the minimum (default 30): read with care.' }) lowSample!: boolean;
}

@ObjectType({ description: 'A mean of ratings with n and its t-interval.', simpleResolvers: true })
export class MeanMetric {
  @Field(() => Int) n!: number;
  @Field(() => Float, { nullable: true }) mean!: number | null;
  @Field(() => Float, { nullable: true }) sd!: number | null;
  @Field(() => Float, { nullable: true }) se!: number | null;
  @Field(() => Float, { nullable: true }) ciLow!: number | null;
  @Field(() => Float, { nullable: true }) ciHigh!: number | null;
  @Field() lowSample!: boolean;
}

@ObjectType({ description: 'A share with n and its Wilson interval.', simpleResolvers: true })
export class ShareMetric {
  @Field(() => Int) n!: number;
  @Field(() => Int) count!: number;
  @Field(() => Float, { nullable: true }) share!: number | null;
  @Field(() => Float, { nullable: true }) ciLow!: number | null;
  @Field(() => Float, { nullable: true }) ciHigh!: number | null;
  @Field() lowSample!: boolean;
}

@ObjectType({ simpleResolvers: true })
export class EmotionMetric {
  @Field(() => EmotionalFactorEnum) factor!: EmotionalFactor;
  @Field(() => MeanMetric) result!: MeanMetric;
}

@ObjectType({ description: 'Which cut a row of metrics belongs to; only the grouped fields are set.', simpleResolvers: true })
export class MetricsKey {
  @Field(() => ID, { nullable: true }) journeyId?: string;
  @Field(() => ID, { nullable: true }) phaseId?: string;
  @Field({ nullable: true }) touchpointCode?: string;
  @Field({ nullable: true }) personaCode?: string;
  @Field({ nullable: true }) unitCode?: string;
  @Field({ nullable: true, description: 'First day of the week, month or quarter.' }) bucket?: string;
}

@ObjectType({ description: 'NPS, CSAT, emotional factors and effort of one cut of the answers.', simpleResolvers: true })
export class Metrics {
  @Field(() => MetricsKey) key!: MetricsKey;
  @Field(() => SurveyKindEnum) survey!: SurveyKind;
  @Field(() => PerformanceMeasureEnum, {
    nullable: true,
    description: 'The measure to show for this cut: NPS when it has likelihood-to-recommend answers, CSAT when it has only satisfaction ratings, null when it has neither.',
  })
  measure!: PerformanceMeasure | null;
  @Field(() => NpsMetric) nps!: NpsMetric;
  @Field(() => MeanMetric, { description: 'Mean satisfaction, 1-5.' }) csat!: MeanMetric;
  @Field(() => ShareMetric, { description: 'Share answering 4 or 5.' }) csatTopTwoBox!: ShareMetric;
  @Field(() => [EmotionMetric]) emotions!: EmotionMetric[];
  @Field(() => MeanMetric, { description: 'Customer effort, 1-7.' }) effort!: MeanMetric;
  @Field(() => Int, { description: 'Distinct customers behind the answers.' }) customers!: number;
  @Field({
    description:
      'True when this cut has answers from too few distinct customers for your role to see (small-cell suppression, MIN_CELL_CUSTOMERS, or a second cell hidden so the first cannot be worked out by subtraction): every count is then 0 and every estimate null.',
  })
  suppressed!: boolean;
}

@ObjectType({ description: 'A two-sided test of a difference: a - b, its z and p, significant at 95%.' })
export class DifferenceTestResult {
  @Field(() => Float, { nullable: true }) difference!: number | null;
  @Field(() => Float, { nullable: true }) se!: number | null;
  @Field(() => Float, { nullable: true, description: 'z for NPS and shares, Welch t for means.' }) statistic!: number | null;
  @Field(() => Float, { nullable: true }) pValue!: number | null;
  @Field(() => Boolean, { nullable: true }) significant!: boolean | null;
}

@ObjectType({ description: 'Two cuts side by side (two periods, two personas, ...) with significance tests.' })
export class MetricsComparison {
  @Field(() => Metrics) a!: Metrics;
  @Field(() => Metrics) b!: Metrics;
  @Field(() => DifferenceTestResult, { description: 'NPS a - b; significant when |z| > 1.96.' }) nps!: DifferenceTestResult;
  @Field(() => DifferenceTestResult, { description: 'Mean CSAT a - b (Welch).' }) csat!: DifferenceTestResult;
}

@ObjectType({
  description:
    'A phase or journey as the journey map shows it for a cut: the answers at its touchpoints pooled (each survey code once), measured like a touchpoint.',
  simpleResolvers: true,
})
export class MapMetrics {
  @Field(() => Metrics, {
    nullable: true,
    description: 'NPS with n and interval, CSAT and the measure to show; null when none of the survey codes has answers in the cut.',
  })
  metrics!: Metrics | null;
  @Field(() => [String], {
    description: 'The survey codes pooled: each touchpoint’s own code, or for a to-be touchpoint without one the code of the as-is touchpoint it is based on.',
  })
  codes!: string[];
  @Field({
    description:
      'True when some of the answers are those of as-is touchpoints that to-be touchpoints are based on: the current measurement of the touchpoints kept, not a measurement of the to-be design.',
  })
  asIs!: boolean;
}
