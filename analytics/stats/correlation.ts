/**
 * Pearson correlations from DuckDB's aggregates, and assembly of the predictor correlation matrix
 * and predictor-outcome vector that driver analysis (relative weights) works on.
 */
import { criticalZ } from './distributions.js';
import { requireConfidenceLevel, requireCount, requireFinite, requireInRange } from './validate.js';

/** Sufficient statistics of paired observations (x, y). */
export interface PairSums {
  n: number;
  sumX: number;
  sumY: number;
  sumXX: number;
  sumYY: number;
  sumXY: number;
}

export interface CorrelationInterval {
  low: number;
  high: number;
}

/** One pairwise correlation as DuckDB returns it, e.g. from `corr(a, b)` with its `count(*)`. */
export interface CorrelationEntry {
  a: string;
  b: string;
  r: number;
  /** Number of complete pairs behind r. */
  n: number;
}

export interface DriverCorrelations {
  predictors: string[];
  outcome: string;
  /** k × k predictor correlations, unit diagonal, symmetric. */
  rxx: number[][];
  /** Correlation of each predictor with the outcome. */
  rxy: number[];
  /** Pairs behind each rxx entry (diagonal: the smallest n among that predictor's pairs). */
  nxx: number[][];
  /** Pairs behind each rxy entry: the n per touchpoint to report. */
  nxy: number[];
  /** Smallest n among all pairs: the sample size the whole matrix can claim. */
  minN: number;
}

// A correlation may overshoot ±1 by rounding; beyond this it is an error in the input.
const ROUNDING = 1e-9;

/**
 * Pearson r = (nΣxy − ΣxΣy) / sqrt((nΣx² − (Σx)²)(nΣy² − (Σy)²)).
 * Returns null when n < 2 or either variable does not vary (r is undefined there, not 0).
 * The one-pass formula loses digits when the means are large next to the spread; for 0-10 and
 * 1-5 scores in double precision that is harmless, but prefer DuckDB's `corr()` for large values.
 */
export function pearsonFromSums(sums: PairSums): number | null {
  const fn = 'pearsonFromSums';
  requireCount(fn, 'n', sums.n);
  requireFinite(fn, 'sumX', sums.sumX);
  requireFinite(fn, 'sumY', sums.sumY);
  requireFinite(fn, 'sumXX', sums.sumXX);
  requireFinite(fn, 'sumYY', sums.sumYY);
  requireFinite(fn, 'sumXY', sums.sumXY);
  const { n, sumX, sumY, sumXX, sumYY, sumXY } = sums;
  if (n < 2) return null;
  const sxx = n * sumXX - sumX * sumX;
  const syy = n * sumYY - sumY * sumY;
  const sxy = n * sumXY - sumX * sumY;
  const scale = Math.max(1, n * sumXX, n * sumYY);
  if (sxx < -ROUNDING * scale || syy < -ROUNDING * scale) {
    throw new Error(`pearsonFromSums: sums are inconsistent (n·Σx² < (Σx)² or n·Σy² < (Σy)²)`);
  }
  // Relative test: a variance that is rounding noise next to the sums is a constant variable.
  if (sxx <= ROUNDING * scale || syy <= ROUNDING * scale) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  if (Math.abs(r) > 1 + ROUNDING) {
    throw new Error(`pearsonFromSums: sums are inconsistent, they give r = ${r} outside -1..1`);
  }
  return Math.max(-1, Math.min(1, r));
}

/** Builds PairSums from paired values (for tests and small inputs). */
export function pairSums(xs: readonly number[], ys: readonly number[]): PairSums {
  if (xs.length !== ys.length) {
    throw new Error(`pairSums: xs and ys must have the same length, got ${xs.length} and ${ys.length}`);
  }
  const sums: PairSums = { n: xs.length, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 };
  for (const [i, x] of xs.entries()) {
    const y = ys[i];
    requireFinite('pairSums', `xs[${i}]`, x);
    requireFinite('pairSums', `ys[${i}]`, y);
    sums.sumX += x;
    sums.sumY += y;
    sums.sumXX += x * x;
    sums.sumYY += y * y;
    sums.sumXY += x * y;
  }
  return sums;
}

/**
 * Interval for a correlation by Fisher's z: atanh(r) is close to normal with SE 1/sqrt(n − 3),
 * which, unlike r ± z·SE, stays inside −1..1 and is asymmetric near the bounds as it should be.
 * Null when n <= 3.
 */
export function correlationInterval(r: number, n: number, confidenceLevel = 0.95): CorrelationInterval | null {
  const fn = 'correlationInterval';
  requireInRange(fn, 'r', r, -1, 1);
  requireCount(fn, 'n', n);
  requireConfidenceLevel(fn, confidenceLevel);
  if (n <= 3) return null;
  if (Math.abs(r) === 1) return { low: r, high: r };
  const centre = Math.atanh(r);
  const half = criticalZ(confidenceLevel) / Math.sqrt(n - 3);
  return { low: Math.tanh(centre - half), high: Math.tanh(centre + half) };
}

/**
 * Assembles Rxx (k × k) and rxy (k) from a list of pairwise correlations in any order
 * (a-b or b-a). Every predictor-predictor and predictor-outcome pair must be present exactly
 * once (or twice with the same r); self-pairs may be given and must be 1. Missing or conflicting
 * pairs throw, naming the pair: a silently zero-filled entry would change every weight.
 */
export function buildCorrelationInput(
  predictors: readonly string[],
  outcome: string,
  entries: readonly CorrelationEntry[],
): DriverCorrelations {
  const fn = 'buildCorrelationInput';
  if (predictors.length === 0) throw new Error(`${fn}: predictors must not be empty`);
  const variables = [...predictors, outcome];
  const index = new Map<string, number>();
  for (const [i, name] of variables.entries()) {
    if (index.has(name)) throw new Error(`${fn}: variable "${name}" is listed twice (predictors and outcome must be distinct)`);
    index.set(name, i);
  }
  const size = variables.length;
  const r: (number | null)[][] = variables.map(() => variables.map(() => null));
  const n: (number | null)[][] = variables.map(() => variables.map(() => null));
  for (const [e, entry] of entries.entries()) {
    const i = index.get(entry.a);
    const j = index.get(entry.b);
    // Entries for other variables are ignored so that one DuckDB result can feed several analyses.
    if (i === undefined || j === undefined) continue;
    requireFinite(fn, `entries[${e}].r`, entry.r);
    if (Math.abs(entry.r) > 1 + ROUNDING) {
      throw new Error(`${fn}: entries[${e}].r for pair (${entry.a}, ${entry.b}) must be between -1 and 1, got ${entry.r}`);
    }
    requireCount(fn, `entries[${e}].n (${entry.a}, ${entry.b})`, entry.n);
    if (i === j) {
      if (Math.abs(entry.r - 1) > ROUNDING) throw new Error(`${fn}: self-correlation of "${entry.a}" must be 1, got ${entry.r}`);
      continue;
    }
    const previous = r[i][j];
    if (previous !== null && Math.abs(previous - entry.r) > ROUNDING) {
      throw new Error(`${fn}: pair (${entry.a}, ${entry.b}) is given twice with different r: ${previous} and ${entry.r}`);
    }
    const clipped = Math.max(-1, Math.min(1, entry.r));
    r[i][j] = clipped;
    r[j][i] = clipped;
    n[i][j] = entry.n;
    n[j][i] = entry.n;
  }
  const rFull: number[][] = [];
  const nFull: number[][] = [];
  for (let i = 0; i < size; i++) {
    rFull.push([]);
    nFull.push([]);
    for (let j = 0; j < size; j++) {
      if (i === j) {
        rFull[i].push(1);
        nFull[i].push(0);
        continue;
      }
      const rij = r[i][j];
      const nij = n[i][j];
      if (rij === null || nij === null) {
        throw new Error(`${fn}: missing correlation for pair (${variables[i]}, ${variables[j]})`);
      }
      rFull[i].push(rij);
      nFull[i].push(nij);
    }
  }
  const k = predictors.length;
  // Diagonal n: the fewest pairs any of the predictor's correlations rests on.
  for (let i = 0; i < size; i++) nFull[i][i] = Math.min(...nFull[i].filter((_, j) => j !== i));
  return {
    predictors: [...predictors],
    outcome,
    rxx: rFull.slice(0, k).map((row) => row.slice(0, k)),
    rxy: rFull.slice(0, k).map((row) => row[k]),
    nxx: nFull.slice(0, k).map((row) => row.slice(0, k)),
    nxy: nFull.slice(0, k).map((row) => row[k]),
    minN: Math.min(...nFull.map((row, i) => row[i])),
  };
}
