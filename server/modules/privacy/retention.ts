import { Cron } from 'croner';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { applyCommentRetention } from '../../../analytics/privacy/commentRetention.js';
import type { Store } from '../../../analytics/store.js';
import { audit } from '../../auth/auth.service.js';
import { AppError } from '../../common/errors.js';
import { companySettings } from '../settings/settings.service.js';

/**
 * Applies the company's comment retention period now (the nightly job, or an admin on demand). Null when
 * retention is off. Audited with who ran it (null: the schedule).
 */
export async function runCommentRetention(em: EntityManager, store: Store, byUserId: string | null, now = new Date()) {
  const months = (await companySettings(em)).commentRetentionMonths;
  if (!months) return null;
  const { cutoff, commentsRemoved } = await applyCommentRetention(store, months, now);
  audit(em, 'COMMENT_RETENTION_APPLIED', byUserId, { months, cutoff, commentsRemoved });
  await em.flush();
  return { months, cutoff, commentsRemoved };
}

export const retentionOff = () =>
  new AppError('BAD_USER_INPUT', 'Comment retention is off: set commentRetentionMonths in updateCompanySettings first, then apply it.', {
    reason: 'RETENTION_OFF',
    field: 'commentRetentionMonths',
  });

/** The nightly retention run: 03:30 every night in the company's time zone (the notification time zone). */
export const RETENTION_CRON = '30 3 * * *';

/** The nightly comment retention run of one server process; stop() ends it. */
export function startRetentionJob(orm: MikroORM, store: Store, timeZone: string, log: (line: string) => void): { stop(): void } {
  const job = new Cron(RETENTION_CRON, { timezone: timeZone, protect: true, unref: true, catch: (error: unknown) => log(`Comment retention failed: ${error instanceof Error ? error.message : String(error)}`) }, async () => {
    const run = await runCommentRetention(orm.em.fork(), store, null);
    if (run?.commentsRemoved) log(`Comment retention: ${run.commentsRemoved} comment(s) from before ${run.cutoff} removed`);
  });
  return { stop: () => job.stop() };
}
