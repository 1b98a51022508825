import { raw, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit } from '../../auth/auth.service.js';
import { AppError } from '../../common/errors.js';
import { findOrNotFound } from '../../common/loaders.js';
import type { Caller } from '../../context.js';
import { Department } from '../departments/department.entity.js';
import { Rule } from '../../auth/rules.js';
import { Role } from '../users/user.enums.js';
import { User } from '../users/user.entity.js';
import { FollowUpCase, FollowUpKind, FollowUpOutcome, FollowUpStatus, type ContactChannel, type FollowUpContact, type FollowUpNote } from './follow-up.entity.js';
import { FollowUpErrors } from './follow-up.errors.js';
import type { FollowUpFilter } from './follow-up.input.js';
import type { DepartmentCount, FollowUpCounts, StatusCount } from './follow-up.type.js';
import { allowedNext, canMove, isActive, OUTCOME_STATUS } from './follow-up.rules.js';
import { lastMonths, loopTrend, type LoopTrendPerson } from './loop-trend.js';
import { notifyCaseAssigned, notifyCasesAssigned } from '../notifications/events.js';
import { converted, sql } from '../../common/sql.js';

export interface QueuePage {
  totalCount: number;
  items: FollowUpCase[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface CountRow {
  departmentId: string | null;
  status: FollowUpStatus;
  count: number;
  overdue: number;
}

const FOLLOW_UP_ROLES: readonly Role[] = Rule.followUp;

const STATUSES = Object.values(FollowUpStatus);
const byStatus = (rows: readonly { status: FollowUpStatus; count: number }[]): StatusCount[] =>
  STATUSES.map((status) => ({ status, count: rows.filter((r) => r.status === status).reduce((sum, r) => sum + r.count, 0) }));

/** The cursor of the queue order (dueAt, id): opaque to clients. */
const encodeCursor = (c: FollowUpCase) => Buffer.from(`${c.dueAt.toISOString()}|${c.id}`).toString('base64url');
function decodeCursor(after: string): { dueAt: Date; id: string } {
  const [at, id] = Buffer.from(after, 'base64url').toString('utf8').split('|');
  const dueAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(dueAt.getTime())) throw FollowUpErrors.badCursor(after);
  return { dueAt, id };
}

/**
 * The follow-up queue for one caller. Every read and write goes through `scope()`, a WHERE condition:
 * ADMIN sees every case; other follow-up roles only their department's cases; a user without a
 * department sees none. Cases outside the scope answer NOT_FOUND, so their existence does not leak.
 */
export class FollowUpService {
  constructor(
    private readonly em: EntityManager,
    private readonly caller: Caller,
    readonly now: Date = new Date(),
  ) {
    // @Authorized(Rule.followUp) already refuses other roles; this keeps the service safe on its own.
    if (!FOLLOW_UP_ROLES.includes(caller.role)) {
      throw new AppError('FORBIDDEN', `Your role ${caller.role} may not work follow-up cases.`);
    }
  }

  scope(): FilterQuery<FollowUpCase> {
    if (this.caller.role === Role.ADMIN) return {};
    if (!this.caller.departmentId) return { id: { $in: [] } };
    return { department: this.caller.departmentId };
  }

  /**
   * Closing the loop per person over the last `months` months (this one included), from the detractor
   * (RECOVER) cases in the caller's scope; the people with cases come back too, by name.
   */
  async loopTrend(months: number): Promise<{ trend: LoopTrendPerson[]; people: Map<string, User> }> {
    const keys = lastMonths(this.now, months);
    const since = new Date(`${keys[0]}T00:00:00Z`);
    const cases = await this.em.find(FollowUpCase, { $and: [this.scope(), { kind: FollowUpKind.RECOVER, respondedAt: { $gte: since } }] }, { fields: ['assignee', 'respondedAt', 'dueAt', 'contactedAt', 'status'] });
    const ids = [...new Set(cases.map((c) => c.assignee?.id).filter((id): id is string => id !== undefined))];
    const users = ids.length ? await this.em.find(User, { id: { $in: ids } }, { orderBy: { name: 'asc' } }) : [];
    const trend = loopTrend(
      cases.map((c) => ({ assigneeId: c.assignee?.id ?? null, respondedAt: c.respondedAt, dueAt: c.dueAt, contactedAt: c.contactedAt ?? null, status: c.status })),
      { now: this.now, months: keys, people: users.map((u) => u.id) },
    );
    return { trend, people: new Map(users.map((u) => [u.id, u])) };
  }

  private where(given?: FollowUpFilter | null): FilterQuery<FollowUpCase> {
    const filter = given ?? {}; // null when a client sends `filter: null`
    const conditions: FilterQuery<FollowUpCase>[] = [this.scope()];
    if (filter.departmentId) conditions.push({ department: filter.departmentId });
    if (filter.assigneeId) conditions.push({ assignee: filter.assigneeId });
    if (filter.assignedToMe === true) conditions.push({ assignee: this.caller.id });
    if (filter.unassigned === true) conditions.push({ assignee: null });
    if (filter.unassigned === false) conditions.push({ assignee: { $ne: null } });
    if (filter.status?.length) conditions.push({ status: { $in: filter.status } });
    if (filter.kind) conditions.push({ kind: filter.kind });
    if (filter.personaCode) conditions.push({ personaCode: filter.personaCode });
    if (filter.touchpointCode) conditions.push({ touchpointCode: filter.touchpointCode });
    if (filter.customerId) conditions.push({ customerId: filter.customerId });
    if (filter.minValue !== undefined && filter.minValue !== null) conditions.push({ customerValue: { $gte: filter.minValue } });
    if (filter.overdue === true) conditions.push({ status: FollowUpStatus.OPEN, dueAt: { $lt: this.now } });
    if (filter.overdue === false) conditions.push({ $or: [{ status: { $ne: FollowUpStatus.OPEN } }, { dueAt: { $gte: this.now } }] });
    return { $and: conditions };
  }

  async list(filter: FollowUpFilter | undefined, first: number, after?: string): Promise<QueuePage> {
    const where = this.where(filter);
    const cursor = after ? decodeCursor(after) : undefined;
    const pageWhere: FilterQuery<FollowUpCase> = cursor
      ? { $and: [where, { $or: [{ dueAt: { $gt: cursor.dueAt } }, { dueAt: cursor.dueAt, id: { $gt: cursor.id } }] }] }
      : where;
    const [items, totalCount] = await Promise.all([
      this.em.find(FollowUpCase, pageWhere, { orderBy: { dueAt: 'asc', id: 'asc' }, limit: first + 1 }),
      this.em.count(FollowUpCase, where),
    ]);
    const hasNextPage = items.length > first;
    const page = items.slice(0, first);
    const last = page.at(-1);
    return { totalCount, items: page, endCursor: last ? encodeCursor(last) : null, hasNextPage };
  }

  /** Cases per department and status, with the overdue ones, in one grouped statement. */
  private async countRows(filter?: FollowUpFilter): Promise<CountRow[]> {
    const rows = await converted(
      this.em,
      this.em
        .createQueryBuilder(FollowUpCase, 'c')
        .select(['c.department', 'c.status'])
        .addSelect(raw('count(*)::int as n'))
        .addSelect(raw(`(count(*) filter (where c.status = 'OPEN' and c.due_at < ?))::int as overdue`, [this.now]))
        .where(this.where(filter))
        .groupBy(['c.department', 'c.status'])
        .execute<{ department_id: string | null; status: FollowUpStatus; n: number; overdue: number }[]>('all', false),
    );
    return rows.map((r) => ({ departmentId: r.department_id, status: r.status, count: r.n, overdue: r.overdue }));
  }

  /** Queue counts by status and by department (departments by name, cases without one last). */
  async counts(filter?: FollowUpFilter): Promise<FollowUpCounts> {
    const rows = await this.countRows(filter);
    const departmentIds = [...new Set(rows.map((r) => r.departmentId).filter((id): id is string => id !== null))];
    const departments = new Map((await this.em.find(Department, { id: { $in: departmentIds } })).map((d) => [d.id, d]));
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

  async get(id: string): Promise<FollowUpCase> {
    const found = await this.em.findOne(FollowUpCase, { $and: [{ id }, this.scope()] });
    if (!found) throw FollowUpErrors.caseNotFound(id);
    return found;
  }

  /** Hands the case to a department and/or a person. The assignee must be able to work cases of the case's department. */
  async assign(id: string, assigneeId: string | null | undefined, departmentId?: string): Promise<FollowUpCase> {
    const found = await this.get(id);
    const previousAssigneeId = found.assignee?.id ?? null;
    if (departmentId && departmentId !== found.department?.id) {
      found.department = await findOrNotFound(this.em, Department, 'Department', departmentId);
      if (assigneeId === undefined) found.assignee = undefined;
    }
    if (assigneeId === null) found.assignee = undefined;
    else if (assigneeId !== undefined) found.assignee = await this.assignable(assigneeId, [found]);
    audit(this.em, 'FOLLOW_UP_ASSIGNED', this.caller.id, { caseId: id, assigneeId: found.assignee?.id ?? null, departmentId: found.department?.id ?? null }, found.customerId);
    // Queued in the same flush as the assignment; sent later by the delivery worker.
    if (found.assignee && found.assignee.id !== previousAssigneeId) await notifyCaseAssigned(this.em, found, this.caller.id, this.now);
    await this.em.flush();
    return found;
  }

  /** The active user with this id, if they may work every one of these cases (role, and the cases' department). */
  private async assignable(assigneeId: string, cases: readonly FollowUpCase[]): Promise<User> {
    const user = await this.em.findOne(User, { id: assigneeId, active: true }, { populate: ['department'] });
    if (!user) throw FollowUpErrors.assigneeNotFound(assigneeId);
    if (!FOLLOW_UP_ROLES.includes(user.role)) throw FollowUpErrors.assigneeCannotFollowUp(assigneeId, user.role);
    if (user.role === Role.ADMIN) return user;
    for (const c of cases) {
      if (!c.department || user.department?.id !== c.department.id) {
        const department = c.department ? await this.em.findOneOrFail(Department, c.department.id) : null;
        throw FollowUpErrors.assigneeOutsideDepartment(assigneeId, department?.name ?? null);
      }
    }
    return user;
  }

  /** Every case with these ids in the caller's scope, or NOT_FOUND naming the first missing one (nothing changes). */
  private async getMany(ids: readonly string[]): Promise<FollowUpCase[]> {
    const unique = [...new Set(ids)];
    const found = await this.em.find(FollowUpCase, { $and: [{ id: { $in: unique } }, this.scope()] });
    const missing = unique.find((id) => !found.some((c) => c.id === id));
    if (missing) throw FollowUpErrors.caseNotFound(missing);
    return unique.map((id) => found.find((c) => c.id === id)).filter((c): c is FollowUpCase => c !== undefined);
  }

  /** "Take" a case: the caller assigns it to themself (they must be able to work the case's department). */
  async take(id: string): Promise<FollowUpCase> {
    const found = await this.get(id);
    found.assignee = await this.assignable(this.caller.id, [found]);
    audit(this.em, 'FOLLOW_UP_ASSIGNED', this.caller.id, { caseId: id, assigneeId: this.caller.id, taken: true }, found.customerId);
    await this.em.flush();
    return found;
  }

  /** Assigns (or, with null, unassigns) many cases at once: all of them, or none when one cannot be. */
  async assignMany(ids: readonly string[], assigneeId: string | null): Promise<FollowUpCase[]> {
    const cases = await this.getMany(ids);
    const user = assigneeId === null ? undefined : await this.assignable(assigneeId, cases);
    const newlyAssigned: FollowUpCase[] = [];
    for (const c of cases) {
      if (user && user.id !== (c.assignee?.id ?? null)) newlyAssigned.push(c);
      c.assignee = user;
      audit(this.em, 'FOLLOW_UP_ASSIGNED', this.caller.id, { caseId: c.id, assigneeId, bulk: cases.length }, c.customerId);
    }
    // One e-mail for the whole action, not one per case.
    await notifyCasesAssigned(this.em, newlyAssigned, this.caller.id, this.now);
    await this.em.flush();
    return cases;
  }

  /**
   * Closes cases with an outcome and a reason, all in one transaction: RESOLVED → RESOLVED; REACHED and
   * NOT_REACHED → CLOSED_NO_ACTION. Reaching the customer (RESOLVED, REACHED) counts as the contact when
   * none was recorded. A case already closed refuses the whole batch (CONFLICT naming it).
   */
  async close(ids: readonly string[], outcome: FollowUpOutcome, reason: string): Promise<FollowUpCase[]> {
    return this.em.transactional(async (em) => {
      const queue = new FollowUpService(em, this.caller, this.now);
      const cases = await queue.getMany(ids);
      const to = OUTCOME_STATUS[outcome];
      const closed = cases.find((c) => !isActive(c.status));
      if (closed) throw FollowUpErrors.invalidTransition(closed.id, closed.status, to, allowedNext(closed.status));
      for (const c of cases) {
        const from = c.status;
        c.status = to;
        c.outcome = outcome;
        c.outcomeReason = reason.trim();
        c.resolvedAt = this.now;
        if (outcome !== FollowUpOutcome.NOT_REACHED && !c.contactedAt) c.contactedAt = this.now;
        c.updatedAt = this.now;
        audit(em, 'FOLLOW_UP_STATUS', this.caller.id, { caseId: c.id, from, to, outcome, bulk: cases.length }, c.customerId);
      }
      await em.flush();
      return cases;
    });
  }

  /** Logs an attempt to reach the customer; a successful one moves an OPEN case to CONTACTED. */
  async logContact(id: string, channel: ContactChannel, reached: boolean, note?: string): Promise<FollowUpCase> {
    const found = await this.get(id);
    const contact: FollowUpContact = { at: this.now, by: this.caller.name, channel, reached, note: note?.trim() || null };
    await sql(this.em, 'update follow_up_case set contacts = contacts || ?::jsonb, updated_at = ? where id = ?', [JSON.stringify([contact]), this.now, id], 'run');
    if (reached && found.status === FollowUpStatus.OPEN) {
      await this.em.nativeUpdate(FollowUpCase, { id, status: FollowUpStatus.OPEN }, { status: FollowUpStatus.CONTACTED, contactedAt: this.now, updatedAt: this.now });
    }
    audit(this.em, 'FOLLOW_UP_CONTACT', this.caller.id, { caseId: id, channel, reached }, found.customerId);
    await this.em.flush();
    return this.reload(found);
  }

  /** People who may be given cases of a department: its active follow-up users (and ADMINs). Non-ADMIN callers see only their own department. */
  async assignees(departmentId?: string): Promise<User[]> {
    const department = this.caller.role === Role.ADMIN ? departmentId : this.caller.departmentId;
    if (!department) return this.caller.role === Role.ADMIN ? this.em.find(User, { active: true, role: Role.ADMIN }, { orderBy: { name: 'asc' } }) : [];
    return this.em.find(
      User,
      { active: true, role: { $in: [...FOLLOW_UP_ROLES] }, $or: [{ department }, { role: Role.ADMIN }] },
      { orderBy: { name: 'asc' }, populate: ['department'] },
    );
  }

  /**
   * Moves the case along its life (follow-up.rules.ts), refusing anything else with the allowed next
   * statuses named. The update is conditional on the status read, so two people moving the same case at
   * once cannot both succeed.
   */
  async setStatus(id: string, status: FollowUpStatus, note?: string): Promise<FollowUpCase> {
    const found = await this.get(id);
    const from = found.status;
    if (!canMove(from, status)) throw FollowUpErrors.invalidTransition(id, from, status, allowedNext(from));
    const changes: Partial<Pick<FollowUpCase, 'status' | 'contactedAt' | 'resolvedAt' | 'updatedAt'>> = { status, updatedAt: this.now };
    if (status === FollowUpStatus.CONTACTED) changes.contactedAt = this.now;
    if (status === FollowUpStatus.RESOLVED || status === FollowUpStatus.CLOSED_NO_ACTION) changes.resolvedAt = this.now;
    const updated = await this.em.nativeUpdate(FollowUpCase, { id, status: from }, changes);
    if (updated !== 1) {
      await this.em.refresh(found);
      throw FollowUpErrors.changedMeanwhile(id, found.status);
    }
    if (note) await this.appendNote(id, note);
    audit(this.em, 'FOLLOW_UP_STATUS', this.caller.id, { caseId: id, from, to: status }, found.customerId);
    await this.em.flush();
    return this.reload(found);
  }

  async addNote(id: string, text: string): Promise<FollowUpCase> {
    const found = await this.get(id);
    await this.appendNote(id, text);
    audit(this.em, 'FOLLOW_UP_NOTE', this.caller.id, { caseId: id }, found.customerId);
    await this.em.flush();
    return this.reload(found);
  }

  /** Appends in SQL (jsonb ||), so two notes written at once are both kept. */
  private async appendNote(id: string, text: string): Promise<void> {
    const note: FollowUpNote = { at: this.now, author: this.caller.name, text: text.trim() };
    await sql(this.em, 'update follow_up_case set notes = notes || ?::jsonb, updated_at = ? where id = ?', [JSON.stringify([note]), this.now, id], 'run');
  }

  private async reload(found: FollowUpCase): Promise<FollowUpCase> {
    await this.em.refresh(found);
    return found;
  }
}
