import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { AnalyticsFilter, SurveyKind } from '../../../../analytics/queries/filter.js';
import type { TrendMetric } from '../../../../analytics/queries/trends/getTrend.js';
import type { TimeBucket } from '../../../../analytics/queries/trends/time.js';
import { suppressedDescription } from '../../../auth/privacy.js';
import { MeanMetric, NpsMetric, SurveyKindEnum, type AnalyticsFilterInput } from '../metrics/metrics.types.js';

export const TrendMetricEnum = {
  NPS: 'NPS', CSAT: 'CSAT', PROMOTER_SHARE: 'PROMOTER_SHARE', CHURN: 'CHURN', RETENTION: 'RETENTION',
} as const satisfies Record<TrendMetric, TrendMetric>;
export const TrendBucketEnum = { WEEK: 'WEEK', MONTH: 'MONTH', QUARTER: 'QUARTER' } as const satisfies Record<TimeBucket, TimeBucket>;

/** Registers a GraphQL enum with a description for the type and, where given, for each value. */
export function describeEnum<K extends string>(values: Record<K, string>, name: string, description: string, valueDescriptions: Partial<Record<K, string>> = {}): void {
  const enumObject: Record<string, string> = values;
  const valuesConfig: Record<string, { description: string }> = {};
  for (const [key, text] of Object.entries<string | undefined>(valueDescriptions)) if (text !== undefined) valuesConfig[key] = { description: text };
  registerEnumType(enumObject, { name, description, valuesConfig });
}

describeEnum(TrendMetricEnum, 'TrendMetric', 'NPS (points, -100..100), CSAT (mean 1-5), PROMOTER_SHARE (0..1) of the answers; CHURN and RETENTION (0..1, annualised) of the customers.', {
  CHURN: 'Per bucket: customers active on its first day who churned in it (p), annualised as 1 - (1 - p)^(buckets a year).',
  RETENTION: '1 - annualised CHURN.',
});
describeEnum(TrendBucketEnum, 'TrendBucket', 'ISO week (Monday), calendar month or calendar quarter.');

@ObjectType({ description: 'The filter a result was computed on (echoed for provenance); unset fields did not narrow it.' })
export class AppliedFilter {
  @Field(() => [String], { nullable: true }) personaCodes?: string[];
  @Field(() => [String], { nullable: true }) unitCodes?: string[];
  @Field(() => ID, { nullable: true }) journeyId?: string;
  @Field(() => ID, { nullable: true }) phaseId?: string;
  @Field(() => [String], { nullable: true }) touchpointCodes?: string[];
  @Field({ nullable: true }) from?: string;
  @Field({ nullable: true }) to?: string;
  @Field(() => SurveyKindEnum, { nullable: true }) survey?: SurveyKind;
}

@ObjectType({ description: 'A period of whole days, first and last inclusive (YYYY-MM-DD).' })
export class DataPeriod {
  @Field() start!: string;
  @Field() end!: string;
}

@ObjectType({ description: "One time bucket's value with the n it rests on and its interval, in the metric's unit." })
export class TrendPoint {
  @Field({ description: 'First day of the bucket.' }) bucket!: string;
  @Field({ description: 'Last day of the bucket.' }) end!: string;
  @Field({ description: 'The whole bucket lies in the data (and the filter period). Only complete buckets are fitted.' }) complete!: boolean;
  @Field(() => Int, { description: 'Days in the bucket: 7 for a week, 28 to 31 for a month, 90 to 92 for a quarter.' }) days!: number;
  @Field(() => Int, {
    description: 'Days of the bucket that lie in the data (and the filter period). Fewer than days for a partial bucket, such as the current month: its value rests on those days only and is not comparable with whole buckets.',
  })
  daysWithData!: number;
  @Field(() => Float, { description: 'Months (of 30.44 days) from the first bucket start to the middle of this bucket: x of the fit.' }) x!: number;
  @Field(() => Int, { description: 'Answers (NPS, CSAT, promoter share), customers active at the bucket start (churn, retention) or KPI observations.' }) n!: number;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Float, { nullable: true }) se!: number | null;
  @Field(() => Float, { nullable: true }) ciLow!: number | null;
  @Field(() => Float, { nullable: true }) ciHigh!: number | null;
  @Field() lowSample!: boolean;
  @Field(() => NpsMetric, { nullable: true, description: 'The full NPS behind an NPS or promoter-share bucket.' }) nps?: NpsMetric;
  @Field(() => MeanMetric, { nullable: true, description: 'The full mean behind a CSAT bucket.' }) csat?: MeanMetric;
  @Field({ description: suppressedDescription('this bucket', 'its n is then 0, every estimate null and it is not fitted') }) suppressed!: boolean;
}

@ObjectType({
  description:
    'Linear trend: weighted least squares of the complete buckets (weight = n) against x in months. Slope in metric units per month; t-interval with buckets - 2 df.',
})
export class TrendSlope {
  @Field(() => Int, { description: 'Buckets fitted.' }) buckets!: number;
  @Field(() => Int, { description: 'Sum of n over the buckets fitted.' }) n!: number;
  @Field(() => Float, { nullable: true, description: 'Change per month; null with fewer than 2 buckets.' }) slopePerMonth!: number | null;
  @Field(() => Float, { nullable: true }) se!: number | null;
  @Field(() => Float, { nullable: true, description: 'Null with fewer than 3 buckets.' }) ciLow!: number | null;
  @Field(() => Float, { nullable: true }) ciHigh!: number | null;
  @Field(() => Float, { nullable: true, description: 'Two-sided p of slope = 0.' }) pValue!: number | null;
  @Field(() => Boolean, { nullable: true, description: 'The interval excludes 0.' }) significant!: boolean | null;
  @Field(() => Float) confidenceLevel!: number;
}

@ObjectType({ description: 'A metric per week, month or quarter with intervals, and its trend per month.' })
export class MetricTrend {
  @Field(() => TrendMetricEnum) metric!: TrendMetric;
  @Field(() => TrendBucketEnum) bucket!: TimeBucket;
  @Field({ description: 'Unit of the values and (per month) of the slope.' }) unit!: string;
  @Field(() => AppliedFilter) filter!: AnalyticsFilter;
  @Field(() => DataPeriod, { nullable: true, description: 'The data window within the filter period: buckets inside it are complete.' }) window!: DataPeriod | null;
  @Field(() => String, { nullable: true, description: 'First bucket start: where x = 0 sits.' }) origin!: string | null;
  @Field(() => [TrendPoint]) points!: TrendPoint[];
  @Field(() => TrendPoint, { nullable: true, description: 'The latest complete bucket with a value.' }) latest!: TrendPoint | null;
  @Field(() => TrendSlope) slope!: TrendSlope;
}
