import type { DeliveryStatus, NotificationEvent, WebhookFormat } from '../../../graphql/generated';
import { t } from '../../../shared/i18n';

/** Names of the notification enums as the set-up pages show them, in the user's language. */
export const EVENTS: readonly NotificationEvent[] = ['ALERT_RAISED', 'CASE_ASSIGNED', 'CASE_OVERDUE', 'WEEKLY_DIGEST', 'DAILY_SUMMARY'];
export const eventLabel = (event: NotificationEvent) => t(`setup.notify.events.${event}`);

/** The events a webhook endpoint can receive (digests and summaries go to people by e-mail only). */
export const WEBHOOK_EVENTS: readonly NotificationEvent[] = ['ALERT_RAISED', 'CASE_ASSIGNED', 'CASE_OVERDUE'];

export const formatLabel = (format: WebhookFormat) => t(`setup.notify.formats.${format}`);

export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['PENDING', 'SENDING', 'DELIVERED', 'FAILED', 'SKIPPED', 'HELD', 'SUMMARISED'];
export const statusLabel = (status: DeliveryStatus) => t(`setup.notify.statuses.${status}`);

/** The statuses an admin may send again (the server refuses the others). */
export const REPLAYABLE: readonly DeliveryStatus[] = ['DELIVERED', 'FAILED', 'SKIPPED'];

/** The detail of the newest attempt when it failed: why the message is not delivered (yet). */
export function lastError(attempts: readonly { ok: boolean; detail: string }[]): string | null {
  const last = attempts.at(-1);
  return last && !last.ok ? last.detail : null;
}
