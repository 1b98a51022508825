import { z } from 'zod';
import type { MeanSums, NpsCounts } from '../../stats/index.js';
import type { Queryable } from '../../store.js';
import { DIMENSIONS } from '../../model/dimensions.js';
import { countOf, measureColumns, meanSumsOf, npsCountsOf } from '../../model/measures.js';

/** What one alert check compares: each touchpoint, phase, persona or unit. */
export type WindowScope = 'TOUCHPOINT' | 'PHASE' | 'PERSONA' | 'UNIT';

/** Inclusive UTC days, YYYY-MM-DD. */
export interface DayRange {
  from: string;
  to: string;
}

export interface WindowCounts {
  /** Touchpoint code, phase id, persona code or unit code. */
  key: string;
  name: string;
  recent: NpsCounts;
  baseline: NpsCounts;
  /**
   * Satisfaction sums (1-5) per window: a touchpoint with satisfaction ratings but no likelihood-to-
   * recommend answers (attribute-rating surveys) is tested on its mean CSAT instead. Absent = none.
   */
  csat?: { recent: MeanSums; baseline: MeanSums };
  /** Distinct customers behind each window's answers (small-cell suppression counts these). */
  recentCustomers: number;
  baselineCustomers: number;
}

/**
 * Touchpoint and phase scopes use the answers given right after a touchpoint; persona and unit scopes
 * use the relationship survey (the company as a whole), as getMetrics does when no touchpoint is named:
 * mixing the two would compare different questions, and a persona's touchpoint mix shifts over time.
 * The key is the dimension's own SQL (analytics/model/dimensions.ts); the joins give it and the name.
 */
const SCOPES: Record<WindowScope, { name: string; from: string; survey: string }> = {
  TOUCHPOINT: {
    name: 't.name',
    from: 'JOIN (SELECT code, min(name) AS name FROM dim_touchpoints WHERE code IS NOT NULL GROUP BY code) t ON t.code = r.touchpoint_code',
    survey: 'r.touchpoint_code IS NOT NULL',
  },
  PHASE: {
    name: 'p.name',
    from: 'JOIN dim_touchpoints t ON t.code = r.touchpoint_code JOIN dim_phases p ON p.phase_id = t.phase_id',
    survey: 'r.touchpoint_code IS NOT NULL',
  },
  PERSONA: {
    name: 'coalesce(pe.name, c.persona_code)',
    from: 'JOIN customers c ON c.customer_id = r.customer_id LEFT JOIN (SELECT code, min(name) AS name FROM dim_personas GROUP BY code) pe ON pe.code = c.persona_code',
    survey: 'r.touchpoint_code IS NULL',
  },
  UNIT: {
    name: 'coalesce(u.name, c.unit_code)',
    from: 'JOIN customers c ON c.customer_id = r.customer_id LEFT JOIN dim_units u ON u.unit_code = c.unit_code',
    survey: 'r.touchpoint_code IS NULL AND c.unit_code IS NOT NULL',
  },
};

const Row = z.looseObject({ key: z.string(), name: z.string() });

/** One window's counts (analytics/model/measures.ts), columns prefixed r_ (recent) or b_ (baseline). */
const windowColumns = (prefix: 'r_' | 'b_', window: string) => measureColumns(['nps', 'csat', 'customers'], { answers: '', where: window, prefix }).join(', ');

/** Promoters, passives and detractors (and satisfaction sums) per scope in a recent window and its baseline window, in one scan. */
export async function getWindowCounts(db: Queryable, scope: WindowScope, recent: DayRange, baseline: DayRange): Promise<WindowCounts[]> {
  const s = SCOPES[scope];
  const rows = await db.all(
    `SELECT key, name, ${windowColumns('r_', 'in_recent')}, ${windowColumns('b_', 'NOT in_recent')}
     FROM (
       SELECT ${DIMENSIONS[scope].sql} AS key, ${s.name} AS name, r.ltr, r.satisfaction, r.customer_id, r.responded_at >= $recentFrom::DATE AS in_recent
       FROM responses r ${s.from}
       WHERE ${s.survey}
         AND r.responded_at >= $baselineFrom::DATE AND r.responded_at < $recentTo::DATE + INTERVAL 1 DAY
         AND (r.responded_at >= $recentFrom::DATE OR r.responded_at < $baselineTo::DATE + INTERVAL 1 DAY)
     )
     GROUP BY key, name
     ORDER BY key`,
    { recentFrom: recent.from, recentTo: recent.to, baselineFrom: baseline.from, baselineTo: baseline.to },
    Row,
  );
  return rows.map((r) => ({
    key: r.key,
    name: r.name,
    recent: npsCountsOf(r, 'r_'),
    baseline: npsCountsOf(r, 'b_'),
    csat: { recent: meanSumsOf(r, 'csat', 'r_'), baseline: meanSumsOf(r, 'csat', 'b_') },
    recentCustomers: countOf(r, 'customers', 'r_'),
    baselineCustomers: countOf(r, 'customers', 'b_'),
  }));
}
