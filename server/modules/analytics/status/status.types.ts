import { Field, Float, ObjectType } from 'type-graphql';
import type { AnalyticsFilter } from '../../../../analytics/queries/filter.js';
import type { Programme } from '../../../../analytics/queries/status/getStatusDiagnosis.js';
import { suppressedDescription } from '../../../auth/privacy.js';
import { NpsMetric, ShareMetric } from '../metrics/metrics.types.js';
import { AppliedFilter, DataPeriod, describeEnum, TrendPoint, TrendSlope } from '../trends/trends.types.js';

export const ProgrammeEnum = {
  STOP_CHURN: 'STOP_CHURN', REVITALISE_CUSTOMER_FOCUS: 'REVITALISE_CUSTOMER_FOCUS', DIFFERENTIATE: 'DIFFERENTIATE', INSUFFICIENT_DATA: 'INSUFFICIENT_DATA',
} as const satisfies Record<Programme, Programme>;
describeEnum(ProgrammeEnum, 'StatusProgramme', 'The kind of customer-experience programme the status points to.', {
  STOP_CHURN: 'The company loses many customers: churn >= churnHigh, or the churn trend is rising (interval above 0).',
  REVITALISE_CUSTOMER_FOCUS: 'Churn is under control but NPS < npsGood or falling (interval below 0): revitalise customer focus among managers and staff.',
  DIFFERENTIATE: 'Churn under control, NPS >= npsGood and not falling: differentiate with emotional, unique experiences.',
  INSUFFICIENT_DATA: 'No customers at risk or no relationship answers in the 12 months.',
});

@ObjectType()
export class StatusThresholdValues {
  @Field(() => Float, { description: '12-month churn share (0..1) at or above which churn counts as high.' }) churnHigh!: number;
  @Field(() => Float, { description: 'Relationship NPS at or above which loyalty counts as good.' }) npsGood!: number;
}

@ObjectType({
  description:
    'Status diagnosis over the 12 whole months up to asOf. Rule, in order: (1) STOP_CHURN if 12-month churn >= churnHigh (default 0.15) or the '
    + 'monthly churn slope\'s 95% interval lies above 0; (2) else REVITALISE_CUSTOMER_FOCUS if relationship NPS < npsGood (default 0) or the monthly '
    + 'NPS slope\'s interval lies below 0; (3) else DIFFERENTIATE. The numbers the rule used are returned as evidence.',
})
export class StatusDiagnosis {
  @Field(() => ProgrammeEnum) programme!: Programme;
  @Field(() => [String], { description: 'The conditions that decided, with their numbers.' }) reasons!: string[];
  @Field() churnHigh!: boolean;
  @Field() churnRising!: boolean;
  @Field() npsLow!: boolean;
  @Field() npsFalling!: boolean;
  @Field(() => StatusThresholdValues) thresholds!: StatusThresholdValues;
  @Field(() => DataPeriod, { description: 'The 12 whole months looked at.' }) period!: DataPeriod;
  @Field() asOf!: string;
  @Field(() => ShareMetric, { description: "12-month churn: customers active on the period's first day (n) and the share who churned by its last day (Wilson)." }) churnLevel!: ShareMetric;
  @Field(() => TrendSlope, { description: 'Trend of monthly annualised churn (0..1) per month.' }) churnTrend!: TrendSlope;
  @Field(() => [TrendPoint], { description: 'Monthly annualised churn: 1 - (1 - churned / active at the month start)^12.' }) churnPoints!: TrendPoint[];
  @Field(() => NpsMetric, { description: 'Relationship NPS over the period.' }) npsLevel!: NpsMetric;
  @Field(() => TrendSlope, { description: 'Trend of monthly relationship NPS, points per month.' }) npsTrend!: TrendSlope;
  @Field(() => [TrendPoint]) npsPoints!: TrendPoint[];
  @Field(() => AppliedFilter) filter!: AnalyticsFilter;
  @Field({ description: suppressedDescription('the NPS level or the churn level', 'that level then has n 0 and no estimate, and the programme is read without it') }) suppressed!: boolean;
}
