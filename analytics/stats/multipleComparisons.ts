/**
 * Corrections for testing many things at once: a check that tests 45 touchpoints at 5% expects about
 * two false alarms by chance. Two corrections for two questions:
 * - Bonferroni controls the chance of any false alarm in the family (alerts: one check, m scopes);
 * - Benjamini–Hochberg controls the expected share of false discoveries among those flagged
 *   (persona gaps: a table of many "significant" differences where a few false ones are tolerable,
 *   but not most of them).
 */
import { normalCdf, normalQuantile } from './distributions.js';
import { requireFinite, requireInRange } from './validate.js';

export type FamilyCorrection = 'BONFERRONI' | 'NONE';

/**
 * The per-test |z| a result must pass when `tests` two-sided tests are made at once. zThreshold stands
 * for a two-sided level α = 2(1 − Φ(zThreshold)) (0.05 at 1.96). BONFERRONI tests each at α/m, so the
 * chance of any false alarm in the family stays at α; e.g. 1.96 and m = 30 give 3.14. NONE returns
 * zThreshold as it is.
 */
export function bonferroniCriticalZ(zThreshold: number, tests: number, correction: FamilyCorrection): number {
  requireFinite('bonferroniCriticalZ', 'zThreshold', zThreshold);
  if (correction === 'NONE' || tests <= 1) return zThreshold;
  const alpha = 2 * (1 - normalCdf(zThreshold));
  return normalQuantile(1 - alpha / (2 * tests));
}

export interface BenjaminiHochbergResult {
  /**
   * Benjamini–Hochberg adjusted p-values (q-values), in the input order; null where the p-value was
   * null. A test is a discovery at false-discovery rate q exactly when its adjusted p ≤ q.
   */
  adjusted: (number | null)[];
  /** Whether each test is a discovery at the given rate; false where the p-value was null. */
  discoveries: boolean[];
  /** How many p-values were tested (the m of the procedure; nulls are not tests). */
  tests: number;
}

/**
 * The Benjamini–Hochberg step-up procedure. Sort the m p-values ascending, p(1) ≤ … ≤ p(m); the
 * adjusted value of rank i is min over j ≥ i of m·p(j)/j, capped at 1; every test with adjusted p ≤ q
 * is a discovery (equivalently: the largest k with p(k) ≤ k·q/m and every rank up to k). Valid for
 * independent or positively dependent tests, which gaps of one persona against the others are close to.
 */
export function benjaminiHochberg(pValues: readonly (number | null)[], falseDiscoveryRate = 0.05): BenjaminiHochbergResult {
  const fn = 'benjaminiHochberg';
  requireInRange(fn, 'falseDiscoveryRate', falseDiscoveryRate, 0, 1);
  const tested = pValues.flatMap((p, index) => {
    if (p === null) return [];
    requireInRange(fn, `pValues[${index}]`, p, 0, 1);
    return [{ p, index }];
  });
  const m = tested.length;
  const adjusted: (number | null)[] = pValues.map(() => null);
  tested.sort((a, b) => a.p - b.p || a.index - b.index);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const t = tested[rank - 1]!;
    running = Math.min(running, (m * t.p) / rank);
    adjusted[t.index] = running;
  }
  return { adjusted, discoveries: adjusted.map((q) => q !== null && q <= falseDiscoveryRate), tests: m };
}
