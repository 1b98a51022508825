import type { EntityManager } from '@mikro-orm/postgresql';
import { Alert, AlertScope, AlertStatus } from '../../alerts/alert.entity.js';
import { toAlertType, type AlertType } from '../../alerts/alert.type.js';
import { Target, TargetMetric, TargetScope } from '../../targets/target.entity.js';

/**
 * Target NPS per touchpoint code from the targets people maintain (scope TOUCHPOINT, metric NPS): the
 * target due next (due today or later), else the one due last. One SQL statement.
 */
export async function touchpointNpsTargets(em: EntityManager, today: Date = new Date()): Promise<Map<string, number>> {
  const targets = await em.find(
    Target,
    { scope: TargetScope.TOUCHPOINT, metric: TargetMetric.NPS, touchpoint: { code: { $ne: null } } },
    { populate: ['touchpoint'], orderBy: { dueDate: 'asc' } },
  );
  const day = today.toISOString().slice(0, 10);
  const chosen = new Map<string, Target>();
  for (const target of targets) {
    const code = target.touchpoint?.code;
    if (!code) continue;
    const current = chosen.get(code);
    // Ascending due dates: until the kept one is still to come, a later one replaces it.
    if (!current || current.dueDate.toISOString().slice(0, 10) < day) chosen.set(code, target);
  }
  return new Map([...chosen].map(([code, target]) => [code, target.targetValue]));
}

/**
 * The open or acknowledged TOUCHPOINT alerts by touchpoint code (the latest raised when several rules
 * alert on one touchpoint), so priorities can show a recent collapse beside the 12-month position. One SQL statement.
 * The evidence is suppressed for the caller's small-cell threshold as in `alerts`.
 */
export async function activeTouchpointAlerts(em: EntityManager, minCellCustomers: number | null): Promise<Map<string, AlertType>> {
  const alerts = await em.find(
    Alert,
    { scope: AlertScope.TOUCHPOINT, status: { $in: [AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED] } },
    { orderBy: { raisedAt: 'asc' } },
  );
  return new Map(alerts.map((a) => [a.scopeCode, toAlertType(a, minCellCustomers)]));
}
