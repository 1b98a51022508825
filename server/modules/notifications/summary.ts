import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../users/user.entity.js';
import { DeliveryStatus, NotificationEvent, OutboxMessage } from './notification.entity.js';
import { payloadOf } from './delivery.js';
import { queueEmail, type Notice } from './outbox.js';
import { summaryEmail } from './render.js';
import { dateLocale, recipientLanguage, withLanguage } from '../../../analytics/i18n/index.js';

/** "Monday 7 December 2026" in the schedule's time zone. */
export const dayName = (at: Date, timeZone: string) => new Intl.DateTimeFormat(dateLocale(), { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(at);

/**
 * Gathers each user's held events (those they asked to get as a daily summary) into one e-mail and
 * marks them SUMMARISED; one transaction whose rows are locked (SKIP LOCKED), so an event is summarised once even with two processes. Returns the e-mails queued.
 */
export async function queueDailySummaries(root: EntityManager, publicUrl: string, timeZone: string, now = new Date()): Promise<number> {
  return root.fork().transactional(async (em) => {
    const held = await em.find(OutboxMessage, { status: DeliveryStatus.HELD, createdAt: { $lte: now } }, { orderBy: { createdAt: 'asc' }, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE });
    const byUser = new Map<string, OutboxMessage[]>();
    for (const m of held) {
      if (!m.user) continue;
      byUser.set(m.user.id, [...(byUser.get(m.user.id) ?? []), m]);
    }
    let queued = 0;
    for (const [userId, messages] of byUser) {
      const user = await em.findOne(User, { id: userId, active: true });
      const notices: Notice[] = messages.flatMap((m) => {
        const payload = payloadOf(m);
        return 'notice' in payload ? [payload.notice] : [];
      });
      for (const m of messages) m.status = DeliveryStatus.SUMMARISED;
      if (!user || !notices.length) continue;
      queueEmail(em, user, NotificationEvent.DAILY_SUMMARY, withLanguage(recipientLanguage(user), () => summaryEmail(notices, publicUrl, dayName(now, timeZone))));
      queued++;
    }
    return queued;
  });
}
