import { ArrayMaxSize, IsBoolean, IsIn, IsNumber, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { suppressedDescription } from '../../auth/privacy.js';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { ChurnValuation, EconomicsInput } from '../../../analytics/businessCase/getBusinessCase.js';
import type { LineItemKind, LoyaltyGroup } from '../../../analytics/businessCase/engine.js';
import { FormulaType } from '../analytics/formula.types.js';
import { DataPeriod, describeEnum } from '../analytics/trends/trends.types.js';
import { EffectKind } from '../initiatives/initiative.entity.js';

export const NpsGroupEnum = { DETRACTOR: 'DETRACTOR', PASSIVE: 'PASSIVE', PROMOTER: 'PROMOTER' } as const satisfies Record<LoyaltyGroup, LoyaltyGroup>;
export const ChurnValuationEnum = { LOST_MARGIN: 'LOST_MARGIN', REPLACEMENT_COST: 'REPLACEMENT_COST' } as const satisfies Record<ChurnValuation, ChurnValuation>;
export const EconomicsInputEnum = { CHURN_12M: 'CHURN_12M', ANNUAL_MARGIN: 'ANNUAL_MARGIN', ACQUISITION_COST: 'ACQUISITION_COST' } as const satisfies Record<EconomicsInput, EconomicsInput>;
export const LineItemKindEnum = {
  MARGIN_UPLIFT: 'MARGIN_UPLIFT', MARGIN_KEPT_BY_LOWER_CHURN: 'MARGIN_KEPT_BY_LOWER_CHURN', REPLACEMENT_COST_AVOIDED: 'REPLACEMENT_COST_AVOIDED',
  ONE_OFF_COST: 'ONE_OFF_COST', YEARLY_COST: 'YEARLY_COST',
} as const satisfies Record<LineItemKind, LineItemKind>;

describeEnum(NpsGroupEnum, 'NpsGroup', "A customer's loyalty group by their latest relationship likelihood-to-recommend: detractor 0-6, passive 7-8, promoter 9-10.");
describeEnum(ChurnValuationEnum, 'ChurnValuation', 'How customers kept by lower churn are valued (one of the two, never both: a replaced customer brings the margin back).', {
  LOST_MARGIN: 'The margin they go on earning (default).',
  REPLACEMENT_COST: 'The acquisition cost of the customers the company no longer has to win to replace them.',
});
describeEnum(EconomicsInputEnum, 'EconomicsInput', "An input of a group's economics.", {
  CHURN_12M: 'Share of the group lost within 12 months (0..1).',
  ANNUAL_MARGIN: 'Average annual contribution margin per customer.',
  ACQUISITION_COST: 'Cost of winning a customer (replacing a lost one).',
});
describeEnum(LineItemKindEnum, 'BusinessCaseLineItemKind', 'A line of a business case.');

// The scenario classes are both input and output types, so a saved scenario reads back exactly as given.

@ObjectType('ScenarioFilter', { description: 'Persona, unit and answer period the case is computed for.' })
@InputType('ScenarioFilterInput')
/** Checked by the one analytics filter schema (analytics/model/filter.ts) in BusinessCaseService, not here. */
export class ScenarioFilterInput {
  @Field(() => [String], { nullable: true }) personaCodes?: string[];
  @Field(() => [String], { nullable: true }) unitCodes?: string[];
  @Field({ nullable: true, description: 'YYYY-MM-DD: first day of the answers used.' }) from?: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD: last day of the answers used.' }) to?: string;
}

@ObjectType('ScenarioMove', { description: 'A share of a loyalty group that moves to another group.' })
@InputType('ScenarioMoveInput')
export class ScenarioMoveInput {
  @Field(() => NpsGroupEnum) @IsIn(Object.values(NpsGroupEnum)) from!: LoyaltyGroup;
  @Field(() => NpsGroupEnum) @IsIn(Object.values(NpsGroupEnum)) to!: LoyaltyGroup;
  @Field(() => Float, { description: "Share 0..1 of the group's current customers." })
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1)
  share!: number;
  @Field(() => [String], { nullable: true, description: 'Only customers who used (answered at) at least one of these touchpoints.' })
  @IsOptional() // checked by the analytics schema's codes(300) in BusinessCaseService
  touchpointCodes?: string[];
}

@ObjectType('ScenarioEffect', { description: "An initiative's expected effect at its touchpoints." })
@InputType('ScenarioEffectInput')
export class ScenarioEffectInput {
  @Field(() => EffectKind) @IsIn(Object.values(EffectKind)) kind!: EffectKind;
  @Field(() => Float, { description: 'A share 0..1 for the conversions; NPS points for TOUCHPOINT_NPS_UPLIFT.' })
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(200)
  value!: number;
}

@ObjectType('GroupOverride', { description: "Replaces a group's measured economics with the caller's numbers." })
@InputType('GroupOverrideInput')
export class GroupOverrideInput {
  @Field(() => NpsGroupEnum) @IsIn(Object.values(NpsGroupEnum)) group!: LoyaltyGroup;
  @Field(() => Float, { nullable: true, description: '0..1.' }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1) churn12m?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-1e9) @Max(1e9) annualMargin?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1e9) acquisitionCost?: number;
}

@ObjectType('BusinessCaseScenario', { description: 'What a business case is computed from. Unset fields take their documented defaults.' })
@InputType('BusinessCaseScenarioInput', {
  description: 'Give moves (shares of loyalty groups) or initiativeId (its touchpoints, expected effect and costs), not both. Unset fields take their documented defaults.',
})
export class BusinessCaseScenarioInput {
  @Field(() => ScenarioFilterInput, { nullable: true }) @IsOptional() filter?: ScenarioFilterInput;
  @Field({ nullable: true, description: 'YYYY-MM-DD; default the last day of the data.' }) @IsOptional() asOf?: string;
  @Field(() => [ScenarioMoveInput], { nullable: true }) @IsOptional() @ArrayMaxSize(6) @ValidateNested({ each: true }) moves?: ScenarioMoveInput[];
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() initiativeId?: string;
  @Field(() => ScenarioEffectInput, { nullable: true, description: "Replaces the initiative's expected effect (what-if)." })
  @IsOptional() @ValidateNested()
  effect?: ScenarioEffectInput;
  @Field(() => Float, { nullable: true, description: "Default: the initiative's one-off cost, else 0." }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1e12) oneOffCost?: number;
  @Field(() => Float, { nullable: true, description: "Default: the initiative's yearly cost, else 0." }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1e12) yearlyCost?: number;
  // filter, asOf, horizonYears and discountRate: checked by the analytics schema (analytics/model/filter.ts) in BusinessCaseService.
  @Field(() => Int, { nullable: true, description: 'Years, 1-30; default 3.' }) @IsOptional() horizonYears?: number;
  @Field(() => Float, { nullable: true, description: 'Yearly discount rate 0..1; default 0.08 (an assumed cost of capital: pass your own).' })
  @IsOptional()
  discountRate?: number;
  @Field(() => ChurnValuationEnum, { nullable: true, description: 'Default LOST_MARGIN.' }) @IsOptional() @IsIn(Object.values(ChurnValuationEnum)) churnValuation?: ChurnValuation;
  @Field(() => [GroupOverrideInput], { nullable: true }) @IsOptional() @ArrayMaxSize(3) @ValidateNested({ each: true }) overrides?: GroupOverrideInput[];
  @Field({ nullable: true, description: 'Scale moves from the customers with a relationship answer to all current customers; default false.' })
  @IsOptional() @IsBoolean()
  scaleToCustomerBase?: boolean;
}

@ObjectType({ description: 'Customers moved from one loyalty group to another, and how the number was found.' })
export class BusinessCaseMove {
  @Field(() => NpsGroupEnum) from!: LoyaltyGroup;
  @Field(() => NpsGroupEnum) to!: LoyaltyGroup;
  @Field(() => Float, { description: 'Customers (a share of a group may be fractional).' }) customers!: number;
  @Field() basis!: string;
}

@ObjectType({ description: 'One line of the case: present value over the horizon, per year, formula in words and the inputs it used.' })
export class BusinessCaseLineItem {
  @Field(() => LineItemKindEnum) kind!: LineItemKind;
  @Field(() => Float, { description: 'Present value over the horizon; costs are negative.' }) value!: number;
  @Field(() => [Float], { description: 'Undiscounted value in years 1..horizon.' }) perYear!: number[];
  @Field() formula!: string;
  @Field(() => [String], { description: 'Each input with its value and where it came from (query, filter, n).' }) inputs!: string[];
  @Field({ description: 'false for the churn valuation not chosen: shown, not added.' }) counted!: boolean;
}

@ObjectType({ description: "A group's economics input: measured (with its 95% interval and n) or overridden." })
export class BusinessCaseAssumption {
  @Field(() => NpsGroupEnum) group!: LoyaltyGroup;
  @Field(() => EconomicsInputEnum) input!: EconomicsInput;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Float, { nullable: true }) low!: number | null;
  @Field(() => Float, { nullable: true }) high!: number | null;
  @Field(() => Int, { nullable: true }) n!: number | null;
  @Field() source!: string;
  @Field() overridden!: boolean;
  @Field({ description: suppressedDescription("this group's measured figure", 'value, low, high and n are then null; give the figure as an override to use the group') }) suppressed!: boolean;
}

@ObjectType({ description: "One step of an initiative's translation: a conversion at a touchpoint, through the driver model, into relationship-group moves." })
export class BusinessCaseTranslationStep {
  @Field() touchpointCode!: string;
  @Field() touchpointName!: string;
  @Field(() => NpsGroupEnum, { description: 'Group at the touchpoint the movers leave.' }) from!: LoyaltyGroup;
  @Field(() => NpsGroupEnum) to!: LoyaltyGroup;
  @Field(() => Float) share!: number;
  @Field(() => Int, { nullable: true, description: 'Customers in the from group at the touchpoint; null when suppressed.' }) customersAtTouchpoint!: number | null;
  @Field(() => Float, { nullable: true, description: 'Movers with a relationship answer; null when suppressed.' }) movers!: number | null;
  @Field(() => Float, { nullable: true }) satisfactionChange!: number | null;
  @Field(() => Float, { nullable: true, description: 'Relationship LTR points per satisfaction point at the touchpoint (driver model).' }) ltrPerSatisfactionPoint!: number | null;
  @Field(() => Float, { nullable: true, description: 'Shift of the movers\' relationship likelihood-to-recommend; null when suppressed.' }) ltrShift!: number | null;
  @Field(() => [BusinessCaseMove], { description: "This step's relationship-group moves; empty when suppressed (they still count in the case's moves)." }) moves!: BusinessCaseMove[];
  @Field() explanation!: string;
  @Field({ description: suppressedDescription("this step's touchpoint group", 'customersAtTouchpoint, movers, satisfactionChange and ltrShift are then null and moves empty') }) suppressed!: boolean;
}

@ObjectType()
export class BusinessCaseRange {
  @Field(() => Float) low!: number;
  @Field(() => Float) base!: number;
  @Field(() => Float) high!: number;
  @Field() method!: string;
}

@ObjectType()
export class BusinessCasePopulation {
  @Field(() => Int, { description: 'Current customers with a relationship answer in scope.' }) respondents!: number;
  @Field(() => Int, { description: 'Current customers in scope.' }) activeCustomers!: number;
  @Field(() => Float) scaleFactor!: number;
  @Field() description!: string;
}

@ObjectType({ description: 'What a scenario is worth: line items, net value, ROI, payback and a low/base/high range, with every input and its source.' })
export class BusinessCase {
  @Field() title!: string;
  @Field(() => [BusinessCaseLineItem]) lineItems!: BusinessCaseLineItem[];
  @Field(() => [Float], { description: 'Net value in years 1..horizon, undiscounted (year 1 carries the one-off cost).' }) netPerYear!: number[];
  @Field(() => Float, { description: 'Net value per year on average, undiscounted.' }) netPerYearAverage!: number;
  @Field(() => Float, { description: 'Net present value over the horizon.' }) netPresentValue!: number;
  @Field(() => Float, { nullable: true, description: 'NPV / present value of the costs; null without costs.' }) roi!: number | null;
  @Field(() => Int, { nullable: true, description: 'First month whose cumulative net value is ≥ 0; null if not within the horizon.' }) paybackMonth!: number | null;
  @Field(() => BusinessCaseRange) range!: BusinessCaseRange;
  @Field(() => [FormulaType], { description: 'How the net present value, ROI, payback and net value a year were computed: each formula in words with the inputs it used.' })
  formulas!: FormulaType[];
  @Field(() => [BusinessCaseMove]) moves!: BusinessCaseMove[];
  @Field(() => [BusinessCaseTranslationStep], { description: "An initiative's effect, step by step; empty for a scenario of moves." }) translation!: BusinessCaseTranslationStep[];
  @Field(() => [BusinessCaseAssumption]) assumptions!: BusinessCaseAssumption[];
  @Field(() => BusinessCasePopulation) population!: BusinessCasePopulation;
  @Field(() => Int) horizonYears!: number;
  @Field(() => Float) discountRate!: number;
  @Field(() => ChurnValuationEnum) churnValuation!: ChurnValuation;
  @Field(() => Float) oneOffCost!: number;
  @Field(() => Float) yearlyCost!: number;
  @Field(() => ScenarioFilterInput) filter!: ScenarioFilterInput;
  @Field({ description: 'The day the case is computed at (the data date).' }) asOf!: string;
  @Field(() => DataPeriod, { nullable: true }) dataWindow!: DataPeriod | null;
  @Field(() => String, { nullable: true }) dataVersion!: string | null;
}
