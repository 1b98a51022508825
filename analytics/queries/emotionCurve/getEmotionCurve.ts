/**
 * The journey emotion curve: per phase and per touchpoint in the order customers meet them, the measured
 * experience (NPS and mean satisfaction with n and intervals) beside the feeling documented for the phase
 * in the workshop (dim_phases.emotion, −2..+2): documented versus measured.
 *
 * Measured emotion on the workshop's −2..+2 scale:
 * - from satisfaction: mean CSAT − 3 (1 → −2, 3 → 0, 5 → +2: the five steps map one to one);
 * - from NPS: NPS / 50 (−100 → −2, 0 → 0, +100 → +2).
 * The CSAT mapping is the primary one (`emotion`): it is a mean of a five-step scale like the workshop's.
 * Intervals map the same way (both maps are linear). A touchpoint has no documented feeling of its own; it
 * is compared with its phase's.
 *
 * Small cells (analytics/privacy/smallCells.ts): for roles without access to individual answers, a phase or
 * touchpoint with answers from fewer than `minCellCustomers` distinct customers, and its complement, comes
 * back `suppressed` with no numbers. Touchpoints are suppressed per phase (their answers add up to the
 * phase's), phases per journey.
 */
import { z } from 'zod';
import { computeNps, csatMean, type IntervalOptions, type MeanResult, type NpsResult } from '../../stats/index.js';
import type { Queryable } from '../../store.js';
import { AnalyticsInputError } from '../errors.js';
import { validateFilter, type AnalyticsFilter } from '../filter.js';
import { getMetrics, type MetricsRow } from '../metrics/getMetrics.js';
import { allowOnly } from '../trends/scope.js';

/** A measured emotion on the −2..+2 scale with the interval and n it rests on. */
export interface EmotionValue {
  value: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  n: number;
}

export interface EmotionStep {
  nps: NpsResult;
  csat: MeanResult;
  /** Mean CSAT − 3. */
  emotion: EmotionValue;
  /** NPS / 50. */
  npsEmotion: EmotionValue;
  /** The phase's documented emotion (−2..+2). */
  documentedEmotion: number;
  /** emotion − documentedEmotion: positive when customers feel better than the workshop assumed. */
  gap: number | null;
  /** Too few distinct customers for the caller's role: every n is 0 and every measured value null. */
  suppressed: boolean;
}

export interface EmotionTouchpoint extends EmotionStep {
  touchpointId: string;
  code: string | null;
  name: string;
  /** Order within the phase, and across the whole journey. */
  position: number;
  journeyPosition: number;
}

export interface EmotionPhase extends EmotionStep {
  phaseId: string;
  name: string;
  position: number;
  touchpoints: EmotionTouchpoint[];
}

export interface EmotionCurve {
  journeyId: string;
  journeyName: string;
  phases: EmotionPhase[];
  filter: AnalyticsFilter;
}

export const csatToEmotion = (csat: number): number => csat - 3;
export const npsToEmotion = (nps: number): number => nps / 50;

function mapped(map: (x: number) => number, value: number | null, low: number | null, high: number | null, n: number): EmotionValue {
  return { value: value === null ? null : map(value), ciLow: low === null ? null : map(low), ciHigh: high === null ? null : map(high), n };
}

/** A suppressed row (getMetrics's own hidden form) carries empty counts, so it maps to null values with n 0. */
function step(row: MetricsRow | undefined, documentedEmotion: number, options: IntervalOptions): EmotionStep {
  const nps = row?.nps ?? computeNps({ promoters: 0, passives: 0, detractors: 0 }, options);
  const csat = row?.csat ?? csatMean({ n: 0, sum: 0, sumSquares: 0 }, options);
  const emotion = mapped(csatToEmotion, csat.mean, csat.ciLow, csat.ciHigh, csat.n);
  return {
    nps,
    csat,
    emotion,
    npsEmotion: mapped(npsToEmotion, nps.nps, nps.ciLow, nps.ciHigh, nps.n),
    documentedEmotion,
    gap: emotion.value === null ? null : emotion.value - documentedEmotion,
    suppressed: row?.suppressed ?? false,
  };
}

const JourneyRow = z.object({ name: z.string() });
const PhaseRow = z.object({ phase_id: z.string(), name: z.string(), position: z.number().int(), emotion: z.number().int() });
const TouchpointRow = z.object({
  touchpoint_id: z.string(), phase_id: z.string(), code: z.string().nullable(), name: z.string(), position: z.number().int(), journey_position: z.number().int(),
});

/** `minCellCustomers`: the caller's small-cell threshold, null (the default) for roles that may see single customers. */
export async function getEmotionCurve(
  db: Queryable,
  journeyId: string,
  filter: AnalyticsFilter,
  options: IntervalOptions = {},
  minCellCustomers: number | null = null,
): Promise<EmotionCurve> {
  allowOnly(filter, ['personaCodes', 'unitCodes', 'from', 'to'], 'the curve covers the whole journey', 'TOUCHPOINT');
  const [journey] = await db.all(`SELECT name FROM dim_journeys WHERE journey_id = $id`, { id: journeyId }, JourneyRow);
  if (!journey) throw new AnalyticsInputError('journeyId', `no journey with id "${journeyId}"`);
  await validateFilter(db, filter);
  const phases = await db.all(`SELECT phase_id, name, position, emotion FROM dim_phases WHERE journey_id = $id ORDER BY position, phase_id`, { id: journeyId }, PhaseRow);
  const touchpoints = await db.all(
    `SELECT touchpoint_id, phase_id, code, name, position, journey_position FROM dim_touchpoints WHERE journey_id = $id ORDER BY journey_position, touchpoint_id`,
    { id: journeyId },
    TouchpointRow,
  );
  const scope: AnalyticsFilter = { ...filter, journeyId, survey: 'TOUCHPOINT' };
  const metrics = { ...options, minCellCustomers };
  const byPhase = new Map((await getMetrics(db, scope, { ...metrics, groupBy: ['PHASE'] })).map((r) => [r.key.phaseId, r]));
  // Grouped by phase too, so a phase's touchpoints form one table for the complementary suppression.
  const byTouchpoint = new Map((await getMetrics(db, scope, { ...metrics, groupBy: ['PHASE', 'TOUCHPOINT'] })).map((r) => [r.key.touchpointCode, r]));
  return {
    journeyId,
    journeyName: journey.name,
    filter,
    phases: phases.map((p) => ({
      phaseId: p.phase_id,
      name: p.name,
      position: p.position,
      ...step(byPhase.get(p.phase_id), p.emotion, options),
      touchpoints: touchpoints
        .filter((t) => t.phase_id === p.phase_id)
        .map((t) => ({
          touchpointId: t.touchpoint_id,
          code: t.code,
          name: t.name,
          position: t.position,
          journeyPosition: t.journey_position,
          ...step(t.code === null ? undefined : byTouchpoint.get(t.code), p.emotion, options),
        })),
    })),
  };
}
