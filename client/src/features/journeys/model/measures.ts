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
  /** Promoters, passives and detractors behind the NPS (absent without answers). */
  counts?: NpsCounts;
  /** Mean satisfaction 1-5, when answered. */
  csat: number | null;
  /** The touchpoint has a survey code or is based on one that has: "no answers" rather than "not measured". */
  measured: boolean;
}

export interface JourneyMeasures {
  journey: NpsBadgeData | undefined;
  phases: ReadonlyMap<string, NpsBadgeData>;
  /**
   * Phases of a to-be journey whose touchpoints are measured (partly) through the as-is touchpoints
   * they are based on: no phase number, since pooling those answers would be the as-is measurement of
   * a different set of touchpoints (a dropped, badly rated touchpoint would read as an improvement).
   */
  withheldPhases: ReadonlySet<string>;
  touchpoints: ReadonlyMap<string, TouchpointMeasure>;
}

const countsOf = (nps: ApiNps | undefined | null): { counts?: NpsCounts } =>
  nps && nps.n > 0 ? { counts: { promoters: nps.promoters, passives: nps.passives, detractors: nps.detractors } } : {};

type ApiMetrics = {
  measure: 'NPS' | 'CSAT' | null;
  nps: ApiNps;
  csat: { mean: number | null; n: number; ciLow: number | null; ciHigh: number | null; lowSample: boolean };
  csatTopTwoBox: { share: number | null; ciLow: number | null; ciHigh: number | null };
};

/**
 * The badge the server's measure calls for: NPS, or for a touchpoint with satisfaction ratings but no
 * likelihood-to-recommend answers (attribute-rating surveys) mean CSAT with its interval and top-2-box.
 */
export function measureBadge(metrics: ApiMetrics | undefined | null, source?: 'as-is'): NpsBadgeData | undefined {
  if (metrics?.measure !== 'CSAT') return toBadge(metrics?.nps, source);
  const { csat, csatTopTwoBox: top } = metrics;
  if (csat.mean === null || csat.n === 0) return undefined;
  return {
    ...badge(csat.mean, csat, source),
    measure: 'CSAT',
    ...(top.share !== null ? { topTwoBox: { share: top.share, low: top.ciLow ?? top.share, high: top.ciHigh ?? top.share } } : {}),
  };
}

/** The server's NPS as a badge; undefined when nobody answered (nps is null for n = 0). */
export function toBadge(nps: ApiNps | undefined | null, source?: 'as-is'): NpsBadgeData | undefined {
  if (!nps || nps.nps === null || nps.n === 0) return undefined;
  return badge(nps.nps, nps, source);
}

function badge(value: number, r: { n: number; ciLow: number | null; ciHigh: number | null; lowSample: boolean }, source?: 'as-is'): NpsBadgeData {
  return { nps: value, n: r.n, low: r.ciLow ?? value, high: r.ciHigh ?? value, lowSample: r.lowSample, ...(source ? { source } : {}) };
}

/**
 * Numbers for the map, keyed by id. A touchpoint with a survey code shows its own numbers; a to-be
 * touchpoint without one shows its basedOn touchpoint's, marked as-is. A phase's NPS pools the
 * answers of its touchpoints, and the journey's those of all its touchpoints (each survey code
 * once): exactly the answers the server's phase and journey metrics count, with n, interval and
 * low-sample flag recomputed from the counts as PRODUCT.md defines them. A phase with any touchpoint
 * measured through its as-is touchpoint gets no number (see withheldPhases).
 */
export function buildMeasures(journey: JourneyMeasuresQuery['journey']): JourneyMeasures {
  const touchpoints = new Map<string, TouchpointMeasure>();
  const phases = new Map<string, NpsBadgeData>();
  const journeyCounts = new Map<string, NpsCounts>();
  const withheldPhases = new Set<string>();
  let journeyOwn = false;
  let journeyBorrowed = false;
  for (const phase of journey.phases) {
    const counts = new Map<string, NpsCounts>();
    let own = false;
    let borrowed = false;
    for (const tp of phase.touchpoints) {
      if (tp.code) {
        touchpoints.set(tp.id, { nps: measureBadge(tp.metrics), csat: tp.metrics?.csat.mean ?? null, measured: true, ...countsOf(tp.metrics?.nps) });
        if (tp.metrics) {
          counts.set(tp.code, tp.metrics.nps);
          own = true;
        }
        continue;
      }
      const base = tp.basedOn;
      if (!base?.code) {
        touchpoints.set(tp.id, { nps: undefined, csat: null, measured: false });
        continue;
      }
      if (base.metrics) {
        counts.set(base.code, base.metrics.nps);
        borrowed = true;
      }
      touchpoints.set(tp.id, { nps: measureBadge(base.metrics, 'as-is'), csat: base.metrics?.csat.mean ?? null, measured: true, ...countsOf(base.metrics?.nps) });
    }
    const pooled = npsFromCounts(poolCounts([...counts.values()]));
    if (borrowed) withheldPhases.add(phase.id);
    else if (pooled) phases.set(phase.id, pooled);
    for (const [code, c] of counts) journeyCounts.set(code, c);
    journeyOwn ||= own;
    journeyBorrowed ||= borrowed;
  }
  const pooledJourney = npsFromCounts(poolCounts([...journeyCounts.values()]));
  return { journey: pooledJourney && journeyOwn && !journeyBorrowed ? pooledJourney : undefined, phases, touchpoints, withheldPhases };
}

/** Badges only, the shape JourneyMap's cards take. */
export function touchpointBadges(measures: JourneyMeasures): ReadonlyMap<string, NpsBadgeData> {
  const out = new Map<string, NpsBadgeData>();
  for (const [id, m] of measures.touchpoints) if (m.nps) out.set(id, m.nps);
  return out;
}
