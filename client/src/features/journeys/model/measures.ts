import type { JourneyMeasuresQuery } from '../../../graphql/generated';
import { npsFromCounts, poolCounts, type NpsBadgeData, type NpsCounts } from './nps';

type ApiNps = {
  n: number;
  nps: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  lowSample: boolean;
} & NpsCounts;

export interface TouchpointMeasure {
  nps: NpsBadgeData | undefined;
  /** Mean satisfaction 1-5, when answered. */
  csat: number | null;
  /** The touchpoint has a survey code or is based on one that has: "no answers" rather than "not measured". */
  measured: boolean;
}

export interface JourneyMeasures {
  journey: NpsBadgeData | undefined;
  phases: ReadonlyMap<string, NpsBadgeData>;
  touchpoints: ReadonlyMap<string, TouchpointMeasure>;
}

/** The server's NPS as a badge; undefined when nobody answered (nps is null for n = 0). */
export function toBadge(nps: ApiNps | undefined | null, source?: 'as-is'): NpsBadgeData | undefined {
  if (!nps || nps.nps === null || nps.n === 0) return undefined;
  return {
    nps: nps.nps,
    n: nps.n,
    low: nps.ciLow ?? nps.nps,
    high: nps.ciHigh ?? nps.nps,
    lowSample: nps.lowSample,
    ...(source ? { source } : {}),
  };
}

/**
 * Numbers for the map, keyed by id. A to-be touchpoint without a survey code shows its basedOn
 * touchpoint's numbers, marked as-is; a to-be phase without answers of its own pools the distinct
 * as-is touchpoints its touchpoints are based on (counts add up; the interval is recomputed).
 */
export function buildMeasures(journey: JourneyMeasuresQuery['journey']): JourneyMeasures {
  const touchpoints = new Map<string, TouchpointMeasure>();
  const phases = new Map<string, NpsBadgeData>();
  for (const phase of journey.phases) {
    const asIsCounts = new Map<string, NpsCounts>();
    for (const tp of phase.touchpoints) {
      if (tp.code) {
        touchpoints.set(tp.id, { nps: toBadge(tp.metrics?.nps), csat: tp.metrics?.csat.mean ?? null, measured: true });
        continue;
      }
      const base = tp.basedOn;
      if (!base?.code) {
        touchpoints.set(tp.id, { nps: undefined, csat: null, measured: false });
        continue;
      }
      if (base.metrics) asIsCounts.set(base.code, base.metrics.nps);
      touchpoints.set(tp.id, { nps: toBadge(base.metrics?.nps, 'as-is'), csat: base.metrics?.csat.mean ?? null, measured: true });
    }
    const own = toBadge(phase.metrics?.nps);
    if (own) phases.set(phase.id, own);
    else if (asIsCounts.size > 0) {
      const pooled = npsFromCounts(poolCounts([...asIsCounts.values()]));
      if (pooled) phases.set(phase.id, { ...pooled, source: 'as-is' });
    }
  }
  return { journey: toBadge(journey.metrics?.nps), phases, touchpoints };
}

/** Badges only, the shape JourneyMap's cards take. */
export function touchpointBadges(measures: JourneyMeasures): ReadonlyMap<string, NpsBadgeData> {
  const out = new Map<string, NpsBadgeData>();
  for (const [id, m] of measures.touchpoints) if (m.nps) out.set(id, m.nps);
  return out;
}
