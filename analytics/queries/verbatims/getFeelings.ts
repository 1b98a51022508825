import type { Queryable } from '../../store.js';
import { measureColumns } from '../../model/measures.js';
import { validateFilter, type AnalyticsFilter } from '../filter.js';
import { proportion, type ProportionResult } from '../../stats/index.js';
import { FAMILY_VALENCE, isFeelingFamily, type FeelingFamily } from '../../verbatims/defaults.js';
import { commentScopeSql } from './scope.js';

export interface FeelingCell {
  family: FeelingFamily;
  /** Comments naming a word of the family / commented answers at the touchpoint. */
  share: ProportionResult;
  customers: number;
  /** The family's words found, most frequent first. */
  words: string[];
}

export interface TouchpointFeelings {
  /** null: the relationship survey. */
  touchpointCode: string | null;
  touchpointName: string | null;
  commented: number;
  customers: number;
  /**
   * What customers say they feel, on the -2..+2 scale of documented feelings: 2 × (comments with a
   * pleasant feeling − comments with an unpleasant one) / commented answers. null without comments.
   */
  emotionIndex: number | null;
  families: FeelingCell[];
}

/**
 * Feeling families per touchpoint (what customers say they feel), with shares and intervals; with
 * level PHASE per phase of the journey instead (touchpointCode then holds the phase id), for the
 * journey's emotion curve.
 */
export async function getFeelings(db: Queryable, filter: AnalyticsFilter, level: 'TOUCHPOINT' | 'PHASE' = 'TOUCHPOINT'): Promise<TouchpointFeelings[]> {
  await validateFilter(db, filter);
  const scope = commentScopeSql(level === 'PHASE' ? { ...filter, survey: 'TOUCHPOINT' } : filter);
  const key = level === 'PHASE' ? 't.phase_id' : 'cm.touchpoint_code';
  const name = level === 'PHASE' ? 'any_value(p.name)' : 'any_value(t.name)';
  const phases = 'LEFT JOIN dim_touchpoints t ON t.code = cm.touchpoint_code LEFT JOIN dim_phases p ON p.phase_id = t.phase_id';
  const totals = await db.all<{ code: string | null; name: string | null; commented: number; customers: number; pleasant: number; unpleasant: number }>(
    `${scope.with}, fam AS (SELECT response_id, bool_or(family IN ('RELIEF', 'TRUST', 'JOY', 'GRATITUDE')) AS pleasant, bool_or(family IN ('ANGER', 'WORRY', 'FRUSTRATION', 'DISTRUST')) AS unpleasant FROM text_comment_feelings GROUP BY 1)
     SELECT ${key} AS code, ${name} AS name, count(*)::INTEGER AS commented, ${measureColumns(['customers'], { answers: 'cm' })},
       count(*) FILTER (WHERE fam.pleasant)::INTEGER AS pleasant, count(*) FILTER (WHERE fam.unpleasant)::INTEGER AS unpleasant
     FROM cm ${phases} LEFT JOIN fam ON fam.response_id = cm.response_id
     GROUP BY 1 ORDER BY min(t.journey_position) NULLS FIRST, 1`,
    scope.params,
  );
  const cells = await db.all<{ code: string | null; family: string; count: number; customers: number; words: string[] }>(
    `${scope.with}, f AS (SELECT f.response_id, f.family, f.word FROM text_comment_feelings f JOIN cm ON cm.response_id = f.response_id)
     SELECT ${key} AS code, f.family, count(DISTINCT f.response_id)::INTEGER AS count, ${measureColumns(['customers'], { answers: 'cm' })},
       list(DISTINCT f.word) AS words
     FROM f JOIN cm ON cm.response_id = f.response_id ${phases} GROUP BY 1, 2`,
    scope.params,
  );
  return totals.map((t) => ({
    touchpointCode: t.code,
    touchpointName: t.name,
    commented: t.commented,
    customers: t.customers,
    emotionIndex: t.commented ? (2 * (t.pleasant - t.unpleasant)) / t.commented : null,
    families: cells
      .filter((c) => c.code === t.code && isFeelingFamily(c.family))
      .flatMap((c) => (isFeelingFamily(c.family) ? [{ family: c.family, share: proportion({ n: t.commented, count: c.count }), customers: c.customers, words: [...c.words].sort() }] : []))
      .sort((a, b) => b.share.count - a.share.count || FAMILY_VALENCE[a.family] - FAMILY_VALENCE[b.family]),
  }));
}
