import type { ContactChannel, FollowUpFilter, FollowUpKind, FollowUpOutcome, FollowUpQueueQuery, FollowUpStatus } from '../../../graphql/generated';
import type { CsvValue } from '../../../shared/csv';
import { formatCount, formatDate, formatMoney } from '../../../shared/format';
import { t } from '../../../shared/i18n';

export type QueueItem = FollowUpQueueQuery['followUpCases']['items'][number];

// Getters: every label is read in the user's language when it is shown.
export const STATUS_LABELS: Record<FollowUpStatus, string> = {
  get OPEN() { return t('followUp.labels.status.OPEN'); },
  get CONTACTED() { return t('followUp.labels.status.CONTACTED'); },
  get RESOLVED() { return t('followUp.labels.status.RESOLVED'); },
  get CLOSED_NO_ACTION() { return t('followUp.labels.status.CLOSED_NO_ACTION'); },
};
/** What the button for moving a case to a status says. */
export const STATUS_ACTIONS: Record<FollowUpStatus, string> = {
  get OPEN() { return t('followUp.labels.action.OPEN'); },
  get CONTACTED() { return t('followUp.labels.action.CONTACTED'); },
  get RESOLVED() { return t('followUp.labels.action.RESOLVED'); },
  get CLOSED_NO_ACTION() { return t('followUp.labels.action.CLOSED_NO_ACTION'); },
};
const labelAndHint = (key: string) => ({
  get label() { return t(`followUp.labels.${key}.label`); },
  get hint() { return t(`followUp.labels.${key}.hint`); },
});
export const OUTCOME_LABELS: Record<FollowUpOutcome, { readonly label: string; readonly hint: string }> = {
  RESOLVED: labelAndHint('outcome.RESOLVED'),
  REACHED: labelAndHint('outcome.REACHED'),
  NOT_REACHED: labelAndHint('outcome.NOT_REACHED'),
};
export const CHANNEL_LABELS: Record<ContactChannel, string> = {
  get PHONE() { return t('followUp.labels.channel.PHONE'); },
  get EMAIL() { return t('followUp.labels.channel.EMAIL'); },
  get SMS() { return t('followUp.labels.channel.SMS'); },
  get MEETING() { return t('followUp.labels.channel.MEETING'); },
  get OTHER() { return t('followUp.labels.channel.OTHER'); },
};
const kind = (key: FollowUpKind) => ({ ...labelAndHint(`kind.${key}`), get list() { return t(`followUp.labels.kind.${key}.list`); } });
export const KIND_LABELS: Record<FollowUpKind, { readonly label: string; readonly list: string; readonly hint: string }> = {
  RECOVER: kind('RECOVER'),
  THANK: kind('THANK'),
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
  get active() { return t('followUp.labels.choice.active'); },
  get all() { return t('followUp.labels.choice.all'); },
  get OPEN() { return STATUS_LABELS.OPEN; },
  get CONTACTED() { return STATUS_LABELS.CONTACTED; },
  get RESOLVED() { return STATUS_LABELS.RESOLVED; },
  get CLOSED_NO_ACTION() { return STATUS_LABELS.CLOSED_NO_ACTION; },
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
  if (c.isClosed) return t('followUp.labels.closed', { how: (c.outcome ? OUTCOME_LABELS[c.outcome].label : STATUS_LABELS[c.status]).toLowerCase() });
  if (c.status === 'CONTACTED') return STATUS_LABELS.CONTACTED;
  return dueText(c.dueAt, c.overdue, now);
}

/** "in 2 days", "3 h overdue": how urgent a case is, relative to now. */
export function dueText(dueAt: string, overdue: boolean, now: Date = new Date()): string {
  const hours = (Date.parse(dueAt) - now.getTime()) / 3_600_000;
  const abs = Math.abs(hours);
  const span = abs < 1 ? t('followUp.labels.underAnHour') : abs < 48 ? t('followUp.loopTrend.hours', { n: formatCount(abs) }) : t('followUp.labels.daysWhole', { n: formatCount(abs / 24) });
  if (overdue || hours < 0) return t('followUp.labels.overdue', { span });
  return t('followUp.labels.dueIn', { span });
}

/** The columns on screen, as they read there; money with the currency in the header. */
export function queueCsvHeader(currency: string): string[] {
  const keys = ['due', 'dueDate', 'kind', 'ltr', 'touchpoint', 'persona', 'value', 'status', 'department', 'assignee', 'answered'];
  return keys.map((key) => t(`followUp.csv.${key}`, { currency }));
}
export function queueCsvRows(items: readonly QueueItem[], now: Date = new Date()): CsvValue[][] {
  return items.map((c) => [
    dueCell(c, now),
    c.isClosed ? '' : formatDate(c.dueAt),
    KIND_LABELS[c.kind].label,
    c.ltr,
    c.touchpoint?.name ?? t('followUp.queue.relationship'),
    c.persona?.name ?? t('followUp.queue.unknownPersona'),
    formatMoney(c.customerValue, { plain: true }),
    STATUS_LABELS[c.status],
    c.department?.name ?? t('followUp.queue.noDepartmentShort'),
    c.assignee?.name ?? t('followUp.queue.unassigned'),
    formatDate(c.respondedAt),
  ]);
}
