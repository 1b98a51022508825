import { codeNames } from '../../common/codeNames.js';
import { IsInt, Max, Min } from 'class-validator';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Rule } from '../../auth/rules.js';
import { loadRef } from '../../common/loaders.js';
import { requireCaller, type Context } from '../../context.js';
import { Department } from '../departments/department.entity.js';
import { Touchpoint } from '../journeys/touchpoint.entity.js';
import { Persona } from '../personas/persona.entity.js';
import { toUserType } from '../users/user.service.js';
import { UserType } from '../users/user.type.js';
import { FollowUpContact, FollowUpNote } from './follow-up.entity.js';
import { AddNoteArgs, AssignArgs, BulkAssignArgs, CloseArgs, FollowUpFilter, FollowUpQueueArgs, LogContactArgs, LoopMetricsArgs, SetStatusArgs } from './follow-up.input.js';
import { answersById, caseReads, contactsByCustomer, customersById, earlierAnswers, personasByCode, touchpointsByCode, usersById } from './follow-up.loaders.js';
import { FollowUpService } from './follow-up.service.js';
import {
  CaseAnswerType,
  CaseCustomerType,
  CustomerContactDetailsType,
  FollowUpCasePage,
  FollowUpCaseType,
  FollowUpCounts,
  FollowUpLoopMetrics,
  LoopTrendPersonType,
  toFollowUpCaseType,
} from './follow-up.type.js';
import { LoopMetricsService } from './loop-metrics.service.js';

const service = (ctx: Context) => new FollowUpService(ctx.em, requireCaller(ctx));

@ArgsType()
class EarlierAnswersArgs {
  @Field(() => Int, { defaultValue: 10, description: '1-50, newest first.' })
  @IsInt()
  @Min(1)
  @Max(50)
  limit!: number;
}

@ArgsType()
class LoopTrendArgs {
  @Field(() => Int, { defaultValue: 6, description: 'How many months, ending with the current one: 1-24.' })
  @IsInt()
  @Min(1)
  @Max(24)
  months!: number;
}

@Resolver(() => FollowUpCaseType)
export class FollowUpCaseResolver {
  @Authorized(Rule.followUp)
  @Query(() => FollowUpCasePage, {
    description: "The follow-up queue, earliest due first. Non-ADMIN users see only their department's cases; each customer read is audited.",
  })
  async followUpCases(@Ctx() ctx: Context, @Args(() => FollowUpQueueArgs) { filter, first, after }: FollowUpQueueArgs): Promise<FollowUpCasePage> {
    const queue = service(ctx);
    const page = await queue.list(filter, first, after);
    return {
      totalCount: page.totalCount,
      items: page.items.map((c) => toFollowUpCaseType(c, queue.now)),
      pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
    };
  }

  @Authorized(Rule.followUp)
  @Query(() => FollowUpCaseType, { description: "One case; NOT_FOUND when it does not exist or is outside the caller's department." })
  async followUpCase(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<FollowUpCaseType> {
    const queue = service(ctx);
    return toFollowUpCaseType(await queue.get(id), queue.now);
  }

  @Authorized(Rule.followUp)
  @Query(() => FollowUpCounts, { description: 'Queue counts by status and department (same filter and department scope as followUpCases).' })
  followUpCounts(@Ctx() ctx: Context, @Arg('filter', () => FollowUpFilter, { nullable: true }) filter?: FollowUpFilter): Promise<FollowUpCounts> {
    return service(ctx).counts(filter);
  }

  @Authorized(Rule.followUp)
  @Query(() => [LoopTrendPersonType], {
    description:
      "Closing the loop on detractors per person and month, for the people who work cases: assigned, contacted (on time), resolved, overdue, time to first contact and to the due date. Only the caller's department's cases (ADMIN: all); no customer is named.",
  })
  async followUpLoopTrend(@Ctx() ctx: Context, @Args(() => LoopTrendArgs) { months }: LoopTrendArgs): Promise<LoopTrendPersonType[]> {
    const { trend, people } = await service(ctx).loopTrend(months);
    return trend.map((p) => {
      const user = p.assigneeId === null ? undefined : people.get(p.assigneeId);
      return { person: user ? toUserType(user) : null, months: p.months };
    });
  }

  @Authorized(Rule.readAggregates)
  @Query(() => [FollowUpLoopMetrics], {
    description: 'Closing the loop per department or per person (then cases without one, then ALL): contact and closing within the SLA, time to first contact, churn of recovered vs not contacted.',
  })
  followUpLoopMetrics(@Ctx() ctx: Context, @Args(() => LoopMetricsArgs) { from, to, by }: LoopMetricsArgs): Promise<FollowUpLoopMetrics[]> {
    return new LoopMetricsService(ctx.em, ctx.deps.analytics).metrics({ from, to, by });
  }

  @Authorized(Rule.followUp)
  @Mutation(() => FollowUpCaseType, { description: 'Assigns a user of the case\'s department (null unassigns), optionally handing the case to another department first.' })
  async assignFollowUpCase(@Ctx() ctx: Context, @Args(() => AssignArgs) { id, assigneeId, departmentId }: AssignArgs): Promise<FollowUpCaseType> {
    const queue = service(ctx);
    return toFollowUpCaseType(await queue.assign(id, assigneeId, departmentId), queue.now);
  }

  @Authorized(Rule.followUp)
  @Mutation(() => FollowUpCaseType, { description: 'OPEN → CONTACTED → RESOLVED, or CLOSED_NO_ACTION; other moves are refused (CONFLICT) naming the allowed ones.' })
  async setFollowUpStatus(@Ctx() ctx: Context, @Args(() => SetStatusArgs) { id, status, note }: SetStatusArgs): Promise<FollowUpCaseType> {
    const queue = service(ctx);
    return toFollowUpCaseType(await queue.setStatus(id, status, note), queue.now);
  }

  @Authorized(Rule.followUp)
  @Mutation(() => FollowUpCaseType, { description: 'Takes a case: assigns it to you. You must be able to work cases of its department.' })
  async takeFollowUpCase(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Id of the case to take.' }) id: string): Promise<FollowUpCaseType> {
    const queue = service(ctx);
    return toFollowUpCaseType(await queue.take(id), queue.now);
  }

  @Authorized(Rule.followUp)
  @Mutation(() => [FollowUpCaseType], { description: 'Assigns many cases to one person (or unassigns them) at once: all of them, or none when one cannot be.' })
  async assignFollowUpCases(@Ctx() ctx: Context, @Args(() => BulkAssignArgs) { ids, assigneeId }: BulkAssignArgs): Promise<FollowUpCaseType[]> {
    const queue = service(ctx);
    return (await queue.assignMany(ids, assigneeId ?? null)).map((c) => toFollowUpCaseType(c, queue.now));
  }

  @Authorized(Rule.followUp)
  @Mutation(() => [FollowUpCaseType], {
    description: 'Closes one or many cases with an outcome and a reason, all or none: RESOLVED becomes RESOLVED, REACHED and NOT_REACHED become CLOSED_NO_ACTION. A case already closed refuses the batch (CONFLICT).',
  })
  async closeFollowUpCases(@Ctx() ctx: Context, @Args(() => CloseArgs) { ids, outcome, reason }: CloseArgs): Promise<FollowUpCaseType[]> {
    const queue = service(ctx);
    return (await queue.close(ids, outcome, reason)).map((c) => toFollowUpCaseType(c, queue.now));
  }

  @Authorized(Rule.followUp)
  @Mutation(() => FollowUpCaseType, { description: 'Logs an attempt to reach the customer (channel, reached or not, a note); a successful one moves an OPEN case to CONTACTED.' })
  async logFollowUpContact(@Ctx() ctx: Context, @Args(() => LogContactArgs) { id, channel, reached, note }: LogContactArgs): Promise<FollowUpCaseType> {
    const queue = service(ctx);
    return toFollowUpCaseType(await queue.logContact(id, channel, reached, note), queue.now);
  }

  @Authorized(Rule.followUp)
  @Query(() => [UserType], {
    description: "People who can be given a department's cases: its active users who work follow-up cases, and administrators. Non-ADMIN callers always get their own department's.",
  })
  async followUpAssignees(
    @Ctx() ctx: Context,
    @Arg('departmentId', () => ID, { nullable: true, description: 'The department (ADMIN only; others get their own).' }) departmentId?: string,
  ): Promise<UserType[]> {
    return (await service(ctx).assignees(departmentId)).map((u) => toUserType(u));
  }

  @Authorized(Rule.followUp)
  @Mutation(() => FollowUpCaseType, { description: 'Adds a note to a follow-up case (what was said, what was agreed).' })
  async addFollowUpNote(@Ctx() ctx: Context, @Args(() => AddNoteArgs) { id, text }: AddNoteArgs): Promise<FollowUpCaseType> {
    const queue = service(ctx);
    return toFollowUpCaseType(await queue.addNote(id, text), queue.now);
  }

  // Personal fields: audited before they are returned.

  @FieldResolver(() => String, { description: 'The answer (responses.response_id).' })
  async responseId(@Root() c: FollowUpCaseType, @Ctx() ctx: Context): Promise<string> {
    await read(ctx, c);
    return c.responseId;
  }

  @FieldResolver(() => String)
  async customerId(@Root() c: FollowUpCaseType, @Ctx() ctx: Context): Promise<string> {
    await read(ctx, c);
    return c.customerId;
  }

  @FieldResolver(() => Int, { description: 'The likelihood-to-recommend (0-10) that opened the case.' })
  async ltr(@Root() c: FollowUpCaseType, @Ctx() ctx: Context): Promise<number> {
    await read(ctx, c);
    return c.ltr;
  }

  @FieldResolver(() => String, { nullable: true })
  async personaCode(@Root() c: FollowUpCaseType, @Ctx() ctx: Context): Promise<string | null> {
    await read(ctx, c);
    return c.personaCode;
  }

  @FieldResolver(() => Persona, { nullable: true })
  async persona(@Root() c: FollowUpCaseType, @Ctx() ctx: Context): Promise<Persona | null> {
    await read(ctx, c);
    return c.personaCode ? personasByCode(ctx).load(c.personaCode) : null;
  }

  @FieldResolver(() => String, { nullable: true })
  async unitCode(@Root() c: FollowUpCaseType, @Ctx() ctx: Context): Promise<string | null> {
    await read(ctx, c);
    return c.unitCode;
  }

  @FieldResolver(() => String, { nullable: true, description: "Name of the customer's persona (beside personaCode); null when the code is not in the journey model." })
  async personaName(@Root() c: FollowUpCaseType, @Ctx() ctx: Context): Promise<string | null> {
    await read(ctx, c);
    return (await codeNames(ctx)).name('persona', c.personaCode);
  }

  @FieldResolver(() => String, { nullable: true, description: "Name of the customer's unit (beside unitCode); null without a unit or when the code has no name." })
  async unitName(@Root() c: FollowUpCaseType, @Ctx() ctx: Context): Promise<string | null> {
    await read(ctx, c);
    return (await codeNames(ctx)).name('unit', c.unitCode);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Name of the touchpoint answered about (beside touchpointCode); null for relationship answers.' })
  async touchpointName(@Root() c: FollowUpCaseType, @Ctx() ctx: Context): Promise<string | null> {
    return (await codeNames(ctx)).name('touchpoint', c.touchpointCode);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Annual contribution margin when the case opened (what the queue filters by).' })
  async customerValue(@Root() c: FollowUpCaseType, @Ctx() ctx: Context): Promise<number | null> {
    await read(ctx, c);
    return c.customerValue;
  }

  @FieldResolver(() => [FollowUpNote], { description: 'Oldest first.' })
  async notes(@Root() c: FollowUpCaseType, @Ctx() ctx: Context): Promise<FollowUpNote[]> {
    await read(ctx, c);
    return c.notes.map((n) => ({ at: new Date(n.at), author: n.author, text: n.text }));
  }

  @FieldResolver(() => [FollowUpContact], { description: 'Attempts to reach the customer, oldest first.' })
  async contacts(@Root() c: FollowUpCaseType, @Ctx() ctx: Context): Promise<FollowUpContact[]> {
    await read(ctx, c);
    return c.contacts.map((k) => ({ at: new Date(k.at), by: k.by, channel: k.channel, reached: k.reached, note: k.note ?? null }));
  }

  @FieldResolver(() => CustomerContactDetailsType, { nullable: true, description: 'Name, e-mail and phone of the customer; null when no contact details were imported.' })
  async contactDetails(@Root() c: FollowUpCaseType, @Ctx() ctx: Context): Promise<CustomerContactDetailsType | null> {
    await read(ctx, c);
    return contactsByCustomer(ctx).load(c.customerId);
  }

  @FieldResolver(() => CaseAnswerType, { nullable: true, description: 'The answer with its ratings and comment; null if it is no longer in the analytics store.' })
  async answer(@Root() c: FollowUpCaseType, @Ctx() ctx: Context): Promise<CaseAnswerType | null> {
    await read(ctx, c);
    return answersById(ctx).load(c.responseId);
  }

  @FieldResolver(() => CaseCustomerType, { nullable: true, description: 'Persona, unit, tenure and value now; null if the customer is not in the analytics store.' })
  async customer(@Root() c: FollowUpCaseType, @Ctx() ctx: Context): Promise<CaseCustomerType | null> {
    await read(ctx, c);
    return customersById(ctx).load(c.customerId);
  }

  @FieldResolver(() => [CaseAnswerType], { description: "The customer's answers before this one, newest first." })
  async earlierAnswers(@Root() c: FollowUpCaseType, @Ctx() ctx: Context, @Args(() => EarlierAnswersArgs) { limit }: EarlierAnswersArgs): Promise<CaseAnswerType[]> {
    await read(ctx, c);
    return earlierAnswers(ctx).load({ caseId: c.id, customerId: c.customerId, before: c.respondedAt, limit });
  }

  // The work around the case.

  @FieldResolver(() => Touchpoint, { nullable: true, description: 'The touchpoint answered about (name, owner, responsible); null for relationship answers.' })
  touchpoint(@Root() c: FollowUpCaseType, @Ctx() ctx: Context): Promise<Touchpoint | null> {
    return c.touchpointCode ? touchpointsByCode(ctx).load(c.touchpointCode) : Promise.resolve(null);
  }

  @FieldResolver(() => Department, { nullable: true, description: 'The department whose queue holds the case.' })
  department(@Root() c: FollowUpCaseType): Promise<Department | null> {
    return loadRef(c.department);
  }

  @FieldResolver(() => UserType, { nullable: true })
  async assignee(@Root() c: FollowUpCaseType, @Ctx() ctx: Context): Promise<UserType | null> {
    const user = c.assignee ? await usersById(ctx).load(c.assignee.id) : null;
    return user ? toUserType(user) : null;
  }
}

function read(ctx: Context, c: FollowUpCaseType): Promise<true> {
  return caseReads(ctx).load({ caseId: c.id, customerId: c.customerId });
}
