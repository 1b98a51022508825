import { Authorized, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { getDataCoverage } from '../../../../analytics/queries/trends/getDataCoverage.js';
import { Rule } from '../../../auth/rules.js';
import type { Context } from '../../../context.js';

@ObjectType({ description: 'What the analytics store holds in time, and the day that period choices such as "last 12 months" end on.' })
export class DataCoverage {
  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD: the day "last 3/6/12 months" end on, the day of the latest answer in the store (else the last day of any data). Null when the store holds no data; then periods end today.',
  })
  asOf!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the day of the first answer in the store; null without answers.' }) firstAnswerOn!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the day of the latest answer in the store; null without answers.' }) latestAnswerOn!: string | null;
  @Field(() => Int, { description: 'Survey answers in the store (0 on an empty install: import answers first).' }) answers!: number;
  @Field(() => Int, { description: 'Customers in the store.' }) customers!: number;
}

@Resolver()
export class DataCoverageResolver {
  @Authorized(Rule.readAggregates)
  @Query(() => DataCoverage, {
    description: 'The period the analytics data covers and the day period choices end on, computed once for every page (overview, map, priorities, status, trends, targets).',
  })
  dataCoverage(@Ctx() ctx: Context): Promise<DataCoverage> {
    return getDataCoverage(ctx.deps.analytics);
  }
}
