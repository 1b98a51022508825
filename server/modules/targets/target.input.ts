import { IsDate, IsNumber, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import { TargetMetric, TargetScope } from './target.entity.js';

@InputType()
export class TargetInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => TargetMetric, { nullable: true })
  @IsOptional()
  metric?: TargetMetric;

  @Field(() => TargetScope, { nullable: true })
  @IsOptional()
  scope?: TargetScope;

  @Field(() => ID, { nullable: true, description: 'For JOURNEY scope.' })
  @IsOptional()
  @IsUUID()
  journeyId?: string | null;

  @Field(() => ID, { nullable: true, description: 'For PERSONA scope.' })
  @IsOptional()
  @IsUUID()
  personaId?: string | null;

  @Field(() => ID, { nullable: true, description: 'For TOUCHPOINT scope.' })
  @IsOptional()
  @IsUUID()
  touchpointId?: string | null;

  @Field(() => String, { nullable: true, description: 'For TOUCHPOINT_KPI: the KPI name.' })
  @IsOptional()
  @MaxLength(100)
  kpiName?: string | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  baseline?: number;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  baselineDate?: Date;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  targetValue?: number;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  dueDate?: Date;
}
