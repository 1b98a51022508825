import { z } from 'zod';

/**
 * Row helpers of the follow-up queries. DuckDB TIMESTAMPs here are UTC wall-clock times without a zone. Instants go in as text
 * 'YYYY-MM-DD HH:MM:SS.mmm' (cast with ::TIMESTAMP) and come out as epoch milliseconds (epoch_ms),
 * so no time zone or string format is guessed on either side.
 */
export function timestampParam(at: Date): string {
  return at.toISOString().replace('T', ' ').replace('Z', '');
}

/** epoch_ms(...) arrives as a number or, for BIGINT, a string: either way a Date. */
export const epochMs = z.union([z.number(), z.string()]).transform((v) => new Date(Number(v)));

/** DuckDB numbers that may arrive as strings (BIGINT, DECIMAL). */
export const num = z.union([z.number(), z.string()]).transform(Number);

/** The columns every answer row of these queries starts with (select them as named here). */
export const AnswerKey = z.object({
  response_id: z.string(),
  customer_id: z.string(),
  touchpoint_code: z.string().nullable(),
  responded_ms: epochMs,
  ltr: num,
});
