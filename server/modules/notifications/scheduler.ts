import { Cron } from 'croner';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { NotifyConfig } from '../../config.js';
import { startDeliveryWorker, type DeliveryWorker } from './delivery.js';
import { notifyOverdueCases } from './events.js';
import { queueDailySummaries } from './summary.js';

export interface NotificationJobs {
  worker: DeliveryWorker;
  /** When the weekly digests go out next (null when there is no digest job). */
  nextDigestAt(): Date | null;
  stop(): Promise<void>;
}

/** Queues the weekly digests; injected by the server so this module does not reach into the analytics. */
export type DigestJob = (now: Date) => Promise<number>;

/**
 * The notification jobs of one server process: the delivery worker, the overdue check every five
 * minutes, the daily summaries and the weekly digests on their cron schedules in the configured time
 * zone (croner: no dependencies, time zones through Intl, overlapping runs prevented by `protect`).
 */
export function startNotificationJobs(orm: MikroORM, config: NotifyConfig, log: (line: string) => void, digests?: DigestJob): NotificationJobs {
  const worker = startDeliveryWorker(orm, config, log);
  const options = { timezone: config.timeZone, protect: true, unref: true, catch: (error: unknown) => log(`Notification job failed: ${error instanceof Error ? error.message : String(error)}`) };
  const jobs = [
    new Cron('*/5 * * * *', options, async () => {
      const queued = await notifyOverdueCases(orm.em.fork());
      if (queued) log(`Notifications: ${queued} message(s) about overdue follow-up cases queued`);
    }),
    new Cron(config.dailySummaryCron, options, async () => {
      const queued = await queueDailySummaries(orm.em, config.publicUrl, config.timeZone);
      if (queued) log(`Notifications: ${queued} daily summary e-mail(s) queued`);
    }),
  ];
  const digestJob = digests
    ? new Cron(config.digestCron, options, async () => {
        const queued = await digests(new Date());
        log(`Weekly digests: ${queued} e-mail(s) queued`);
      })
    : null;
  if (digestJob) jobs.push(digestJob);
  return {
    worker,
    nextDigestAt: () => digestJob?.nextRun() ?? null,
    async stop() {
      for (const job of jobs) job.stop();
      await worker.stop();
    },
  };
}
