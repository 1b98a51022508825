import type { ContactChannel, FollowUpFilter, FollowUpKind, FollowUpOutcome, FollowUpQueueQuery, FollowUpStatus } from '../../../graphql/generated';
import type { CsvValue } from '../../../shared/csv';
import { formatDate, formatMoney } from '../../../shared/format';

export type QueueItem = FollowUpQueueQuery['followUpCases']['items'][number];

export const STATUS_LABELS: Record<FollowUpStatus, string> = {
  OPEN: 'Open',
  CONTACTED: 'Contacted',
  RESOLVED: 'Resolved',
  CLOSED_NO_ACTION: 'Closed, no action',
};
/** What the button for moving a case to a status says. */
export const STATUS_ACTIONS: Record<FollowUpStatus, string> = {
  OPEN: 'Reopen',
  CONTACTED: 'Mark contacted',
  RESOLVED: 'Mark resolved',
  CLOSED_NO_ACTION: 'Close without action',
};
export const OUTCOME_LABELS: Record<FollowUpOutcome, { label: string; hint: string }> = {
  RESOLVED: { label: 'Resolved', hint: 'Reached the customer and settled the matter' },
  REACHED: { label: 'Reached, nothing more to do', hint: 'Talked to the customer; nothing could or needed to be done' },
  NOT_REACHED: { label: 'Not reached', hint: 'Could not reach the customer' },
};
export const CHANNEL_LABELS: Record<ContactChannel, string> = { PHONE: 'Phone', EMAIL: 'E-mail', SMS: 'Text message', MEETING: 'Meeting', OTHER: 'Other' };
export const KIND_LABELS: Record<FollowUpKind, { label: string; list: string; hint: string }> = {
  RECOVER: { label: 'Recover', list: 'Recover detractors', hint: 'A detractor (0–6): call, listen, fix' },
  THANK: { label: 'Thank', list: 'Thank promoters', hint: 'A promoter (9–10): say thank you' },
};

/**
 * The queue's filters in the address: ?view=mine&kind=THANK&status=RESOLVED&overdue=1&unassigned=1&case=ID.
 * RECOVER and THANK are separate lists (recovering a detractor and thanking a promoter are different work).
 */
export type StatusChoice = 'active' | 'all' | FollowUpStatus;
export type QueueView = 'team' | 'mine';
export interface QueueFilters {
  view: QueueView;
  status: StatusChoice;
  kind: FollowUpKind;
  overdue: boolean;
  unassigned: boolean;
}
const STATUS_CHOICES: StatusChoice[] = ['active', 'all', 'OPEN', 'CONTACTED', 'RESOLVED', 'CLOSED_NO_ACTION'];
export const STATUS_CHOICE_LABELS: Record<StatusChoice, string> = {
  active: 'Open and contacted',
  all: 'All',
  ...STATUS_LABELS,
};
export function statusChoices(): StatusChoice[] {
  return STATUS_CHOICES;
}

type Query = Record<string, unknown>;
export function parseQueueFilters(query: Query): QueueFilters {
  const status = STATUS_CHOICES.find((s) => s === query.status) ?? 'active';
  const kind = query.kind === 'THANK' ? 'THANK' : 'RECOVER';
  const view = query.view === 'mine' ? 'mine' : 'team';
  return { view, status, kind, overdue: query.overdue === '1', unassigned: query.unassigned === '1' && view === 'team' };
}
export function queueFiltersQuery(f: QueueFilters, keep: Query = {}): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof keep.case === 'string') out.case = keep.case;
  if (f.view === 'mine') out.view = 'mine';
  if (f.status !== 'active') out.status = f.status;
  if (f.kind === 'THANK') out.kind = f.kind;
  if (f.overdue) out.overdue = '1';
  if (f.unassigned) out.unassigned = '1';
  return out;
}
export function toFollowUpFilter(f: QueueFilters): FollowUpFilter {
  const status: FollowUpStatus[] | undefined = f.status === 'all' ? undefined : f.status === 'active' ? ['OPEN', 'CONTACTED'] : [f.status];
  return {
    kind: f.kind,
    ...(status ? { status } : {}),
    ...(f.view === 'mine' ? { assignedToMe: true } : {}),
    ...(f.overdue ? { overdue: true } : {}),
    ...(f.unassigned ? { unassigned: true } : {}),
  };
}

/** The counters follow the list's view and kind, not its status filter (they are counts per status). */
export function toCountsFilter(f: QueueFilters): FollowUpFilter {
  return { kind: f.kind, ...(f.view === 'mine' ? { assignedToMe: true } : {}) };
}

/** What the due column says: closed cases have no due date, only how they ended. */
export function dueCell(c: { dueAt: string; overdue: boolean; isClosed: boolean; status: FollowUpStatus; outcome?: FollowUpOutcome | null }, now: Date = new Date()): string {
  if (c.isClosed) return c.outcome ? `Closed: ${OUTCOME_LABELS[c.outcome].label.toLowerCase()}` : `Closed: ${STATUS_LABELS[c.status].toLowerCase()}`;
  if (c.status === 'CONTACTED') return 'Contacted';
  return dueText(c.dueAt, c.overdue, now);
}

/** "in 2 days", "3 h overdue": how urgent a case is, relative to now. */
export function dueText(dueAt: string, overdue: boolean, now: Date = new Date()): string {
  const hours = (Date.parse(dueAt) - now.getTime()) / 3_600_000;
  const abs = Math.abs(hours);
  const span = abs < 1 ? 'under an hour' : abs < 48 ? `${Math.round(abs)} h` : `${Math.round(abs / 24)} days`;
  if (overdue || hours < 0) return `${span} overdue`;
  return `due in ${span}`;
}

/** The columns on screen, as they read there; money with the currency in the header. */
export function queueCsvHeader(currency: string): string[] {
  return ['Due', 'Due date', 'Kind', 'Likelihood to recommend (0-10)', 'Touchpoint', 'Persona', `Customer value per year (${currency})`, 'Status', 'Department', 'Assigned to', 'Answered'];
}
export function queueCsvRows(items: readonly QueueItem[], now: Date = new Date()): CsvValue[][] {
  return items.map((c) => [
    dueCell(c, now),
    c.isClosed ? '' : formatDate(c.dueAt),
    KIND_LABELS[c.kind].label,
    c.ltr,
    c.touchpoint?.name ?? 'Relationship survey',
    c.persona?.name ?? 'Unknown persona',
    formatMoney(c.customerValue, { plain: true }),
    STATUS_LABELS[c.status],
    c.department?.name ?? 'No department',
    c.assignee?.name ?? 'Unassigned',
    formatDate(c.respondedAt),
  ]);
}
