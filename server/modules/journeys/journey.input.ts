import { ArrayMaxSize, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { IsCode } from '../../common/validation.js';
import { Channel, JourneyPurpose, JourneyState } from './journey.enums.js';

@InputType()
export class JourneyFilter {
  @Field(() => ID, { nullable: true, description: 'Only journeys for this persona.' })
  @IsOptional()
  @IsUUID()
  personaId?: string;

  @Field(() => JourneyState, { nullable: true })
  @IsOptional()
  state?: JourneyState;

  @Field({ nullable: true, description: 'true: only journeys for all customers (no persona); false: only persona journeys.' })
  @IsOptional()
  @IsBoolean()
  forAllCustomers?: boolean;
}

@InputType()
export class JourneyInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(5000)
  description?: string;

  @Field(() => JourneyPurpose, { nullable: true })
  @IsOptional()
  purpose?: JourneyPurpose;

  @Field(() => JourneyState, { nullable: true })
  @IsOptional()
  state?: JourneyState;

  @Field(() => ID, { nullable: true, description: 'Persona; null = all customers.' })
  @IsOptional()
  @IsUUID()
  personaId?: string | null;

  @Field(() => ID, { nullable: true, description: 'For a TO_BE journey: the AS_IS journey it improves.' })
  @IsOptional()
  @IsUUID()
  improvesId?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(200)
  owner?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(200)
  sponsor?: string;
}

const LIST_LIMIT = 50;
const TEXT_LIMIT = 500;

@InputType()
export class PhaseInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(5000)
  description?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(LIST_LIMIT)
  @IsString({ each: true })
  @MaxLength(TEXT_LIMIT, { each: true })
  actions?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(LIST_LIMIT)
  @IsString({ each: true })
  @MaxLength(TEXT_LIMIT, { each: true })
  thoughts?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(LIST_LIMIT)
  @IsString({ each: true })
  @MaxLength(TEXT_LIMIT, { each: true })
  feelings?: string[];

  @Field(() => Int, { nullable: true, description: 'Documented emotion, -2..+2.' })
  @IsOptional()
  @IsInt()
  @Min(-2)
  @Max(2)
  emotion?: number;
}

@InputType()
export class TouchpointKpiInput {
  @Field()
  @Length(1, 100)
  name!: string;

  @Field()
  @MaxLength(20)
  unit!: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  target?: number;

  @Field()
  @IsBoolean()
  higherIsBetter!: boolean;
}

@InputType()
export class TouchpointInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true, description: 'Code survey data uses; unique across touchpoints.' })
  @IsOptional()
  @IsCode()
  code?: string | null;

  @Field(() => Channel, { nullable: true })
  @IsOptional()
  channel?: Channel;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  online?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  direct?: boolean;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  departmentId?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(200)
  responsible?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(5000)
  purpose?: string;

  @Field(() => [TouchpointKpiInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  kpis?: TouchpointKpiInput[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(LIST_LIMIT)
  @MaxLength(TEXT_LIMIT, { each: true })
  functionalElements?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(LIST_LIMIT)
  @MaxLength(TEXT_LIMIT, { each: true })
  emotionalElements?: string[];

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  critical?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  difficult?: boolean;
}
