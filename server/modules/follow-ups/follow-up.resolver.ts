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
import { FollowUpNote, FollowUpStatus } from './follow-up.entity.js';
import { AddNoteArgs, AssignArgs, FollowUpFilter, FollowUpQueueArgs, LoopMetricsArgs, SetStatusArgs } from './follow-up.input.js';
import { answersById, caseReads, customersById, earlierAnswers, personasByCode, touchpointsByCode, usersById } from './follow-up.loaders.js';
import { FollowUpService } from './follow-up.service.js';
import {
  CaseAnswerType,
  CaseCustomerType,
  FollowUpCasePage,
  FollowUpCaseType,
  FollowUpCounts,
  FollowUpLoopMetrics,
  toFollowUpCaseType,
  type DepartmentCount,
  type StatusCount,
} from './follow-up.type.js';
import { loopMetrics } from './loop-metrics.service.js';

const service = (ctx: Context) => new FollowUpService(ctx.em, requireCaller(ctx));

@ArgsType()
class EarlierAnswersArgs {
  @Field(() => Int, { defaultValue: 10, description: '1-50, newest first.' })
  @IsInt()
  @Min(1)
  @Max(50)
  limit!: number;
}

const STATUSES = Object.values(FollowUpStatus);
const byStatus = (rows: readonly { status: FollowUpStatus; count: number }[]): StatusCount[] =>
  STATUSES.map((status) => ({ status, count: rows.filter((r) => r.status === status).reduce((sum, r) => sum + r.count, 0) }));

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
  async followUpCounts(@Ctx() ctx: Context, @Arg('filter', () => FollowUpFilter, { nullable: true }) filter?: FollowUpFilter): Promise<FollowUpCounts> {
    const rows = await service(ctx).counts(filter);
    const departmentIds = [...new Set(rows.map((r) => r.departmentId).filter((id): id is string => id !== null))];
    const departments = new Map((await ctx.em.find(Department, { id: { $in: departmentIds } })).map((d) => [d.id, d]));
    const byDepartment: DepartmentCount[] = [...new Set(rows.map((r) => r.departmentId))].map((id) => {
      const own = rows.filter((r) => r.departmentId === id);
      return {
        department: id === null ? null : (departments.get(id) ?? null),
        total: own.reduce((sum, r) => sum + r.count, 0),
        open: own.filter((r) => r.status === FollowUpStatus.OPEN).reduce((sum, r) => sum + r.count, 0),
        overdue: own.reduce((sum, r) => sum + r.overdue, 0),
        byStatus: byStatus(own),
      };
    });
    byDepartment.sort((a, b) => (a.department?.name ?? '\uffff').localeCompare(b.department?.name ?? '\uffff'));
    return {
      total: rows.reduce((sum, r) => sum + r.count, 0),
      open: rows.filter((r) => r.status === FollowUpStatus.OPEN).reduce((sum, r) => sum + r.count, 0),
      overdue: rows.reduce((sum, r) => sum + r.overdue, 0),
      byStatus: byStatus(rows),
      byDepartment,
    };
  }

  @Authorized(Rule.readAggregates)
  @Query(() => [FollowUpLoopMetrics], {
    description: 'Closing the loop per department (then cases without one, then ALL): contact within SLA, time to contact, churn of recovered vs not contacted.',
  })
  followUpLoopMetrics(@Ctx() ctx: Context, @Args(() => LoopMetricsArgs) { from, to }: LoopMetricsArgs): Promise<FollowUpLoopMetrics[]> {
    return loopMetrics(ctx.em, ctx.deps.analytics, { from, to });
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
  @Mutation(() => FollowUpCaseType)
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
