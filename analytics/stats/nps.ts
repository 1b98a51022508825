/**
 * Net Promoter Score, its standard error and interval, and the test for a difference between two
 * NPS values. The definitions: NPS = 100 × (promoters − detractors) / n on 0-10 answers (9-10, 7-8, 0-6).
 */
import { criticalZ, normalTwoSidedP } from './distributions.js';
import { resolveIntervalOptions, resolveTestLevel, type IntervalFields, type IntervalOptions, type TestOptions } from './interval.js';
import { requireCount, requireInRange } from './validate.js';

export type NpsCategory = 'PROMOTER' | 'PASSIVE' | 'DETRACTOR';

/**
 * The group limits of a 0-10 likelihood-to-recommend answer: promoters from 9, passives from 7, the rest
 * detractors. classifyNps and the SQL that counts the groups (analytics/model/measures.ts) both read these.
 */
export const NPS_GROUP_LIMITS = { promoterFrom: 9, passiveFrom: 7 } as const;

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/**
 * How the NPS interval is computed.
 * - ADJUSTED_WALD (default): the Wald formula on counts with 3 pseudo-answers added (¾ promoter,
 *   1½ passive, ¾ detractor). Its coverage stays near 95% from n = 10 (the seeded simulation in
 *   tests/unit/stats/npsCoverage.test.ts; table in analytics/stats/README.md).
 * - WALD: NPS ± z·SE on the raw counts, the textbook formula (50/33/17 of 100 → 33.0 ± 14.68); it
 *   covers the true NPS far less often than promised below n = 50 (65% in the worst cell at n = 10).
 */
export type NpsIntervalMethod = 'ADJUSTED_WALD' | 'WALD';
export const NPS_INTERVAL_METHODS: readonly NpsIntervalMethod[] = ['ADJUSTED_WALD', 'WALD'];
export const DEFAULT_NPS_INTERVAL: NpsIntervalMethod = 'ADJUSTED_WALD';
/** Pseudo-answers the adjusted Wald interval adds: a quarter each to promoters and detractors, half to passives. */
const ADJUSTED_WALD_PSEUDO_ANSWERS = 3;

export interface NpsOptions extends IntervalOptions {
  /** Interval formula; default ADJUSTED_WALD. */
  interval?: NpsIntervalMethod;
}

/**
 * NPS with n and its interval. The interval is clipped to −100..100; `margin` is not. With the
 * adjusted Wald interval the interval is centred on the adjusted NPS, so it is not symmetric around
 * `nps`: read ciLow and ciHigh, not nps ± margin.
 */
export interface NpsResult extends NpsCounts, IntervalFields {
  n: number;
  /** The formula behind ciLow, ciHigh and margin. */
  intervalMethod: NpsIntervalMethod;
  /** 100 × (promoters − detractors) / n, on the −100..100 scale; null when n = 0. */
  nps: number | null;
  /** Shares on the 0..1 scale; null when n = 0. */
  promoterShare: number | null;
  passiveShare: number | null;
  detractorShare: number | null;
}

export interface NpsComparison {
  /** a.nps − b.nps in NPS points. */
  difference: number | null;
  /** sqrt(SEa² + SEb²). */
  se: number | null;
  z: number | null;
  /** Two-sided p-value from the normal distribution. */
  pValue: number | null;
  significant: boolean | null;
}

/** Classifies a 0-10 likelihood-to-recommend answer: 9-10 promoter, 7-8 passive, 0-6 detractor. */
export function classifyNps(score: number): NpsCategory {
  if (typeof score !== 'number' || !Number.isInteger(score) || score < 0 || score > 10) {
    throw new Error(`classifyNps: score must be an integer from 0 to 10, got ${score}`);
  }
  if (score >= NPS_GROUP_LIMITS.promoterFrom) return 'PROMOTER';
  if (score >= NPS_GROUP_LIMITS.passiveFrom) return 'PASSIVE';
  return 'DETRACTOR';
}

/** Counts promoters, passives and detractors among 0-10 answers. */
export function countNps(scores: readonly number[]): NpsCounts {
  const counts: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
  for (const score of scores) {
    const category = classifyNps(score);
    if (category === 'PROMOTER') counts.promoters++;
    else if (category === 'PASSIVE') counts.passives++;
    else counts.detractors++;
  }
  return counts;
}

/**
 * NPS with its standard error and interval from the three counts.
 *
 * The SE is that of a difference of two multinomial shares, pP − pD:
 * Var = (pP + pD − (pP − pD)²) / n; `se` is always this Wald SE of the raw NPS (the tests between
 * two NPS values use it). The interval is the adjusted Wald interval by default (see
 * NpsIntervalMethod) or the Wald interval NPS ± z·SE; either is clipped to −100..100 because it can
 * leave the scale at small n or extreme shares (the unclipped half-width stays available as
 * `margin`). Small samples are flagged rather than hidden: an empty or thin cut is normal in analytics.
 */
export function computeNps(counts: NpsCounts, options: NpsOptions = {}): NpsResult {
  const fn = 'computeNps';
  requireCount(fn, 'promoters', counts.promoters);
  requireCount(fn, 'passives', counts.passives);
  requireCount(fn, 'detractors', counts.detractors);
  const { confidenceLevel, minN } = resolveIntervalOptions(fn, options);
  const intervalMethod = options.interval ?? DEFAULT_NPS_INTERVAL;
  if (!NPS_INTERVAL_METHODS.includes(intervalMethod)) {
    throw new Error(`${fn}: interval must be one of ${NPS_INTERVAL_METHODS.join(', ')}, got ${String(intervalMethod)}`);
  }

  const { promoters, passives, detractors } = counts;
  const n = promoters + passives + detractors;
  const base = { n, promoters, passives, detractors, confidenceLevel, intervalMethod, lowSample: n < minN };
  if (n === 0) {
    return {
      ...base,
      nps: null,
      promoterShare: null,
      passiveShare: null,
      detractorShare: null,
      se: null,
      margin: null,
      ciLow: null,
      ciHigh: null,
    };
  }
  const pP = promoters / n;
  const pD = detractors / n;
  const nps = 100 * (pP - pD);
  const se = waldSe(pP, pD, n);
  const z = criticalZ(confidenceLevel);
  let centre = nps;
  let margin = z * se;
  if (intervalMethod === 'ADJUSTED_WALD') {
    const k = ADJUSTED_WALD_PSEUDO_ANSWERS;
    const aP = (promoters + k / 4) / (n + k);
    const aD = (detractors + k / 4) / (n + k);
    centre = 100 * (aP - aD);
    margin = z * waldSe(aP, aD, n + k);
  }
  return {
    ...base,
    nps,
    promoterShare: pP,
    passiveShare: passives / n,
    detractorShare: pD,
    se,
    margin,
    ciLow: Math.max(-100, centre - margin),
    ciHigh: Math.min(100, centre + margin),
  };
}

/** 100 × SE of pP − pD from n multinomial answers; max(0, …) guards a rounding-level negative variance when one share is 1. */
function waldSe(pP: number, pD: number, n: number): number {
  return 100 * Math.sqrt(Math.max(0, pP + pD - (pP - pD) ** 2) / n);
}

/**
 * Tests whether two independent NPS values differ: z = (NPSa − NPSb) / sqrt(SEa² + SEb²),
 * significant when |z| exceeds the critical z (1.96 at 95%).
 *
 * Returns nulls when either side is empty, and for z, p and significance when both SEs are 0
 * (every answer in one category on both sides): the Wald SE then says nothing about sampling
 * error, and a z of ±∞ would overstate certainty from what may be a handful of answers.
 */
export function compareNps(
  a: Pick<NpsResult, 'nps' | 'se'>,
  b: Pick<NpsResult, 'nps' | 'se'>,
  options: TestOptions = {},
): NpsComparison {
  const fn = 'compareNps';
  const confidenceLevel = resolveTestLevel(fn, options);
  if (a.nps === null || a.se === null || b.nps === null || b.se === null) {
    return { difference: null, se: null, z: null, pValue: null, significant: null };
  }
  requireInRange(fn, 'a.nps', a.nps, -100, 100);
  requireInRange(fn, 'b.nps', b.nps, -100, 100);
  requireInRange(fn, 'a.se', a.se, 0, 100);
  requireInRange(fn, 'b.se', b.se, 0, 100);
  const difference = a.nps - b.nps;
  const se = Math.sqrt(a.se ** 2 + b.se ** 2);
  if (se === 0) return { difference, se, z: null, pValue: null, significant: null };
  const z = difference / se;
  return { difference, se, z, pValue: normalTwoSidedP(z), significant: Math.abs(z) > criticalZ(confidenceLevel) };
}

/** The interval of a difference between two independent NPS values, a − b, in NPS points. */
export interface NpsDifferenceInterval {
  /** a.nps − b.nps on the raw counts; null when either side is empty. */
  difference: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  confidenceLevel: number;
}

/**
 * The adjusted Wald interval of NPSa − NPSb: each side gets 1½ pseudo-answers (⅜ promoter, ¾ passive,
 * ⅜ detractor, half of the single-NPS adjustment, as Agresti–Caffo halves Agresti–Coull's for two
 * proportions), then (NPS̃a − NPS̃b) ± z·sqrt(SẼa² + SẼb²), clipped to −200..200. Unlike the Wald
 * difference it has a width when both sides sit in one category, and a seeded simulation over n = 10-50
 * per side covered the true difference 94-96% of the time where Wald covered 91-94%. Used to rank gaps
 * by how surely they exceed zero (the lower bound), not by their size alone.
 */
export function npsDifferenceInterval(a: NpsCounts, b: NpsCounts, options: TestOptions = {}): NpsDifferenceInterval {
  const fn = 'npsDifferenceInterval';
  const confidenceLevel = resolveTestLevel(fn, options);
  for (const [side, c] of [['a', a], ['b', b]] as const) {
    requireCount(fn, `${side}.promoters`, c.promoters);
    requireCount(fn, `${side}.passives`, c.passives);
    requireCount(fn, `${side}.detractors`, c.detractors);
  }
  const na = a.promoters + a.passives + a.detractors;
  const nb = b.promoters + b.passives + b.detractors;
  if (na === 0 || nb === 0) return { difference: null, ciLow: null, ciHigh: null, confidenceLevel };
  const k = ADJUSTED_WALD_PSEUDO_ANSWERS / 2;
  const adjusted = (c: NpsCounts, n: number) => {
    const pP = (c.promoters + k / 4) / (n + k);
    const pD = (c.detractors + k / 4) / (n + k);
    return { nps: 100 * (pP - pD), se: waldSe(pP, pD, n + k) };
  };
  const ta = adjusted(a, na);
  const tb = adjusted(b, nb);
  const centre = ta.nps - tb.nps;
  const margin = criticalZ(confidenceLevel) * Math.sqrt(ta.se ** 2 + tb.se ** 2);
  return {
    difference: (100 * (a.promoters - a.detractors)) / na - (100 * (b.promoters - b.detractors)) / nb,
    ciLow: Math.max(-200, centre - margin),
    ciHigh: Math.min(200, centre + margin),
    confidenceLevel,
  };
}
