import { ArrayMaxSize, IsDate, IsIn, IsInt, IsNumber, IsOptional, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { EffectKind, InitiativeStatus, InitiativeTrack } from './initiative.entity.js';

@InputType()
export class ExpectedEffectInput {
  @Field(() => EffectKind)
  @IsIn(Object.values(EffectKind))
  kind!: EffectKind;

  @Field(() => Float, { description: 'A share 0..1 for conversions; NPS points 0..200 for TOUCHPOINT_NPS_UPLIFT.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(200)
  value!: number;
}

@InputType()
export class InitiativeFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @Field(() => [InitiativeStatus], { nullable: true })
  @IsOptional()
  status?: InitiativeStatus[];
}

@InputType()
export class InitiativeInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  title?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(5000)
  description?: string;

  @Field(() => [ID], { nullable: true, description: 'Touchpoints the initiative acts on (replaces the list).' })
  @IsOptional()
  @ArrayMaxSize(300)
  @IsUUID('all', { each: true })
  touchpointIds?: string[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  departmentId?: string | null;

  @Field(() => InitiativeTrack, { nullable: true })
  @IsOptional()
  track?: InitiativeTrack;

  @Field(() => InitiativeStatus, { nullable: true })
  @IsOptional()
  status?: InitiativeStatus;

  @Field(() => Float, { nullable: true, description: 'One-off cost, DKK, >= 0.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e12)
  oneOffCost?: number;

  @Field(() => Float, { nullable: true, description: 'Yearly cost, DKK, >= 0.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e12)
  yearlyCost?: number;

  @Field(() => ExpectedEffectInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  expectedEffect?: ExpectedEffectInput | null;

  @Field(() => Int, { nullable: true, description: '1 (hard) to 5 (easy).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  feasibility?: number;

  @Field(() => Int, { nullable: true, description: '1 (small) to 5 (large).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  effectRating?: number;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  startDate?: Date | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  endDate?: Date | null;
}
