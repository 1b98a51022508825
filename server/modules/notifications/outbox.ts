import { EventEmitter } from 'node:events';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Rule } from '../../auth/rules.js';
import { Role } from '../users/user.enums.js';
import { recipientLanguage, withLanguage, type Language } from '../../../analytics/i18n/index.js';
import { User } from '../users/user.entity.js';
import {
  DeliveryChannel,
  DeliveryStatus,
  NotificationEvent,
  NotificationFrequency,
  NotificationSettings,
  OutboxMessage,
  WebhookEndpoint,
  type EmailContent,
} from './notification.entity.js';

/** The events that happen to someone (as against digests and summaries, which are scheduled). */
export type NoticeEvent = NotificationEvent.ALERT_RAISED | NotificationEvent.CASE_ASSIGNED | NotificationEvent.CASE_OVERDUE;

/** A fact shown as "label: value" in e-mails and chat messages. */
export type Fact = [label: string, value: string];

/**
 * What happened, in the words every channel uses. Personal parts (people's names, customer ids) are
 * kept apart so a webhook gets them only when its endpoint allows it.
 */
export interface Notice {
  event: NoticeEvent;
  occurredAt: string;
  /** One line, no personal data: the e-mail subject and the chat message's first line. */
  title: string;
  facts: Fact[];
  personalFacts: Fact[];
  /** Path in the web app, without the leading slash (the worker prefixes PUBLIC_URL). */
  path: string;
  /** Machine-readable fields for JSON webhooks. */
  data: Record<string, string | number | boolean | null>;
  personalData: Record<string, string | number | boolean | null>;
  /** The language the notice is worded in (its recipient's); the e-mail around it is written in it too. Absent: English. */
  language?: Language;
}

/**
 * A notice worded when called, in the language of the work in progress (analytics/i18n): queueNotice
 * words it once per recipient language, so each person reads it in their saved language.
 */
export type NoticeWording = () => Notice;

/**
 * What an outbox row carries: an event to render at send time, or a finished e-mail (digests, summaries)
 * with the language it is written in (absent on rows written before it was recorded).
 */
export type OutboxPayload = { notice: Notice } | { email: EmailContent; language?: Language };


/** The worker listens: a new message wakes it at once instead of at its next poll. */
export const outboxEvents = new EventEmitter();
export const wakeDelivery = () => outboxEvents.emit('queued');

const FREQUENCY_FIELD = {
  [NotificationEvent.ALERT_RAISED]: 'alertRaised',
  [NotificationEvent.CASE_ASSIGNED]: 'caseAssigned',
  [NotificationEvent.CASE_OVERDUE]: 'caseOverdue',
} as const satisfies Record<NoticeEvent, keyof NotificationSettings>;

/** A user's settings; users who never chose get the defaults (every event at once, the weekly digest on). */
export async function settingsFor(em: EntityManager, users: readonly User[]): Promise<Map<string, NotificationSettings>> {
  const rows = users.length ? await em.find(NotificationSettings, { user: { $in: users.map((u) => u.id) } }) : [];
  const byUser = new Map(rows.map((s) => [s.user.id, s]));
  for (const user of users) if (!byUser.has(user.id)) byUser.set(user.id, em.create(NotificationSettings, { user }, { persist: false }));
  return byUser;
}

/**
 * Writes the messages for one event into the outbox, in the caller's unit of work: nothing is sent
 * here (the worker does that after the flush), so a slow mail server never slows a mutation, and a
 * mutation that fails sends nothing. `dedupe` names the event once (e.g. the alert id) so that two
 * checks noticing the same event queue it once per recipient. `webhooks: false` tells the people only
 * (a notice that gathers several events, whose endpoints get each event on its own).
 */
export async function queueNotice(em: EntityManager, wording: NoticeWording, recipients: readonly User[], dedupe?: string, options: { webhooks?: boolean } = {}): Promise<number> {
  const notice = withLanguage('en', wording);
  const inLanguage = new Map<Language, Notice>([['en', { ...notice, language: 'en' }]]);
  const wordedFor = (user: User): Notice => {
    const language = recipientLanguage(user);
    const known = inLanguage.get(language);
    if (known) return known;
    const worded: Notice = { ...withLanguage(language, wording), language };
    inLanguage.set(language, worded);
    return worded;
  };
  const people = [...new Map(recipients.filter((u) => u.active && u.email).map((u) => [u.id, u])).values()];
  const settings = await settingsFor(em, people);
  const endpoints = options.webhooks === false ? [] : (await em.find(WebhookEndpoint, { enabled: true })).filter((e) => e.events.includes(notice.event));
  const keys = [
    ...people.map((u) => (dedupe ? `${notice.event}:${dedupe}:user:${u.id}` : undefined)),
    ...endpoints.map((e) => (dedupe ? `${notice.event}:${dedupe}:endpoint:${e.id}` : undefined)),
  ];
  const taken = dedupe ? new Set((await em.find(OutboxMessage, { dedupeKey: { $in: keys.filter((k): k is string => Boolean(k)) } })).map((m) => m.dedupeKey)) : new Set<string>();
  let queued = 0;
  // Webhooks (machines, chat rooms) get English; people their own language.
  const payload: OutboxPayload = { notice };
  for (const user of people) {
    const dedupeKey = dedupe ? `${notice.event}:${dedupe}:user:${user.id}` : undefined;
    if (dedupeKey && taken.has(dedupeKey)) continue;
    const frequency = settings.get(user.id)?.[FREQUENCY_FIELD[notice.event]] ?? NotificationFrequency.IMMEDIATE;
    if (frequency === NotificationFrequency.NEVER) continue;
    em.create(OutboxMessage, {
      channel: DeliveryChannel.EMAIL,
      event: notice.event,
      recipient: user.email,
      user,
      subject: wordedFor(user).title,
      payload: { notice: wordedFor(user) },
      status: frequency === NotificationFrequency.DAILY_SUMMARY ? DeliveryStatus.HELD : DeliveryStatus.PENDING,
      dedupeKey,
    });
    queued++;
  }
  for (const endpoint of endpoints) {
    const dedupeKey = dedupe ? `${notice.event}:${dedupe}:endpoint:${endpoint.id}` : undefined;
    if (dedupeKey && taken.has(dedupeKey)) continue;
    em.create(OutboxMessage, { channel: DeliveryChannel.WEBHOOK, event: notice.event, recipient: endpoint.url, endpoint, subject: notice.title, payload, dedupeKey });
    queued++;
  }
  return queued;
}

/** A finished e-mail (a digest or a daily summary) for one user. */
export function queueEmail(em: EntityManager, user: User, event: NotificationEvent, email: EmailContent, dedupeKey?: string): OutboxMessage {
  // Digests and summaries are written in the recipient's saved language (their callers word them so).
  const payload: OutboxPayload = { email, language: recipientLanguage(user) };
  return em.create(OutboxMessage, { channel: DeliveryChannel.EMAIL, event, recipient: user.email, user, subject: email.subject, payload, dedupeKey });
}

/** People who act on alerts: strategists and admins, and the follow-up people of the touchpoint's department. */
export async function alertRecipients(em: EntityManager, departmentId: string | null): Promise<User[]> {
  const strategists = await em.find(User, { active: true, role: { $in: [Role.ADMIN, Role.STRATEGIST] } });
  const department = departmentId ? await em.find(User, { active: true, department: departmentId, role: { $in: Rule.followUp } }) : [];
  return [...strategists, ...department];
}

/** Who is told a case is overdue: its assignee, else everyone who works its department's queue. */
export async function caseRecipients(em: EntityManager, assigneeId: string | null, departmentId: string | null): Promise<User[]> {
  if (assigneeId) return em.find(User, { id: assigneeId, active: true });
  if (!departmentId) return [];
  return em.find(User, { active: true, department: departmentId, role: { $in: Rule.followUp } });
}
