/**
 * Normal and Student t distribution functions, written out so that p-values and critical values
 * need no statistics dependency. Both CDFs go through the regularised incomplete gamma / beta
 * functions (Numerical Recipes, 3rd ed., §6.2 and §6.4), which keep full relative precision in
 * the tails, where a p-value lives. Quantiles invert the CDF by bisection: slower than a rational
 * approximation, but it cannot disagree with the CDF it inverts, and we call it a handful of times.
 */
import { requireConfidenceLevel, requireFinite } from './validate.js';

// Lanczos approximation (g = 7, n = 9): ln Γ to about 15 significant digits for x > 0.
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const MAX_ITERATIONS = 500;
const EPSILON = 1e-15;
// Smallest safe denominator in the modified Lentz continued fractions.
const TINY = 1e-300;

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  requireFinite('lnGamma', 'x', x);
  if (x <= 0) throw new Error(`lnGamma: x must be > 0, got ${x}`);
  // Reflection keeps the Lanczos series in the range where it is accurate.
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) sum += LANCZOS_COEFFICIENTS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Upper regularised incomplete gamma Q(a, x) = Γ(a, x) / Γ(a), for a > 0, x >= 0. */
function upperGammaQ(a: number, x: number): number {
  if (x === 0) return 1;
  const logPrefactor = -x + a * Math.log(x) - lnGamma(a);
  if (x < a + 1) {
    // Series for P converges fast here; Q = 1 - P.
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITERATIONS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
    }
    return 1 - sum * Math.exp(logPrefactor);
  }
  // Continued fraction for Q (modified Lentz) converges fast for x >= a + 1.
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(logPrefactor) * h;
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b), for a, b > 0 and 0 <= x <= 1. */
function incompleteBeta(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logPrefactor = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  // The continued fraction converges for x < (a+1)/(a+b+2); use the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) beyond.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logPrefactor) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(logPrefactor) * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(|Z| >= |z|) for a standard normal Z: the two-sided p-value of a z statistic. */
export function normalTwoSidedP(z: number): number {
  requireFinite('normalTwoSidedP', 'z', z);
  // P(|Z| >= |z|) = erfc(|z|/√2) = Q(1/2, z²/2).
  return upperGammaQ(0.5, (z * z) / 2);
}

/** Φ(z), the standard normal CDF. */
export function normalCdf(z: number): number {
  requireFinite('normalCdf', 'z', z);
  const tail = normalTwoSidedP(z) / 2;
  return z < 0 ? tail : 1 - tail;
}

function requireDegreesOfFreedom(fn: string, df: number): void {
  if (typeof df !== 'number' || Number.isNaN(df) || df <= 0) {
    throw new Error(`${fn}: degrees of freedom must be > 0, got ${df}`);
  }
}

/** P(|T| >= |t|) for Student's t with df degrees of freedom (df may be fractional, e.g. Welch). */
export function studentTTwoSidedP(t: number, df: number): number {
  requireFinite('studentTTwoSidedP', 't', t);
  requireDegreesOfFreedom('studentTTwoSidedP', df);
  if (df === Infinity) return normalTwoSidedP(t);
  return incompleteBeta(df / 2, 0.5, df / (df + t * t));
}

/** CDF of Student's t with df degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = studentTTwoSidedP(t, df) / 2;
  return t < 0 ? tail : 1 - tail;
}

/**
 * Finds x with lowerTail(x) = p for a continuous, increasing, symmetric-about-0 distribution.
 * Solves in the lower tail (p <= 0.5) where lowerTail(x) is computed with full relative precision,
 * then mirrors.
 */
function symmetricQuantile(lowerTail: (x: number) => number, p: number): number {
  if (p === 0.5) return 0;
  if (p > 0.5) return -symmetricQuantile(lowerTail, 1 - p);
  let lo = -1;
  while (lowerTail(lo) > p) lo *= 2;
  let hi = lo / 2;
  if (lo === -1) hi = 0;
  // Bisect until the bracket cannot shrink any further in double precision.
  for (let i = 0; i < 2000; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (lowerTail(mid) > p) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

function requireOpenProbability(fn: string, p: number): void {
  requireFinite(fn, 'p', p);
  if (p <= 0 || p >= 1) throw new Error(`${fn}: p must be strictly between 0 and 1, got ${p}`);
}

/** Φ⁻¹(p), the standard normal quantile. */
export function normalQuantile(p: number): number {
  requireOpenProbability('normalQuantile', p);
  return symmetricQuantile((x) => normalTwoSidedP(x) / 2, p);
}

/** The p-quantile of Student's t with df degrees of freedom. */
export function studentTQuantile(p: number, df: number): number {
  requireOpenProbability('studentTQuantile', p);
  requireDegreesOfFreedom('studentTQuantile', df);
  return symmetricQuantile((x) => studentTTwoSidedP(x, df) / 2, p);
}

/**
 * The two-sided critical z for a confidence level. For 95% this is 1.96 exactly, not
 * Φ⁻¹(0.975) = 1.959964: PRODUCT.md defines the NPS interval and the significance test with 1.96,
 * and every published number must be reproducible by hand from that definition. The difference
 * (0.002%) is far below any interval's own uncertainty.
 */
export function criticalZ(confidenceLevel: number): number {
  requireConfidenceLevel('criticalZ', confidenceLevel);
  if (confidenceLevel === 0.95) return 1.96;
  return normalQuantile(1 - (1 - confidenceLevel) / 2);
}

/**
 * Critical t values already computed, by confidence level and df. Each is a bisection of ~1,000
 * incomplete-beta evaluations, and a prioritisation asks for one per touchpoint on every request
 * (the largest CPU cost of a warm prioritisation in the bench's profile), mostly with the same few
 * (level, df) pairs. Bounded: cleared when full.
 */
const criticalTMemo = new Map<string, number>();
const CRITICAL_T_MEMO_SIZE = 10_000;

/** The two-sided critical t for a confidence level and df degrees of freedom. */
export function criticalT(confidenceLevel: number, df: number): number {
  requireConfidenceLevel('criticalT', confidenceLevel);
  const key = `${confidenceLevel}|${df}`;
  const known = criticalTMemo.get(key);
  if (known !== undefined) return known;
  const t = studentTQuantile(1 - (1 - confidenceLevel) / 2, df);
  if (criticalTMemo.size >= CRITICAL_T_MEMO_SIZE) criticalTMemo.clear();
  criticalTMemo.set(key, t);
  return t;
}
