import { z } from 'zod';
import type { Queryable } from '../../store.js';
import { NPS_GROUP_SQL } from '../../model/measures.js';
import { AnswerKey, num, timestampParam } from './time.js';

/** An answer that should have a follow-up case: a detractor (0-6), or a promoter (9-10) when thanking is on. */
export interface CaseCandidate {
  responseId: string;
  customerId: string;
  touchpointCode: string | null;
  /** dim_touchpoints.department_id of the touchpoint (the Postgres department id); null for relationship answers or unknown codes. */
  departmentId: string | null;
  respondedAt: Date;
  ltr: number;
  personaCode: string | null;
  unitCode: string | null;
  /** 12 × the mean monthly contribution margin (revenue − cost) over the up to 12 months ending with the answer's month; null without profitability rows. */
  annualMargin: number | null;
}

const Row = AnswerKey.extend({
  department_id: z.string().nullable(),
  persona_code: z.string().nullable(),
  unit_code: z.string().nullable(),
  annual_margin: num.nullable(),
});

export interface CandidateWindow {
  /** Answers given at or after this instant. */
  since: Date;
  /** ...and before this one. */
  until: Date;
  /** Include promoters (9-10) for THANK cases. */
  promoters: boolean;
}

/** Detractor (and optionally promoter) answers in [since, until), oldest first, with what the case needs to be routed and filtered. */
export async function listCaseCandidates(db: Queryable, window: CandidateWindow): Promise<CaseCandidate[]> {
  const rows = await db.all(
    `WITH cand AS (
       SELECT response_id, customer_id, touchpoint_code, responded_at, ltr
       FROM responses
       WHERE responded_at >= $since::TIMESTAMP AND responded_at < $until::TIMESTAMP AND (${NPS_GROUP_SQL.detractors('ltr')} OR ($promoters AND ${NPS_GROUP_SQL.promoters('ltr')}))
     ), tp AS (
       -- Codes are unique in the model; min() only guards against a stale copy holding one twice.
       SELECT code, min(department_id) AS department_id FROM dim_touchpoints WHERE code IS NOT NULL GROUP BY code
     ), margin AS (
       SELECT cand.response_id, 12 * avg(p.revenue - p.cost) AS annual_margin
       FROM cand JOIN profitability p ON p.customer_id = cand.customer_id
        AND p.month BETWEEN date_trunc('month', cand.responded_at) - INTERVAL 11 MONTH AND date_trunc('month', cand.responded_at)
       GROUP BY cand.response_id
     )
     SELECT cand.response_id, cand.customer_id, cand.touchpoint_code, tp.department_id, epoch_ms(cand.responded_at) AS responded_ms,
            cand.ltr::INTEGER AS ltr, c.persona_code, c.unit_code, margin.annual_margin::DOUBLE AS annual_margin
     FROM cand
     LEFT JOIN tp ON tp.code = cand.touchpoint_code
     LEFT JOIN customers c ON c.customer_id = cand.customer_id
     LEFT JOIN margin ON margin.response_id = cand.response_id
     ORDER BY cand.responded_at, cand.response_id`,
    { since: timestampParam(window.since), until: timestampParam(window.until), promoters: window.promoters },
    Row,
  );
  return rows.map((r) => ({
    responseId: r.response_id,
    customerId: r.customer_id,
    touchpointCode: r.touchpoint_code,
    departmentId: r.department_id,
    respondedAt: r.responded_ms,
    ltr: r.ltr,
    personaCode: r.persona_code,
    unitCode: r.unit_code,
    annualMargin: r.annual_margin,
  }));
}
