import type { Json } from '@duckdb/node-api';
import type { JsonRow, Queryable } from '../../store.js';
import { AnalyticsInputError } from '../errors.js';
import { answersScopeSql, validateFilter, type AnalyticsFilter } from '../filter.js';

/** One customer's answer, as analysts read it (personal data: source 003, responses are not anonymous). */
export interface ResponseRow {
  responseId: string;
  customerId: string;
  personaCode: string;
  unitCode: string | null;
  touchpointCode: string | null;
  touchpointName: string | null;
  respondedAt: string;
  ltr: number;
  satisfaction: number | null;
  professional: number | null;
  sympathetic: number | null;
  trustworthy: number | null;
  atmosphere: number | null;
  effort: number | null;
  comment: string | null;
}

export interface ResponseQuery {
  filter: AnalyticsFilter;
  /** Only answers with a likelihood-to-recommend in this range (e.g. 0-6: detractors). */
  minLtr?: number;
  maxLtr?: number;
  withCommentOnly?: boolean;
  customerId?: string;
  /** Page size, 1-500. */
  first: number;
  /** Skip this many (newest first). */
  offset: number;
}

const str = (v: Json | undefined) => (typeof v === 'string' ? v : null);
const numOrNull = (v: Json | undefined) => (v === null || v === undefined ? null : Number(v));

/** Individual answers, newest first, with the total count for paging. */
export async function listResponses(db: Queryable, query: ResponseQuery): Promise<{ total: number; rows: ResponseRow[] }> {
  await validateFilter(db, query.filter);
  if (!Number.isInteger(query.first) || query.first < 1 || query.first > 500) throw new AnalyticsInputError('first', `must be 1-500, got ${query.first}`);
  if (!Number.isInteger(query.offset) || query.offset < 0) throw new AnalyticsInputError('offset', `must be 0 or more, got ${query.offset}`);
  for (const field of ['minLtr', 'maxLtr'] as const) {
    const v = query[field];
    if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > 10)) throw new AnalyticsInputError(field, `must be a whole number 0-10, got ${v}`);
  }
  const { from, where, ...scope } = answersScopeSql(query.filter);
  // DuckDB refuses parameters a statement does not use: the page bounds go to the second query only.
  const params = { ...scope.params, minLtr: query.minLtr ?? 0, maxLtr: query.maxLtr ?? 10, customer: query.customerId ?? null };
  const extra = `AND r.ltr BETWEEN $minLtr AND $maxLtr AND ($customer IS NULL OR r.customer_id = $customer)${query.withCommentOnly ? " AND coalesce(trim(r.comment), '') <> ''" : ''}`;
  const [count] = await db.all<{ total: number }>(`SELECT count(*)::INTEGER AS total ${from} ${where} ${extra}`, params);
  const rows = await db.all<JsonRow>(
    `SELECT r.response_id, r.customer_id, c.persona_code, c.unit_code, r.touchpoint_code, t.name AS touchpoint_name,
            strftime(r.responded_at, '%Y-%m-%dT%H:%M:%S') AS responded_at, r.ltr::INTEGER AS ltr,
            r.satisfaction::INTEGER AS satisfaction, r.professional::INTEGER AS professional, r.sympathetic::INTEGER AS sympathetic,
            r.trustworthy::INTEGER AS trustworthy, r.atmosphere::INTEGER AS atmosphere, r.effort::INTEGER AS effort, r.comment
     ${from} ${where} ${extra}
     ORDER BY r.responded_at DESC, r.response_id LIMIT $first OFFSET $offset`,
    { ...params, first: query.first, offset: query.offset },
  );
  return {
    total: count?.total ?? 0,
    rows: rows.map((r) => ({
      responseId: String(r.response_id),
      customerId: String(r.customer_id),
      personaCode: String(r.persona_code),
      unitCode: str(r.unit_code),
      touchpointCode: str(r.touchpoint_code),
      touchpointName: str(r.touchpoint_name),
      respondedAt: String(r.responded_at),
      ltr: Number(r.ltr),
      satisfaction: numOrNull(r.satisfaction),
      professional: numOrNull(r.professional),
      sympathetic: numOrNull(r.sympathetic),
      trustworthy: numOrNull(r.trustworthy),
      atmosphere: numOrNull(r.atmosphere),
      effort: numOrNull(r.effort),
      comment: str(r.comment),
    })),
  };
}
