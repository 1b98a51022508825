/**
 * Which measure a touchpoint (or any cut of touchpoint answers) is read by. NPS needs likelihood-to-
 * recommend answers; attribute-rating surveys ask one overall question and only a satisfaction rating per
 * touchpoint, so a cut with satisfaction but no LTR answers is measured by CSAT (mean 1-5 and top-2-box).
 * Decided here once: the map badge, priorities and alerts all follow it.
 */
export type PerformanceMeasure = 'NPS' | 'CSAT';
export const PERFORMANCE_MEASURES: readonly PerformanceMeasure[] = ['NPS', 'CSAT'];

/** NPS when the cut has LTR answers, else CSAT when it has satisfaction answers, else null (nothing measured). */
export function measureOf(ltrAnswers: number, satisfactionAnswers: number): PerformanceMeasure | null {
  if (ltrAnswers > 0) return 'NPS';
  return satisfactionAnswers > 0 ? 'CSAT' : null;
}

/**
 * The measure of a set of touchpoints read together (one quadrant axis, one ranking): NPS when every
 * measured touchpoint has LTR answers, else CSAT, so one axis never mixes the -100..100 and 1-5 scales.
 */
export function commonMeasure(measures: readonly (PerformanceMeasure | null)[]): PerformanceMeasure | null {
  const known = measures.filter((m): m is PerformanceMeasure => m !== null);
  if (known.length === 0) return null;
  return known.every((m) => m === 'NPS') ? 'NPS' : 'CSAT';
}

/**
 * What a gap to target is divided by in value at stake: NPS points over 100 (the existing convention:
 * a fraction of the 100-point scale), CSAT points over 4 (the whole 1-5 scale).
 */
export const GAP_DIVISOR: Readonly<Record<PerformanceMeasure, number>> = { NPS: 100, CSAT: 4 };

/** How each measure is named next to its number. */
export const MEASURE_LABELS: Readonly<Record<PerformanceMeasure, string>> = {
  NPS: 'NPS (likelihood to recommend, -100..100)',
  CSAT: 'CSAT (mean satisfaction 1-5)',
};
