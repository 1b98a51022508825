import { Entity, Enum, Index, ManyToOne, OneToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import type { User } from '../users/user.entity.js';

/** What happened that someone may want to hear about. */
export enum NotificationEvent {
  ALERT_RAISED = 'ALERT_RAISED',
  CASE_ASSIGNED = 'CASE_ASSIGNED',
  CASE_OVERDUE = 'CASE_OVERDUE',
  /** The weekly digest of the reader's role. */
  WEEKLY_DIGEST = 'WEEKLY_DIGEST',
  /** One e-mail gathering the day's events a user asked to get as a daily summary. */
  DAILY_SUMMARY = 'DAILY_SUMMARY',
}

/** How often a user hears about one kind of event. */
export enum NotificationFrequency {
  IMMEDIATE = 'IMMEDIATE',
  DAILY_SUMMARY = 'DAILY_SUMMARY',
  NEVER = 'NEVER',
}

export enum DeliveryChannel {
  EMAIL = 'EMAIL',
  WEBHOOK = 'WEBHOOK',
}

export enum DeliveryStatus {
  /** Waiting for its (next) attempt. */
  PENDING = 'PENDING',
  /** Claimed by the worker; back to PENDING if the worker died meanwhile. */
  SENDING = 'SENDING',
  DELIVERED = 'DELIVERED',
  /** Every attempt failed; an admin can replay it. */
  FAILED = 'FAILED',
  /** Not sent on purpose (e-mail not set up); an admin can replay it once it is. */
  SKIPPED = 'SKIPPED',
  /** Waiting for the recipient's daily summary. */
  HELD = 'HELD',
  /** Sent inside a daily summary (the summary has its own log line). */
  SUMMARISED = 'SUMMARISED',
}

/** The body a webhook endpoint receives. */
export enum WebhookFormat {
  /** Touchpoint's own JSON: { event, occurredAt, data, link }. */
  JSON = 'JSON',
  /** { "text": ... }: what Slack and Microsoft Teams incoming webhooks accept. */
  CHAT = 'CHAT',
}

registerEnumType(NotificationEvent, {
  name: 'NotificationEvent',
  description: 'Something that happened that people can be told about by e-mail or webhook.',
  valuesConfig: {
    ALERT_RAISED: { description: "A touchpoint's (or phase's, persona's, unit's) recent NPS dropped significantly below its baseline." },
    CASE_ASSIGNED: { description: 'A follow-up case was given to a person.' },
    CASE_OVERDUE: { description: 'An open follow-up case passed its due time without contact.' },
    WEEKLY_DIGEST: { description: "The weekly summary for the reader's role." },
    DAILY_SUMMARY: { description: 'One e-mail with the day\'s events that a user asked to get once a day.' },
  },
});
registerEnumType(NotificationFrequency, {
  name: 'NotificationFrequency',
  description: 'How often a user is told about one kind of event.',
  valuesConfig: {
    IMMEDIATE: { description: 'An e-mail for each event, as it happens.' },
    DAILY_SUMMARY: { description: 'One e-mail a day listing the events.' },
    NEVER: { description: 'No e-mail for this kind of event.' },
  },
});
registerEnumType(DeliveryChannel, {
  name: 'DeliveryChannel',
  description: 'How a message travels.',
  valuesConfig: { EMAIL: { description: 'An e-mail over SMTP.' }, WEBHOOK: { description: 'A signed HTTP POST to a webhook endpoint.' } },
});
registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  description: 'Where a message is in its delivery.',
  valuesConfig: {
    PENDING: { description: 'Waiting for its first attempt or a retry.' },
    SENDING: { description: 'Being sent right now.' },
    DELIVERED: { description: 'Accepted by the mail server or the endpoint (HTTP 2xx).' },
    FAILED: { description: 'Every attempt failed; it can be replayed.' },
    SKIPPED: { description: 'Not sent because e-mail is not set up on the server (SMTP_HOST); it can be replayed.' },
    HELD: { description: "Waiting to go out in the recipient's daily summary." },
    SUMMARISED: { description: 'Sent as part of a daily summary e-mail.' },
  },
});
registerEnumType(WebhookFormat, {
  name: 'WebhookFormat',
  description: 'The body a webhook endpoint receives.',
  valuesConfig: {
    JSON: { description: 'Touchpoint JSON: event, time, data and a link back.' },
    CHAT: { description: 'A message with a "text" field, as Slack and Microsoft Teams incoming webhooks expect.' },
  },
});

/** One user's choices: how often to hear about each kind of event, and whether the weekly digest comes. */
@Entity()
export class NotificationSettings extends BaseEntity {
  @OneToOne('User', { owner: true, deleteRule: 'cascade', unique: true })
  user!: Rel<User>;

  @Enum(() => NotificationFrequency)
  alertRaised: NotificationFrequency & Opt = NotificationFrequency.IMMEDIATE;

  @Enum(() => NotificationFrequency)
  caseAssigned: NotificationFrequency & Opt = NotificationFrequency.IMMEDIATE;

  @Enum(() => NotificationFrequency)
  caseOverdue: NotificationFrequency & Opt = NotificationFrequency.IMMEDIATE;

  @Property({ type: 'boolean' })
  weeklyDigest: boolean & Opt = true;
}

/** An address that receives signed POSTs for the events it subscribes to. */
@Entity()
export class WebhookEndpoint extends BaseEntity {
  @Property()
  name!: string;

  @Property({ length: 2000 })
  url!: string;

  /** HMAC-SHA256 key; shown to the admin once, when the endpoint is created or the secret is renewed. */
  @Property({ hidden: true })
  secret!: string;

  @Property({ type: 'json' })
  events!: NotificationEvent[];

  @Enum(() => WebhookFormat)
  format: WebhookFormat & Opt = WebhookFormat.JSON;

  /** Names of people (assignees) and customer ids go out only when an admin allowed it here. */
  @Property({ type: 'boolean' })
  includePersonalData: boolean & Opt = false;

  @Property({ type: 'boolean' })
  enabled: boolean & Opt = true;
}

export interface AttemptRecord {
  at: string;
  ok: boolean;
  /** HTTP status or SMTP reply code, when there was one. */
  status: number | null;
  detail: string;
}

/** The content of an e-mail. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
  /** Inline images referenced from the HTML as cid:<cid>. */
  images?: { cid: string; filename: string; contentType: string; content: string }[];
}

/**
 * The durable outbox and the delivery log in one table: a mutation writes its messages here in the
 * same transaction, the worker sends them later, out of the request path, and records each attempt.
 */
@Entity()
@Index({ properties: ['status', 'nextAttemptAt'] })
@Index({ properties: ['createdAt'] })
export class OutboxMessage extends BaseEntity {
  @Enum(() => DeliveryChannel)
  channel!: DeliveryChannel;

  @Enum(() => NotificationEvent)
  event!: NotificationEvent;

  /** The e-mail address, or the endpoint's URL when it was queued. */
  @Property({ length: 2000 })
  recipient!: string;

  // The log outlives the user or endpoint it was for (the recipient column keeps the address).
  @ManyToOne('User', { nullable: true, deleteRule: 'set null' })
  user?: Rel<User>;

  @ManyToOne('WebhookEndpoint', { nullable: true, deleteRule: 'set null' })
  endpoint?: Rel<WebhookEndpoint>;

  /** The e-mail subject, or a one-line summary of the webhook event. */
  @Property({ length: 1000 })
  subject!: string;

  /** EmailContent for e-mails; the JSON body for webhooks. */
  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Enum(() => DeliveryStatus)
  status: DeliveryStatus & Opt = DeliveryStatus.PENDING;

  @Property({ type: 'integer' })
  attempts: number & Opt = 0;

  @Property({ type: 'json' })
  attemptLog: AttemptRecord[] & Opt = [];

  @Property({ type: 'datetime' })
  nextAttemptAt: Date & Opt = new Date();

  /** While SENDING: when the claim expires (a worker that died leaves it to be claimed again). */
  @Property({ type: 'datetime', nullable: true })
  lockedUntil?: Date;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date;

  /** One message per event and recipient, even when two checks notice the same event at once. */
  @Property({ nullable: true, length: 400 })
  @Unique()
  dedupeKey?: string;

  /** The message this one replays. */
  @Property({ type: 'uuid', nullable: true })
  replayOf?: string;
}
