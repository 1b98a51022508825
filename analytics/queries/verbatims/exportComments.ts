/**
 * Every comment of a cut for a file, newest first, in pages: the same cut as the Comments page's list
 * (commentScopeSql), with the themes and feeling families already tagged (no highlight positions, which
 * a file does not need and which cost most of a list page's time).
 */
import type { Queryable } from '../../store.js';
import { validateFilter, type AnalyticsFilter } from '../filter.js';
import { commentScopeSql, type CommentCut, type CommentScope, type SentimentLabel } from './scope.js';

export interface ExportedCommentRow {
  responseId: string;
  /** YYYY-MM-DD. */
  day: string;
  touchpointName: string | null;
  personaName: string | null;
  ltr: number;
  language: string;
  /** Rounded to two decimals. */
  score: number;
  label: SentimentLabel;
  themeIds: string[];
  families: string[];
  comment: string;
}

/** Rows per statement: large enough that a million comments take a few dozen statements. */
export const EXPORT_PAGE_ROWS = 20_000;

/**
 * Checks the cut (unknown codes and bad dates name their field) and returns its comments page by page
 * (keyset on answer time and id, so a page costs the same at any depth). Nothing is read before the check,
 * so a refused export writes no byte of a file.
 */
export async function exportComments(db: Queryable, filter: AnalyticsFilter, cut: CommentCut, pageRows = EXPORT_PAGE_ROWS): Promise<AsyncGenerator<ExportedCommentRow[]>> {
  await validateFilter(db, filter);
  const scope = commentScopeSql(filter, cut);
  return pages(db, scope, pageRows);
}

async function* pages(db: Queryable, scope: CommentScope, pageRows: number): AsyncGenerator<ExportedCommentRow[]> {
  let cursor: { at: string; id: string } | null = null;
  for (;;) {
    const rows: {
      response_id: string; at: string; day: string; touchpoint_name: string | null; persona_name: string | null; ltr: number; language: string; score: number; label: SentimentLabel;
      comment: string; themes: string[] | null; families: string[] | null;
    }[] = await db.all(
      `${scope.with},
       page AS (
         SELECT * FROM cm
         WHERE $at IS NULL OR cm.responded_at < $at::TIMESTAMP OR (cm.responded_at = $at::TIMESTAMP AND cm.response_id < $id)
         ORDER BY cm.responded_at DESC, cm.response_id DESC LIMIT $limit
       ),
       th AS (SELECT response_id, list(DISTINCT theme_id ORDER BY theme_id) AS themes FROM text_comment_themes WHERE response_id IN (SELECT response_id FROM page) GROUP BY 1),
       fe AS (SELECT response_id, list(DISTINCT family ORDER BY family) AS families FROM text_comment_feelings WHERE response_id IN (SELECT response_id FROM page) GROUP BY 1)
       SELECT page.response_id, strftime(page.responded_at, '%Y-%m-%dT%H:%M:%S.%f') AS at, strftime(page.responded_at, '%Y-%m-%d') AS day,
         t.name AS touchpoint_name, dp.name AS persona_name, page.ltr::INTEGER AS ltr, page.language, round(page.score, 2)::DOUBLE AS score, page.label, page.comment,
         th.themes, fe.families
       FROM page
         JOIN customers c ON c.customer_id = page.customer_id
         LEFT JOIN dim_personas dp ON dp.code = c.persona_code
         LEFT JOIN dim_touchpoints t ON t.code = page.touchpoint_code
         LEFT JOIN th ON th.response_id = page.response_id
         LEFT JOIN fe ON fe.response_id = page.response_id
       ORDER BY page.responded_at DESC, page.response_id DESC`,
      { ...scope.params, at: cursor?.at ?? null, id: cursor?.id ?? null, limit: pageRows },
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      responseId: r.response_id,
      day: r.day,
      touchpointName: r.touchpoint_name,
      personaName: r.persona_name,
      ltr: r.ltr,
      language: r.language,
      score: Number(r.score),
      label: r.label,
      themeIds: r.themes ?? [],
      families: r.families ?? [],
      comment: r.comment,
    }));
    const last = rows.at(-1);
    if (rows.length < pageRows || !last) return;
    cursor = { at: last.at, id: last.response_id };
  }
}
