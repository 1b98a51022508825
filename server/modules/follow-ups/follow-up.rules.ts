import { DEFAULT_FOLLOW_UP_MAX_AGE_DAYS } from '../../config.js';
import { FollowUpStatus } from './follow-up.entity.js';

const { OPEN, CONTACTED, RESOLVED, CLOSED_NO_ACTION } = FollowUpStatus;

/**
 * The life of a case: OPEN → CONTACTED → RESOLVED, or CLOSED_NO_ACTION from OPEN (the customer cannot be
 * reached, or there is nothing to do) or from CONTACTED (talked, nothing won back). Closed cases stay closed:
 * a new answer from the customer opens a new case.
 */
export const NEXT_STATUSES: Readonly<Record<FollowUpStatus, readonly FollowUpStatus[]>> = {
  [OPEN]: [CONTACTED, CLOSED_NO_ACTION],
  [CONTACTED]: [RESOLVED, CLOSED_NO_ACTION],
  [RESOLVED]: [],
  [CLOSED_NO_ACTION]: [],
};

export const allowedNext = (from: FollowUpStatus): readonly FollowUpStatus[] => NEXT_STATUSES[from];
export const canMove = (from: FollowUpStatus, to: FollowUpStatus): boolean => NEXT_STATUSES[from].includes(to);

/** Without an enabled alert rule, cases still open with this SLA (the AlertRule default). */
export const DEFAULT_SLA_DAYS = 2;
/** Answers older than this when they reach Touchpoint open no case (FOLLOW_UP_MAX_AGE_DAYS in server/config.ts). */
export const DEFAULT_MAX_AGE_DAYS = DEFAULT_FOLLOW_UP_MAX_AGE_DAYS;
/** Relationship answers (about the company, no touchpoint) go to the department with this name. */
export const RELATIONSHIP_DEPARTMENT = 'Customer Service';

const DAY_MS = 86_400_000;

/**
 * When the customer must have been contacted. The SLA runs on the customer's clock: answer + slaDays.
 * An answer whose SLA had already run out when it reached Touchpoint (a back-load of historic answers,
 * or a late export) gets slaDays from when its case opened instead: nobody could have called before
 * the answer was known, and a queue that is overdue on arrival tells the department nothing.
 */
export function dueDate(respondedAt: Date, openedAt: Date, slaDays: number): Date {
  const onCustomerClock = respondedAt.getTime() + slaDays * DAY_MS;
  return new Date(onCustomerClock > openedAt.getTime() ? onCustomerClock : openedAt.getTime() + slaDays * DAY_MS);
}

/** Overdue: still OPEN (nobody has contacted the customer) after the due date. */
export function isOverdue(c: { status: FollowUpStatus; dueAt: Date }, now: Date): boolean {
  return c.status === OPEN && c.dueAt.getTime() < now.getTime();
}

/** What the enabled rules say about opening cases: the strictest SLA, and THANK cases if any rule asks for them. */
export function followUpPolicy(rules: readonly { enabled: boolean; slaDays: number; thankPromoters: boolean }[]): { slaDays: number; thankPromoters: boolean } {
  const enabled = rules.filter((r) => r.enabled);
  return {
    slaDays: enabled.length ? Math.min(...enabled.map((r) => r.slaDays)) : DEFAULT_SLA_DAYS,
    thankPromoters: enabled.some((r) => r.thankPromoters),
  };
}
