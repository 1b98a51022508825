import type { DeliveryStatus, NotificationEvent, WebhookFormat } from '../../../graphql/generated';

/** Names of the notification enums as the set-up pages show them. */
export const EVENT_LABELS: Record<NotificationEvent, string> = {
  ALERT_RAISED: 'Alert raised',
  CASE_ASSIGNED: 'Case assigned',
  CASE_OVERDUE: 'Case overdue',
  WEEKLY_DIGEST: 'Weekly digest',
  DAILY_SUMMARY: 'Daily summary',
};

/** The events a webhook endpoint can receive (digests and summaries go to people by e-mail only). */
export const WEBHOOK_EVENTS: readonly NotificationEvent[] = ['ALERT_RAISED', 'CASE_ASSIGNED', 'CASE_OVERDUE'];

export const FORMAT_LABELS: Record<WebhookFormat, string> = {
  JSON: 'Touchpoint JSON (event, time, data, link)',
  CHAT: 'Chat message for Slack or Microsoft Teams ({ "text": … })',
};

export const STATUS_LABELS: Record<DeliveryStatus, string> = {
  PENDING: 'Waiting to be tried',
  SENDING: 'Sending',
  DELIVERED: 'Delivered',
  FAILED: 'Failed',
  SKIPPED: 'Not sent (e-mail not set up)',
  HELD: 'Held for the daily summary',
  SUMMARISED: 'Sent in a daily summary',
};

/** The statuses an admin may send again (the server refuses the others). */
export const REPLAYABLE: readonly DeliveryStatus[] = ['DELIVERED', 'FAILED', 'SKIPPED'];

/** The detail of the newest attempt when it failed: why the message is not delivered (yet). */
export function lastError(attempts: readonly { ok: boolean; detail: string }[]): string | null {
  const last = attempts.at(-1);
  return last && !last.ok ? last.detail : null;
}
