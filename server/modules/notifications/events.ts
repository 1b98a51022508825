import type { EntityManager } from '@mikro-orm/postgresql';
import { Department } from '../departments/department.entity.js';
import { FollowUpCase, FollowUpKind, FollowUpStatus } from '../follow-ups/follow-up.entity.js';
import { Touchpoint } from '../journeys/touchpoint.entity.js';
import type { Alert } from '../alerts/alert.entity.js';
import type { AlertEvidence } from '../alerts/alert.evaluate.js';
import { User } from '../users/user.entity.js';
import { NotificationEvent, WebhookEndpoint } from './notification.entity.js';
import { formatSigned } from '../../../client/src/shared/format.js';
import { alertRecipients, caseRecipients, queueNotice, type NoticeWording } from './outbox.js';
import { dateLocale, day, fixed, say, whole } from '../../../analytics/i18n/index.js';

/** The kind of case in the recipient's language. */
const kindWords = (kind: FollowUpKind) => say(kind === FollowUpKind.RECOVER ? 'notice.kind.RECOVER' : 'notice.kind.THANK');

/** "Mon 7 Dec 2026, 14:05" in the company's time zone. */
export function formatWhen(at: Date, timeZone = 'Europe/Copenhagen'): string {
  return new Intl.DateTimeFormat(dateLocale(), { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(at);
}

/** NPS points to one decimal with a real minus sign, as the pages write them. */
const nps = (v: number | null | undefined) => formatSigned(v, 1);

async function caseNotice(em: EntityManager, event: NotificationEvent.CASE_ASSIGNED | NotificationEvent.CASE_OVERDUE, c: FollowUpCase, now: Date): Promise<NoticeWording> {
  const [touchpoint, department, assignee] = await Promise.all([
    c.touchpointCode ? em.findOne(Touchpoint, { code: c.touchpointCode }) : null,
    c.department ? em.findOne(Department, c.department.id) : null,
    c.assignee ? em.findOne(User, c.assignee.id) : null,
  ]);
  // Worded per recipient language (queueNotice calls this once per language).
  return () => {
    const where = touchpoint?.name ?? say('notice.case.relationship');
    const title = say(event === NotificationEvent.CASE_ASSIGNED ? 'notice.case.assigned' : 'notice.case.overdue', { what: kindWords(c.kind).toLowerCase(), where });
    return {
      event,
      occurredAt: now.toISOString(),
      title,
      facts: [
        [say('notice.fact.what'), kindWords(c.kind)],
        [say('notice.fact.touchpoint'), where],
        [say('notice.fact.department'), department?.name ?? say('notice.fact.noDepartment')],
        [say('notice.fact.due'), formatWhen(c.dueAt)],
      ],
      personalFacts: [
        [say('notice.fact.assignedTo'), assignee?.name ?? say('notice.fact.nobody')],
        [say('notice.fact.customer'), c.customerId],
        [say('notice.fact.ltr'), say('notice.fact.ltrValue', { ltr: c.ltr })],
      ],
      path: `follow-up?case=${c.id}`,
      data: { caseId: c.id, kind: c.kind, touchpointCode: c.touchpointCode ?? null, touchpointName: touchpoint?.name ?? null, department: department?.name ?? null, dueAt: c.dueAt.toISOString() },
      personalData: { assigneeName: assignee?.name ?? null, assigneeEmail: assignee?.email ?? null, customerId: c.customerId, ltr: c.ltr },
    };
  };
}

/**
 * A case was given to someone: tell them (not when they took it themselves). Called by the follow-up
 * service before its flush, so the message is written in the same transaction as the assignment.
 */
export function notifyCaseAssigned(em: EntityManager, c: FollowUpCase, byUserId: string, now = new Date()): Promise<void> {
  return notifyCasesAssigned(em, [c], byUserId, now);
}

/** How many cases one "n cases for you" e-mail lists by name; the rest are counted (the queue has them all). */
export const CASES_LISTED = 25;

/**
 * Cases given to people in one action (a bulk assignment): each assignee gets one e-mail about all of
 * their cases, not one per case. Webhook endpoints still get one message per case, which is what a
 * machine reading events by case id expects.
 */
export async function notifyCasesAssigned(em: EntityManager, cases: readonly FollowUpCase[], byUserId: string, now = new Date()): Promise<void> {
  const byAssignee = new Map<string, FollowUpCase[]>();
  for (const c of cases) {
    if (!c.assignee || c.assignee.id === byUserId) continue;
    byAssignee.set(c.assignee.id, [...(byAssignee.get(c.assignee.id) ?? []), c]);
  }
  for (const [assigneeId, theirs] of byAssignee) {
    const recipients = await em.find(User, { id: assigneeId, active: true });
    if (theirs.length === 1) {
      await queueNotice(em, await caseNotice(em, NotificationEvent.CASE_ASSIGNED, theirs[0]!, now), recipients);
      continue;
    }
    if (await endpointsListen(em, NotificationEvent.CASE_ASSIGNED)) {
      for (const c of theirs) await queueNotice(em, await caseNotice(em, NotificationEvent.CASE_ASSIGNED, c, now), []);
    }
    await queueNotice(em, await casesNotice(em, theirs, now), recipients, undefined, { webhooks: false });
  }
}

const endpointsListen = async (em: EntityManager, event: NotificationEvent) => (await em.find(WebhookEndpoint, { enabled: true })).some((e) => e.events.includes(event));

/** One notice for several cases given to one person: each case on a line, soonest due first. */
async function casesNotice(em: EntityManager, cases: readonly FollowUpCase[], now: Date): Promise<NoticeWording> {
  const sorted = [...cases].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const codes = [...new Set(sorted.map((c) => c.touchpointCode).filter((code): code is string => Boolean(code)))];
  const [touchpoints, assignee] = await Promise.all([codes.length ? em.find(Touchpoint, { code: { $in: codes } }) : [], sorted[0]!.assignee ? em.findOne(User, sorted[0]!.assignee.id) : null]);
  const names = new Map(touchpoints.map((t) => [t.code, t.name]));
  const where = (c: FollowUpCase) => (c.touchpointCode ? (names.get(c.touchpointCode) ?? c.touchpointCode) : say('notice.case.relationship'));
  const listed = sorted.slice(0, CASES_LISTED);
  const more = sorted.length - listed.length;
  const kinds = new Set(sorted.map((c) => c.kind));
  const overdue = sorted.filter((c) => c.dueAt < now).length;
  return () => ({
    event: NotificationEvent.CASE_ASSIGNED,
    occurredAt: now.toISOString(),
    title: say('notice.cases.title', { count: sorted.length }),
    facts: [
      [say('notice.cases.cases'), say(overdue ? 'notice.cases.countOverdue' : 'notice.cases.count', { count: sorted.length, overdue })],
      ...listed.map((c, i): [string, string] => [`${i + 1}. ${kindWords(c.kind)}`, say('notice.cases.line', { where: where(c), when: formatWhen(c.dueAt) })]),
      ...(more > 0 ? [[say('notice.cases.more'), say(more === 1 ? 'notice.cases.moreOne' : 'notice.cases.moreOther', { more })] satisfies [string, string]] : []),
    ],
    personalFacts: [
      [say('notice.fact.assignedTo'), assignee?.name ?? say('notice.cases.you')],
      [say('notice.cases.customers'), listed.map((c, i) => say('notice.cases.customer', { i: i + 1, customer: c.customerId, ltr: c.ltr })).join('; ')],
    ],
    path: kinds.size === 1 && kinds.has(FollowUpKind.THANK) ? 'follow-up?view=mine&kind=THANK' : 'follow-up?view=mine',
    data: { caseIds: sorted.map((c) => c.id).join(','), count: sorted.length },
    personalData: {},
  });
}

/** How far back "became overdue" reaches: a case overdue for longer (e.g. imported history) is not news. */
export const OVERDUE_LOOKBACK_MS = 24 * 3600_000;

/**
 * Open cases that became overdue within the last day, each told once (to its assignee, else its
 * department's queue). Older overdue cases are left out so a first start on imported history does not
 * send hundreds of e-mails; the queue shows them.
 */
export async function notifyOverdueCases(em: EntityManager, now = new Date()): Promise<number> {
  const overdue = await em.find(
    FollowUpCase,
    { status: FollowUpStatus.OPEN, dueAt: { $lt: now, $gte: new Date(now.getTime() - OVERDUE_LOOKBACK_MS) } },
    { orderBy: { dueAt: 'asc' }, limit: 500 },
  );
  let queued = 0;
  for (const c of overdue) {
    const recipients = await caseRecipients(em, c.assignee?.id ?? null, c.department?.id ?? null);
    queued += await queueNotice(em, await caseNotice(em, NotificationEvent.CASE_OVERDUE, c, now), recipients, `${c.id}:${c.dueAt.toISOString()}`);
  }
  await em.flush();
  return queued;
}

/** A raised alert: strategists, admins and the follow-up people of the touchpoint's department. Called before the check's flush. */
export async function notifyAlertRaised(em: EntityManager, alert: Alert, evidence: AlertEvidence): Promise<void> {
  const touchpoint = alert.scope === 'TOUCHPOINT' ? await em.findOne(Touchpoint, { code: alert.scopeCode }, { populate: ['department'] }) : null;
  const department = touchpoint?.department ?? null;
  const npsLine = (m: AlertEvidence['recent']) => say('notice.alert.npsLine', { nps: nps(m.nps), n: whole(m.n), low: nps(m.ciLow), high: nps(m.ciHigh), from: day(m.from), to: day(m.to) });
  // Worded per recipient: queueNotice calls it in each recipient's language.
  const notice: NoticeWording = () => ({
    event: NotificationEvent.ALERT_RAISED,
    occurredAt: alert.raisedAt.toISOString(),
    title: say('notice.alert.title', {
      scope: evidence.scopeName,
      drop: evidence.difference === null ? say('notice.alert.dropSignificantly') : say('notice.alert.dropPoints', { points: fixed(Math.abs(evidence.difference), 1) }),
    }),
    facts: [
      [say(`notice.alert.scope.${alert.scope}`), evidence.scopeName],
      [say('notice.alert.recent'), npsLine(evidence.recent)],
      [say('notice.alert.baseline'), npsLine(evidence.baseline)],
      [say('notice.alert.test'), say('notice.alert.testLine', { z: nps(evidence.z), threshold: fixed(evidence.criticalZ, 2), tests: evidence.tests })],
      ...(department ? [[say('notice.alert.department'), department.name] satisfies [string, string]] : []),
    ],
    personalFacts: [],
    path: `follow-up?alert=${alert.id}`,
    data: {
      alertId: alert.id,
      scope: alert.scope,
      scopeCode: alert.scopeCode,
      scopeName: evidence.scopeName,
      recentNps: evidence.recent.nps,
      recentN: evidence.recent.n,
      baselineNps: evidence.baseline.nps,
      baselineN: evidence.baseline.n,
      difference: evidence.difference,
      z: evidence.z,
    },
    personalData: {},
  });
  await queueNotice(em, notice, await alertRecipients(em, department?.id ?? null), alert.id);
}
