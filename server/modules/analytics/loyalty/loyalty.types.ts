import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { AnalyticsFilter } from '../../../../analytics/queries/filter.js';
import type { LoyaltyGroupName, LoyaltyGrouping } from '../../../../analytics/queries/loyalty/getLoyaltyBySatisfaction.js';
import { suppressedDescription } from '../../../auth/privacy.js';
import { MeanMetric, ShareMetric } from '../metrics/metrics.types.js';
import { AppliedFilter, DataPeriod, describeEnum } from '../trends/trends.types.js';

export const LoyaltyGroupingEnum = { NPS: 'NPS', CSAT: 'CSAT', ALL: 'ALL' } as const satisfies Record<LoyaltyGrouping, LoyaltyGrouping>;
export const LoyaltyGroupNameEnum = {
  PROMOTER: 'PROMOTER', PASSIVE: 'PASSIVE', DETRACTOR: 'DETRACTOR', VERY_SATISFIED: 'VERY_SATISFIED', SATISFIED: 'SATISFIED', DISSATISFIED: 'DISSATISFIED', ALL: 'ALL',
} as const satisfies Record<LoyaltyGroupName, LoyaltyGroupName>;
describeEnum(LoyaltyGroupingEnum, 'LoyaltyGrouping', 'What the groups are cut by: likelihood to recommend (NPS), satisfaction (CSAT), or everyone (ALL).');
describeEnum(LoyaltyGroupNameEnum, 'LoyaltyGroupName', "A customer's group by their latest relationship answer.", {
  PROMOTER: 'Likelihood to recommend 9-10.',
  PASSIVE: 'Likelihood to recommend 7-8.',
  DETRACTOR: 'Likelihood to recommend 0-6.',
  VERY_SATISFIED: 'Satisfaction 5 (of 1-5).',
  SATISFIED: 'Satisfaction 4.',
  DISSATISFIED: 'Satisfaction 1-3.',
  ALL: 'Every customer with a relationship answer in scope.',
});

@ObjectType({ description: 'One year of the CLV sum: margin x survival x discount factor.' })
export class LifetimeValuePeriod {
  @Field(() => Int, { description: 'Year 1, 2, ...' }) period!: number;
  @Field(() => Float, { description: 'retention^(year - 1): share still a customer at the start of the year.' }) survival!: number;
  @Field(() => Float, { description: '1 / (1 + discountRate)^year: the margin arrives at the end of the year.' }) discountFactor!: number;
  @Field(() => Float, { description: 'annualMargin x survival x discountFactor.' }) presentValue!: number;
}

@ObjectType({
  description:
    'Customer lifetime value per customer: sum over years t = 1..horizonYears of annualMargin x retention^(t-1) / (1 + discountRate)^t, '
    + 'in the currency of the profitability data.',
})
export class LifetimeValue {
  @Field(() => Float, { nullable: true, description: 'CLV at the estimates; null without margin or churn data.' }) value!: number | null;
  @Field(() => Float, { nullable: true, description: 'Lowest CLV over the interval ends of annual margin and churn (a conservative range, not a confidence interval).' }) low!: number | null;
  @Field(() => Float, { nullable: true, description: 'Highest CLV over the same corners.' }) high!: number | null;
  @Field(() => Float, { nullable: true }) annualMargin!: number | null;
  @Field(() => Float, { nullable: true }) retention!: number | null;
  @Field(() => Int) horizonYears!: number;
  @Field(() => Float) discountRate!: number;
  @Field(() => [LifetimeValuePeriod]) periods!: LifetimeValuePeriod[];
}

@ObjectType({ description: 'Loyalty and value of one group of customers.' })
export class LoyaltyGroup {
  @Field(() => LoyaltyGroupingEnum) grouping!: LoyaltyGrouping;
  @Field(() => LoyaltyGroupNameEnum) group!: LoyaltyGroupName;
  @Field(() => Int, { description: 'Customers in the group: the n of churn and acquisition cost.' }) customers!: number;
  @Field(() => ShareMetric, {
    description: '12-month churn: share whose churned_at falls within 12 months after their answer (Wilson interval); n = customers.',
  })
  churn!: ShareMetric;
  @Field(() => Float, { nullable: true, description: '1 - churn share: 12-month retention.' }) retention!: number | null;
  @Field(() => MeanMetric, {
    description:
      'Average annual contribution margin per customer: each customer\'s sum of (revenue - cost) over the profitability months starting in the 12 months '
      + 'after the answer (and ended by asOf) x 12 / those months (partial years annualised); mean with t-interval; n = customers with such months.',
  })
  annualMargin!: MeanMetric;
  @Field(() => Int, { description: 'Profitability months behind annualMargin.' }) customerMonths!: number;
  @Field(() => LifetimeValue) lifetimeValue!: LifetimeValue;
  @Field(() => MeanMetric, { description: 'Mean acquisition cost: the cost of replacing a lost customer of this group; n = customers.' }) acquisitionCost!: MeanMetric;
  @Field({ description: suppressedDescription('this group', 'customers and every n are then 0 and every estimate null') }) suppressed!: boolean;
}

@ObjectType({ description: 'Where the numbers came from, for the business case and for reproducing them.' })
export class LoyaltySource {
  @Field({ description: 'The analytics query (file) that computed them.' }) query!: string;
  @Field(() => AppliedFilter) filter!: AnalyticsFilter;
  @Field() asOf!: string;
  @Field({ description: 'Answers given on or before this day (asOf + 1 day - 12 months) were used, so every 12-month follow-up ends by asOf.' }) answeredOnOrBefore!: string;
  @Field(() => DataPeriod, { nullable: true }) dataWindow!: DataPeriod | null;
  @Field(() => String, { nullable: true, description: 'Version of the customer data (store_meta.data_version).' }) dataVersion!: string | null;
}

@ObjectType({
  description:
    'Loyalty by satisfaction: customers grouped by their latest relationship answer on or before asOf + 1 day - 12 months, '
    + 'by NPS category (promoter 9-10, passive 7-8, detractor 0-6) and by CSAT (very satisfied 5, satisfied 4, dissatisfied 1-3); per group '
    + '12-month churn, annual contribution margin, CLV over the horizon and acquisition cost. Money in the currency of the profitability data.',
})
export class LoyaltyBySatisfaction {
  @Field(() => [LoyaltyGroup], { description: 'PROMOTER, PASSIVE, DETRACTOR.' }) byNps!: LoyaltyGroup[];
  @Field(() => [LoyaltyGroup], { description: 'VERY_SATISFIED, SATISFIED, DISSATISFIED.' }) byCsat!: LoyaltyGroup[];
  @Field(() => LoyaltyGroup) all!: LoyaltyGroup;
  @Field(() => Int, {
    nullable: true,
    description: 'Customers whose latest answer has no satisfaction rating: in ALL and the NPS groups, in no CSAT group. Null when hidden by small-cell suppression (too few customers for your role, or a second cell so the first cannot be worked out by subtraction).',
  })
  withoutCsat!: number | null;
  @Field(() => Int) horizonYears!: number;
  @Field(() => Float, { description: 'Yearly discount rate used (0.08 = 8%).' }) discountRate!: number;
  @Field(() => LoyaltySource) source!: LoyaltySource;
}
