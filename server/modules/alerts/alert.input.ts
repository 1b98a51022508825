import { IsIn, IsInt, IsNumber, IsOptional, Length, Max, Min } from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';
import { AlertScope, MultipleComparisons } from './alert.entity.js';

@InputType({ description: 'Settings of an alert rule; on update, absent fields stay as they are.' })
export class AlertRuleInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => AlertScope, { nullable: true, description: 'TOUCHPOINT and PHASE test touchpoint answers; PERSONA and UNIT the relationship survey.' })
  @IsOptional()
  @IsIn(Object.values(AlertScope))
  scope?: AlertScope;

  @Field(() => Int, { nullable: true, description: 'Days in the recent window, 1-365 (ends today).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  windowDays?: number;

  @Field(() => Int, { nullable: true, description: 'Days of baseline right before the window, 7-1095.' })
  @IsOptional()
  @IsInt()
  @Min(7)
  @Max(1095)
  baselineDays?: number;

  @Field(() => Float, { nullable: true, description: 'z of the NPS test, 1-6 (1.96 = 95%); with BONFERRONI the level of the whole check.' })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(6)
  zThreshold?: number;

  @Field(() => Int, { nullable: true, description: 'Minimum answers in each window for a scope to be tested, 1-100000.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  minN?: number;

  @Field(() => MultipleComparisons, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(MultipleComparisons))
  multipleComparisons?: MultipleComparisons;

  @Field({ nullable: true, description: 'Open THANK follow-up cases for promoters (9-10) too.' })
  @IsOptional()
  thankPromoters?: boolean;

  @Field(() => Int, { nullable: true, description: 'Days to contact a customer, 1-60 (follow-up SLA; the strictest enabled rule wins).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  slaDays?: number;

  @Field({ nullable: true })
  @IsOptional()
  enabled?: boolean;
}
