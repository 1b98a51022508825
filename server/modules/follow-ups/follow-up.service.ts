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
import { FollowUpCase, FollowUpStatus, type FollowUpNote } from './follow-up.entity.js';
import { FollowUpErrors } from './follow-up.errors.js';
import type { FollowUpFilter } from './follow-up.input.js';
import { allowedNext, canMove } from './follow-up.rules.js';

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

  private where(given?: FollowUpFilter | null): FilterQuery<FollowUpCase> {
    const filter = given ?? {}; // null when a client sends `filter: null`
    const conditions: FilterQuery<FollowUpCase>[] = [this.scope()];
    if (filter.departmentId) conditions.push({ department: filter.departmentId });
    if (filter.assigneeId) conditions.push({ assignee: filter.assigneeId });
    if (filter.unassigned === true) conditions.push({ assignee: null });
    if (filter.unassigned === false) conditions.push({ assignee: { $ne: null } });
    if (filter.status?.length) conditions.push({ status: { $in: filter.status } });
    if (filter.kind) conditions.push({ kind: filter.kind });
    if (filter.personaCode) conditions.push({ personaCode: filter.personaCode });
    if (filter.touchpointCode) conditions.push({ touchpointCode: filter.touchpointCode });
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
  async counts(filter?: FollowUpFilter): Promise<CountRow[]> {
    const rows = await this.em
      .createQueryBuilder(FollowUpCase, 'c')
      .select(['c.department', 'c.status'])
      .addSelect(raw('count(*)::int as n'))
      .addSelect(raw(`(count(*) filter (where c.status = 'OPEN' and c.due_at < ?))::int as overdue`, [this.now]))
      .where(this.where(filter))
      .groupBy(['c.department', 'c.status'])
      .execute<{ department_id: string | null; status: FollowUpStatus; n: number; overdue: number }[]>('all', false);
    return rows.map((r) => ({ departmentId: r.department_id, status: r.status, count: r.n, overdue: r.overdue }));
  }

  async get(id: string): Promise<FollowUpCase> {
    const found = await this.em.findOne(FollowUpCase, { $and: [{ id }, this.scope()] });
    if (!found) throw FollowUpErrors.caseNotFound(id);
    return found;
  }

  /** Hands the case to a department and/or a person. The assignee must be able to work cases of the case's department. */
  async assign(id: string, assigneeId: string | null | undefined, departmentId?: string): Promise<FollowUpCase> {
    const found = await this.get(id);
    if (departmentId && departmentId !== found.department?.id) {
      found.department = await findOrNotFound(this.em, Department, 'Department', departmentId);
      if (assigneeId === undefined) found.assignee = undefined;
    }
    if (assigneeId === null) found.assignee = undefined;
    else if (assigneeId !== undefined) {
      const user = await this.em.findOne(User, { id: assigneeId, active: true }, { populate: ['department'] });
      if (!user) throw FollowUpErrors.assigneeNotFound(assigneeId);
      if (!FOLLOW_UP_ROLES.includes(user.role)) throw FollowUpErrors.assigneeCannotFollowUp(assigneeId, user.role);
      const caseDepartment = found.department ? await this.em.findOneOrFail(Department, found.department.id) : null;
      if (user.role !== Role.ADMIN && (!caseDepartment || user.department?.id !== caseDepartment.id)) {
        throw FollowUpErrors.assigneeOutsideDepartment(assigneeId, caseDepartment?.name ?? null);
      }
      found.assignee = user;
    }
    audit(this.em, 'FOLLOW_UP_ASSIGNED', this.caller.id, { caseId: id, assigneeId: found.assignee?.id ?? null, departmentId: found.department?.id ?? null }, found.customerId);
    await this.em.flush();
    return found;
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
    await this.em
      .getConnection()
      .execute('update follow_up_case set notes = notes || ?::jsonb, updated_at = ? where id = ?', [JSON.stringify([note]), this.now, id]);
  }

  private async reload(found: FollowUpCase): Promise<FollowUpCase> {
    await this.em.refresh(found);
    return found;
  }
}
