/**
 * Gaps between groups (e.g. personas) within a cell (a phase or touchpoint): which pair of groups
 * differs surest, the test of that difference, and the ranking of many such gaps at once. Pure maths on
 * the figures the metrics query already computed (NPS counts, CSAT means); used by persona gaps.
 */
import { csatDifferenceInterval, welchTest, type MeanResult } from './csat.js';
import { benjaminiHochberg } from './multipleComparisons.js';
import { compareNps, npsDifferenceInterval, type NpsComparison, type NpsDifferenceInterval, type NpsResult } from './nps.js';

/** What a gap is measured in: NPS points, or mean satisfaction (1-5) where there are no NPS answers. */
export type GapMeasure = 'NPS' | 'CSAT';

/** The figures of one group in a cell. */
export interface GroupFigures {
  nps: NpsResult;
  csat: MeanResult;
}

/** How groups are compared on a measure: the value, whether it is too small to compare, the difference's interval and test. */
interface Comparison {
  value: (g: GroupFigures) => number | null;
  lowSample: (g: GroupFigures) => boolean;
  interval: (high: GroupFigures, low: GroupFigures, confidenceLevel: number) => NpsDifferenceInterval;
  test: (high: GroupFigures, low: GroupFigures, confidenceLevel: number) => NpsComparison;
}

const COMPARE: Readonly<Record<GapMeasure, Comparison>> = {
  NPS: {
    value: (g) => g.nps.nps,
    lowSample: (g) => g.nps.lowSample,
    interval: (high, low, confidenceLevel) => npsDifferenceInterval(high.nps, low.nps, { confidenceLevel }),
    test: (high, low, confidenceLevel) => compareNps(high.nps, low.nps, { confidenceLevel }),
  },
  CSAT: {
    value: (g) => g.csat.mean,
    lowSample: (g) => g.csat.lowSample,
    interval: (high, low, confidenceLevel) => csatDifferenceInterval(high.csat, low.csat, { confidenceLevel }),
    test: (high, low, confidenceLevel) => {
      const welch = welchTest(high.csat, low.csat, { confidenceLevel });
      return { difference: welch.difference, se: welch.se, z: welch.statistic, pValue: welch.pValue, significant: welch.significant };
    },
  },
};

/** The groups sorted by the measure's value, highest first (no value last). */
export function sortByMeasure<G extends GroupFigures>(groups: readonly G[], measure: GapMeasure): G[] {
  const { value } = COMPARE[measure];
  return [...groups].sort((a, b) => (value(b) ?? -Infinity) - (value(a) ?? -Infinity));
}

export interface SurestPair<G> {
  high: G;
  low: G;
  /** The interval of high minus low. */
  interval: NpsDifferenceInterval;
  /** High minus low with SE, z (CSAT: Welch's t) and p; `significant` at the level, before any correction. */
  test: NpsComparison;
}

/**
 * Of every pair of the comparable groups (not low-sample, with a value), higher minus lower, the one
 * whose difference interval has the largest lower bound: the gap surest to be large, not the largest.
 */
export function surestPair<G extends GroupFigures>(groups: readonly G[], measure: GapMeasure, confidenceLevel: number): SurestPair<G> | undefined {
  const compare = COMPARE[measure];
  const sorted = sortByMeasure(groups, measure).filter((g) => !compare.lowSample(g) && compare.value(g) !== null);
  let best: { high: G; low: G; interval: NpsDifferenceInterval } | undefined;
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      // sorted is highest first: i is the higher of the pair.
      const high = sorted[i]!;
      const low = sorted[j]!;
      const interval = compare.interval(high, low, confidenceLevel);
      if (!best || (interval.ciLow ?? -Infinity) > (best.interval.ciLow ?? -Infinity)) best = { high, low, interval };
    }
  }
  return best && { ...best, test: compare.test(best.high, best.low, confidenceLevel) };
}

export interface RankedGap {
  /** Benjamini–Hochberg adjusted p-value over the gaps ranked together; null without a test. */
  qValue: number | null;
  /** 1 = the gap surest to be large. */
  rank: number;
}

/**
 * Many gaps tested at once: `significant` becomes a Benjamini–Hochberg discovery at false-discovery rate
 * 1 − confidence level, with the q-value beside it. Ranked NPS gaps first, then CSAT gaps (their points
 * do not share a scale), each by the lower bound of the interval, then by the difference.
 */
export function rankGaps<T extends { measure: GapMeasure; test: NpsComparison; interval: NpsDifferenceInterval }>(gaps: readonly T[], confidenceLevel: number): (T & RankedGap)[] {
  const fdr = benjaminiHochberg(gaps.map((g) => g.test.pValue), 1 - confidenceLevel);
  const corrected = gaps.map((g, i) => ({
    ...g,
    qValue: fdr.adjusted[i] ?? null,
    test: { ...g.test, significant: g.test.pValue === null ? null : fdr.discoveries[i]! },
  }));
  const order = (g: T) => (g.measure === 'NPS' ? 0 : 1);
  corrected.sort((a, b) => order(a) - order(b) || (b.interval.ciLow ?? -Infinity) - (a.interval.ciLow ?? -Infinity) || (b.test.difference ?? 0) - (a.test.difference ?? 0));
  return corrected.map((gap, i) => ({ ...gap, rank: i + 1 }));
}
