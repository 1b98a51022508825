/**
 * Net Promoter Score, its standard error and interval, and the test for a difference between two
 * NPS values, exactly as defined in PRODUCT.md ("Analytics: definitions").
 */
import { criticalZ, normalTwoSidedP } from './distributions.js';
import { resolveIntervalOptions, resolveTestLevel, type IntervalFields, type IntervalOptions, type TestOptions } from './interval.js';
import { requireCount, requireInRange } from './validate.js';

export type NpsCategory = 'PROMOTER' | 'PASSIVE' | 'DETRACTOR';

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export type NpsOptions = IntervalOptions;

/** NPS with n and its interval. The interval is clipped to −100..100; `margin` is not. */
export interface NpsResult extends NpsCounts, IntervalFields {
  n: number;
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
  if (score >= 9) return 'PROMOTER';
  if (score >= 7) return 'PASSIVE';
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
 * Var = (pP + pD − (pP − pD)²) / n. The interval is the Wald interval NPS ± z·SE, as PRODUCT.md
 * defines it; it is clipped to −100..100 because the Wald interval can leave the scale at small n
 * or extreme shares (the unclipped half-width stays available as `margin`). Small samples are
 * flagged rather than hidden: an empty or thin cut is normal in analytics.
 */
export function computeNps(counts: NpsCounts, options: NpsOptions = {}): NpsResult {
  const fn = 'computeNps';
  requireCount(fn, 'promoters', counts.promoters);
  requireCount(fn, 'passives', counts.passives);
  requireCount(fn, 'detractors', counts.detractors);
  const { confidenceLevel, minN } = resolveIntervalOptions(fn, options);

  const { promoters, passives, detractors } = counts;
  const n = promoters + passives + detractors;
  const base = { n, promoters, passives, detractors, confidenceLevel, lowSample: n < minN };
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
  // max(0, …) guards against a rounding-level negative variance when one share is 1.
  const se = 100 * Math.sqrt(Math.max(0, pP + pD - (pP - pD) ** 2) / n);
  const margin = criticalZ(confidenceLevel) * se;
  return {
    ...base,
    nps,
    promoterShare: pP,
    passiveShare: passives / n,
    detractorShare: pD,
    se,
    margin,
    ciLow: Math.max(-100, nps - margin),
    ciHigh: Math.min(100, nps + margin),
  };
}

/**
 * Tests whether two independent NPS values differ: z = (NPSa − NPSb) / sqrt(SEa² + SEb²),
 * significant when |z| exceeds the critical z (1.96 at 95%), as PRODUCT.md defines it.
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
