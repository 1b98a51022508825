/**
 * From pairwise sufficient statistics (DuckDB) to a relative-weights driver model (analytics/stats):
 * which predictors can be estimated, their correlations with the outcome, Johnson's weights and ranks.
 * Shared by the touchpoint driver analysis and the emotional factors.
 */
import { say, whole } from '../../i18n/index.js';
import {
  buildCorrelationInput, correlationInterval, pearsonFromSums, relativeWeights, type CorrelationEntry, type CorrelationInterval, type PairSums,
} from '../../stats/index.js';

/** Why a predictor was left out of the model. */
export type ExclusionReason =
  /** Fewer than minN customers have both the predictor and the outcome. */
  | 'LOW_N'
  /** The predictor or the outcome does not vary among those customers: no correlation exists. */
  | 'NO_VARIANCE'
  /** Too few customers have it together with other predictors to estimate their correlation (pairwise n < minN). */
  | 'LOW_PAIR_N';

export interface ExcludedPredictor<T extends string = string> {
  name: T;
  /** Customers (or answers) with both this predictor and the outcome. */
  n: number;
  reason: ExclusionReason;
  detail: string;
  /**
   * LOW_PAIR_N only: some pair it was dropped for rests on a small cell (`smallCell`), so that pair's count
   * is not printed in `detail` and the exclusion is flagged for the caller.
   */
  smallCellPair?: boolean;
}

export interface PredictorWeight<T extends string = string> {
  name: T;
  /** Pairs behind the correlation with the outcome. */
  n: number;
  /** Pearson r with the outcome, pairwise-complete. */
  correlation: number;
  correlationInterval: CorrelationInterval | null;
  /** Johnson's raw relative weight ε: the part of R² this predictor accounts for. */
  rawWeight: number;
  /** rawWeight / R² (the shares sum to 1); null when R² is 0. */
  share: number | null;
  /** Standardised OLS coefficient from the same matrix: its sign says whether the predictor pushes up or down. */
  beta: number;
  /** 1 = largest raw weight. */
  rank: number;
}

export interface DriverModel<T extends string = string> {
  weights: PredictorWeight<T>[];
  excluded: ExcludedPredictor<T>[];
  /** Σ raw weights = R² of the outcome on the kept predictors; null when none is kept. */
  rSquared: number | null;
  /** True when the pairwise correlations were not a consistent (positive semidefinite) set and were repaired. */
  repaired: boolean;
  /** Smallest n behind any correlation of the model (predictor pairs and predictor-outcome). */
  minPairN: number | null;
}

export interface DriverModelInput<T extends string> {
  /** Candidate predictors, in the order to report ties. */
  predictors: readonly T[];
  /** Sums of (predictor, outcome) pairs. */
  withOutcome: ReadonlyMap<T, PairSums>;
  /** Sums of (a, b) predictor pairs, either order; undefined when no observation has both. */
  pair: (a: T, b: T) => PairSums | undefined;
  minN: number;
  confidenceLevel: number;
  /** How a predictor is named in the words of an exclusion (a touchpoint's name, not its code); default: as it is. */
  label?: (predictor: T) => string;
  /**
   * Small-cell suppression for the caller: a pair count this says is too small to show is not printed in a
   * LOW_PAIR_N detail (it would tell how many customers answered both), and the exclusion is flagged.
   */
  smallCell?: (n: number) => boolean;
}

const OUTCOME = '\u0000outcome';

/**
 * Pairwise-complete treatment: each correlation uses every observation that has both variables.
 * Predictors with fewer than minN observations with the outcome are dropped (LOW_N), as are those whose
 * correlation does not exist (NO_VARIANCE). Then, while some predictor pair rests on fewer than minN
 * observations (e.g. two touchpoints customers choose between, never both), the predictor with the most
 * such pairs is dropped (ties: the one with the smaller n with the outcome), so every correlation in the
 * matrix rests on at least minN observations. Johnson's relative weights then repair an inconsistent
 * (non-positive-semidefinite) pairwise matrix and say so.
 */
export function driverModel<T extends string>(input: DriverModelInput<T>): DriverModel<T> {
  const { minN, confidenceLevel } = input;
  const excluded: ExcludedPredictor<T>[] = [];
  const correlationWithOutcome = new Map<T, number>();
  for (const name of input.predictors) {
    const sums = input.withOutcome.get(name);
    const n = sums?.n ?? 0;
    if (!sums || n < minN) {
      // Getters: the model is remembered across requests, the sentence is worded for each reader.
      excluded.push({ name, n, reason: 'LOW_N', get detail() { return say('drivers.excluded.lowN', { n: whole(n), min: whole(minN) }); } });
      continue;
    }
    const r = pearsonFromSums(sums);
    if (r === null) {
      excluded.push({ name, n, reason: 'NO_VARIANCE', get detail() { return say('drivers.excluded.noVariance', { n: whole(n) }); } });
      continue;
    }
    correlationWithOutcome.set(name, r);
  }

  let kept = [...correlationWithOutcome.keys()];
  const pairR = new Map<string, { r: number | null; n: number }>();
  const key = (a: T, b: T) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  for (const [i, a] of kept.entries()) {
    for (const b of kept.slice(i + 1)) {
      const sums = input.pair(a, b);
      pairR.set(key(a, b), { r: sums && sums.n >= minN ? pearsonFromSums(sums) : null, n: sums?.n ?? 0 });
    }
  }
  const badPartners = (name: T) => kept.filter((other) => other !== name && pairR.get(key(name, other))?.r === null);
  for (;;) {
    const counts = kept.map((name) => ({ name, bad: badPartners(name) })).filter((c) => c.bad.length > 0);
    if (counts.length === 0) break;
    counts.sort((x, y) => y.bad.length - x.bad.length || input.withOutcome.get(x.name)!.n - input.withOutcome.get(y.name)!.n);
    const worst = counts[0]!;
    const small = (b: T) => input.smallCell?.(pairR.get(key(worst.name, b))!.n) === true;
    const partners = worst.bad.slice(0, 5).map((b) => ({ label: input.label?.(b) ?? b, small: small(b), n: pairR.get(key(worst.name, b))!.n }));
    const more = worst.bad.length - 5;
    excluded.push({
      name: worst.name,
      n: input.withOutcome.get(worst.name)!.n,
      reason: 'LOW_PAIR_N',
      get detail() {
        const shown = partners.map((p) => say('drivers.excluded.partner', { label: p.label, n: p.small ? say('drivers.excluded.tooFew') : say('drivers.excluded.n', { n: whole(p.n) }) })).join(', ');
        return say('drivers.excluded.lowPairN', { min: whole(minN), shown, more: more > 0 ? say('drivers.excluded.more', { n: whole(more) }) : '' });
      },
      ...(worst.bad.some(small) ? { smallCellPair: true } : {}),
    });
    kept = kept.filter((name) => name !== worst.name);
  }
  if (kept.length === 0) return { weights: [], excluded, rSquared: null, repaired: false, minPairN: null };

  const entries: CorrelationEntry[] = kept.map((name) => ({ a: name, b: OUTCOME, r: correlationWithOutcome.get(name)!, n: input.withOutcome.get(name)!.n }));
  for (const [i, a] of kept.entries()) {
    for (const b of kept.slice(i + 1)) {
      const { r, n } = pairR.get(key(a, b))!;
      entries.push({ a, b, r: r!, n });
    }
  }
  const matrix = buildCorrelationInput(kept, OUTCOME, entries);
  const result = relativeWeights(matrix.rxx, matrix.rxy);
  const order = kept.map((_, i) => i).sort((x, y) => result.rawWeights[y]! - result.rawWeights[x]!);
  const rankOf = new Map(order.map((index, position) => [index, position + 1]));
  const weights = kept.map((name, i) => {
    const n = matrix.nxy[i]!;
    const correlation = matrix.rxy[i]!;
    return {
      name,
      n,
      correlation,
      correlationInterval: correlationInterval(correlation, n, confidenceLevel),
      rawWeight: result.rawWeights[i]!,
      share: result.shares ? result.shares[i]! : null,
      beta: result.olsBeta[i]!,
      rank: rankOf.get(i)!,
    };
  });
  weights.sort((x, y) => x.rank - y.rank);
  return { weights, excluded, rSquared: result.rSquared, repaired: result.repaired, minPairN: matrix.minN };
}
