import { median } from '../../../analytics/queries/priorities/quadrants.js';
import { FollowUpStatus } from './follow-up.entity.js';

/** One case as the loop trend reads it (RECOVER cases, the caller's scope). */
export interface LoopTrendCase {
  assigneeId: string | null;
  respondedAt: Date;
  dueAt: Date;
  contactedAt: Date | null;
  status: FollowUpStatus;
}

/** One person's month: the cases whose answer came in that month, and what became of them. */
export interface LoopTrendFigures {
  /** First day of the month (UTC), YYYY-MM-DD. */
  month: string;
  assigned: number;
  contacted: number;
  /** Contacted on or before the due date. */
  contactedOnTime: number;
  resolved: number;
  /** Still not contacted (OPEN) after the due date, now. */
  overdue: number;
  /** Median hours from the answer to the first contact, over the contacted cases; null when none. */
  medianHoursToContact: number | null;
  /** Median hours of first contact after the due date (negative: before it), over the contacted cases; null when none. */
  medianHoursAfterDue: number | null;
}

export interface LoopTrendPerson {
  /** null: the cases nobody is assigned to. */
  assigneeId: string | null;
  months: LoopTrendFigures[];
}

const HOUR_MS = 3_600_000;
const monthKey = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;

/** The `count` months ending with the month of `now`, oldest first, as YYYY-MM-01. */
export function lastMonths(now: Date, count: number): string[] {
  return Array.from({ length: count }, (_, i) => monthKey(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1 - i), 1))));
}

/**
 * Closing the loop per person and month, the one place these figures are computed: cases are counted in
 * the month their answer came in (the SLA runs from the answer), so a month's figures say what became of
 * that month's detractors. Every person with a case gets every month (zeros where none), people in the
 * order given, the unassigned cases last.
 */
export function loopTrend(cases: readonly LoopTrendCase[], options: { now: Date; months: readonly string[]; people: readonly string[] }): LoopTrendPerson[] {
  const { now, months } = options;
  const groups = new Map<string | null, LoopTrendCase[]>();
  for (const c of cases) {
    if (!months.includes(monthKey(c.respondedAt))) continue;
    groups.set(c.assigneeId, [...(groups.get(c.assigneeId) ?? []), c]);
  }
  const order: (string | null)[] = [...options.people.filter((id) => groups.has(id)), ...[...groups.keys()].filter((id): id is string => id !== null && !options.people.includes(id))];
  if (groups.has(null)) order.push(null);
  return order.map((assigneeId) => {
    const own = groups.get(assigneeId) ?? [];
    return {
      assigneeId,
      months: months.map((month) => {
        const inMonth = own.filter((c) => monthKey(c.respondedAt) === month);
        const contacted = inMonth.filter((c): c is LoopTrendCase & { contactedAt: Date } => c.contactedAt !== null);
        return {
          month,
          assigned: inMonth.length,
          contacted: contacted.length,
          contactedOnTime: contacted.filter((c) => c.contactedAt.getTime() <= c.dueAt.getTime()).length,
          resolved: inMonth.filter((c) => c.status === FollowUpStatus.RESOLVED).length,
          overdue: inMonth.filter((c) => c.status === FollowUpStatus.OPEN && c.dueAt.getTime() < now.getTime()).length,
          medianHoursToContact: median(contacted.map((c) => (c.contactedAt.getTime() - c.respondedAt.getTime()) / HOUR_MS)),
          medianHoursAfterDue: median(contacted.map((c) => (c.contactedAt.getTime() - c.dueAt.getTime()) / HOUR_MS)),
        };
      }),
    };
  });
}
