import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Rule } from '../../../auth/rules.js';
import type { Context } from '../../../context.js';
import { analyticsService } from '../analytics.service.js';
import { ResponseArgs, ResponsePage } from './responses.types.js';

@Resolver()
export class ResponsesResolver {
  @Authorized(Rule.readIndividual)
  @Query(() => ResponsePage, { description: 'Individual answers with comments, newest first. Each customer read is written to the audit log.' })
  responses(@Ctx() ctx: Context, @Args(() => ResponseArgs) args: ResponseArgs): Promise<ResponsePage> {
    return analyticsService(ctx).responses.responses(args);
  }
}
