import type { Queryable } from '../../store.js';
import { validateFilter, type AnalyticsFilter } from '../filter.js';
import { rankSuggestions, type RankedPhrase } from '../../verbatims/suggestions.js';
import { AnalyticsInputError } from '../errors.js';
import { NPS_GROUP_SQL } from '../../model/measures.js';
import { commentScopeSql } from './scope.js';
import { getCommentTotals } from './getThemeOverview.js';

/** A Danish word this long or longer also stands for the compounds ending in it, as theme keywords do (pipeline.ts). */
const COMPOUND_HEAD_LETTERS = 4;

/**
 * Candidates for new themes in the cut, used in at least `minMentions` comments, ranked by rankSuggestions:
 * - two-word phrases (by stem, so inflections count together) of content words no theme keyword covers;
 * - single content words no theme covers, leaving out sentiment words and feeling words (they say how,
 *   not what about). A Danish word of four letters or more counts the compounds ending in it too
 *   (overførsel: pensionsoverførsel, pensionsoverførslen), because a theme keyword made of it matches
 *   them; such compounds are then not suggested on their own.
 */
export async function getSuggestedThemes(db: Queryable, filter: AnalyticsFilter, options: { minMentions?: number; limit?: number } = {}): Promise<RankedPhrase[]> {
  await validateFilter(db, filter);
  const minMentions = options.minMentions ?? 5;
  if (!Number.isInteger(minMentions) || minMentions < 2 || minMentions > 100_000) throw new AnalyticsInputError('minMentions', `must be a whole number 2-100000, got ${minMentions}`);
  const limit = options.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new AnalyticsInputError('first', `must be 1-100, got ${limit}`);
  const scope = commentScopeSql(filter);
  const totals = await getCommentTotals(db, filter);
  const rows = await db.all<{ phrase: string; example: string; mentions: number; detractor_mentions: number; includes: string[] | null }>(
    `${scope.with},
     covered AS (SELECT DISTINCT language, stem FROM text_vocab_matches WHERE kind = 'THEME'),
     feeling AS (SELECT DISTINCT language, stem FROM text_vocab_matches WHERE kind = 'FEELING'),
     t AS (
       SELECT tt.response_id, tt.pos, tt.language, tt.token, tt.stem, tt.score, cm.ltr FROM text_tokens tt JOIN cm ON cm.response_id = tt.response_id
       LEFT JOIN covered c ON c.language = tt.language AND c.stem = tt.stem
       WHERE NOT tt.stop AND c.stem IS NULL AND length(tt.token) > 2 AND NOT regexp_full_match(tt.token, '[0-9]+')
     ),
     bg AS (
       SELECT a.response_id, a.ltr, a.stem || ' ' || b.stem AS phrase, a.token || ' ' || b.token AS surface
       FROM t a JOIN t b ON b.response_id = a.response_id AND b.pos = a.pos + 1
     ),
     phrases AS (
       SELECT phrase, mode(surface) AS example, count(DISTINCT response_id)::INTEGER AS mentions,
         count(DISTINCT response_id) FILTER (WHERE ${NPS_GROUP_SQL.detractors('ltr')})::INTEGER AS detractor_mentions, NULL::VARCHAR[] AS includes
       FROM bg GROUP BY phrase HAVING count(DISTINCT response_id) >= $minMentions
     ),
     w AS (
       SELECT t.* FROM t ANTI JOIN feeling f ON f.language = t.language AND f.stem = t.stem WHERE t.score = 0
     ),
     stems AS (SELECT DISTINCT language, stem FROM w),
     -- Danish compound → each shorter word of the cut it ends in (on distinct stems: thousands, not every word).
     heads AS (
       SELECT s.stem, h.stem AS head FROM stems s JOIN stems h ON s.language = 'da' AND h.language = 'da'
         AND length(h.stem) >= ${COMPOUND_HEAD_LETTERS} AND length(s.stem) > length(h.stem) AND suffix(s.stem, h.stem)
     ),
     grouped AS (
       SELECT language, stem AS grp, stem, token, response_id, ltr FROM w
       UNION ALL
       SELECT w.language, hd.head, w.stem, w.token, w.response_id, w.ltr FROM w JOIN heads hd ON w.language = 'da' AND hd.stem = w.stem
     ),
     words AS (
       SELECT language, grp, coalesce(mode(token) FILTER (WHERE stem = grp), mode(token)) AS example,
         count(DISTINCT response_id)::INTEGER AS mentions, count(DISTINCT response_id) FILTER (WHERE ${NPS_GROUP_SQL.detractors('ltr')})::INTEGER AS detractor_mentions
       FROM grouped GROUP BY language, grp HAVING count(DISTINCT response_id) >= $minMentions
     ),
     compounds AS (
       SELECT language, grp, list(token ORDER BY n DESC, token)[1:5] AS includes
       FROM (SELECT language, grp, token, count(*) AS n FROM grouped WHERE stem <> grp GROUP BY ALL) GROUP BY ALL
     ),
     kept AS (
       -- A compound whose word is suggested is already counted in it.
       SELECT wd.* FROM words wd WHERE NOT EXISTS (
         SELECT 1 FROM heads hd JOIN words o ON o.language = 'da' AND o.grp = hd.head WHERE wd.language = 'da' AND hd.stem = wd.grp
       )
     )
     SELECT phrase, example, mentions, detractor_mentions, includes FROM phrases
     UNION ALL
     -- One word in both languages (app, pension) is one suggestion.
     SELECT k.grp, arg_max(k.example, k.mentions), sum(k.mentions)::INTEGER, sum(k.detractor_mentions)::INTEGER, flatten(list(c.includes) FILTER (WHERE c.includes IS NOT NULL))
     FROM kept k LEFT JOIN compounds c ON c.language = k.language AND c.grp = k.grp GROUP BY k.grp`,
    { ...scope.params, minMentions },
  );
  return rankSuggestions(
    rows.map((r) => ({ phrase: r.phrase, example: r.example, mentions: r.mentions, detractorMentions: r.detractor_mentions, includes: r.includes ?? [] })),
    { commented: totals.commented.promoters + totals.commented.passives + totals.commented.detractors, detractors: totals.commented.detractors },
    limit,
  );
}
