import type { FollowUpFilter, FollowUpKind, FollowUpQueueQuery, FollowUpStatus } from '../../../graphql/generated';
import type { CsvValue } from '../../../shared/csv';

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
export const KIND_LABELS: Record<FollowUpKind, { label: string; hint: string }> = {
  RECOVER: { label: 'Recover', hint: 'A detractor (0–6): call, listen, fix' },
  THANK: { label: 'Thank', hint: 'A promoter (9–10): say thank you' },
};

/** The queue's filters in the address: ?status=OPEN,CONTACTED&kind=RECOVER&overdue=1&unassigned=1&case=ID. */
export type StatusChoice = 'active' | 'all' | FollowUpStatus;
export interface QueueFilters {
  status: StatusChoice;
  kind: FollowUpKind | null;
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
  const kind = query.kind === 'RECOVER' || query.kind === 'THANK' ? query.kind : null;
  return { status, kind, overdue: query.overdue === '1', unassigned: query.unassigned === '1' };
}
export function queueFiltersQuery(f: QueueFilters, keep: Query = {}): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof keep.case === 'string') out.case = keep.case;
  if (f.status !== 'active') out.status = f.status;
  if (f.kind) out.kind = f.kind;
  if (f.overdue) out.overdue = '1';
  if (f.unassigned) out.unassigned = '1';
  return out;
}
export function toFollowUpFilter(f: QueueFilters): FollowUpFilter {
  const status: FollowUpStatus[] | undefined = f.status === 'all' ? undefined : f.status === 'active' ? ['OPEN', 'CONTACTED'] : [f.status];
  return {
    ...(status ? { status } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.overdue ? { overdue: true } : {}),
    ...(f.unassigned ? { unassigned: true } : {}),
  };
}

/** "in 2 days", "3 h overdue": how urgent a case is, relative to now. */
export function dueText(dueAt: string, overdue: boolean, now: Date = new Date()): string {
  const hours = (Date.parse(dueAt) - now.getTime()) / 3_600_000;
  const abs = Math.abs(hours);
  const span = abs < 1 ? 'under an hour' : abs < 48 ? `${Math.round(abs)} h` : `${Math.round(abs / 24)} days`;
  if (overdue || hours < 0) return `${span} overdue`;
  return `due in ${span}`;
}

export const QUEUE_CSV_HEADER = ['Due', 'Overdue', 'Kind', 'Likelihood to recommend', 'Touchpoint', 'Persona', 'Customer value per year', 'Status', 'Department', 'Assignee', 'Answered'] as const;
export function queueCsvRows(items: readonly QueueItem[]): CsvValue[][] {
  return items.map((c) => [
    c.dueAt,
    c.overdue,
    KIND_LABELS[c.kind].label,
    c.ltr,
    c.touchpoint?.name ?? 'Relationship survey',
    c.persona?.name ?? c.personaCode,
    c.customerValue,
    STATUS_LABELS[c.status],
    c.department?.name ?? null,
    c.assignee?.name ?? null,
    c.respondedAt,
  ]);
}
