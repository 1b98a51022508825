/**
 * Comment retention: comment text older than the company's retention period is removed; the answer and
 * its scores stay. The text lives in every table with a `comment` column beside `responded_at` (responses
 * and the copy kept to undo its latest import), and in pieces in the comment analysis (text_* tables keyed
 * by response_id: words, themes, feelings); all of it goes, in one transaction.
 */
import { addMonths } from '../localDate.js';
import { quoteIdent } from '../sql.js';
import type { Queryable, Store } from '../store.js';
import { forgetUnusedVocabulary } from './customerData.js';

export interface RetentionResult {
  /** Answers given before this day (YYYY-MM-DD) lost their comment. */
  cutoff: string;
  /** Comments removed (answers counted once, however many copies held the text). */
  commentsRemoved: number;
}

/** The first day whose answers keep their comment: `months` calendar months before `now`'s day (UTC). */
export function retentionCutoff(now: Date, months: number): string {
  return addMonths(now.toISOString().slice(0, 10), -months);
}

async function tablesWith(db: Queryable, required: string[], prefix = ''): Promise<string[]> {
  const rows = await db.all<{ table: string }>(
    `SELECT c.table_name AS "table" FROM information_schema.columns c JOIN information_schema.tables t USING (table_catalog, table_schema, table_name)
      WHERE c.table_schema = 'main' AND t.table_type = 'BASE TABLE' AND starts_with(c.table_name, $prefix)
      GROUP BY c.table_name HAVING count(*) FILTER (WHERE list_contains(from_json($required, '["VARCHAR"]'), c.column_name)) = ${required.length}
      ORDER BY c.table_name`,
    { prefix, required: JSON.stringify(required) },
  );
  return rows.map((r) => r.table);
}

/** Removes the text of comments given before `months` months ago (months >= 1), everywhere it is held. */
export async function applyCommentRetention(store: Store, months: number, now = new Date()): Promise<RetentionResult> {
  const cutoff = retentionCutoff(now, months);
  const commentsRemoved = await store.transaction(async (tx) => {
    const holders = await tablesWith(tx, ['response_id', 'comment', 'responded_at']);
    if (holders.length === 0) return 0;
    const old = holders.map((t) => `SELECT response_id FROM ${quoteIdent(t)} WHERE comment IS NOT NULL AND responded_at < $cutoff::DATE`).join(' UNION ');
    const [row] = await tx.all<{ ids: string; n: number }>(`SELECT to_json(list(DISTINCT response_id))::VARCHAR AS ids, count(DISTINCT response_id)::INTEGER AS n FROM (${old})`, { cutoff });
    if (!row?.n) return 0;
    for (const table of holders) await tx.run(`UPDATE ${quoteIdent(table)} SET comment = NULL WHERE comment IS NOT NULL AND responded_at < $cutoff::DATE`, { cutoff });
    for (const table of await tablesWith(tx, ['response_id'], 'text_')) {
      await tx.run(`DELETE FROM ${quoteIdent(table)} WHERE response_id IN (SELECT unnest(from_json($ids, '["VARCHAR"]')))`, { ids: row.ids });
    }
    await forgetUnusedVocabulary(tx);
    await store.markChanged('data', {}, tx);
    return row.n;
  });
  return { cutoff, commentsRemoved };
}
