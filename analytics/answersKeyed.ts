/**
 * The answers again, keyed by integers, for the statements that need answers per customer (the driver
 * sums behind drivers, prioritisation and the business case: analytics/queries/drivers/customerTouchpointSums.ts).
 * Kept in step with the facts by the same mechanism as the daily rollup (store.ts: every transaction
 * that marks the data changed brings it up to date before its COMMIT; an append adds only its rows).
 *
 * Why: those statements join every answer of the cut to its customer on the text customer id, then
 * group by customer and touchpoint. At 10M answers the scan and text join were 4-5 s of CPU of a first
 * prioritisation (issue 20, goal 3). Here each answer carries an integer customer key and touchpoint key,
 * and the customer's persona and unit, so a cut filters and groups the answers alone.
 *
 * - customer_keys: one integer per customer, with the columns the statements read (persona, unit, churn
 *   day, acquisition cost). The keys mean something only within this store version; results carry codes.
 * - touchpoint_keys: one integer per touchpoint code that answers use.
 * - answers_keyed: one row per answer, with its response id (the latest-answer tie-break).
 *
 * Read by the driver sums, loyalty by satisfaction and the business case's evidence (the cut moved onto
 * these tables by analytics/queries/keyedScope.ts).
 *
 * `responses` and `customers` keep their columns: the importer, the generator and many tests insert
 * into them by position.
 *
 * The stamp (store_meta `answers_keyed_3_of`) is the same row counts as the rollup's: a write outside a
 * data-changing transaction changes them, and readers then read the facts.
 *
 * - margins_keyed: every profitability month with the customer's key instead of the text id, for the
 *   prioritisation's margins (the driver sums with performance). From the facts, the first
 *   prioritisation for a cut probed ~9M profitability months on the text id for its ~207k customers
 *   (0.5-0.7 s of its ~2 s of CPU at 10M answers). It depends on profitability and on the customer keys
 *   only, so the keys stay as they are when a data change wrote no customers (a responses import, its
 *   undo): such a change neither renumbers the customers nor computes these months again. Its own stamp
 *   (`margins_keyed_1_of`: the profitability and customer-key row counts) guards profitability written
 *   outside a data-changing transaction; readers then read profitability.
 */
import { EMOTIONAL_FACTORS } from './model/measures.js';
import { stampCurrent, stampFacts, type RollupSource } from './rollups.js';
import type { Queryable } from './store.js';

export const ANSWERS_KEYED = 'answers_keyed';
export const CUSTOMER_KEYS = 'customer_keys';
export const TOUCHPOINT_KEYS = 'touchpoint_keys';
// Named with the table's shape: a store whose keyed answers lack a column (effort came second) computes them again.
// (The third shape: every answer's response id, and the customers' acquisition cost, for loyalty and the business case.)
export const ANSWERS_KEYED_STAMP = 'answers_keyed_3_of';
export const MARGINS_KEYED = 'margins_keyed';
export const MARGINS_KEYED_STAMP = 'margins_keyed_1_of';
/** What the customer keys were numbered from: the customers' row count when they were (store_meta). */
const CUSTOMER_KEYS_STAMP = 'customer_keys_1_of';
const CUSTOMERS_NOW = `(SELECT count(*) FROM customers)::VARCHAR`;
/** What the keyed margins were computed from: the profitability facts and the customer keys as they are now. */
const MARGINS_KEYED_NOW = `(SELECT count(*) FROM profitability)::VARCHAR || '/' || (SELECT count(*) FROM ${CUSTOMER_KEYS})::VARCHAR`;

/**
 * How often the keyed answers were computed again and appended to, the customer keys numbered afresh and
 * the keyed margins computed again, in this process (tests).
 */
export const keyedWork = { rebuilds: 0, appends: 0, renumbered: 0, marginRebuilds: 0 };

/**
 * The answer columns copied as they are. The response id is the tie-break of "the latest answer" (two
 * answers at the same instant) in every statement that reads one, at a touchpoint as of the relationship.
 */
const COPIED = ['response_id', 'responded_at', 'ltr', 'satisfaction', ...EMOTIONAL_FACTORS, 'effort'] as const;
/** The customer columns copied into customer_keys, in the table's column order (inserts are by position). */
const CUSTOMER_COLUMNS = 'customer_id, persona_code, unit_code, churned_at, acquisition_cost';

export const ANSWERS_KEYED_SQL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS ${CUSTOMER_KEYS} (customer_key INTEGER NOT NULL, customer_id VARCHAR NOT NULL, persona_code VARCHAR NOT NULL, unit_code VARCHAR, churned_at DATE, acquisition_cost DOUBLE)`,
  `CREATE TABLE IF NOT EXISTS ${TOUCHPOINT_KEYS} (touchpoint_key INTEGER NOT NULL, touchpoint_code VARCHAR NOT NULL)`,
  // The string columns name the compression DuckDB picks for them anyway (FSST for the unique ids, a
  // dictionary for the few codes), so a rebuild does not first try the others on every row group: writing
  // the response ids took 0.17 s of CPU per 1M answers instead of 0.29 s, with the same file size.
  `CREATE TABLE IF NOT EXISTS ${ANSWERS_KEYED} (
  customer_key INTEGER NOT NULL, touchpoint_key INTEGER, persona_code VARCHAR NOT NULL USING COMPRESSION dictionary, unit_code VARCHAR USING COMPRESSION dictionary,
  responded_at TIMESTAMP NOT NULL, ltr TINYINT, satisfaction TINYINT,
  ${EMOTIONAL_FACTORS.map((f) => `${f} TINYINT`).join(', ')}, effort TINYINT,
  response_id VARCHAR USING COMPRESSION fsst
)`,
  // Stores with an earlier shape: their stamp is another name, so the tables are computed again on opening.
  `ALTER TABLE ${ANSWERS_KEYED} ADD COLUMN IF NOT EXISTS effort TINYINT`,
  `ALTER TABLE ${ANSWERS_KEYED} DROP COLUMN IF EXISTS relationship_id`,
  `ALTER TABLE ${ANSWERS_KEYED} ADD COLUMN IF NOT EXISTS response_id VARCHAR`,
  `ALTER TABLE ${CUSTOMER_KEYS} ADD COLUMN IF NOT EXISTS acquisition_cost DOUBLE`,
  `CREATE TABLE IF NOT EXISTS ${MARGINS_KEYED} (customer_key INTEGER NOT NULL, month DATE NOT NULL, margin DOUBLE NOT NULL)`,
];

/** The keyed rows of the answers in `source` (responses, or the appended ones), by the key tables. */
const keyedSelect = (source: string) => `
  SELECT k.customer_key, t.touchpoint_key, k.persona_code, k.unit_code, ${COPIED.map((c) => `r.${c}`).join(', ')}
  FROM ${source} r JOIN ${CUSTOMER_KEYS} k ON k.customer_id = r.customer_id
  LEFT JOIN ${TOUCHPOINT_KEYS} t ON t.touchpoint_code = r.touchpoint_code`;

/** New keys after the highest one, for the rows of `select` (whose first column is the key). */
const nextKeys = (table: string, key: string, columns: string, from: string) => `
  INSERT INTO ${table} SELECT (coalesce((SELECT max(${key}) FROM ${table}), 0) + row_number() OVER ())::INTEGER, ${columns} FROM ${from}`;

export interface KeyedRebuild {
  /**
   * False when the transaction wrote no customers (it names its tables, and customers is not one): the
   * customer keys are then kept if they were numbered from the customers as they are (same row count),
   * and the keyed margins with them. Anything else numbers the customers afresh.
   */
  customersWritten?: boolean;
  /** The caller computes the keyed margins again after this (it wrote profitability): not done here. */
  marginsFollow?: boolean;
}

/**
 * Computes the keyed answers again from the facts and stamps them (inside the caller's transaction).
 * When the customers are numbered afresh, the keyed margins are computed again too (unless `marginsFollow`).
 */
export async function rebuildKeyedAnswers(tx: Queryable, options: KeyedRebuild = {}): Promise<void> {
  keyedWork.rebuilds++;
  const keepKeys = options.customersWritten === false && (await stampCurrent(tx, CUSTOMER_KEYS_STAMP, CUSTOMERS_NOW));
  for (const table of [ANSWERS_KEYED, TOUCHPOINT_KEYS, ...(keepKeys ? [] : [CUSTOMER_KEYS])]) await tx.run(`DELETE FROM ${table}`);
  if (!keepKeys) {
    keyedWork.renumbered++;
    await tx.run(nextKeys(CUSTOMER_KEYS, 'customer_key', CUSTOMER_COLUMNS, 'customers'));
    await stampFacts(tx, CUSTOMER_KEYS_STAMP, CUSTOMERS_NOW);
    if (!options.marginsFollow) await rebuildKeyedMargins(tx);
  }
  await tx.run(
    nextKeys(TOUCHPOINT_KEYS, 'touchpoint_key', 'touchpoint_code', '(SELECT DISTINCT touchpoint_code FROM responses WHERE touchpoint_code IS NOT NULL ORDER BY touchpoint_code)'),
  );
  await tx.run(`INSERT INTO ${ANSWERS_KEYED} BY NAME ${keyedSelect('responses')}`);
  await stamp(tx);
}

/**
 * Adds answers just appended to `responses` (inside the caller's transaction, before its commit):
 * `appendedIds` is a SELECT of their response ids. New customers and touchpoint codes get the next keys;
 * the store's other answers are not read again.
 */
export async function addAppendedKeyedAnswers(tx: Queryable, appendedIds: string): Promise<void> {
  const appended = 'keyed_appended';
  await tx.run(`CREATE OR REPLACE TEMP TABLE ${appended} AS SELECT * FROM responses WHERE response_id IN (${appendedIds})`);
  // The keyed answers must have held every answer but the appended ones (else the facts were written
  // behind their back, and only a rebuild is right).
  const [check] = await tx.all<{ whole: boolean | null }>(
    `SELECT (SELECT count(*) FROM ${ANSWERS_KEYED}) + (SELECT count(*) FROM ${appended}) = (SELECT count(*) FROM responses) AS whole`,
  );
  if (check?.whole !== true) {
    await tx.run(`DROP TABLE ${appended}`);
    return rebuildKeyedAnswers(tx);
  }
  keyedWork.appends++;
  const [before] = await tx.all<{ last: number }>(`SELECT coalesce(max(customer_key), 0)::INTEGER AS last FROM ${CUSTOMER_KEYS}`);
  const last = before?.last ?? 0;
  const marginsWereCurrent = await keyedMarginsCurrent(tx);
  await tx.run(
    nextKeys(
      CUSTOMER_KEYS,
      'customer_key',
      CUSTOMER_COLUMNS,
      `customers c WHERE c.customer_id IN (SELECT customer_id FROM ${appended}) AND c.customer_id NOT IN (SELECT customer_id FROM ${CUSTOMER_KEYS})`,
    ),
  );
  await tx.run(
    nextKeys(
      TOUCHPOINT_KEYS,
      'touchpoint_key',
      'touchpoint_code',
      `(SELECT DISTINCT touchpoint_code FROM ${appended} WHERE touchpoint_code IS NOT NULL AND touchpoint_code NOT IN (SELECT touchpoint_code FROM ${TOUCHPOINT_KEYS}) ORDER BY touchpoint_code)`,
    ),
  );
  await tx.run(`INSERT INTO ${ANSWERS_KEYED} BY NAME ${keyedSelect(appended)}`);
  await tx.run(`DROP TABLE ${appended}`);
  await stamp(tx);
  const [added] = await tx.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${CUSTOMER_KEYS} WHERE customer_key > $last`, { last });
  if (!added?.n) return;
  // The keys' stamp counts the customers keyed: still current if it was (the new keys are the customers
  // this transaction created), still stale if it was not.
  await tx.run(`UPDATE store_meta SET value = (TRY_CAST(value AS BIGINT) + $n)::VARCHAR WHERE key = $key`, { n: added.n, key: CUSTOMER_KEYS_STAMP });
  // Their profitability months, if any, are keyed too. Stale margins stay stale (the data change computes them again).
  if (marginsWereCurrent) {
    await tx.run(`INSERT INTO ${MARGINS_KEYED} ${keyedMarginsSelect('WHERE k.customer_key > $last')}`, { last });
    await stampFacts(tx, MARGINS_KEYED_STAMP, MARGINS_KEYED_NOW);
  }
}

/** The profitability months of the keyed customers, by key (`where` on the key table `k`). */
const keyedMarginsSelect = (where = '') => `
  SELECT k.customer_key, p.month, p.revenue - p.cost AS margin
  FROM profitability p JOIN ${CUSTOMER_KEYS} k ON k.customer_id = p.customer_id ${where}`;

/** Computes the keyed margins again from profitability and the customer keys, and stamps them (inside the caller's transaction). */
export async function rebuildKeyedMargins(tx: Queryable): Promise<void> {
  keyedWork.marginRebuilds++;
  await tx.run(`DELETE FROM ${MARGINS_KEYED}`);
  await tx.run(`INSERT INTO ${MARGINS_KEYED} ${keyedMarginsSelect()}`);
  await stampFacts(tx, MARGINS_KEYED_STAMP, MARGINS_KEYED_NOW);
}

/** True when the keyed margins were computed from profitability and the customer keys as they are now. */
export const keyedMarginsCurrent = (db: Queryable) => stampCurrent(db, MARGINS_KEYED_STAMP, MARGINS_KEYED_NOW);

/**
 * The keyed answers as the daily rollup's source (analytics/rollups.ts): a data change that recomputes
 * both computes these first and the rollup from them, so the answers are joined to their customers once.
 */
export const KEYED_ROLLUP_SOURCE: RollupSource = {
  from: `FROM ${ANSWERS_KEYED} r`,
  touchpoint: 'r.touchpoint_key',
  persona: 'r.persona_code',
  unit: 'r.unit_code',
  touchpointCodes: { table: TOUCHPOINT_KEYS, key: 'touchpoint_key', code: 'touchpoint_code' },
};

const stamp = (tx: Queryable) => stampFacts(tx, ANSWERS_KEYED_STAMP);

/** True when the keyed answers were computed from the facts as they are now (one small statement). */
export const keyedAnswersCurrent = (db: Queryable) => stampCurrent(db, ANSWERS_KEYED_STAMP);
