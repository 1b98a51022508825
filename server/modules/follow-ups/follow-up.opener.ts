import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { listCaseCandidates, type CaseCandidate } from '../../../analytics/queries/followUps/listCaseCandidates.js';
import type { Queryable } from '../../../analytics/store.js';
import { Department } from '../departments/department.entity.js';
import { FollowUpCase, FollowUpKind, FollowUpStatus } from './follow-up.entity.js';
import { DEFAULT_MAX_AGE_DAYS, RELATIONSHIP_DEPARTMENT, dueDate, followUpPolicy } from './follow-up.rules.js';
import { DAY_MS } from '../../../analytics/localDate.js';
import { classifyNps } from '../../../analytics/stats/nps.js';
import { converted, sql } from '../../common/sql.js';

export interface OpenCasesOptions {
  /** The time of this run: cases open for answers given before it, and it is the cases' opening time. Default: now. */
  now?: Date;
  /** Only answers given at or after this instant. Default: now − maxAgeDays. */
  since?: Date;
  /** Default 14 (FOLLOW_UP_MAX_AGE_DAYS): an answer older than this when it arrives opens no case. */
  maxAgeDays?: number;
  /** Rows per INSERT statement. */
  batchSize?: number;
}

export interface OpenCasesResult {
  since: Date;
  until: Date;
  /** Detractor (and promoter) answers in the window. */
  candidates: number;
  /** Cases opened by this run. */
  opened: number;
  /** Answers that already had a case (earlier run, re-import, or another process). */
  existing: number;
  /** Opened cases that have no department (touchpoint code not in the model): only ADMIN sees them. */
  withoutDepartment: number;
}

export type FollowUpPolicyRule = { enabled: boolean; slaDays: number; thankPromoters: boolean; name?: string };


/**
 * Opens a follow-up case for every detractor answer (0-6), and every promoter answer (9-10) when an
 * enabled rule says thankPromoters, that has none yet. Idempotent by responseId: a unique index and
 * INSERT ... ON CONFLICT DO NOTHING mean re-running, overlapping windows, re-imports or two processes
 * at once never open a second case for the same answer.
 *
 * Routing: the touchpoint's owning department (dim_touchpoints.department_id, the Postgres id copied
 * into the store); relationship answers (no touchpoint) to the department named "Customer Service".
 * The due date is the answer's time plus the SLA of the strictest enabled rule (follow-up.rules.ts). Only answers from the last maxAgeDays open cases: a
 * call about a visit months ago helps nobody (they still count in every metric).
 */
export async function openFollowUpCases(
  em: EntityManager,
  store: Queryable,
  rules: readonly FollowUpPolicyRule[],
  options: OpenCasesOptions = {},
): Promise<OpenCasesResult> {
  const now = options.now ?? new Date();
  const since = options.since ?? new Date(now.getTime() - (options.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS) * DAY_MS);
  const policy = followUpPolicy(rules);
  const candidates = await listCaseCandidates(store, { since, until: now, promoters: policy.thankPromoters });
  const result: OpenCasesResult = { since, until: now, candidates: candidates.length, opened: 0, existing: 0, withoutDepartment: 0 };
  if (candidates.length === 0) return result;

  // Skip answers that already have a case before building rows: the usual periodic run finds nearly all of them.
  const known = await sql<{ response_id: string }[]>(em, 'select response_id from follow_up_case where responded_at >= ?', [since]);
  const existing = new Set(known.map((r) => r.response_id));
  const fresh = candidates.filter((c) => !existing.has(c.responseId));

  const departments = await em.find(Department, {}, { fields: ['id', 'name'] });
  const departmentIds = new Set(departments.map((d) => d.id));
  const relationshipDepartment = departments.find((d) => d.name === RELATIONSHIP_DEPARTMENT)?.id ?? null;
  const route = (c: CaseCandidate): string | null =>
    c.touchpointCode === null ? relationshipDepartment : c.departmentId !== null && departmentIds.has(c.departmentId) ? c.departmentId : null;

  const rows = fresh.map((c) => {
    const department = route(c);
    return {
      id: randomUUID(),
      createdAt: now,
      updatedAt: now,
      responseId: c.responseId,
      customerId: c.customerId,
      touchpointCode: c.touchpointCode ?? undefined,
      // Detractors are won back, promoters thanked: the candidates query selects only these two groups.
      kind: classifyNps(c.ltr) === 'DETRACTOR' ? FollowUpKind.RECOVER : FollowUpKind.THANK,
      status: FollowUpStatus.OPEN,
      department: department ?? undefined,
      notes: [],
      respondedAt: c.respondedAt,
      dueAt: dueDate(c.respondedAt, policy.slaDays),
      slaDays: policy.slaDays,
      slaRule: policy.ruleName ?? undefined,
      contacts: [],
      ltr: c.ltr,
      personaCode: c.personaCode ?? undefined,
      unitCode: c.unitCode ?? undefined,
      customerValue: c.annualMargin ?? undefined,
    };
  });
  const batchSize = options.batchSize ?? 1000;
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    const inserted = await converted(
      em,
      em
        .createQueryBuilder(FollowUpCase)
        .insert(batch)
        .onConflict('responseId')
        .ignore()
        .returning(['responseId', 'department'])
        .execute<{ response_id: string; department_id: string | null }[]>('all', false),
    );
    result.opened += inserted.length;
    result.withoutDepartment += inserted.filter((r) => r.department_id == null).length;
  }
  result.existing = candidates.length - result.opened;
  return result;
}
