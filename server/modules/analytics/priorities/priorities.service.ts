import type { EntityManager } from '@mikro-orm/postgresql';
import type { DriverOutcome } from '../../../../analytics/queries/drivers/getDrivers.js';
import { getPersonaGaps } from '../../../../analytics/queries/priorities/getPersonaGaps.js';
import { getPriorities, type PrioritiesResult } from '../../../../analytics/queries/priorities/getPriorities.js';
import { resultCache } from '../../../../analytics/queries/dataFingerprint.js';
import type { PerformanceSplit } from '../../../../analytics/queries/priorities/quadrants.js';
import { AnalyticsRequest } from '../analytics.request.js';
import type { AnalyticsFilterInput } from '../metrics/metrics.types.js';
import type { PersonaGaps, Priorities } from './priorities.types.js';
import { Alert, AlertScope, AlertStatus } from '../../alerts/alert.entity.js';
import { toAlertType, type AlertType } from '../../alerts/alert.type.js';
import { Target, TargetMetric, TargetScope } from '../../targets/target.entity.js';

/**
 * Target NPS per touchpoint code from the targets people maintain (scope TOUCHPOINT, metric NPS): the
 * target due next (due today or later), else the one due last. One SQL statement.
 */
async function touchpointNpsTargets(em: EntityManager, today: Date = new Date()): Promise<Map<string, number>> {
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
async function activeTouchpointAlerts(em: EntityManager, minCellCustomers: number | null): Promise<Map<string, AlertType>> {
  const alerts = await em.find(
    Alert,
    { scope: AlertScope.TOUCHPOINT, status: { $in: [AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED] } },
    { orderBy: { raisedAt: 'asc' } },
  );
  return new Map(alerts.map((a) => [a.scopeCode, toAlertType(a, minCellCustomers)]));
}

/**
 * Per data fingerprint, filter, options, touchpoint targets and small-cell threshold: the overview and
 * the priorities page ask for the same ranking on every visit. The driver sums and model were already
 * remembered; each request still read the touchpoint model and worked out every touchpoint's intervals,
 * splits and sentences.
 */
const rankings = resultCache<PrioritiesResult>(32);

/** Touchpoint prioritisation (importance against performance, value at stake) and persona gaps. */
export class PrioritiesService extends AnalyticsRequest {
  async priorities(
    input: AnalyticsFilterInput | undefined,
    options: {
      outcome: DriverOutcome | undefined;
      minN: number | undefined;
      targetNps: number | undefined;
      performanceSplit: PerformanceSplit | undefined;
      lastMonths?: number | undefined;
    },
  ): Promise<Priorities> {
    const { lastMonths, ...modelOptions } = options;
    // PostgreSQL's targets and alerts are read while the period is resolved and DuckDB computes: one after
    // the other, a request at one connection waited for each in turn (npm run bench, prioritisation).
    const alertsRead = activeTouchpointAlerts(this.ctx.em, this.minCellCustomers);
    alertsRead.catch(() => undefined); // awaited below; if the analytics fail first, this must not go unhandled
    const [filter, targets] = await Promise.all([this.filterForLastMonths(input, lastMonths), touchpointNpsTargets(this.ctx.em)]);
    const minCellCustomers = this.minCellCustomers;
    // The targets as read go into the key: a target edited, added or due is seen by the next request.
    const { drivers, ...rest } = await this.remembered(rankings, 'priorities', [filter, modelOptions, [...targets]], (store) =>
      getPriorities(store, filter, { ...modelOptions, targets, minCellCustomers }),
    );
    const alerts = await alertsRead;
    return {
      ...rest,
      // A recent collapse (an open alert) is shown beside the 12-month position it may contradict.
      touchpoints: rest.touchpoints.map((t) => ({ ...t, activeAlert: alerts.get(t.touchpointCode) ?? null })),
      outcome: drivers.outcome,
      outcomeDefinition: drivers.outcomeDefinition,
      binaryOutcome: drivers.binaryOutcome,
      outcomeScale: drivers.outcomeScale,
      rSquared: drivers.rSquared,
      driverCustomers: drivers.customers,
      repaired: drivers.repaired,
      minN: drivers.minN,
      notEstimated: drivers.excluded,
    };
  }

  async personaGaps(input: AnalyticsFilterInput | undefined, minN: number | undefined): Promise<PersonaGaps> {
    const result = await getPersonaGaps(this.store, this.filter(input), { minN, minCellCustomers: this.minCellCustomers });
    const flat = (gaps: typeof result.phases) =>
      gaps.map(({ test, interval, ...gap }) => ({ ...gap, ...test, differenceLow: interval.ciLow, differenceHigh: interval.ciHigh }));
    return { ...result, phases: flat(result.phases), touchpoints: flat(result.touchpoints) };
  }
}
