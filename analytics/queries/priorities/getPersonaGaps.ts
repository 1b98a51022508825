import { z } from 'zod';
import { compareNps, computeNps, type NpsComparison, type NpsResult } from '../../stats/index.js';
import { DEFAULT_MIN_N } from '../../stats/interval.js';
import type { Queryable } from '../../store.js';
import { requireConfidenceOption, requireIntegerOption, touchpointInfo } from '../drivers/touchpoints.js';
import { AnalyticsInputError } from '../errors.js';
import { scopeSql, validateFilter, type AnalyticsFilter } from '../filter.js';

const CountsRow = z.object({
  by_touchpoint: z.number(),
  phase_id: z.string().nullable(),
  touchpoint_code: z.string().nullable(),
  persona_code: z.string(),
  n: z.number(),
  promoters: z.number(),
  detractors: z.number(),
});
/** One persona's NPS at one phase or touchpoint. */
interface Cell {
  key: string | null;
  personaCode: string;
  nps: NpsResult;
}

export const PERSONA_GAP_DEFINITION =
  'Per phase and per touchpoint: touchpoint-answer NPS of each persona with n >= minN; the gap is the largest pairwise difference (highest minus lowest persona NPS, in NPS points), tested with z = difference / sqrt(SE1² + SE2²), significant when |z| > the critical z (1.96 at 95%). Being the largest of several pairs, the gap is read as a pointer, not a pre-registered test. Ranked by difference.';

export type GapLevel = 'PHASE' | 'TOUCHPOINT';

export interface PersonaNps {
  personaCode: string;
  personaName: string;
  nps: NpsResult;
}

export interface PersonaGap {
  level: GapLevel;
  phaseId: string;
  phaseName: string;
  /** TOUCHPOINT gaps only. */
  touchpointCode: string | null;
  touchpointName: string | null;
  /** Every persona with answers here (n >= minN or not), highest NPS first. */
  personas: PersonaNps[];
  highPersona: string;
  lowPersona: string;
  /** High minus low persona NPS, with SE, z, p and significance (compareNps). */
  test: NpsComparison;
  /** 1 = largest difference at this level. */
  rank: number;
}

export interface PersonaGapsResult {
  definition: string;
  minN: number;
  confidenceLevel: number;
  phases: PersonaGap[];
  touchpoints: PersonaGap[];
}

export interface PersonaGapsOptions {
  minN?: number;
  confidenceLevel?: number;
}

/**
 * Where personas' experiences differ most (PRODUCT.md prioritisation, "per persona too"): one statement
 * counts promoters and detractors per phase × persona and touchpoint × persona (NPS exactly as metrics
 * computes it), then the NPS difference test on the extremes.
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
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  await validateFilter(db, filter);
  const scope = scopeSql({ ...filter, survey: 'TOUCHPOINT' }, true);
  // One scan, two groupings: phase × persona and touchpoint × persona. Only the NPS counts are needed.
  const rows = await db.all(
    `SELECT GROUPING(t.phase_id)::INTEGER AS by_touchpoint, t.phase_id, r.touchpoint_code, c.persona_code,
       count(*)::DOUBLE AS n, sum((r.ltr >= 9)::INTEGER)::DOUBLE AS promoters, sum((r.ltr <= 6)::INTEGER)::DOUBLE AS detractors
     ${scope.from} ${scope.where}
     GROUP BY GROUPING SETS ((t.phase_id, c.persona_code), (r.touchpoint_code, c.persona_code))`,
    scope.params,
    CountsRow,
  );
  const cell = (r: z.infer<typeof CountsRow>): Cell => ({
    key: r.by_touchpoint ? r.touchpoint_code : r.phase_id,
    personaCode: r.persona_code,
    nps: computeNps({ promoters: r.promoters, passives: r.n - r.promoters - r.detractors, detractors: r.detractors }, { minN, confidenceLevel }),
  });
  const byPhase = rows.filter((r) => !r.by_touchpoint).map(cell);
  const byTouchpoint = rows.filter((r) => r.by_touchpoint).map(cell);
  const personaNames = new Map(
    (await db.all<{ code: string; name: string }>('SELECT code, any_value(name) AS name FROM dim_personas GROUP BY code')).map((p) => [p.code, p.name]),
  );
  const phaseNames = new Map((await db.all<{ id: string; name: string }>('SELECT phase_id AS id, name FROM dim_phases')).map((p) => [p.id, p.name]));
  const info = await touchpointInfo(db);

  const gaps = (cells: Cell[], level: GapLevel): PersonaGap[] => {
    const groups = new Map<string, Cell[]>();
    for (const c of cells) if (c.key) groups.set(c.key, [...(groups.get(c.key) ?? []), c]);
    const found: Omit<PersonaGap, 'rank'>[] = [];
    for (const [key, members] of groups) {
      const personas = members
        .map((m) => ({ personaCode: m.personaCode, personaName: personaNames.get(m.personaCode) ?? m.personaCode, nps: m.nps }))
        .sort((a, b) => (b.nps.nps ?? -Infinity) - (a.nps.nps ?? -Infinity));
      const eligible = personas.filter((p) => !p.nps.lowSample && p.nps.nps !== null);
      if (eligible.length < 2) continue;
      const high = eligible[0]!;
      const low = eligible[eligible.length - 1]!;
      const touchpoint = level === 'TOUCHPOINT' ? info.get(key) : undefined;
      const phaseId = level === 'PHASE' ? key : (touchpoint?.phaseId ?? '');
      found.push({
        level,
        phaseId,
        phaseName: phaseNames.get(phaseId) ?? phaseId,
        touchpointCode: level === 'TOUCHPOINT' ? key : null,
        touchpointName: level === 'TOUCHPOINT' ? (touchpoint?.name ?? key) : null,
        personas,
        highPersona: high.personaCode,
        lowPersona: low.personaCode,
        test: compareNps(high.nps, low.nps, { confidenceLevel }),
      });
    }
    found.sort((a, b) => (b.test.difference ?? 0) - (a.test.difference ?? 0) || (Math.abs(b.test.z ?? 0) - Math.abs(a.test.z ?? 0)));
    return found.map((gap, i) => ({ ...gap, rank: i + 1 }));
  };
  return { definition: PERSONA_GAP_DEFINITION, minN, confidenceLevel, phases: gaps(byPhase, 'PHASE'), touchpoints: gaps(byTouchpoint, 'TOUCHPOINT') };
}
