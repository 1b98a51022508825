import { listValue } from '@duckdb/node-api';
import type { Queryable } from '../../store.js';
import { validateFilter, type AnalyticsFilter } from '../filter.js';
import { AnalyticsInputError } from '../errors.js';
import { highlights, type Highlight, type PositionMark } from '../../verbatims/highlight.js';
import { matchPositionsSql } from '../../verbatims/pipeline.js';
import { commentScopeSql, searchWords, type CommentCut, type SentimentLabel } from './scope.js';

export interface CommentRow {
  responseId: string;
  customerId: string;
  personaCode: string;
  touchpointCode: string | null;
  touchpointName: string | null;
  respondedAt: string;
  ltr: number;
  comment: string;
  language: string;
  score: number;
  label: SentimentLabel;
  themes: string[];
  feelings: { family: string; word: string }[];
  highlights: Highlight[];
}

export interface CommentPage {
  total: number;
  rows: CommentRow[];
  /** Cursor of the last row, for `after`; null when there are no more. */
  endCursor: string | null;
}

function decodeCursor(after: string): { at: string; id: string } {
  const text = Buffer.from(after, 'base64url').toString('utf8');
  const [at, id] = text.split('|');
  if (!at || !id || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(at)) throw new AnalyticsInputError('after', 'is not a cursor this query returned; pass endCursor from the previous page');
  return { at, id };
}

const encodeCursor = (at: string, id: string) => Buffer.from(`${at}|${id}`, 'utf8').toString('base64url');

/** Commented answers of a cut, newest first, with their analysis and the spans to highlight. */
export async function listComments(db: Queryable, filter: AnalyticsFilter, cut: CommentCut, page: { first: number; after?: string; responseIds?: readonly string[] }): Promise<CommentPage> {
  await validateFilter(db, filter);
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > 200) throw new AnalyticsInputError('first', `must be 1-200, got ${page.first}`);
  const scope = commentScopeSql(filter, cut);
  const cursor = page.after ? decodeCursor(page.after) : null;
  // responseIds: exactly these answers (preview examples), in the same shape.
  const only = page.responseIds ? 'list_contains($only, cm.response_id)' : 'TRUE';
  const params = page.responseIds ? { ...scope.params, only: listValue([...page.responseIds]) } : scope.params;
  const [count] = await db.all<{ total: number }>(`${scope.with} SELECT count(*)::INTEGER AS total FROM cm WHERE ${only}`, params);
  const rows = await db.all<{ response_id: string; customer_id: string; persona_code: string; touchpoint_code: string | null; touchpoint_name: string | null; at: string; ltr: number; comment: string; language: string; score: number; label: SentimentLabel }>(
    `${scope.with}
     SELECT cm.response_id, cm.customer_id, c.persona_code, cm.touchpoint_code, t.name AS touchpoint_name,
       strftime(cm.responded_at, '%Y-%m-%dT%H:%M:%S.%f') AS at, cm.ltr::INTEGER AS ltr, cm.comment, cm.language, cm.score, cm.label
     FROM cm JOIN customers c ON c.customer_id = cm.customer_id LEFT JOIN dim_touchpoints t ON t.code = cm.touchpoint_code
     WHERE ${only} AND ($at IS NULL OR cm.responded_at < $at::TIMESTAMP OR (cm.responded_at = $at::TIMESTAMP AND cm.response_id < $id))
     ORDER BY cm.responded_at DESC, cm.response_id DESC LIMIT $limit`,
    { ...params, at: cursor?.at ?? null, id: cursor?.id ?? null, limit: page.first + 1 },
  );
  const more = rows.length > page.first;
  const shown = rows.slice(0, page.first);
  const details = await commentDetails(db, shown.map((r) => r.response_id));
  const words = searchWords(cut.search);
  const last = shown.at(-1);
  return {
    total: count?.total ?? 0,
    endCursor: more && last ? encodeCursor(last.at, last.response_id) : null,
    rows: shown.map((r) => {
      const d = details.get(r.response_id);
      return {
        responseId: r.response_id,
        customerId: r.customer_id,
        personaCode: r.persona_code,
        touchpointCode: r.touchpoint_code,
        touchpointName: r.touchpoint_name,
        respondedAt: r.at.slice(0, 19),
        ltr: r.ltr,
        comment: r.comment,
        language: r.language,
        score: Number(r.score),
        label: r.label,
        themes: d?.themes ?? [],
        feelings: d?.feelings ?? [],
        highlights: highlights(r.comment, d?.marks ?? [], words),
      };
    }),
  };
}

interface Details {
  themes: string[];
  feelings: { family: string; word: string }[];
  marks: PositionMark[];
}

/** Themes, feelings and the marked words of a page of comments (three statements, whatever the page size). */
export async function commentDetails(db: Queryable, responseIds: readonly string[]): Promise<Map<string, Details>> {
  const out = new Map<string, Details>(responseIds.map((id) => [id, { themes: [], feelings: [], marks: [] }]));
  if (responseIds.length === 0) return out;
  const ids = listValue([...responseIds]);
  const scope = `(SELECT unnest($ids) AS response_id)`;
  const themeMarks = await db.all<{ response_id: string; owner: string; start: number; n_stems: number }>(`${matchPositionsSql('THEME', scope)}`, { ids });
  const feelingMarks = await db.all<{ response_id: string; owner: string; keyword: string; start: number; n_stems: number }>(`${matchPositionsSql('FEELING', scope)}`, { ids });
  const sentimentWords = await db.all<{ response_id: string; pos: number; value: number }>(
    `SELECT response_id, pos, value FROM text_tokens WHERE list_contains($ids, response_id) AND value <> 0`,
    { ids },
  );
  for (const m of themeMarks) {
    const d = out.get(m.response_id);
    if (!d) continue;
    if (!d.themes.includes(m.owner)) d.themes.push(m.owner);
    d.marks.push({ start: Number(m.start), length: Number(m.n_stems), kind: 'THEME', label: m.owner });
  }
  for (const m of feelingMarks) {
    const d = out.get(m.response_id);
    if (!d) continue;
    if (!d.feelings.some((f) => f.family === m.owner && f.word === m.keyword)) d.feelings.push({ family: m.owner, word: m.keyword });
    d.marks.push({ start: Number(m.start), length: Number(m.n_stems), kind: 'FEELING', label: m.owner });
  }
  for (const w of sentimentWords) {
    out.get(w.response_id)?.marks.push({ start: Number(w.pos), length: 1, kind: w.value > 0 ? 'POSITIVE' : 'NEGATIVE', label: String(Number(w.value)) });
  }
  for (const d of out.values()) d.themes.sort();
  return out;
}
