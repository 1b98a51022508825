import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { FormulaFigure, FormulaTermName, FormulaUnit } from '../../../analytics/formula.js';
import { describeEnum } from './trends/trends.types.js';

export const FormulaUnitEnum = {
  CURRENCY: 'CURRENCY', CURRENCY_PER_YEAR: 'CURRENCY_PER_YEAR', CURRENCY_PER_CUSTOMER_PER_YEAR: 'CURRENCY_PER_CUSTOMER_PER_YEAR', SHARE: 'SHARE',
  CUSTOMERS: 'CUSTOMERS', YEARS: 'YEARS', MONTHS: 'MONTHS', NPS_POINTS: 'NPS_POINTS', CSAT_POINTS: 'CSAT_POINTS', NUMBER: 'NUMBER',
} as const satisfies Record<FormulaUnit, FormulaUnit>;
export const FormulaFigureEnum = {
  NET_PRESENT_VALUE: 'NET_PRESENT_VALUE', ROI: 'ROI', PAYBACK_MONTH: 'PAYBACK_MONTH', NET_PER_YEAR_AVERAGE: 'NET_PER_YEAR_AVERAGE', VALUE_AT_STAKE: 'VALUE_AT_STAKE', DRIVER_WEIGHT: 'DRIVER_WEIGHT',
} as const satisfies Record<FormulaFigure, FormulaFigure>;
export const FormulaTermEnum = {
  MARGIN_UPLIFT: 'MARGIN_UPLIFT', MARGIN_KEPT_BY_LOWER_CHURN: 'MARGIN_KEPT_BY_LOWER_CHURN', REPLACEMENT_COST_AVOIDED: 'REPLACEMENT_COST_AVOIDED',
  ONE_OFF_COST: 'ONE_OFF_COST', YEARLY_COST: 'YEARLY_COST', YEARLY_COSTS_PRESENT_VALUE: 'YEARLY_COSTS_PRESENT_VALUE', DISCOUNT_RATE: 'DISCOUNT_RATE',
  HORIZON_YEARS: 'HORIZON_YEARS', NET_PRESENT_VALUE: 'NET_PRESENT_VALUE', NET_VALUE_IN_YEAR: 'NET_VALUE_IN_YEAR', NET_VALUE_BEFORE_ONE_OFF_IN_YEAR: 'NET_VALUE_BEFORE_ONE_OFF_IN_YEAR', IMPORTANCE: 'IMPORTANCE',
  GAP_TO_TARGET: 'GAP_TO_TARGET', SCALE_POINTS: 'SCALE_POINTS', CUSTOMERS_REACHED: 'CUSTOMERS_REACHED', ANNUAL_MARGIN_PER_CUSTOMER: 'ANNUAL_MARGIN_PER_CUSTOMER',
  RAW_WEIGHT: 'RAW_WEIGHT', R_SQUARED: 'R_SQUARED',
} as const satisfies Record<FormulaTermName, FormulaTermName>;

describeEnum(FormulaUnitEnum, 'FormulaUnit', 'How the value of a formula or of one of its inputs reads.', {
  CURRENCY: "An amount of money in the company's currency.",
  CURRENCY_PER_YEAR: "An amount of money in the company's currency, each year.",
  CURRENCY_PER_CUSTOMER_PER_YEAR: "An amount of money in the company's currency, per customer and year.",
  SHARE: 'A share from 0 to 1 (shown as per cent); a return on investment may exceed 1 or be negative.',
  CUSTOMERS: 'A number of customers.',
  YEARS: 'A number of years.',
  MONTHS: 'A number of months.',
  NPS_POINTS: 'Points on the NPS scale (-100 to 100).',
  CSAT_POINTS: 'Points on the satisfaction scale (1 to 5).',
  NUMBER: 'A plain number.',
});
describeEnum(FormulaFigureEnum, 'FormulaFigure', 'A computed figure whose formula and inputs can be opened beside it.', {
  NET_PRESENT_VALUE: "A business case's net present value.",
  ROI: "A business case's return on investment: net present value per unit of cost.",
  PAYBACK_MONTH: 'The month in which a business case has earned back its one-off cost.',
  NET_PER_YEAR_AVERAGE: "A business case's net value a year, on average over the horizon.",
  VALUE_AT_STAKE: "A touchpoint's value at stake a year (the priority ranking).",
  DRIVER_WEIGHT: "A touchpoint's importance: its share of the loyalty the driver analysis explains.",
});
describeEnum(FormulaTermEnum, 'FormulaTerm', 'An input a formula names.', {
  MARGIN_UPLIFT: 'Present value of the margin uplift: moved customers earning the margin of their new loyalty group.',
  MARGIN_KEPT_BY_LOWER_CHURN: 'Present value of the margin kept because moved customers leave less often.',
  REPLACEMENT_COST_AVOIDED: 'Present value of the acquisition cost saved because fewer customers must be replaced.',
  ONE_OFF_COST: 'The one-off cost, paid at the start.',
  YEARLY_COST: 'The yearly cost, paid at the end of each year.',
  YEARLY_COSTS_PRESENT_VALUE: 'Present value of the yearly costs over the horizon.',
  DISCOUNT_RATE: 'Yearly discount rate.',
  HORIZON_YEARS: 'Years the case covers.',
  NET_PRESENT_VALUE: 'The net present value of the case.',
  NET_VALUE_IN_YEAR: 'Net value of one year (see year), undiscounted; year 1 after the one-off cost.',
  NET_VALUE_BEFORE_ONE_OFF_IN_YEAR: "One year's benefits minus its yearly cost (see year), undiscounted, before the one-off cost.",
  IMPORTANCE: "The touchpoint's importance (share of explained loyalty).",
  GAP_TO_TARGET: "Points the touchpoint's performance is below its target (0 at or above it).",
  SCALE_POINTS: 'Points of the scale the gap is measured on (100 for NPS, 4 for satisfaction 1-5).',
  CUSTOMERS_REACHED: 'Distinct customers who answered at the touchpoint.',
  ANNUAL_MARGIN_PER_CUSTOMER: 'Average annual contribution margin of those customers.',
  RAW_WEIGHT: "The touchpoint's raw relative weight: the part of the outcome's variance it explains.",
  R_SQUARED: "R²: the part of the outcome's variance all touchpoints explain together.",
});

@ObjectType('FormulaInput', { description: 'One input of a formula: what it is, its value and unit, exactly as the computation used it.' })
export class FormulaInputType {
  @Field(() => FormulaTermEnum, { description: 'Which input this is.' }) term!: FormulaTermName;
  @Field(() => Float, { nullable: true, description: 'Its value as used (shares 0..1, money in the company currency); null when unknown.' }) value!: number | null;
  @Field(() => FormulaUnitEnum, { description: 'How the value reads.' }) unit!: FormulaUnit;
  @Field(() => Int, { nullable: true, description: 'For an input given per year: the year (1 = the first); otherwise null.' }) year!: number | null;
}

@ObjectType('Formula', { description: 'How a figure is computed: the formula in words and the inputs the computation used, with their values and units. The inputs reproduce the figure by the formula.' })
export class FormulaType {
  @Field(() => FormulaFigureEnum, { description: 'Which figure this is the formula of.' }) figure!: FormulaFigure;
  @Field(() => Float, { nullable: true, description: 'The figure, exactly as reported beside it; null when it cannot be computed.' }) value!: number | null;
  @Field(() => FormulaUnitEnum, { description: "How the figure's value reads." }) unit!: FormulaUnit;
  @Field({ description: 'The formula in plain English words.' }) words!: string;
  @Field(() => [FormulaInputType], { description: 'The inputs, in the order the words name them.' }) inputs!: FormulaInputType[];
}
