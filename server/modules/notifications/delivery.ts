import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import nodemailer from 'nodemailer';
import type { NotifyConfig } from '../../config.js';
import { DeliveryChannel, DeliveryStatus, OutboxMessage, WebhookEndpoint, type AttemptRecord, type EmailContent } from './notification.entity.js';
import { outboxEvents, type Notice, type OutboxPayload } from './outbox.js';
import { sayIn, withLanguage, type Language } from '../../../analytics/i18n/index.js';
import { DELIVERY_HEADER, noticeEmail, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER, webhookBody } from './render.js';
import { sql } from '../../common/sql.js';

/** What one attempt came to. */
interface Outcome {
  ok: boolean;
  status: number | null;
  detail: string;
  /** Not an error of the moment: do not retry (e.g. e-mail not set up, endpoint deleted). */
  final?: DeliveryStatus.SKIPPED | DeliveryStatus.FAILED;
}

const CLAIM_SECONDS = 120;
const BATCH = 20;
const WEBHOOK_TIMEOUT_MS = 10_000;

function isNoticePayload(p: Record<string, unknown>): p is { notice: Notice } {
  return typeof p.notice === 'object' && p.notice !== null;
}
function isEmailPayload(p: Record<string, unknown>): p is { email: EmailContent; language?: Language } {
  return typeof p.email === 'object' && p.email !== null;
}
export function payloadOf(message: OutboxMessage): OutboxPayload {
  if (isNoticePayload(message.payload)) return { notice: message.payload.notice };
  if (isEmailPayload(message.payload)) return { email: message.payload.email, language: message.payload.language };
  throw new Error(`Outbox message ${message.id} has neither a notice nor an e-mail.`);
}

/**
 * The language a logged message is written in, for the delivery log to mark its subject with: webhooks
 * and notices without one are English; a finished e-mail from before the language was recorded: unknown.
 */
export function messageLanguage(message: OutboxMessage): Language | null {
  if (message.channel === DeliveryChannel.WEBHOOK) return 'en';
  const content = payloadOf(message);
  return 'notice' in content ? (content.notice.language ?? 'en') : (content.language ?? null);
}

/** Wait before attempt `attempts + 1`: base, 2 × base, 4 × base, ... (exponential backoff). */
export const retryDelayMs = (attempts: number, baseSeconds: number) => baseSeconds * 1000 * 2 ** Math.max(0, attempts - 1);

export interface DeliveryWorker {
  /** Sends every message that is due now; resolves with how many were attempted. */
  runOnce(): Promise<number>;
  /** Stops the timers and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Sends what the outbox holds, out of the request path: woken by every flush that queued a message,
 * and every pollSeconds for retries. Rows are claimed with FOR UPDATE SKIP LOCKED, so several server
 * processes never send one message twice; a claim left by a dead process expires after two minutes.
 */
export function startDeliveryWorker(orm: MikroORM, config: NotifyConfig, log: (line: string) => void = () => undefined): DeliveryWorker {
  const mailer = config.smtpHost
    ? nodemailer.createTransport({
        host: config.smtpHost,
        port: config.smtpPort,
        secure: config.smtpSecure,
        auth: config.smtpUser ? { user: config.smtpUser, pass: config.smtpPassword ?? '' } : undefined,
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 30_000,
      })
    : null;

  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;
  let soon: NodeJS.Timeout | undefined;

  async function sendEmail(message: OutboxMessage): Promise<Outcome> {
    if (!mailer) return { ok: false, status: null, detail: sayIn('en', 'email.notSetUp'), final: DeliveryStatus.SKIPPED };
    const payload = payloadOf(message);
    const content = 'email' in payload ? payload.email : withLanguage(payload.notice.language ?? 'en', () => noticeEmail(payload.notice, config.publicUrl));
    const info = await mailer.sendMail({
      from: config.mailFrom,
      to: message.recipient,
      subject: content.subject,
      text: content.text,
      html: content.html,
      attachments: content.images?.map((i) => ({ cid: i.cid, filename: i.filename, contentType: i.contentType, content: Buffer.from(i.content, 'base64') })),
    });
    return { ok: true, status: Number(/^(\d{3})/.exec(info.response)?.[1] ?? 250), detail: info.response };
  }

  async function sendWebhook(em: EntityManager, message: OutboxMessage): Promise<Outcome> {
    const endpoint = message.endpoint ? await em.findOne(WebhookEndpoint, message.endpoint.id) : null;
    if (!endpoint) return { ok: false, status: null, detail: 'The webhook endpoint was deleted.', final: DeliveryStatus.FAILED };
    const payload = payloadOf(message);
    if (!('notice' in payload)) return { ok: false, status: null, detail: 'Only events go to webhooks.', final: DeliveryStatus.FAILED };
    const body = JSON.stringify(webhookBody(payload.notice, endpoint.format, endpoint.includePersonalData, config.publicUrl));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Touchpoint-Webhooks/1',
        [SIGNATURE_HEADER]: signWebhook(endpoint.secret, timestamp, body),
        [TIMESTAMP_HEADER]: timestamp,
        [DELIVERY_HEADER]: message.id,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    const text = (await response.text().catch(() => '')).slice(0, 200);
    return { ok: response.ok, status: response.status, detail: `HTTP ${response.status}${text ? `: ${text}` : ''}` };
  }

  async function attempt(em: EntityManager, message: OutboxMessage): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = message.channel === DeliveryChannel.EMAIL ? await sendEmail(message) : await sendWebhook(em, message);
    } catch (error) {
      const responseCode = typeof error === 'object' && error !== null && 'responseCode' in error && typeof error.responseCode === 'number' ? error.responseCode : null;
      outcome = { ok: false, status: responseCode, detail: error instanceof Error ? error.message : String(error) };
    }
    const now = new Date();
    const record: AttemptRecord = { at: now.toISOString(), ok: outcome.ok, status: outcome.status, detail: outcome.detail.slice(0, 500) };
    message.attempts += 1;
    message.attemptLog = [...message.attemptLog, record];
    message.lockedUntil = undefined;
    if (outcome.ok) {
      message.status = DeliveryStatus.DELIVERED;
      message.deliveredAt = now;
    } else if (outcome.final) {
      message.status = outcome.final;
    } else if (message.attempts >= config.maxAttempts) {
      message.status = DeliveryStatus.FAILED;
      log(`Notification ${message.id} to ${message.recipient} failed after ${message.attempts} attempts: ${outcome.detail}`);
    } else {
      message.status = DeliveryStatus.PENDING;
      message.nextAttemptAt = new Date(now.getTime() + retryDelayMs(message.attempts, config.retryBaseSeconds));
    }
    await em.flush();
  }

  async function claim(em: EntityManager): Promise<OutboxMessage[]> {
    const rows = await sql<{ id: string }[]>(
      em,
      `update outbox_message set status = 'SENDING', locked_until = now() + interval '${CLAIM_SECONDS} seconds'
        where id in (select id from outbox_message
                      where (status = 'PENDING' and next_attempt_at <= now()) or (status = 'SENDING' and locked_until < now())
                      order by next_attempt_at limit ${BATCH} for update skip locked)
        returning id`,
    );
    if (!rows.length) return [];
    return em.find(OutboxMessage, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { nextAttemptAt: 'asc' } });
  }

  /** Arms a timer for the next retry that falls before the next poll. */
  async function armForNextRetry(): Promise<void> {
    const [next] = await sql<{ at: Date | null }[]>(orm.em, `select min(next_attempt_at) as at from outbox_message where status = 'PENDING'`);
    if (!next?.at || stopped) return;
    const wait = Math.max(0, new Date(next.at).getTime() - Date.now());
    if (wait < config.pollSeconds * 1000) schedule(wait + 20);
  }

  async function drain(): Promise<number> {
    let attempted = 0;
    for (;;) {
      const em = orm.em.fork();
      const batch = await claim(em);
      if (!batch.length) break;
      // One at a time: a slow endpoint delays only the notifications, never a request.
      for (const message of batch) await attempt(em, message);
      attempted += batch.length;
    }
    await armForNextRetry();
    return attempted;
  }

  function runOnce(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = drain()
      .catch((error: unknown) => {
        log(`Notification delivery failed (retried at the next poll): ${error instanceof Error ? error.message : String(error)}`);
        return 0;
      })
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          void runOnce();
        }
      });
    return running;
  }

  function schedule(ms: number) {
    if (stopped) return;
    clearTimeout(soon);
    soon = setTimeout(() => void runOnce(), ms);
    soon.unref();
  }

  const onQueued = () => schedule(10);
  outboxEvents.on('queued', onQueued);
  // Every committed flush that wrote an outbox row wakes the worker (the row is visible by then).
  orm.em.getEventManager().registerSubscriber({
    afterFlush: ({ uow }) => {
      if (!stopped && uow.getChangeSets().some((cs) => cs.entity instanceof OutboxMessage && cs.type === 'create')) schedule(10);
    },
  });
  const poll = setInterval(() => void runOnce(), config.pollSeconds * 1000);
  poll.unref();
  schedule(10);

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(poll);
      clearTimeout(soon);
      outboxEvents.off('queued', onQueued);
      await running;
      mailer?.close();
    },
  };
}
