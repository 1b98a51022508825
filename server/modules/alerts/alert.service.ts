import type { EntityManager } from '@mikro-orm/postgresql';
import { getWindowCounts } from '../../../analytics/queries/alerts/getWindowCounts.js';
import type { Queryable } from '../../../analytics/store.js';
import { audit } from '../../auth/auth.service.js';
import type { Caller } from '../../context.js';
import { User } from '../users/user.entity.js';
import { Alert, AlertRule, AlertStatus } from './alert.entity.js';
import { AlertErrors } from './alert.errors.js';
import { alertWindows, evaluateScopes, explainRule, type AlertEvidence } from './alert.evaluate.js';
import { notifyAlertRaised } from '../notifications/events.js';
import type { AlertRuleInput } from './alert.input.js';

const ACTIVE = [AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED];

export interface RuleCheck {
  rule: AlertRule;
  /** Scopes with enough answers in both windows. */
  tests: number;
  criticalZ: number;
  raised: Alert[];
  closed: Alert[];
  /** Alerts of the rule still OPEN or ACKNOWLEDGED after the check. */
  active: number;
  /** Every scope's evidence, raised or not (for reports and tests). */
  evidence: AlertEvidence[];
}

// One check at a time per process: the start-up check and the periodic one must not interleave.
// Across processes, the partial unique index on alert keeps one active alert per rule and scope.
let running: Promise<unknown> = Promise.resolve();

/**
 * "Måling og varsling" (source 004): for every enabled rule and every scope (touchpoint, phase, persona
 * or unit), the NPS of the recent window against the window before it. Raises an alert (with its
 * evidence) on a significant drop when none is active for that rule and scope; closes an active one
 * when the dip is no longer significant. See alert.evaluate.ts for the threshold and its correction.
 */
export function checkAlerts(root: EntityManager, store: Queryable, options: { now?: Date } = {}): Promise<RuleCheck[]> {
  const next = running.then(() => runCheck(root.fork(), store, options.now ?? new Date()));
  running = next.catch(() => undefined);
  return next;
}

async function runCheck(em: EntityManager, store: Queryable, now: Date): Promise<RuleCheck[]> {
  const results: RuleCheck[] = [];
  for (const rule of await em.find(AlertRule, { enabled: true }, { orderBy: { createdAt: 'asc' } })) {
    const windows = alertWindows(now, rule);
    const counts = await getWindowCounts(store, rule.scope, windows.recent, windows.baseline);
    const { tests, criticalZ, verdicts } = evaluateScopes(rule.scope, counts, rule, windows, now);
    const active = new Map((await em.find(Alert, { rule, status: { $in: ACTIVE } })).map((a) => [`${a.scope}|${a.scopeCode}`, a]));
    const raised: Alert[] = [];
    const closed: Alert[] = [];
    for (const verdict of verdicts) {
      const { evidence } = verdict;
      const current = active.get(`${rule.scope}|${evidence.scopeCode}`);
      if (!current && verdict.drop) {
        const alert = em.create(Alert, { rule, scope: rule.scope, scopeCode: evidence.scopeCode, evidence: { ...evidence }, raisedAt: now });
        raised.push(alert);
        await notifyAlertRaised(em, alert, evidence);
      } else if (current && verdict.recovered) {
        current.status = AlertStatus.CLOSED;
        current.closedAt = now;
        current.resolution = { ...evidence };
        closed.push(current);
      }
    }
    await em.flush();
    results.push({ rule, tests, criticalZ, raised, closed, active: active.size + raised.length - closed.length, evidence: verdicts.map((v) => v.evidence) });
  }
  return results;
}

export interface RulePreview {
  explanation: string;
  recent: { from: string; to: string };
  baseline: { from: string; to: string };
  scopes: number;
  tests: number;
  criticalZ: number;
  /** What a check now would raise: the significant drops, worst z first. */
  wouldRaise: AlertEvidence[];
}

export class AlertService {
  constructor(private readonly em: EntityManager) {}

  /**
   * What a rule (a saved one changed by `input`, or a new one) would raise if checked now; nothing is
   * stored. The same windows and test as the periodic check (runCheck).
   */
  async preview(store: Queryable, input: AlertRuleInput, ruleId: string | undefined, now = new Date()): Promise<RulePreview> {
    const saved = ruleId ? await this.em.findOne(AlertRule, ruleId) : null;
    if (ruleId && !saved) throw AlertErrors.ruleNotFound(ruleId);
    const defaults = new AlertRule();
    const base = saved ?? defaults;
    const pick = <K extends keyof AlertRuleInput & keyof AlertRule>(key: K) => input[key] ?? base[key];
    const settings = {
      scope: pick('scope'),
      windowDays: pick('windowDays'),
      baselineDays: pick('baselineDays'),
      zThreshold: pick('zThreshold'),
      minN: pick('minN'),
      multipleComparisons: pick('multipleComparisons'),
    };
    const windows = alertWindows(now, settings);
    const counts = await getWindowCounts(store, settings.scope, windows.recent, windows.baseline);
    const { tests, criticalZ, verdicts } = evaluateScopes(settings.scope, counts, settings, windows, now);
    const wouldRaise = verdicts.filter((v) => v.drop).map((v) => v.evidence).sort((a, b) => (a.z ?? 0) - (b.z ?? 0));
    return { explanation: explainRule(settings), ...windows, scopes: counts.length, tests, criticalZ, wouldRaise };
  }

  list(status?: AlertStatus[]): Promise<Alert[]> {
    return this.em.find(Alert, status?.length ? { status: { $in: status } } : {}, { orderBy: { raisedAt: 'desc', id: 'asc' } });
  }

  rules(): Promise<AlertRule[]> {
    return this.em.find(AlertRule, {}, { orderBy: { createdAt: 'asc' } });
  }

  /** OPEN → ACKNOWLEDGED (someone is on it); acknowledging again is a no-op; a CLOSED alert is refused. */
  async acknowledge(id: string, caller: Caller): Promise<Alert> {
    const alert = await this.em.findOne(Alert, id);
    if (!alert) throw AlertErrors.alertNotFound(id);
    if (alert.status === AlertStatus.CLOSED) throw AlertErrors.alreadyClosed(id);
    if (alert.status === AlertStatus.OPEN) {
      alert.status = AlertStatus.ACKNOWLEDGED;
      alert.acknowledgedAt = new Date();
      alert.acknowledgedBy = this.em.getReference(User, caller.id);
      audit(this.em, 'ALERT_ACKNOWLEDGED', caller.id, { alertId: id });
      await this.em.flush();
    }
    return alert;
  }

  async createRule(input: AlertRuleInput, caller: Caller): Promise<AlertRule> {
    if (!input.name) throw AlertErrors.missingFields(['name']);
    const rule = this.em.create(AlertRule, { name: input.name });
    this.em.assign(rule, input, { ignoreUndefined: true });
    audit(this.em, 'ALERT_RULE_CREATED', caller.id, { input: { ...input } });
    await this.em.flush();
    return rule;
  }

  async updateRule(id: string, input: AlertRuleInput, caller: Caller): Promise<AlertRule> {
    const rule = await this.em.findOne(AlertRule, id);
    if (!rule) throw AlertErrors.ruleNotFound(id);
    this.em.assign(rule, input, { ignoreUndefined: true });
    audit(this.em, 'ALERT_RULE_UPDATED', caller.id, { ruleId: id, input: { ...input } });
    await this.em.flush();
    return rule;
  }
}
