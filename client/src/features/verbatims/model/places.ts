/**
 * Where the comments were given: a journey, one of its touchpoints, a unit (branch). Lives in the
 * address beside the persona and period (?journey=<id>&touchpoint=<code>&unit=<code>), so a link from
 * another page can open the comments of one touchpoint.
 */
import type { AnalyticsFilterInput, CommentPlacesQuery } from '../../../graphql/generated';

export interface CommentPlace {
  journey: string | null;
  touchpoint: string | null;
  unit: string | null;
}

const PLACE_KEYS = ['journey', 'touchpoint', 'unit'] as const;
const first = (v: unknown): string | null => {
  const value = Array.isArray(v) ? v[0] : v;
  return typeof value === 'string' && value ? value : null;
};

export function parsePlace(query: Record<string, unknown>): CommentPlace {
  return { journey: first(query.journey), touchpoint: first(query.touchpoint), unit: first(query.unit) };
}

/** The address query with the place changed; the other keys (persona, period) are kept, empty ones dropped. */
export function placeQuery(place: CommentPlace, keep: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(keep)) if (!PLACE_KEYS.some((p) => p === k) && typeof v === 'string') out[k] = v;
  for (const key of PLACE_KEYS) {
    const value = place[key];
    if (value) out[key] = value;
  }
  return out;
}

/** The place as the server's filter: a chosen journey or touchpoint reads touchpoint answers only. */
export function placeFilter(place: CommentPlace): AnalyticsFilterInput {
  const out: AnalyticsFilterInput = {};
  if (place.journey) out.journeyId = place.journey;
  if (place.touchpoint) out.touchpointCodes = [place.touchpoint];
  if (place.unit) out.unitCodes = [place.unit];
  return out;
}

export interface TouchpointChoice {
  code: string;
  name: string;
}
export interface TouchpointGroup {
  /** The phase (one journey chosen) or the journey (all journeys) the touchpoints belong to. */
  label: string;
  touchpoints: TouchpointChoice[];
}

type Journey = CommentPlacesQuery['journeys'][number];

const withCode = (journey: Journey) =>
  journey.phases.map((phase) => ({
    phase,
    touchpoints: phase.touchpoints.flatMap((t) => (t.code ? [{ code: t.code, name: t.name }] : [])),
  }));

/**
 * The touchpoints a user can pick: those of the chosen journey by phase, or every journey's by journey.
 * Touchpoints without a survey code (to-be ideas) have no comments and are left out.
 */
export function touchpointGroups(journeys: readonly Journey[], journeyId: string | null): TouchpointGroup[] {
  const chosen = journeyId ? journeys.filter((j) => j.id === journeyId) : journeys;
  if (journeyId) return chosen.flatMap((j) => withCode(j).map(({ phase, touchpoints }) => ({ label: phase.name, touchpoints }))).filter((g) => g.touchpoints.length > 0);
  return chosen.map((j) => ({ label: j.name, touchpoints: withCode(j).flatMap((p) => p.touchpoints) })).filter((g) => g.touchpoints.length > 0);
}

/** After the journey changes: the touchpoint stays only when it belongs to the new journey. */
export function withJourney(place: CommentPlace, journeyId: string | null, journeys: readonly Journey[]): CommentPlace {
  const keeps = place.touchpoint !== null && touchpointGroups(journeys, journeyId).some((g) => g.touchpoints.some((t) => t.code === place.touchpoint));
  return { ...place, journey: journeyId, touchpoint: keeps ? place.touchpoint : null };
}
