import type { MeanResult, NpsComparison, NpsDifferenceInterval, NpsResult } from '../../stats/index.js';
import { say } from '../../i18n/index.js';
import { rankGaps, sortByMeasure, surestPair } from '../../stats/groupGaps.js';
import { DEFAULT_CONFIDENCE_LEVEL, DEFAULT_MIN_N } from '../../stats/interval.js';
import type { Queryable } from '../../store.js';
import { requireConfidenceOption, requireIntegerOption, touchpointInfo } from '../drivers/touchpoints.js';
import { AnalyticsInputError } from '../errors.js';
import type { AnalyticsFilter } from '../filter.js';
import { getMetrics } from '../metrics/getMetrics.js';
import { measureOf, type PerformanceMeasure } from '../metrics/measure.js';

export type GapLevel = 'PHASE' | 'TOUCHPOINT';

export interface PersonaNps {
  personaCode: string;
  personaName: string;
  nps: NpsResult;
  /** Mean satisfaction 1-5 with n and interval: what is compared where the gap's measure is CSAT. */
  csat: MeanResult;
  /** Too few customers for the caller to see (small-cell suppression): n 0, NPS null, not compared. */
  suppressed: boolean;
}

export interface PersonaGap {
  level: GapLevel;
  phaseId: string;
  phaseName: string;
  /** TOUCHPOINT gaps only. */
  touchpointCode: string | null;
  touchpointName: string | null;
  /** NPS, or CSAT where the phase or touchpoint has satisfaction ratings but no likelihood-to-recommend answers. */
  measure: PerformanceMeasure;
  /** Every persona with answers here (n >= minN or not), highest NPS (CSAT: mean satisfaction) first. */
  personas: PersonaNps[];
  /** The persona with the higher NPS of the compared pair. */
  highPersona: string;
  lowPersona: string;
  /** High minus low persona NPS, with SE, z and p; `significant` after Benjamini–Hochberg over the level's gaps. */
  test: NpsComparison;
  /** Benjamini–Hochberg adjusted p-value over the level's gaps; null without a test. */
  qValue: number | null;
  /** The interval of the difference; ranked by its lower bound. */
  interval: NpsDifferenceInterval;
  /** 1 = the gap surest to be large at this level. */
  rank: number;
}

export interface PersonaGapsResult {
  definition: string;
  /** How the gaps are ordered, in words. */
  ranking: string;
  minN: number;
  confidenceLevel: number;
  phases: PersonaGap[];
  touchpoints: PersonaGap[];
}

export interface PersonaGapsOptions {
  minN?: number;
  confidenceLevel?: number;
  /** Small-cell suppression of the persona NPS values (getMetrics minCellCustomers); null or absent: none. */
  minCellCustomers?: number | null;
}

/**
 * Where personas' experiences differ most: the metrics query grouped by phase × persona and touchpoint ×
 * persona (one scan, so each persona NPS is the metrics NPS), then a comparison of the personas per
 * phase or touchpoint.
 */
export async function getPersonaGaps(db: Queryable, filter: AnalyticsFilter, options: PersonaGapsOptions = {}): Promise<PersonaGapsResult> {
  requireIntegerOption('minN', options.minN, 2, 1_000_000);
  requireConfidenceOption(options.confidenceLevel);
  if (filter.survey === 'RELATIONSHIP') {
    throw new AnalyticsInputError('survey', 'persona gaps compare touchpoint answers per phase and touchpoint; leave survey out or use TOUCHPOINT');
  }
  if (filter.personaCodes?.length === 1) {
    throw new AnalyticsInputError('personaCodes', 'name at least two personas to compare, or leave personaCodes out to compare all');
  }
  const minN = options.minN ?? DEFAULT_MIN_N;
  const confidenceLevel = options.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL;
  const rows = await getMetrics(
    db,
    { ...filter, survey: 'TOUCHPOINT' },
    { groupingSets: [['PHASE', 'PERSONA'], ['TOUCHPOINT', 'PERSONA']], measures: { customers: false, ratings: false }, minN, confidenceLevel, minCellCustomers: options.minCellCustomers },
  );
  const personaNames = new Map(
    (await db.all<{ code: string; name: string }>('SELECT code, any_value(name) AS name FROM dim_personas GROUP BY code')).map((p) => [p.code, p.name]),
  );
  const phaseNames = new Map((await db.all<{ id: string; name: string }>('SELECT phase_id AS id, name FROM dim_phases')).map((p) => [p.id, p.name]));
  const info = await touchpointInfo(db);

  const gaps = (level: GapLevel): PersonaGap[] => {
    const groups = new Map<string, PersonaNps[]>();
    for (const row of rows) {
      const key = level === 'TOUCHPOINT' ? row.key.touchpointCode : row.key.touchpointCode === undefined ? row.key.phaseId : undefined;
      const personaCode = row.key.personaCode;
      if (!key || !personaCode) continue;
      groups.set(key, [...(groups.get(key) ?? []), { personaCode, personaName: personaNames.get(personaCode) ?? personaCode, nps: row.nps, csat: row.csat, suppressed: row.suppressed }]);
    }
    const found: Omit<PersonaGap, 'rank' | 'qValue'>[] = [];
    for (const [key, members] of groups) {
      const measure = measureOf(sum(members, (p) => p.nps.n), sum(members, (p) => p.csat.n));
      if (!measure) continue;
      const pair = surestPair(members, measure, confidenceLevel);
      if (!pair) continue;
      const touchpoint = level === 'TOUCHPOINT' ? info.get(key) : undefined;
      const phaseId = level === 'PHASE' ? key : (touchpoint?.phaseId ?? '');
      found.push({
        level,
        phaseId,
        phaseName: phaseNames.get(phaseId) ?? phaseId,
        touchpointCode: level === 'TOUCHPOINT' ? key : null,
        touchpointName: level === 'TOUCHPOINT' ? (touchpoint?.name ?? key) : null,
        measure,
        personas: sortByMeasure(members, measure),
        highPersona: pair.high.personaCode,
        lowPersona: pair.low.personaCode,
        test: pair.test,
        interval: pair.interval,
      });
    }
    // Many gaps are tested at once: flagged at a false-discovery rate, ranked by the interval's lower bound (analytics/stats/groupGaps.ts).
    return rankGaps(found, confidenceLevel);
  };
  const ranking = say('priorities.gaps.ranking');
  return { definition: say('priorities.gaps.definition', { ranking }), ranking, minN, confidenceLevel, phases: gaps('PHASE'), touchpoints: gaps('TOUCHPOINT') };
}

const sum = (items: readonly PersonaNps[], of: (p: PersonaNps) => number) => items.reduce((total, p) => total + of(p), 0);
