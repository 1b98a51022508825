/**
 * One customer's data in the analytics store, for an access request (export) and for erasure. The tables
 * are found from the catalogue, not listed: every table with a customer_id column (customers, responses,
 * profitability, customer_contacts, and the copies kept to undo the latest import), and every table with a
 * response_id column (the comment analysis, text_*, keyed by the answers' ids). A table added later is
 * covered without a change here.
 */
import { quoteIdent } from '../sql.js';
import type { JsonRow, Queryable } from '../store.js';

/** The answers' ids arrive as one bound JSON array (never pasted into the SQL). */
const IN_IDS = `response_id IN (SELECT unnest(from_json($ids, '["VARCHAR"]')))`;

interface TableColumns {
  table: string;
  columns: string[];
}

/** Base tables of the main schema with their columns, in name order. */
async function tables(db: Queryable): Promise<TableColumns[]> {
  return db.all<{ table: string; columns: string[] }>(
    `SELECT c.table_name AS "table", list(c.column_name ORDER BY c.ordinal_position) AS columns
       FROM information_schema.columns c JOIN information_schema.tables t USING (table_catalog, table_schema, table_name)
      WHERE c.table_schema = 'main' AND t.table_type = 'BASE TABLE'
      GROUP BY c.table_name ORDER BY c.table_name`,
  );
}

/** Which tables hold the customer directly (customer_id), and which through their answers (response_id only). */
export async function customerTables(db: Queryable): Promise<{ byCustomer: string[]; byResponse: string[]; withAnswers: string[] }> {
  const all = await tables(db);
  const has = (t: TableColumns, column: string) => t.columns.includes(column);
  return {
    byCustomer: all.filter((t) => has(t, 'customer_id')).map((t) => t.table),
    byResponse: all.filter((t) => has(t, 'response_id') && !has(t, 'customer_id')).map((t) => t.table),
    // Tables that tie answers to the customer: where the customer's response ids are found.
    withAnswers: all.filter((t) => has(t, 'customer_id') && has(t, 'response_id')).map((t) => t.table),
  };
}

/** The ids of the customer's answers, from every table that ties an answer to a customer. */
async function responseIds(db: Queryable, tables: string[], customerId: string): Promise<string[]> {
  if (tables.length === 0) return [];
  const union = tables.map((t) => `SELECT response_id FROM ${quoteIdent(t)} WHERE customer_id = $customerId`).join(' UNION ');
  const rows = await db.all<{ response_id: string }>(`SELECT DISTINCT response_id FROM (${union}) ORDER BY response_id`, { customerId });
  return rows.map((r) => r.response_id);
}

/** Every row of every table that holds the customer, by table name (tables without any are left out). */
export async function readCustomerFacts(db: Queryable, customerId: string): Promise<Record<string, JsonRow[]>> {
  const { byCustomer, byResponse, withAnswers } = await customerTables(db);
  const ids = await responseIds(db, withAnswers, customerId);
  const out: Record<string, JsonRow[]> = {};
  for (const table of byCustomer) {
    const rows = await db.all(`SELECT * FROM ${quoteIdent(table)} WHERE customer_id = $customerId`, { customerId });
    if (rows.length) out[table] = rows;
  }
  if (ids.length) {
    for (const table of byResponse) {
      const rows = await db.all(`SELECT * FROM ${quoteIdent(table)} WHERE ${IN_IDS}`, { ids: JSON.stringify(ids) });
      if (rows.length) out[table] = rows;
    }
  }
  return out;
}

/**
 * Deletes every row about the customer, inside the caller's transaction: first the rows keyed by the
 * customer's answers (comment analysis), then the rows keyed by the customer. Returns the rows deleted
 * per table (tables with none left out).
 */
export async function eraseCustomerFacts(tx: Queryable, customerId: string): Promise<Record<string, number>> {
  const { byCustomer, byResponse, withAnswers } = await customerTables(tx);
  const ids = await responseIds(tx, withAnswers, customerId);
  const erased: Record<string, number> = {};
  const count = async (table: string, where: string, params: Record<string, string>) => {
    const [row] = await tx.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${quoteIdent(table)} WHERE ${where}`, params);
    if (!row?.n) return;
    await tx.run(`DELETE FROM ${quoteIdent(table)} WHERE ${where}`, params);
    erased[table] = row.n;
  };
  if (ids.length) for (const table of byResponse) await count(table, IN_IDS, { ids: JSON.stringify(ids) });
  for (const table of byCustomer) await count(table, 'customer_id = $customerId', { customerId });
  if (erased.text_tokens) {
    const vocabulary = await forgetUnusedVocabulary(tx);
    if (vocabulary) erased.text_vocab = vocabulary;
  }
  return erased;
}

/**
 * Words of the comment analysis's vocabulary that no analysed comment uses any more (a name written in an
 * erased or expired comment): removed, so the text leaves no trace. The vocabulary is a cache of lexicon
 * facts per word; the analysis adds a word again when a comment uses it.
 */
export async function forgetUnusedVocabulary(tx: Queryable): Promise<number> {
  const unused = 'NOT EXISTS (SELECT 1 FROM text_tokens t WHERE t.language = text_vocab.language AND t.token = text_vocab.token)';
  const [row] = await tx.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM text_vocab WHERE ${unused}`);
  if (row?.n) await tx.run(`DELETE FROM text_vocab WHERE ${unused}`);
  return row?.n ?? 0;
}

