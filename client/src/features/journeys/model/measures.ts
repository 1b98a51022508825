import type { JourneyMeasuresQuery } from '../../../graphql/generated';
import { formatCount, formatDecimal, formatNps, formatShare } from '../../../shared/format';
import { t } from '../../../shared/i18n';

/**
 * What an NPS badge shows: every NPS carries n and its 95% interval (the server's, adjusted Wald, not
 * centred on the NPS), and is flagged below the minimum n.
 */
export interface NpsBadgeData {
  /** The NPS, or with measure 'CSAT' the mean satisfaction (1-5). */
  nps: number;
  n: number;
  /** 95% interval bounds. */
  low: number;
  high: number;
  lowSample: boolean;
  /**
   * 'as-is': measured at the as-is touchpoint(s) a to-be touchpoint or phase is based on (a to-be
   * touchpoint without a survey code, or a to-be phase or journey with such touchpoints).
   */
  source?: 'as-is';
  /**
   * 'CSAT': satisfaction ratings but no likelihood-to-recommend answers (attribute-rating surveys), so the
   * badge shows mean CSAT and its interval, and the share rating 4-5 (top-2-box).
   */
  measure?: 'CSAT';
  topTwoBox?: { share: number; low: number; high: number };
}

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

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
  /** Hidden by small-cell suppression: too few customers behind it for the user's role (the server sends no numbers). */
  suppressed: boolean;
}

export interface JourneyMeasures {
  journey: NpsBadgeData | undefined;
  /** The journey's figure was hidden by small-cell suppression. */
  journeySuppressed: boolean;
  /** The server's pooled figure per phase (mapMetrics); marked as-is when measured through as-is touchpoints. */
  phases: ReadonlyMap<string, NpsBadgeData>;
  /** Phases whose figure was hidden by small-cell suppression. */
  suppressedPhases: ReadonlySet<string>;
  touchpoints: ReadonlyMap<string, TouchpointMeasure>;
}

const countsOf = (nps: ApiNps | undefined | null): { counts?: NpsCounts } =>
  nps && nps.n > 0 ? { counts: { promoters: nps.promoters, passives: nps.passives, detractors: nps.detractors } } : {};

type ApiMetrics = {
  measure: 'NPS' | 'CSAT' | null;
  suppressed: boolean;
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

/** What a badge needs of the server's NpsMetric (the counts behind it are not shown on the badge). */
export type NpsFigures = Pick<ApiNps, 'n' | 'nps' | 'ciLow' | 'ciHigh' | 'lowSample'>;

/** The server's NPS as a badge; undefined when nobody answered (nps is null for n = 0). */
export function toBadge(nps: NpsFigures | undefined | null, source?: 'as-is'): NpsBadgeData | undefined {
  if (!nps || nps.nps === null || nps.n === 0) return undefined;
  return badge(nps.nps, nps, source);
}

function badge(value: number, r: { n: number; ciLow: number | null; ciHigh: number | null; lowSample: boolean }, source?: 'as-is'): NpsBadgeData {
  return { nps: value, n: r.n, low: r.ciLow ?? value, high: r.ciHigh ?? value, lowSample: r.lowSample, ...(source ? { source } : {}) };
}

/**
 * Numbers for the map, keyed by id. A touchpoint with a survey code shows its own numbers; a to-be
 * touchpoint without one shows its basedOn touchpoint's, marked as-is. Phase and journey figures are the
 * server's (mapMetrics: their touchpoints' answers pooled, to-be phases through the as-is touchpoints
 * they are based on), drawn as they come.
 */
export function buildMeasures(journey: JourneyMeasuresQuery['journey']): JourneyMeasures {
  const touchpoints = new Map<string, TouchpointMeasure>();
  const phases = new Map<string, NpsBadgeData>();
  const suppressedPhases = new Set<string>();
  for (const phase of journey.phases) {
    const figure = mapBadge(phase.mapMetrics);
    if (figure) phases.set(phase.id, figure);
    if (phase.mapMetrics.metrics?.suppressed) suppressedPhases.add(phase.id);
    for (const tp of phase.touchpoints) {
      if (tp.code) {
        touchpoints.set(tp.id, { nps: measureBadge(tp.metrics), csat: tp.metrics?.csat.mean ?? null, measured: true, suppressed: tp.metrics?.suppressed ?? false, ...countsOf(tp.metrics?.nps) });
        continue;
      }
      const base = tp.basedOn;
      if (!base?.code) touchpoints.set(tp.id, { nps: undefined, csat: null, measured: false, suppressed: false });
      else touchpoints.set(tp.id, { nps: measureBadge(base.metrics, 'as-is'), csat: base.metrics?.csat.mean ?? null, measured: true, suppressed: base.metrics?.suppressed ?? false, ...countsOf(base.metrics?.nps) });
    }
  }
  return { journey: mapBadge(journey.mapMetrics), journeySuppressed: journey.mapMetrics.metrics?.suppressed ?? false, phases, suppressedPhases, touchpoints };
}

const mapBadge = (figure: { asIs: boolean; metrics: ApiMetrics | null }) => measureBadge(figure.metrics, figure.asIs ? 'as-is' : undefined);

/** Touchpoints whose numbers were hidden by small-cell suppression, for the cards to say so. */
export function suppressedTouchpoints(measures: JourneyMeasures): ReadonlySet<string> {
  return new Set([...measures.touchpoints].filter(([, m]) => m.suppressed).map(([id]) => id));
}

/** Badges only, the shape JourneyMap's cards take. */
export function touchpointBadges(measures: JourneyMeasures): ReadonlyMap<string, NpsBadgeData> {
  const out = new Map<string, NpsBadgeData>();
  for (const [id, m] of measures.touchpoints) if (m.nps) out.set(id, m.nps);
  return out;
}

const pct = (x: number) => formatShare(x, 0);

/** The badge's title and accessible name: the figure, its interval low to high, n and any caveat. */
export function describeNps(v: NpsBadgeData): string {
  const head =
    v.measure === 'CSAT'
      ? t('journeys.badge.csat', { value: formatDecimal(v.nps, 1), low: formatDecimal(v.low, 1), high: formatDecimal(v.high, 1) }) +
        (v.topTwoBox ? t('journeys.badge.topTwo', { share: pct(v.topTwoBox.share), low: pct(v.topTwoBox.low), high: pct(v.topTwoBox.high) }) : '') +
        t('journeys.badge.n', { n: formatCount(v.n) })
      : t('journeys.badge.nps', { value: formatNps(v.nps), low: formatNps(v.low), high: formatNps(v.high), n: formatCount(v.n) });
  return head + (v.lowSample ? t('journeys.badge.lowSample') : '') + (v.source === 'as-is' ? t('journeys.badge.fromAsIs') : '');
}
