import type { DayRange, WindowCounts } from '../../../analytics/queries/alerts/getWindowCounts.js';
import { measureOf, type PerformanceMeasure } from '../../../analytics/queries/metrics/measure.js';
import { bonferroniCriticalZ, compareNps, computeNps, csatMean, normalCdf, welchTest, type MeanResult, type NpsResult } from '../../../analytics/stats/index.js';
import { MultipleComparisons, type AlertScope } from './alert.entity.js';
import { DAY_MS, toLocalDate } from '../../../analytics/localDate.js';
import { readerLanguage, rounded, say, whole } from '../../../analytics/i18n/index.js';

export interface RuleSettings {
  windowDays: number;
  baselineDays: number;
  zThreshold: number;
  minN: number;
  multipleComparisons: MultipleComparisons;
}

export interface WindowEvidence extends NpsResult, DayRange {
  /** Mean satisfaction 1-5 in the window: the tested figure when measure is CSAT. */
  csat?: MeanResult;
  /** Distinct customers behind the window's answers: the small-cell suppression of the evidence reads it. */
  customers: number;
}

/** What an alert stores: both windows' NPS with n and interval, the test, and how the threshold was set. */
export interface AlertEvidence {
  scope: AlertScope;
  scopeCode: string;
  scopeName: string;
  /**
   * What was tested: NPS, or for a scope with satisfaction ratings but no likelihood-to-recommend answers
   * in either window, mean CSAT (Welch's t of recent − baseline, compared with the same threshold).
   * Absent in evidence stored before CSAT scopes were tested: NPS.
   */
  measure?: PerformanceMeasure;
  recent: WindowEvidence;
  baseline: WindowEvidence;
  /** recent − baseline, in NPS points (CSAT: points on the 1-5 scale). */
  difference: number | null;
  se: number | null;
  z: number | null;
  pValue: number | null;
  /** The rule's threshold, and the per-scope threshold this check applied (after the correction). */
  zThreshold: number;
  criticalZ: number;
  correction: MultipleComparisons;
  /** Scopes with n ≥ minN in both windows: the number of tests the correction divides by. */
  tests: number;
  minN: number;
  checkedAt: string;
}

export interface ScopeVerdict {
  evidence: AlertEvidence;
  /** Both windows have at least minN answers and the test could be computed. */
  testable: boolean;
  /** Recent NPS significantly below the baseline at the corrected threshold: raise an alert. */
  drop: boolean;
  /**
   * No longer below the baseline even at the rule's own, uncorrected threshold: close an open alert.
   * Raising at the corrected and closing at the uncorrected threshold leaves a band in which an
   * alert neither opens nor closes, so it does not flap from one check to the next.
   */
  recovered: boolean;
}


/**
 * The two windows of a check, in whole UTC days: the recent window ends with the day of `now` and
 * holds windowDays days; the baseline holds the baselineDays days right before it.
 */
export function alertWindows(now: Date, rule: Pick<RuleSettings, 'windowDays' | 'baselineDays'>): { recent: DayRange; baseline: DayRange } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const recentFrom = today - (rule.windowDays - 1) * DAY_MS;
  const baselineTo = recentFrom - DAY_MS;
  return {
    recent: { from: toLocalDate(recentFrom), to: toLocalDate(today) },
    baseline: { from: toLocalDate(baselineTo - (rule.baselineDays - 1) * DAY_MS), to: toLocalDate(baselineTo) },
  };
}

/** Tests every scope of one rule: recent NPS against its own baseline (compareNps, PRODUCT.md). */
export function evaluateScopes(
  scope: AlertScope,
  counts: readonly WindowCounts[],
  rule: RuleSettings,
  windows: { recent: DayRange; baseline: DayRange },
  now: Date,
): { tests: number; criticalZ: number; verdicts: ScopeVerdict[] } {
  const tested = counts.map((c) => {
    const recent = computeNps(c.recent, { minN: rule.minN });
    const baseline = computeNps(c.baseline, { minN: rule.minN });
    const measure = measureOf(recent.n + baseline.n, (c.csat?.recent.n ?? 0) + (c.csat?.baseline.n ?? 0)) ?? 'NPS';
    if (measure === 'CSAT' && c.csat) {
      // Welch's t on hundreds of answers is a z for practical purposes: the same thresholds apply.
      const recentCsat = csatMean(c.csat.recent, { minN: rule.minN });
      const baselineCsat = csatMean(c.csat.baseline, { minN: rule.minN });
      const welch = welchTest(recentCsat, baselineCsat);
      const test = { difference: welch.difference, se: welch.se, z: welch.statistic, pValue: welch.pValue };
      const testable = recentCsat.n >= rule.minN && baselineCsat.n >= rule.minN && test.z !== null;
      return { c, measure, recent: { ...recent, csat: recentCsat }, baseline: { ...baseline, csat: baselineCsat }, test, testable };
    }
    const test = compareNps(recent, baseline);
    const testable = recent.n >= rule.minN && baseline.n >= rule.minN && test.z !== null;
    return { c, measure: 'NPS' as const, recent, baseline, test, testable };
  });
  const tests = tested.filter((t) => t.testable).length;
  // One check tests every touchpoint at once: at 1.96 on ~45 stable touchpoints about one chance alarm
  // per check is expected; BONFERRONI keeps the chance of any false drop alarm in a check at α/2.
  const criticalZ = bonferroniCriticalZ(rule.zThreshold, tests, rule.multipleComparisons);
  const verdicts = tested.map(({ c, measure, recent, baseline, test, testable }): ScopeVerdict => {
    const z = test.z;
    return {
      evidence: {
        scope,
        scopeCode: c.key,
        scopeName: c.name,
        measure,
        recent: { ...windows.recent, ...recent, customers: c.recentCustomers },
        baseline: { ...windows.baseline, ...baseline, customers: c.baselineCustomers },
        difference: test.difference,
        se: test.se,
        z,
        pValue: test.pValue,
        zThreshold: rule.zThreshold,
        criticalZ,
        correction: rule.multipleComparisons,
        tests,
        minN: rule.minN,
        checkedAt: now.toISOString(),
      },
      testable,
      drop: testable && z !== null && z < -criticalZ,
      recovered: testable && z !== null && z >= -rule.zThreshold,
    };
  });
  return { tests, criticalZ, verdicts };
}

/**
 * The rule's test in one sentence, e.g. "Raise an alert when a touchpoint's NPS over the last 14 days
 * is significantly below its previous 90 days (z below -1.96, ...)", in the reader's language. Shown
 * beside the rule's form.
 */
export function explainRule(rule: RuleSettings & { scope: AlertScope }): string {
  const level = rounded(Math.round(2 * (1 - normalCdf(rule.zThreshold)) * 1000) / 10, 1);
  const days = (n: number) => (n === 1 ? say('alerts.explain.day') : say('alerts.explain.days', { n: whole(n) }));
  const correction = say(rule.multipleComparisons === MultipleComparisons.BONFERRONI ? 'alerts.explain.bonferroni' : 'alerts.explain.each', { level });
  return say('alerts.explain.rule', {
    scope: say(`alerts.explain.scope.${rule.scope}`),
    window: days(rule.windowDays),
    baseline: days(rule.baselineDays),
    // English writes the threshold exactly as set ("1.959964"); Danish with a decimal comma.
    z: readerLanguage() === 'en' ? String(rule.zThreshold) : rounded(rule.zThreshold, 6),
    correction,
    minN: whole(rule.minN),
  });
}
