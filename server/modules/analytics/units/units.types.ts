import { Field, Float, Int, ObjectType } from 'type-graphql';
import { suppressedDescription } from '../../../auth/privacy.js';
import type { AnalyticsFilter } from '../../../../analytics/queries/filter.js';
import type { UnitVariable } from '../../../../analytics/queries/units/getUnits.js';
import { MeanMetric, NpsMetric } from '../metrics/metrics.types.js';
import { AppliedFilter, DataPeriod, describeEnum } from '../trends/trends.types.js';

export const UnitVariableEnum = {
  MANAGEMENT_QUALITY: 'MANAGEMENT_QUALITY', EMPLOYEE_SATISFACTION: 'EMPLOYEE_SATISFACTION', NPS: 'NPS', MARGIN: 'MARGIN',
} as const satisfies Record<UnitVariable, UnitVariable>;
describeEnum(UnitVariableEnum, 'UnitVariable', 'A per-unit value correlated across units.', {
  MANAGEMENT_QUALITY: 'Mean management quality (0-100) over the period.',
  EMPLOYEE_SATISFACTION: 'Mean employee satisfaction (0-100) over the period.',
  NPS: "Relationship NPS of the unit's customers.",
  MARGIN: 'Contribution margin per customer per year.',
});

@ObjectType({ description: 'The latest unit_metrics period on or before the end of the analysis period.' })
export class UnitIndexValue {
  @Field({ description: 'First day of the period.' }) period!: string;
  @Field(() => Float, { description: '0-100.' }) value!: number;
}

@ObjectType({ description: "One unit's management, employees, customers and bottom line over the period." })
export class UnitComparison {
  @Field() unitCode!: string;
  @Field() name!: string;
  @Field(() => MeanMetric, { description: 'Management quality 0-100: mean over the periods starting in the analysis period; n = periods.' }) managementQuality!: MeanMetric;
  @Field(() => UnitIndexValue, { nullable: true }) managementQualityLatest!: UnitIndexValue | null;
  @Field(() => MeanMetric, { description: 'Employee satisfaction 0-100: mean over the periods; n = periods.' }) employeeSatisfaction!: MeanMetric;
  @Field(() => UnitIndexValue, { nullable: true }) employeeSatisfactionLatest!: UnitIndexValue | null;
  @Field(() => NpsMetric, { description: "Relationship NPS of the unit's customers' answers in the period." }) nps!: NpsMetric;
  @Field(() => MeanMetric, {
    description:
      "Contribution margin per customer per year: each customer's sum of (revenue - cost) over their profitability months in the period x 12 / those months, "
      + 'mean over the customers (t-interval); n = customers with months. Currency of the profitability data.',
  })
  marginPerCustomer!: MeanMetric;
  @Field(() => Int, { description: 'Customers of the unit active on some day of the period.' }) customers!: number;
  @Field({ description: suppressedDescription("this unit's NPS or margin", 'those then have n 0 and null estimates and the unit leaves the correlations of those variables') }) suppressed!: boolean;
}

@ObjectType({ description: 'Pearson correlation of two unit values across units (n = units with both), Fisher-z interval, t-test of r = 0 with n - 2 df.' })
export class UnitCorrelation {
  @Field(() => UnitVariableEnum) a!: UnitVariable;
  @Field(() => UnitVariableEnum) b!: UnitVariable;
  @Field(() => Int, { description: 'Units.' }) n!: number;
  @Field(() => Float, { nullable: true, description: 'Null when a value does not vary or n < 2.' }) r!: number | null;
  @Field(() => Float, { nullable: true, description: 'Null when n <= 3.' }) ciLow!: number | null;
  @Field(() => Float, { nullable: true }) ciHigh!: number | null;
  @Field(() => Float, { nullable: true }) pValue!: number | null;
  @Field(() => Boolean, { nullable: true }) significant!: boolean | null;
}

@ObjectType({
  description:
    'Units (branches): management quality, employee satisfaction, NPS and margin per customer per unit, and their correlations across units. '
    + 'Period: the filter from/to, by default the 12 months ending on asOf.',
})
export class UnitsAnalysis {
  @Field(() => DataPeriod) period!: DataPeriod;
  @Field(() => [UnitComparison]) units!: UnitComparison[];
  @Field(() => [UnitCorrelation], { description: 'Each pair of MANAGEMENT_QUALITY, EMPLOYEE_SATISFACTION, NPS, MARGIN once.' }) correlations!: UnitCorrelation[];
  @Field(() => AppliedFilter) filter!: AnalyticsFilter;
}
