import type { EntityManager } from '@mikro-orm/postgresql';
import type { Queryable } from '../../../analytics/store.js';
import { openFollowUpCases, type OpenCasesResult } from '../follow-ups/follow-up.opener.js';
import { AlertRule } from './alert.entity.js';
import { checkAlerts, type RuleCheck } from './alert.service.js';

export interface LoopRun {
  cases: OpenCasesResult;
  alerts: RuleCheck[];
}

/**
 * The one hook for "new answers arrived": opens follow-up cases for new detractors (and promoters) and
 * checks the alert rules. Importers call it after committing an import, start-up after generating the
 * demo data, and the periodic monitor on every tick. Idempotent: calling it twice changes nothing more.
 */
export async function afterAnswersLoaded(em: EntityManager, store: Queryable, options: { now?: Date; maxAgeDays?: number } = {}): Promise<LoopRun> {
  const now = options.now ?? new Date();
  const rules = await em.fork().find(AlertRule, {});
  const cases = await openFollowUpCases(em.fork(), store, rules, { now, maxAgeDays: options.maxAgeDays });
  const alerts = await checkAlerts(em, store, { now });
  return { cases, alerts };
}

/** One line per run for the server log. */
export function describeRun(run: LoopRun): string {
  const c = run.cases;
  const parts = [`Follow-up: ${c.opened} new case(s) from ${c.candidates} detractor/promoter answer(s) since ${c.since.toISOString().slice(0, 10)}`];
  if (c.withoutDepartment) parts.push(`${c.withoutDepartment} without a department (ADMIN only)`);
  for (const r of run.alerts) {
    const raised = r.raised.map((a) => {
      const e = r.evidence.find((x) => x.scopeCode === a.scopeCode);
      return e ? `${e.scopeName} (${fmt(e.baseline.nps)} n=${e.baseline.n} → ${fmt(e.recent.nps)} n=${e.recent.n}, z=${fmt(e.z)})` : a.scopeCode;
    });
    parts.push(
      `alert rule "${r.rule.name}": ${r.tests} ${r.rule.scope.toLowerCase()}(s) tested at |z| > ${r.criticalZ.toFixed(2)}, ` +
        `${r.raised.length} raised${raised.length ? ` [${raised.join('; ')}]` : ''}, ${r.closed.length} closed, ${r.active} active`,
    );
  }
  return parts.join('; ');
}
const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(1));

export interface MonitorSettings {
  /** Minutes between checks while the server runs; 0 = no periodic check (Config.alertCheckMinutes). */
  intervalMinutes: number;
  /** Answers older than this when they arrive open no case (Config.followUpMaxAgeDays). */
  maxAgeDays: number;
}

export interface Monitor {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs afterAnswersLoaded every `intervalMinutes` while the server runs. The timer is unref'd (it never
 * keeps the process alive), ticks never overlap, and a failing tick is logged and retried next time.
 */
export function startMonitor(em: EntityManager, store: Queryable, settings: MonitorSettings, log: (line: string) => void): Monitor {
  let current: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (current || stopped) return;
    current = afterAnswersLoaded(em, store, { maxAgeDays: settings.maxAgeDays })
      .then((run) => {
        if (run.cases.opened || run.alerts.some((r) => r.raised.length || r.closed.length)) log(describeRun(run));
      })
      .catch((error: unknown) => log(`Follow-up/alert check failed (retried in ${settings.intervalMinutes} min): ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (current = undefined));
  };
  const timer = settings.intervalMinutes > 0 ? setInterval(tick, settings.intervalMinutes * 60_000) : undefined;
  timer?.unref();
  return {
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await current;
    },
  };
}
