/**
 * Customer satisfaction (CSAT, 1-5): the mean from sufficient statistics, the top-2-box share (4-5),
 * and tests for differences between two groups. DuckDB returns count(*), sum(x) and sum(x*x) per cut,
 * so nothing here needs the individual answers.
 */
import { criticalT, criticalZ, normalTwoSidedP, studentTTwoSidedP } from './distributions.js';
import { resolveIntervalOptions, resolveTestLevel, type IntervalFields, type IntervalOptions, type TestOptions } from './interval.js';
import { requireCount, requireFinite } from './validate.js';

/** Sufficient statistics of a set of scores: count, Σx and Σx². */
export interface MeanSums {
  n: number;
  sum: number;
  sumSquares: number;
}

/** Mean with n and its t-interval (clipped to 1..5; `margin` is not). */
export interface MeanResult extends IntervalFields {
  n: number;
  /** null when n = 0. */
  mean: number | null;
  /** Sample standard deviation (n − 1 denominator); null when n < 2. */
  sd: number | null;
}

export interface ProportionCounts {
  n: number;
  /** How many of the n are in the category (e.g. answered 4 or 5). */
  count: number;
}

/** A share with n and its Wilson interval; `se` is the Wald SE, `margin` is null (Wilson is asymmetric). */
export interface ProportionResult extends IntervalFields {
  n: number;
  count: number;
  /** count / n on the 0..1 scale; null when n = 0. */
  share: number | null;
}

export interface DifferenceTest {
  /** a − b. */
  difference: number | null;
  se: number | null;
  /** The t (Welch) or z (proportions) statistic. */
  statistic: number | null;
  /** Degrees of freedom of Welch's t (Welch–Satterthwaite); null for the z-test of proportions. */
  df: number | null;
  pValue: number | null;
  significant: boolean | null;
}

/** The range of a rating question; means and their intervals stay inside it. */
export interface RatingScale {
  min: number;
  max: number;
}
/** CSAT and the emotional factors are 1-5; effort is asked on 1-7 (pass `scale`). */
export const CSAT_SCALE: RatingScale = { min: 1, max: 5 };
// Σx² − (Σx)²/n is computed from large sums; allow this relative rounding before calling it inconsistent.
const RELATIVE_TOLERANCE = 1e-9;

/**
 * Mean CSAT (1-5) with SE and interval from {n, Σx, Σx²}.
 *
 * The sample variance is (Σx² − (Σx)²/n)/(n − 1). The interval uses Student's t with n − 1 df,
 * not 1.96: the variance is estimated, and small cuts (a touchpoint × persona × week) are common,
 * where z would be too narrow; at n ≥ 30 the two differ by under 5%. The interval is clipped to 1..5.
 */
export function csatMean(sums: MeanSums, options: IntervalOptions & { scale?: RatingScale } = {}): MeanResult {
  const { min: CSAT_MIN, max: CSAT_MAX } = options.scale ?? CSAT_SCALE;
  const fn = 'csatMean';
  const { confidenceLevel, minN } = resolveIntervalOptions(fn, options);
  const { n, sum, sumSquares } = sums;
  requireCount(fn, 'n', n);
  requireFinite(fn, 'sum', sum);
  requireFinite(fn, 'sumSquares', sumSquares);
  const base = { n, confidenceLevel, lowSample: n < minN };
  const empty = { sd: null, se: null, margin: null, ciLow: null, ciHigh: null };
  if (n === 0) {
    if (sum !== 0 || sumSquares !== 0) {
      throw new Error(`csatMean: n is 0 but sum is ${sum} and sumSquares is ${sumSquares}; they must be 0`);
    }
    return { ...base, mean: null, ...empty };
  }
  const mean = sum / n;
  const slack = RELATIVE_TOLERANCE * Math.max(1, Math.abs(mean));
  if (mean < CSAT_MIN - slack || mean > CSAT_MAX + slack) {
    throw new Error(`csatMean: mean sum/n = ${mean} is outside the ${CSAT_MIN}-${CSAT_MAX} scale; check that scores are ${CSAT_MIN}-${CSAT_MAX}`);
  }
  if (n === 1) return { ...base, mean, ...empty };
  const centred = sumSquares - (sum * sum) / n;
  if (centred < -RELATIVE_TOLERANCE * Math.max(1, sumSquares)) {
    throw new Error(
      `csatMean: sumSquares ${sumSquares} is smaller than sum²/n = ${(sum * sum) / n}; the sums are inconsistent`,
    );
  }
  const sd = Math.sqrt(Math.max(0, centred) / (n - 1));
  const se = sd / Math.sqrt(n);
  const margin = criticalT(confidenceLevel, n - 1) * se;
  return {
    ...base,
    mean,
    sd,
    se,
    margin,
    ciLow: Math.max(CSAT_MIN, mean - margin),
    ciHigh: Math.min(CSAT_MAX, mean + margin),
  };
}

/** Builds sufficient statistics from individual scores (for tests and small inputs). */
export function meanSums(scores: readonly number[]): MeanSums {
  let sum = 0;
  let sumSquares = 0;
  for (const [i, score] of scores.entries()) {
    requireFinite('meanSums', `scores[${i}]`, score);
    sum += score;
    sumSquares += score * score;
  }
  return { n: scores.length, sum, sumSquares };
}

function requireProportionCounts(fn: string, name: string, counts: ProportionCounts): void {
  requireCount(fn, `${name}.n`, counts.n);
  requireCount(fn, `${name}.count`, counts.count);
  if (counts.count > counts.n) {
    throw new Error(`${fn}: ${name}.count (${counts.count}) must not exceed ${name}.n (${counts.n})`);
  }
}

/**
 * A share (e.g. top-2-box: answers 4 or 5 of 1-5) with the Wilson score interval.
 *
 * PRODUCT.md fixes no interval for CSAT shares, so we use Wilson rather than Wald: Wald collapses
 * to zero width at 0% or 100% and leaves 0..1 at small n, while Wilson keeps close to nominal
 * coverage there (Brown, Cai & DasGupta 2001). The Wald SE is still returned for the z-test.
 */
export function proportion(counts: ProportionCounts, options: IntervalOptions = {}): ProportionResult {
  const fn = 'proportion';
  const { confidenceLevel, minN } = resolveIntervalOptions(fn, options);
  requireProportionCounts(fn, 'counts', counts);
  const { n, count } = counts;
  const base = { n, count, confidenceLevel, lowSample: n < minN };
  if (n === 0) return { ...base, share: null, se: null, margin: null, ciLow: null, ciHigh: null };
  const p = count / n;
  const z = criticalZ(confidenceLevel);
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const halfWidth = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return {
    ...base,
    share: p,
    se: Math.sqrt((p * (1 - p)) / n),
    margin: null,
    ciLow: Math.max(0, centre - halfWidth),
    ciHigh: Math.min(1, centre + halfWidth),
  };
}

/** The lowest satisfaction rating (1-5) that counts in the top-2 box. */
export const TOP_TWO_BOX_FROM = 4;

/** Top-2-box share of 1-5 CSAT answers: count = answers of 4 or 5 (TOP_TWO_BOX_FROM and up). */
export function topTwoBox(counts: ProportionCounts, options: IntervalOptions = {}): ProportionResult {
  return proportion(counts, options);
}

const NO_TEST: DifferenceTest = { difference: null, se: null, statistic: null, df: null, pValue: null, significant: null };

/**
 * Welch's t-test for two independent means (unequal variances allowed, the usual case when two
 * touchpoints or periods are compared). t = (x̄a − x̄b) / sqrt(sa²/na + sb²/nb); df by
 * Welch–Satterthwaite. Needs n >= 2 on each side; otherwise, or when both variances are 0, nulls.
 */
export function welchTest(
  a: Pick<MeanResult, 'n' | 'mean' | 'sd'>,
  b: Pick<MeanResult, 'n' | 'mean' | 'sd'>,
  options: TestOptions = {},
): DifferenceTest {
  const fn = 'welchTest';
  const confidenceLevel = resolveTestLevel(fn, options);
  requireCount(fn, 'a.n', a.n);
  requireCount(fn, 'b.n', b.n);
  if (a.mean === null || b.mean === null) return NO_TEST;
  const difference = a.mean - b.mean;
  if (a.sd === null || b.sd === null || a.n < 2 || b.n < 2) return { ...NO_TEST, difference };
  requireFinite(fn, 'a.sd', a.sd);
  requireFinite(fn, 'b.sd', b.sd);
  const va = a.sd ** 2 / a.n;
  const vb = b.sd ** 2 / b.n;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { ...NO_TEST, difference, se };
  const t = difference / se;
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  return {
    difference,
    se,
    statistic: t,
    df,
    pValue: studentTTwoSidedP(t, df),
    significant: Math.abs(t) > criticalT(confidenceLevel, df),
  };
}

/** The interval of a difference of two figures (a − b); null ends when it cannot be computed. */
export interface DifferenceInterval {
  difference: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  confidenceLevel: number;
}

/**
 * Welch's interval of the difference of two mean ratings (a − b), e.g. two personas' CSAT at a touchpoint:
 * (x̄a − x̄b) ± t(1 − α/2, df)·sqrt(sa²/na + sb²/nb), df by Welch–Satterthwaite (the same se and df as
 * welchTest, so the interval excludes 0 exactly when the test is significant). Not clipped: a difference
 * of 1-5 means lies in −4..4 anyway. Null ends when a side has n < 2 or no spread on either side.
 */
export function csatDifferenceInterval(a: Pick<MeanResult, 'n' | 'mean' | 'sd'>, b: Pick<MeanResult, 'n' | 'mean' | 'sd'>, options: TestOptions = {}): DifferenceInterval {
  const confidenceLevel = resolveTestLevel('csatDifferenceInterval', options);
  const test = welchTest(a, b, { confidenceLevel });
  if (test.difference === null || test.se === null || test.df === null || test.se === 0) return { difference: test.difference, ciLow: null, ciHigh: null, confidenceLevel };
  const margin = criticalT(confidenceLevel, test.df) * test.se;
  return { difference: test.difference, ciLow: test.difference - margin, ciHigh: test.difference + margin, confidenceLevel };
}

/**
 * Two-proportion z-test (e.g. top-2-box share in two periods). Under H0 both shares are equal,
 * so the SE uses the pooled share p = (xa + xb)/(na + nb): SE = sqrt(p(1 − p)(1/na + 1/nb)).
 * Nulls when a side is empty or the pooled share is 0 or 1 (no variation to test against).
 */
export function twoProportionTest(a: ProportionCounts, b: ProportionCounts, options: TestOptions = {}): DifferenceTest {
  const fn = 'twoProportionTest';
  const confidenceLevel = resolveTestLevel(fn, options);
  requireProportionCounts(fn, 'a', a);
  requireProportionCounts(fn, 'b', b);
  if (a.n === 0 || b.n === 0) return NO_TEST;
  const difference = a.count / a.n - b.count / b.n;
  const pooled = (a.count + b.count) / (a.n + b.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  if (se === 0) return { ...NO_TEST, difference, se };
  const z = difference / se;
  return {
    difference,
    se,
    statistic: z,
    df: null,
    pValue: normalTwoSidedP(z),
    significant: Math.abs(z) > criticalZ(confidenceLevel),
  };
}
