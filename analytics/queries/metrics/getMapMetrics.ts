import { z } from 'zod';
import type { Queryable } from '../../store.js';
import { scopeSql, validateFilter, type AnalyticsFilter } from '../filter.js';
import { readsRollup } from './rollupSource.js';
import { metricsMeasures, suppressMetricsRows, toMetricsRow, type MetricsOptions, type MetricsRow, type RawRow } from './getMetrics.js';

/** One phase's or journey's figures on a journey map. */
export interface MapMetricsRow {
  journeyId: string;
  /** null for the journey as a whole. */
  phaseId: string | null;
  /** The survey codes pooled: each touchpoint's own code, or for a to-be touchpoint without one the code of the as-is touchpoint it is based on. */
  codes: string[];
  /** True when at least one code is borrowed from an as-is touchpoint (a to-be journey). */
  asIs: boolean;
  /** null when none of the codes has answers in the cut. */
  metrics: MetricsRow | null;
}

/**
 * The survey codes each phase and each journey is measured by: a touchpoint's own code, else (to-be
 * touchpoints) the code of the touchpoint it is based on. A code counts once per phase and once per
 * journey, so a journey's answers are never counted twice when two of its touchpoints share a code.
 */
const MAP_GROUPS = `
  measured AS (
    SELECT t.journey_id, t.phase_id, coalesce(t.code, b.code) AS code, t.code IS NULL AS borrowed
    FROM dim_touchpoints t LEFT JOIN dim_touchpoints b ON b.touchpoint_id = t.based_on_id
    WHERE coalesce(t.code, b.code) IS NOT NULL),
  map_groups AS (
    SELECT journey_id, phase_id, code, bool_or(borrowed) AS borrowed FROM measured GROUP BY ALL
    UNION ALL
    SELECT journey_id, NULL AS phase_id, code, bool_or(borrowed) FROM measured GROUP BY journey_id, code)`;

const GroupRow = z.object({ journey_id: z.string(), phase_id: z.string().nullable(), as_is: z.boolean(), codes: z.array(z.string()) });

/**
 * NPS (n, adjusted-Wald interval) and CSAT of every phase and journey of the model for a cut, in one
 * grouped scan: answers at the touchpoints each measures (see MAP_GROUPS) are pooled, and the statistics
 * come from the same measures as getMetrics (metricsMeasures) and toMetricsRow, so a phase figure is computed exactly as a touchpoint's.
 * To-be journeys are included through the as-is touchpoints their touchpoints are based on.
 */
export async function getMapMetrics(db: Queryable, filter: AnalyticsFilter, options: MetricsOptions = {}): Promise<MapMetricsRow[]> {
  await validateFilter(db, filter);
  const scope = scopeSql(filter, true);
  const source = await readsRollup(db, metricsMeasures(options));
  const [groups, rows] = await Promise.all([
    db.all(`WITH ${MAP_GROUPS} SELECT journey_id, phase_id, bool_or(borrowed) AS as_is, list(code ORDER BY code) AS codes FROM map_groups GROUP BY ALL`, {}, GroupRow),
    db.all<RawRow>(
      source.statement(`WITH ${MAP_GROUPS}
       SELECT m.journey_id, m.phase_id, ${source.columns.join(', ')}
       ${scope.from} JOIN map_groups m ON m.code = r.touchpoint_code
       ${scope.where}
       GROUP BY m.journey_id, m.phase_id`),
      scope.params,
    ),
  ]);
  // Journey rows carry only journeyId, phase rows phaseId too: two tables of cells for suppression.
  const metrics = suppressMetricsRows(rows.map((row) => toMetricsRow(row, scope.survey, options)), options);
  const byGroup = new Map(metrics.map((row) => [`${row.key.journeyId}|${row.key.phaseId ?? ''}`, row]));
  return groups.map((g) => ({
    journeyId: g.journey_id,
    phaseId: g.phase_id,
    codes: g.codes,
    asIs: g.as_is,
    metrics: byGroup.get(`${g.journey_id}|${g.phase_id ?? ''}`) ?? null,
  }));
}
