/**
 * Each customer's monthly contribution margins in one row: the profitability facts grouped by customer,
 * for loyalty by satisfaction (analytics/queries/loyalty/getLoyaltyBySatisfaction.ts), which sums a
 * customer's margins over the 12 months after their answer.
 *
 * Why: from the facts, that sum joins the customers of the cut to every profitability month on the text
 * customer id. At 10M answers (17.4M customer-months) the join was ~0.7 s of the statement's ~0.9 s of
 * CPU in the first business case after an import, even when the cut had a few hundred customers
 * (issue 20, goal 3): every month is scanned and probed. Here the months of the cut's customers are found
 * with one probe per customer (1M rows), and only theirs are looked at.
 *
 * Kept like the rollup and the keyed answers (store.ts): a data-changing transaction computes it again
 * before its COMMIT unless it says it wrote no profitability (an append of answers, an import of another
 * table). The stamp (store_meta `customer_margins_1_of`: the number of profitability rows) guards against
 * rows written outside such a transaction: readers then read the facts.
 *
 * The months are kept as a list in no particular order: readers filter and sum them.
 */
import { stampCurrent, stampFacts } from './rollups.js';
import type { Queryable } from './store.js';

export const CUSTOMER_MARGINS = 'customer_margins';
export const CUSTOMER_MARGINS_STAMP = 'customer_margins_1_of';

/** How often the margins were computed again, in this process (tests). */
export const marginsWork = { rebuilds: 0 };

export const CUSTOMER_MARGINS_SQL = `CREATE TABLE IF NOT EXISTS ${CUSTOMER_MARGINS} (
  customer_id VARCHAR NOT NULL, months STRUCT(month DATE, margin DOUBLE)[] NOT NULL
)`;

/** What the stamp compares: the profitability facts as they are now. */
const PROFITABILITY_NOW = `(SELECT count(*) FROM profitability)::VARCHAR`;

/** Computes the margins again from the profitability facts and stamps them (inside the caller's transaction). */
export async function rebuildCustomerMargins(tx: Queryable): Promise<void> {
  marginsWork.rebuilds++;
  await tx.run(`DELETE FROM ${CUSTOMER_MARGINS}`);
  await tx.run(
    `INSERT INTO ${CUSTOMER_MARGINS} SELECT customer_id, list({'month': month, 'margin': revenue - cost}) FROM profitability GROUP BY customer_id`,
  );
  await stampFacts(tx, CUSTOMER_MARGINS_STAMP, PROFITABILITY_NOW);
}

/** True when the margins were computed from the profitability facts as they are now (one small statement). */
export const customerMarginsCurrent = (db: Queryable) => stampCurrent(db, CUSTOMER_MARGINS_STAMP, PROFITABILITY_NOW);
