import { listValue } from '@duckdb/node-api';
import { z } from 'zod';
import type { Queryable } from '../../store.js';
import type { ResponseRow } from '../responses/listResponses.js';
import { AnswerKey, num, timestampParam } from './time.js';

/** One answer as a follow-up case shows it (personal data: callers audit the read); persona and unit are on the case. */
export type CaseAnswer = Omit<ResponseRow, 'personaCode' | 'unitCode' | 'respondedAt'> & { respondedAt: Date };

/** Who the customer is and what they are worth. */
export interface CaseCustomer {
  customerId: string;
  personaCode: string;
  personaName: string | null;
  unitCode: string | null;
  unitName: string | null;
  acquiredAt: string;
  churnedAt: string | null;
  /** Whole months from acquisition to churn or `asOf`. */
  tenureMonths: number;
  /** 12 × the mean monthly margin (revenue − cost) over the customer's last 12 months of profitability rows; null without rows. */
  annualMargin: number | null;
  acquisitionCost: number;
}

const rating = num.nullable();
const AnswerRow = AnswerKey.extend({
  touchpoint_name: z.string().nullable(),
  satisfaction: rating,
  professional: rating,
  sympathetic: rating,
  trustworthy: rating,
  atmosphere: rating,
  effort: rating,
  comment: z.string().nullable(),
});
type AnswerRow = z.infer<typeof AnswerRow>;

const ANSWER_COLUMNS = `r.response_id, r.customer_id, r.touchpoint_code, tp.name AS touchpoint_name, epoch_ms(r.responded_at) AS responded_ms,
  r.ltr::INTEGER AS ltr, r.satisfaction::INTEGER AS satisfaction, r.professional::INTEGER AS professional,
  r.sympathetic::INTEGER AS sympathetic, r.trustworthy::INTEGER AS trustworthy, r.atmosphere::INTEGER AS atmosphere,
  r.effort::INTEGER AS effort, r.comment`;
const TOUCHPOINT_NAMES = `(SELECT code, min(name) AS name FROM dim_touchpoints WHERE code IS NOT NULL GROUP BY code) tp`;

const toAnswer = (r: AnswerRow): CaseAnswer => ({
  responseId: r.response_id,
  customerId: r.customer_id,
  touchpointCode: r.touchpoint_code,
  touchpointName: r.touchpoint_name,
  respondedAt: r.responded_ms,
  ltr: r.ltr,
  satisfaction: r.satisfaction,
  professional: r.professional,
  sympathetic: r.sympathetic,
  trustworthy: r.trustworthy,
  atmosphere: r.atmosphere,
  effort: r.effort,
  comment: r.comment,
});

/** The answers with these ids, in one statement (ids not in the store are absent from the result). */
export async function getCaseAnswers(db: Queryable, responseIds: readonly string[]): Promise<Map<string, CaseAnswer>> {
  if (responseIds.length === 0) return new Map();
  const rows = await db.all(
    `SELECT ${ANSWER_COLUMNS}
     FROM responses r LEFT JOIN ${TOUCHPOINT_NAMES} ON tp.code = r.touchpoint_code
     WHERE list_contains($ids, r.response_id)`,
    { ids: listValue([...responseIds]) },
    AnswerRow,
  );
  return new Map(rows.map((r) => [r.response_id, toAnswer(r)]));
}

/**
 * Each customer's answers given before a point in time (the case's answer), newest first, at most
 * `limit` per request, for many requests in one statement. Keys are the caller's (e.g. case ids).
 */
export async function getEarlierAnswers(
  db: Queryable,
  requests: readonly { key: string; customerId: string; before: Date }[],
  limit: number,
): Promise<Map<string, CaseAnswer[]>> {
  const result = new Map<string, CaseAnswer[]>(requests.map((r) => [r.key, []]));
  if (requests.length === 0) return result;
  const rows = await db.all(
    `WITH q AS (
       SELECT unnest($keys) AS key, unnest($customers) AS customer_id, unnest($befores)::TIMESTAMP AS before
     ), ranked AS (
       SELECT q.key, ${ANSWER_COLUMNS},
              row_number() OVER (PARTITION BY q.key ORDER BY r.responded_at DESC, r.response_id DESC) AS k
       FROM q JOIN responses r ON r.customer_id = q.customer_id AND r.responded_at < q.before
       LEFT JOIN ${TOUCHPOINT_NAMES} ON tp.code = r.touchpoint_code
     )
     SELECT * EXCLUDE (k) FROM ranked WHERE k <= $limit ORDER BY key, k`,
    {
      keys: listValue(requests.map((r) => r.key)),
      customers: listValue(requests.map((r) => r.customerId)),
      befores: listValue(requests.map((r) => timestampParam(r.before))),
      limit,
    },
    AnswerRow.extend({ key: z.string() }),
  );
  for (const row of rows) result.get(row.key)?.push(toAnswer(row));
  return result;
}

const CustomerRow = z.object({
  customer_id: z.string(),
  persona_code: z.string(),
  persona_name: z.string().nullable(),
  unit_code: z.string().nullable(),
  unit_name: z.string().nullable(),
  acquired_at: z.string(),
  churned_at: z.string().nullable(),
  tenure_months: num,
  annual_margin: num.nullable(),
  acquisition_cost: num,
});

/** Persona, unit, tenure and annual margin of these customers, in one statement. */
export async function getCaseCustomers(db: Queryable, customerIds: readonly string[], asOf: Date): Promise<Map<string, CaseCustomer>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db.all(
    `WITH ids AS (SELECT DISTINCT unnest($ids) AS customer_id),
     last12 AS (
       SELECT p.customer_id, p.revenue - p.cost AS margin,
              row_number() OVER (PARTITION BY p.customer_id ORDER BY p.month DESC) AS k
       FROM profitability p JOIN ids USING (customer_id)
     )
     SELECT c.customer_id, c.persona_code, pe.name AS persona_name, c.unit_code, u.name AS unit_name,
            strftime(c.acquired_at, '%Y-%m-%d') AS acquired_at, strftime(c.churned_at, '%Y-%m-%d') AS churned_at,
            greatest(0, date_diff('month', c.acquired_at, coalesce(c.churned_at, $asOf::DATE)))::INTEGER AS tenure_months,
            (SELECT 12 * avg(l.margin) FROM last12 l WHERE l.customer_id = c.customer_id AND l.k <= 12)::DOUBLE AS annual_margin,
            c.acquisition_cost::DOUBLE AS acquisition_cost
     FROM customers c JOIN ids USING (customer_id)
     LEFT JOIN (SELECT code, min(name) AS name FROM dim_personas GROUP BY code) pe ON pe.code = c.persona_code
     LEFT JOIN dim_units u ON u.unit_code = c.unit_code`,
    { ids: listValue([...customerIds]), asOf: asOf.toISOString().slice(0, 10) },
    CustomerRow,
  );
  return new Map(
    rows.map((r) => [
      r.customer_id,
      {
        customerId: r.customer_id,
        personaCode: r.persona_code,
        personaName: r.persona_name,
        unitCode: r.unit_code,
        unitName: r.unit_name,
        acquiredAt: r.acquired_at,
        churnedAt: r.churned_at,
        tenureMonths: r.tenure_months,
        annualMargin: r.annual_margin,
        acquisitionCost: r.acquisition_cost,
      },
    ]),
  );
}
