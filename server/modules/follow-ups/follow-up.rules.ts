import { DEFAULT_FOLLOW_UP_MAX_AGE_DAYS } from '../../config.js';
import { FollowUpOutcome, FollowUpStatus } from './follow-up.entity.js';
import { DAY_MS } from '../../../analytics/localDate.js';

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


/**
 * When the customer must have been contacted: the answer's time plus the SLA of the rule that opened
 * the case. The SLA runs on the customer's clock, so an answer that reaches Touchpoint late is overdue
 * at once: the queue then says honestly how long the customer has waited.
 */
export function dueDate(respondedAt: Date, slaDays: number): Date {
  return new Date(respondedAt.getTime() + slaDays * DAY_MS);
}

/** Overdue: still OPEN (nobody has contacted the customer) after the due date. */
export function isOverdue(c: { status: FollowUpStatus; dueAt: Date }, now: Date): boolean {
  return c.status === OPEN && c.dueAt.getTime() < now.getTime();
}

/**
 * What the enabled rules say about opening cases: the rule with the strictest SLA opens them (its name is
 * kept on the case), and THANK cases open if any rule asks for them. Without an enabled rule: the default SLA.
 */
export function followUpPolicy(
  rules: readonly { enabled: boolean; slaDays: number; thankPromoters: boolean; name?: string }[],
): { slaDays: number; thankPromoters: boolean; ruleName: string | null } {
  const enabled = rules.filter((r) => r.enabled);
  const strictest = enabled.reduce<(typeof enabled)[number] | null>((best, r) => (best === null || r.slaDays < best.slaDays ? r : best), null);
  return {
    slaDays: strictest?.slaDays ?? DEFAULT_SLA_DAYS,
    thankPromoters: enabled.some((r) => r.thankPromoters),
    ruleName: strictest?.name ?? null,
  };
}

/** Which status closing a case with an outcome leads to. */
export const OUTCOME_STATUS: Readonly<Record<FollowUpOutcome, FollowUpStatus>> = {
  [FollowUpOutcome.RESOLVED]: RESOLVED,
  [FollowUpOutcome.REACHED]: CLOSED_NO_ACTION,
  [FollowUpOutcome.NOT_REACHED]: CLOSED_NO_ACTION,
};

/** Still being worked: open or contacted. */
export const isActive = (status: FollowUpStatus): boolean => status === OPEN || status === CONTACTED;
