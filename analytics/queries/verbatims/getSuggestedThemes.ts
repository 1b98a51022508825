import type { Queryable } from '../../store.js';
import { validateFilter, type AnalyticsFilter } from '../filter.js';
import { rankSuggestions, type RankedPhrase } from '../../verbatims/suggestions.js';
import { AnalyticsInputError } from '../errors.js';
import { commentScopeSql } from './scope.js';
import { getCommentTotals } from './getThemeOverview.js';

/**
 * Two-word phrases (by stem, so inflections count together) of content words that no theme keyword
 * covers, used in at least `minMentions` comments of the cut, ranked by rankSuggestions.
 */
export async function getSuggestedThemes(db: Queryable, filter: AnalyticsFilter, options: { minMentions?: number; limit?: number } = {}): Promise<RankedPhrase[]> {
  await validateFilter(db, filter);
  const minMentions = options.minMentions ?? 5;
  if (!Number.isInteger(minMentions) || minMentions < 2 || minMentions > 100_000) throw new AnalyticsInputError('minMentions', `must be a whole number 2-100000, got ${minMentions}`);
  const limit = options.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new AnalyticsInputError('first', `must be 1-100, got ${limit}`);
  const scope = commentScopeSql(filter);
  const totals = await getCommentTotals(db, filter);
  const rows = await db.all<{ phrase: string; example: string; mentions: number; detractor_mentions: number }>(
    `${scope.with},
     covered AS (SELECT DISTINCT language, stem FROM text_vocab_matches WHERE kind = 'THEME'),
     t AS (
       SELECT tt.response_id, tt.pos, tt.language, tt.token, tt.stem, cm.ltr FROM text_tokens tt JOIN cm ON cm.response_id = tt.response_id
       LEFT JOIN covered c ON c.language = tt.language AND c.stem = tt.stem
       WHERE NOT tt.stop AND c.stem IS NULL AND length(tt.token) > 2 AND NOT regexp_full_match(tt.token, '[0-9]+')
     ),
     bg AS (
       SELECT a.response_id, a.ltr, a.stem || ' ' || b.stem AS phrase, a.token || ' ' || b.token AS surface
       FROM t a JOIN t b ON b.response_id = a.response_id AND b.pos = a.pos + 1
     )
     SELECT phrase, mode(surface) AS example, count(DISTINCT response_id)::INTEGER AS mentions,
       count(DISTINCT response_id) FILTER (WHERE ltr <= 6)::INTEGER AS detractor_mentions
     FROM bg GROUP BY phrase HAVING count(DISTINCT response_id) >= $minMentions`,
    { ...scope.params, minMentions },
  );
  return rankSuggestions(
    rows.map((r) => ({ phrase: r.phrase, example: r.example, mentions: r.mentions, detractorMentions: r.detractor_mentions })),
    { commented: totals.commented.promoters + totals.commented.passives + totals.commented.detractors, detractors: totals.commented.detractors },
    limit,
  );
}
