import { IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import type { ResponseRow } from '../../../../analytics/queries/responses/listResponses.js';
import { AnalyticsFilterInput } from '../metrics/metrics.types.js';

@ObjectType({ description: "Personal data: one customer's answer. Only ANALYST and ADMIN may read it, and every read is audited." })
export class CustomerResponse {
  @Field() responseId!: string;
  @Field() customerId!: string;
  @Field() personaCode!: string;
  @Field(() => String, { nullable: true }) unitCode!: string | null;
  @Field(() => String, { nullable: true, description: 'null for the relationship survey.' }) touchpointCode!: string | null;
  @Field(() => String, { nullable: true }) touchpointName!: string | null;
  @Field({ description: 'UTC, ISO 8601.' }) respondedAt!: string;
  @Field(() => Int, { description: 'Likelihood to recommend, 0-10.' }) ltr!: number;
  @Field(() => Int, { nullable: true, description: '1-5.' }) satisfaction!: number | null;
  @Field(() => Int, { nullable: true }) professional!: number | null;
  @Field(() => Int, { nullable: true }) sympathetic!: number | null;
  @Field(() => Int, { nullable: true }) trustworthy!: number | null;
  @Field(() => Int, { nullable: true }) atmosphere!: number | null;
  @Field(() => Int, { nullable: true, description: '1-7.' }) effort!: number | null;
  @Field(() => String, { nullable: true }) comment!: string | null;
}

@ObjectType()
export class ResponsePage {
  @Field(() => Int, { description: 'All answers matching the filter.' }) total!: number;
  @Field(() => [CustomerResponse]) items!: ResponseRow[];
}

@ArgsType()
export class ResponseArgs {
  @Field(() => AnalyticsFilterInput, { nullable: true }) filter?: AnalyticsFilterInput;

  @Field(() => Int, { nullable: true, description: 'Lowest likelihood-to-recommend, 0-10.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  minLtr?: number;

  @Field(() => Int, { nullable: true, description: 'Highest likelihood-to-recommend, 0-10 (6 = detractors only).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  maxLtr?: number;

  @Field({ nullable: true }) withCommentOnly?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(64)
  customerId?: string;

  @Field(() => Int, { defaultValue: 50, description: '1-500.' })
  @IsInt()
  @Min(1)
  @Max(500)
  first!: number;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  offset!: number;
}
