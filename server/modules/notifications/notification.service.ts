import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit } from '../../auth/auth.service.js';
import { AppError } from '../../common/errors.js';
import type { AppDeps, Caller } from '../../context.js';
import { Role, savedLanguage } from '../users/user.enums.js';
import { buildDigest, digestEmail, digestKindOf } from './digest.js';
import { User } from '../users/user.entity.js';
import { DeliveryStatus, NotificationEvent, NotificationSettings, OutboxMessage, WebhookEndpoint, WebhookFormat } from './notification.entity.js';
import { NotificationErrors } from './notification.errors.js';
import type { DeliveryLogArgs, DigestKindEnum, DigestPreview, NotificationDeliveryType, NotificationSettingsInput, WebhookEndpointInput, WebhookEndpointType } from './notification.types.js';
import { messageLanguage } from './delivery.js';
import { settingsFor } from './outbox.js';
import { say, sayIn } from '../../../analytics/i18n/index.js';

const WEBHOOK_EVENTS: readonly NotificationEvent[] = [NotificationEvent.ALERT_RAISED, NotificationEvent.CASE_ASSIGNED, NotificationEvent.CASE_OVERDUE];
const REPLAYABLE: readonly DeliveryStatus[] = [DeliveryStatus.DELIVERED, DeliveryStatus.FAILED, DeliveryStatus.SKIPPED];

export const toEndpointType = (e: WebhookEndpoint): WebhookEndpointType => ({
  id: e.id,
  name: e.name,
  url: e.url,
  events: e.events,
  format: e.format,
  includePersonalData: e.includePersonalData,
  enabled: e.enabled,
  createdAt: e.createdAt,
});

function checkEndpoint(input: WebhookEndpointInput): void {
  let url: URL | null = null;
  try {
    url = new URL(input.url);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw NotificationErrors.badUrl(input.url);
  if (!input.events.length) throw NotificationErrors.noEvents();
  const scheduled = input.events.find((e) => !WEBHOOK_EVENTS.includes(e));
  if (scheduled) throw NotificationErrors.scheduledEventOnWebhook(scheduled);
}

/** Your own settings (any signed-in user), webhook endpoints and the delivery log (admins). */
export class NotificationService {
  constructor(private readonly em: EntityManager) {}

  /** The caller's weekly digest as it would be sent now; admins may preview another role's (`kind`). */
  async digestPreview(deps: AppDeps, caller: Caller, kind: keyof typeof DigestKindEnum | undefined, publicUrl: string): Promise<DigestPreview> {
    const own = digestKindOf(caller.role);
    if (kind && kind !== own && caller.role !== Role.ADMIN) {
      throw new AppError('FORBIDDEN', `kind: your role ${caller.role} gets the ${own} digest; only admins preview the others.`, { field: 'kind' });
    }
    const digest = await buildDigest(deps, caller, kind ?? own, publicUrl);
    const email = digestEmail(digest, 'data');
    return { kind: digest.kind, subject: email.subject, html: email.html, text: email.text, chartOption: digest.chartOption ? JSON.stringify(digest.chartOption) : null, chartLabel: digest.chartLabel, link: digest.link };
  }

  async settings(caller: Caller): Promise<NotificationSettings> {
    const user = await this.em.findOneOrFail(User, caller.id);
    return (await settingsFor(this.em, [user])).get(user.id) ?? this.em.create(NotificationSettings, { user }, { persist: false });
  }

  async updateSettings(caller: Caller, input: NotificationSettingsInput): Promise<NotificationSettings> {
    const settings = await this.settings(caller);
    this.em.assign(settings, input, { ignoreUndefined: true });
    this.em.persist(settings);
    await this.em.flush();
    return settings;
  }

  endpoints(): Promise<WebhookEndpoint[]> {
    return this.em.find(WebhookEndpoint, {}, { orderBy: { name: 'asc', id: 'asc' } });
  }

  async createEndpoint(caller: Caller, input: WebhookEndpointInput): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    checkEndpoint(input);
    const secret = randomBytes(32).toString('hex');
    const endpoint = this.em.create(WebhookEndpoint, {
      name: input.name.trim(),
      url: input.url,
      secret,
      events: [...new Set(input.events)],
      format: input.format ?? WebhookFormat.JSON,
      includePersonalData: input.includePersonalData ?? false,
      enabled: input.enabled ?? true,
    });
    audit(this.em, 'WEBHOOK_CREATED', caller.id, { endpointId: endpoint.id, url: input.url, includePersonalData: endpoint.includePersonalData });
    await this.em.flush();
    return { endpoint, secret };
  }

  async updateEndpoint(caller: Caller, id: string, input: WebhookEndpointInput): Promise<WebhookEndpoint> {
    checkEndpoint(input);
    const endpoint = await this.em.findOne(WebhookEndpoint, id);
    if (!endpoint) throw NotificationErrors.endpointNotFound(id);
    this.em.assign(endpoint, {
      name: input.name.trim(),
      url: input.url,
      events: [...new Set(input.events)],
      format: input.format ?? endpoint.format,
      includePersonalData: input.includePersonalData ?? endpoint.includePersonalData,
      enabled: input.enabled ?? endpoint.enabled,
    });
    audit(this.em, 'WEBHOOK_UPDATED', caller.id, { endpointId: id, url: input.url, includePersonalData: endpoint.includePersonalData });
    await this.em.flush();
    return endpoint;
  }

  /** A new signing secret (shown once); the old one stops working at once, for messages not yet sent too. */
  async rotateSecret(caller: Caller, id: string): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const endpoint = await this.em.findOne(WebhookEndpoint, id);
    if (!endpoint) throw NotificationErrors.endpointNotFound(id);
    const secret = randomBytes(32).toString('hex');
    endpoint.secret = secret;
    audit(this.em, 'WEBHOOK_SECRET_ROTATED', caller.id, { endpointId: id, url: endpoint.url });
    await this.em.flush();
    return { endpoint, secret };
  }

  async deleteEndpoint(caller: Caller, id: string): Promise<string> {
    const endpoint = await this.em.findOne(WebhookEndpoint, id);
    if (!endpoint) throw NotificationErrors.endpointNotFound(id);
    audit(this.em, 'WEBHOOK_DELETED', caller.id, { endpointId: id, url: endpoint.url });
    await this.em.remove(endpoint).flush();
    return id;
  }

  async deliveries(args: DeliveryLogArgs): Promise<{ totalCount: number; items: NotificationDeliveryType[] }> {
    const where = {
      ...(args.status?.length ? { status: { $in: args.status } } : {}),
      ...(args.channel ? { channel: args.channel } : {}),
      ...(args.endpointId ? { endpoint: args.endpointId } : {}),
      ...(args.event ? { event: args.event } : {}),
    };
    const [rows, totalCount] = await this.em.findAndCount(OutboxMessage, where, {
      orderBy: { createdAt: 'desc', id: 'asc' },
      limit: args.first,
      offset: args.offset,
      populate: ['user', 'endpoint'],
    });
    return { totalCount, items: rows.map(toDeliveryType) };
  }

  /** A new message with the same content, sent at once; the old one stays in the log as it was. */
  async replay(caller: Caller, id: string): Promise<NotificationDeliveryType> {
    const original = await this.em.findOne(OutboxMessage, id, { populate: ['user', 'endpoint'] });
    if (!original) throw NotificationErrors.deliveryNotFound(id);
    if (!REPLAYABLE.includes(original.status)) throw NotificationErrors.notReplayable(id, original.status);
    const copy = this.em.create(OutboxMessage, {
      channel: original.channel,
      event: original.event,
      recipient: original.endpoint?.url ?? original.recipient,
      user: original.user,
      endpoint: original.endpoint,
      subject: original.subject,
      payload: original.payload,
      replayOf: original.id,
    });
    audit(this.em, 'NOTIFICATION_REPLAYED', caller.id, { deliveryId: id, replayId: copy.id });
    await this.em.flush();
    return toDeliveryType(copy);
  }
}

export function toDeliveryType(m: OutboxMessage): NotificationDeliveryType {
  return {
    id: m.id,
    channel: m.channel,
    event: m.event,
    recipient: m.recipient,
    userName: m.user?.name ?? null,
    endpointName: m.endpoint?.name ?? null,
    subject: m.subject,
    language: savedLanguage(messageLanguage(m)),
    status: m.status,
    attempts: m.attempts,
    attemptLog: m.attemptLog.map((a) => ({ at: new Date(a.at), ok: a.ok, status: a.status, detail: readableDetail(a.detail) })),
    createdAt: m.createdAt,
    nextAttemptAt: m.status === DeliveryStatus.PENDING ? m.nextAttemptAt : null,
    deliveredAt: m.deliveredAt ?? null,
    replayOf: m.replayOf ?? null,
  };
}

/**
 * The log keeps what happened in English (a mail server's own answer stays as it came); the one
 * sentence the server itself writes there is shown in the reader's language.
 */
const readableDetail = (detail: string) => (detail === sayIn('en', 'email.notSetUp') ? say('email.notSetUp') : detail);
