/**
 * The commented answers of a cut, as a CTE every comment query starts from. Both surveys unless the
 * filter says (or names a journey, phase or touchpoint): likelihood-to-recommend is the same question.
 */
import { listValue } from '@duckdb/node-api';
import type { SqlParams } from '../../store.js';
import { answersScopeSql, type AnalyticsFilter } from '../filter.js';
import { AnalyticsInputError } from '../errors.js';

export type SentimentLabel = 'POSITIVE' | 'NEUTRAL' | 'NEGATIVE';

/** Narrowing of the comments beyond the answer filter. */
export interface CommentCut {
  /** Every word must occur in the comment (case-insensitive). */
  search?: string;
  themeId?: string;
  sentiment?: SentimentLabel;
  feeling?: string;
  language?: string;
}

export interface CommentScope {
  /** `WITH scoped AS (all answers of the cut), cm AS (commented answers with their analysis)` */
  with: string;
  params: SqlParams;
}

export function searchWords(search: string | undefined): string[] {
  if (!search) return [];
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length > 10) throw new AnalyticsInputError('search', 'use at most 10 words');
  if (search.length > 200) throw new AnalyticsInputError('search', 'use at most 200 characters');
  return words;
}

export function commentScopeSql(filter: AnalyticsFilter, cut: CommentCut = {}): CommentScope {
  const { from, where, params } = answersScopeSql(filter);
  const extra: string[] = [];
  const p: SqlParams = { ...params };
  const words = searchWords(cut.search);
  if (words.length) {
    p.words = listValue(words);
    extra.push(`list_bool_and(list_transform($words, w -> contains(lower(r.comment), w)))`);
  }
  if (cut.themeId) {
    p.theme = cut.themeId;
    extra.push('r.response_id IN (SELECT response_id FROM text_comment_themes WHERE theme_id = $theme)');
  }
  if (cut.feeling) {
    p.feeling = cut.feeling;
    extra.push('r.response_id IN (SELECT response_id FROM text_comment_feelings WHERE family = $feeling)');
  }
  if (cut.sentiment) {
    p.sentiment = cut.sentiment;
    extra.push('tc.label = $sentiment');
  }
  if (cut.language) {
    p.language = cut.language;
    extra.push('tc.language = $language');
  }
  return {
    with: `WITH scoped AS (SELECT r.response_id, r.customer_id, r.ltr, r.responded_at, r.touchpoint_code, r.comment ${from} ${where}),
      cm AS (
        SELECT r.response_id, r.customer_id, r.ltr, r.responded_at, r.touchpoint_code, r.comment, tc.language, tc.score, tc.label
        FROM scoped r JOIN text_comments tc ON tc.response_id = r.response_id
        ${extra.length ? `WHERE ${extra.join(' AND ')}` : ''}
      )`,
    params: p,
  };
}
