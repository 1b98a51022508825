import { z } from 'zod';
import type { MeanSums, NpsCounts } from '../../stats/index.js';
import type { Queryable } from '../../store.js';
import { num } from '../followUps/time.js';

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
 */
const SCOPES: Record<WindowScope, { key: string; name: string; from: string; survey: string }> = {
  TOUCHPOINT: {
    key: 't.code',
    name: 't.name',
    from: 'JOIN (SELECT code, min(name) AS name FROM dim_touchpoints WHERE code IS NOT NULL GROUP BY code) t ON t.code = r.touchpoint_code',
    survey: 'r.touchpoint_code IS NOT NULL',
  },
  PHASE: {
    key: 'p.phase_id',
    name: 'p.name',
    from: 'JOIN dim_touchpoints t ON t.code = r.touchpoint_code JOIN dim_phases p ON p.phase_id = t.phase_id',
    survey: 'r.touchpoint_code IS NOT NULL',
  },
  PERSONA: {
    key: 'c.persona_code',
    name: 'coalesce(pe.name, c.persona_code)',
    from: 'JOIN customers c ON c.customer_id = r.customer_id LEFT JOIN (SELECT code, min(name) AS name FROM dim_personas GROUP BY code) pe ON pe.code = c.persona_code',
    survey: 'r.touchpoint_code IS NULL',
  },
  UNIT: {
    key: 'c.unit_code',
    name: 'coalesce(u.name, c.unit_code)',
    from: 'JOIN customers c ON c.customer_id = r.customer_id LEFT JOIN dim_units u ON u.unit_code = c.unit_code',
    survey: 'r.touchpoint_code IS NULL AND c.unit_code IS NOT NULL',
  },
};

const count = num;
const Row = z.object({
  key: z.string(),
  name: z.string(),
  r_promoters: count,
  r_passives: count,
  r_detractors: count,
  b_promoters: count,
  b_passives: count,
  b_detractors: count,
  r_csat_n: count,
  r_csat_sum: z.number(),
  r_csat_sq: z.number(),
  b_csat_n: count,
  b_csat_sum: z.number(),
  b_csat_sq: z.number(),
  r_customers: count,
  b_customers: count,
});

const counts = (prefix: 'r' | 'b', window: string) =>
  [
    `count(*) FILTER (WHERE ${window} AND ltr >= 9)::INTEGER AS ${prefix}_promoters`,
    `count(*) FILTER (WHERE ${window} AND ltr BETWEEN 7 AND 8)::INTEGER AS ${prefix}_passives`,
    `count(*) FILTER (WHERE ${window} AND ltr <= 6)::INTEGER AS ${prefix}_detractors`,
    `count(satisfaction) FILTER (WHERE ${window})::INTEGER AS ${prefix}_csat_n`,
    `coalesce(sum(satisfaction) FILTER (WHERE ${window}), 0)::DOUBLE AS ${prefix}_csat_sum`,
    `coalesce(sum(satisfaction * satisfaction) FILTER (WHERE ${window}), 0)::DOUBLE AS ${prefix}_csat_sq`,
  ].join(', ');

/** Promoters, passives and detractors (and satisfaction sums) per scope in a recent window and its baseline window, in one scan. */
export async function getWindowCounts(db: Queryable, scope: WindowScope, recent: DayRange, baseline: DayRange): Promise<WindowCounts[]> {
  const s = SCOPES[scope];
  const rows = await db.all(
    `SELECT key, name, ${counts('r', 'in_recent')}, ${counts('b', 'NOT in_recent')},
       count(DISTINCT customer_id) FILTER (WHERE in_recent)::INTEGER AS r_customers, count(DISTINCT customer_id) FILTER (WHERE NOT in_recent)::INTEGER AS b_customers
     FROM (
       SELECT ${s.key} AS key, ${s.name} AS name, r.ltr, r.satisfaction, r.customer_id, r.responded_at >= $recentFrom::DATE AS in_recent
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
    recent: { promoters: r.r_promoters, passives: r.r_passives, detractors: r.r_detractors },
    baseline: { promoters: r.b_promoters, passives: r.b_passives, detractors: r.b_detractors },
    csat: { recent: { n: r.r_csat_n, sum: r.r_csat_sum, sumSquares: r.r_csat_sq }, baseline: { n: r.b_csat_n, sum: r.b_csat_sum, sumSquares: r.b_csat_sq } },
    recentCustomers: r.r_customers,
    baselineCustomers: r.b_customers,
  }));
}
