import { IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { listResponses, type ResponseRow } from '../../../../analytics/queries/responses/listResponses.js';
import { audit } from '../../../auth/auth.service.js';
import { Rule } from '../../../auth/rules.js';
import { requireCaller, type Context } from '../../../context.js';
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
class ResponseArgs {
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

@Resolver()
export class ResponsesResolver {
  @Authorized(Rule.readIndividual)
  @Query(() => ResponsePage, { description: 'Individual answers with comments, newest first. Each customer read is written to the audit log.' })
  async responses(@Ctx() ctx: Context, @Args(() => ResponseArgs) args: ResponseArgs): Promise<ResponsePage> {
    const caller = requireCaller(ctx);
    const filter = Object.fromEntries(Object.entries(args.filter ?? {}).filter(([, v]) => v !== undefined));
    const page = await listResponses(ctx.deps.analytics, { ...args, filter });
    for (const customerId of new Set(page.rows.map((r) => r.customerId))) {
      audit(ctx.em, 'READ_CUSTOMER', caller.id, { via: 'responses', responses: page.rows.filter((r) => r.customerId === customerId).map((r) => r.responseId) }, customerId);
    }
    await ctx.em.flush();
    return { total: page.total, items: page.rows };
  }
}
