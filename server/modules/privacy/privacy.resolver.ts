import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Rule } from '../../auth/rules.js';
import { requireCaller, type Context } from '../../context.js';
import { PrivacyService } from './privacy.service.js';
import { CommentRetentionRunType, CustomerErasureType } from './privacy.types.js';

const service = (ctx: Context) => new PrivacyService(ctx.em, ctx.deps.analytics, requireCaller(ctx).id);

const CUSTOMER_ID = 'The customer id exactly as in the customers file (customers.customer_id).';

/** Requests of data protection law: a customer's access request (export) and erasure, and comment retention. */
@Resolver()
export class PrivacyResolver {
  @Authorized(Rule.administer)
  @Query(() => GraphQLJSONObject, {
    description:
      'Everything held about one customer, for an access request, as one JSON document: the analytics rows by table (customer, answers, comments and their analysis, profitability, contact details), follow-up cases with notes and contact log, notifications that named them, and the audit events of reads of their data. Administrators only; the export is audited. NOT_FOUND when nothing is held.',
  })
  async exportCustomerData(@Ctx() ctx: Context, @Arg('customerId', () => String, { description: CUSTOMER_ID }) customerId: string): Promise<Record<string, unknown>> {
    return { ...(await service(ctx).exportCustomerData(customerId)) };
  }

  @Authorized(Rule.administer)
  @Mutation(() => CustomerErasureType, {
    description:
      'Erases one customer everywhere, all or nothing: answers, comments and their analysis, profitability, contact details, follow-up cases with notes and contact log are deleted; notifications that named them are blanked; the audit log keeps a pseudonym instead of the id. Administrators only; audited without the erased data. NOT_FOUND when nothing is held (erased already).',
  })
  eraseCustomer(@Ctx() ctx: Context, @Arg('customerId', () => String, { description: CUSTOMER_ID }) customerId: string): Promise<CustomerErasureType> {
    return service(ctx).eraseCustomer(customerId);
  }

  @Authorized(Rule.administer)
  @Mutation(() => CommentRetentionRunType, {
    description:
      'Applies the comment retention period now (the server also applies it every night): removes the text of comments older than CompanySettings.commentRetentionMonths; the scores stay. BAD_USER_INPUT (RETENTION_OFF) when no period is set. Administrators only; audited.',
  })
  applyCommentRetention(@Ctx() ctx: Context): Promise<CommentRetentionRunType> {
    return service(ctx).applyCommentRetention();
  }
}
