/**
 * Answer counts per (touchpoint, persona, unit, day), kept in step with the facts by every transaction
 * that changes them (store.ts: an import, an undo, the generator, an erasure), so a metrics cut nobody
 * asked for before reads about a million small rows instead of joining ten million answers to their
 * customers (npm run bench, "first request after a 10M import, unseen cut").
 *
 * Everything the metrics count is additive over days, personas and units (answers, promoters, passives,
 * detractors, top-2-box, and n/Σ/Σ² of every rating), so any cut of whole days answers from this table
 * with the very integers the facts give. Distinct customers are not additive: a cut that needs them (the
 * `customers` measure, small-cell suppression) reads the facts.
 *
 * The table says which facts it was computed from (store_meta `rollups_of`: the row counts of responses
 * and customers). When the facts changed without a data-changing transaction (a test
 * or a script inserting rows directly), the stamp no longer matches and reads fall back to the facts, so a
 * stale rollup is never read.
 */
import { measureColumns } from './model/measures.js';
import type { Queryable } from './store.js';

export const ANSWERS_DAILY = 'answers_daily';

/** How often the rollups were computed again and merged with appended answers, in this process (tests). */
export const rollupWork = { rebuilds: 0, merges: 0 };

/** The rating columns summed as n, Σ, Σ² (metrics names them csat, effort and the emotional factors). */
export const ROLLUP_RATINGS = [
  ['satisfaction', 'csat'],
  ['effort', 'effort'],
  ['professional', 'professional'],
  ['sympathetic', 'sympathetic'],
  ['trustworthy', 'trustworthy'],
  ['atmosphere', 'atmosphere'],
] as const;

/**
 * Keys: touchpoint_code NULL = relationship answers; unit_code NULL = customers without a unit; day is the
 * answer's calendar day. Counts and sums are integers (ratings are whole numbers), so sums of sums are exact.
 */
export const ANSWERS_DAILY_SQL = `CREATE TABLE IF NOT EXISTS ${ANSWERS_DAILY} (
  touchpoint_code VARCHAR, persona_code VARCHAR NOT NULL, unit_code VARCHAR, day DATE NOT NULL,
  n INTEGER NOT NULL, promoters INTEGER NOT NULL, passives INTEGER NOT NULL, detractors INTEGER NOT NULL, top2 INTEGER NOT NULL,
  ${ROLLUP_RATINGS.map(([, alias]) => `${alias}_n INTEGER NOT NULL, ${alias}_sum BIGINT NOT NULL, ${alias}_sq BIGINT NOT NULL`).join(',\n  ')}
)`;

/**
 * Where the rollup's answers come from: the answers joined to their customers, or a table that has the
 * persona and unit on each answer already (analytics/answersKeyed.ts). Ratings are read as r.<column>.
 */
export interface RollupSource {
  from: string;
  touchpoint: string;
  persona: string;
  unit: string;
  /**
   * When `touchpoint` is an integer key: where its code is, joined to the grouped rows rather than to
   * every answer. Grouping on the integer instead of the text code took a fifth off the rebuild (1M
   * answers, 410k groups: 0.84 s of CPU instead of 1.06 s).
   */
  touchpointCodes?: { table: string; key: string; code: string };
}
const FACTS: RollupSource = { from: 'FROM responses r JOIN customers c ON c.customer_id = r.customer_id', touchpoint: 'r.touchpoint_code', persona: 'c.persona_code', unit: 'c.unit_code' };

/**
 * The rollup rows of the answers in `responses` (or a subset of it, `where`), grouped.
 * Σ and Σ² are summed as DOUBLE: a sum of whole numbers is exact in a double up to 2^53, and a rating's
 * square is at most 49, so a group would need 10^14 answers to round. An integer sum keeps a 128-bit state
 * per group: with the smaller state the rebuild for 1M answers (409k groups) took 0.80 s of CPU, not 1.11 s.
 */
function rollupSelect(where = 'TRUE', source = FACTS): string {
  const codes = source.touchpointCodes;
  const grouped = `SELECT ${source.touchpoint} AS ${codes ? 'touchpoint_key' : 'touchpoint_code'}, ${source.persona} AS persona_code, ${source.unit} AS unit_code, r.responded_at::DATE AS day,
      ${measureColumns(['answers', 'nps', 'csatTopTwoBox']).join(',\n      ')},
      ${ROLLUP_RATINGS.map(([column, alias]) => `count(r.${column})::INTEGER AS ${alias}_n, coalesce(sum(r.${column}::DOUBLE), 0)::BIGINT AS ${alias}_sum, coalesce(sum((r.${column} * r.${column})::DOUBLE), 0)::BIGINT AS ${alias}_sq`).join(',\n      ')}
    ${source.from}
    WHERE ${where}
    GROUP BY ALL`;
  if (!codes) return grouped;
  // The same columns in the same order: touchpoint_code first, in place of the key.
  return `SELECT t.${codes.code} AS touchpoint_code, g.* EXCLUDE (touchpoint_key)
    FROM (${grouped}) g LEFT JOIN ${codes.table} t ON t.${codes.key} = g.touchpoint_key`;
}

/**
 * What the facts look like now, as compared with the stamp: the row counts of responses and customers.
 * Every data change brings the rollup up to date in its own transaction, so only writes outside one (rows
 * inserted or deleted directly) can leave it behind, and those change a count. Not the data version: an
 * undo returns the store to what it was, stamp included.
 */
const CURRENT_STAMP_SQL = `concat_ws('|', (SELECT count(*) FROM responses)::VARCHAR, (SELECT count(*) FROM customers)::VARCHAR)`;

/**
 * Computes the rollup again from the facts and stamps it (inside the caller's transaction). `source`: the
 * same answers already joined to their customers (the keyed answers just computed in this transaction),
 * so the answers are not joined to the customers twice.
 */
export async function rebuildRollups(tx: Queryable, source = FACTS): Promise<void> {
  rollupWork.rebuilds++;
  await tx.run(`DELETE FROM ${ANSWERS_DAILY}`);
  await tx.run(`INSERT INTO ${ANSWERS_DAILY} ${rollupSelect('TRUE', source)}`);
  await stamp(tx);
}

/**
 * Adds answers just appended to `responses` (inside the caller's transaction, before its commit):
 * `appendedIds` is a SELECT of their response ids. Their days' rows are merged with the new counts, so
 * a small import into a large store costs the size of the import, not of the store.
 */
export async function addAppendedAnswers(tx: Queryable, appendedIds: string): Promise<void> {
  const delta = 'rollup_delta';
  const keys = ['touchpoint_code', 'persona_code', 'unit_code', 'day'];
  const counts = ['n', 'promoters', 'passives', 'detractors', 'top2', ...ROLLUP_RATINGS.flatMap(([, a]) => [`${a}_n`, `${a}_sum`, `${a}_sq`])];
  const same = (a: string, b: string) => keys.map((k) => `${a}.${k} IS NOT DISTINCT FROM ${b}.${k}`).join(' AND ');
  await tx.run(`CREATE OR REPLACE TEMP TABLE ${delta} AS ${rollupSelect(`r.response_id IN (${appendedIds})`)}`);
  // The rollup must have held every answer but the appended ones: otherwise the facts were changed
  // behind its back (rows inserted directly) and only a rebuild is right.
  const [check] = await tx.all<{ whole: boolean | null }>(
    `SELECT coalesce((SELECT sum(n) FROM ${ANSWERS_DAILY}), 0) + coalesce((SELECT sum(n) FROM ${delta}), 0) = (SELECT count(*) FROM responses) AS whole`,
  );
  if (check?.whole !== true) {
    await tx.run(`DROP TABLE ${delta}`);
    return rebuildRollups(tx);
  }
  rollupWork.merges++;
  await tx.run(`CREATE OR REPLACE TEMP TABLE ${delta}_merged AS
    SELECT ${keys.join(', ')}, ${counts.map((c) => `sum(${c})::${c.endsWith('_sum') || c.endsWith('_sq') ? 'BIGINT' : 'INTEGER'} AS ${c}`).join(', ')}
    FROM (SELECT * FROM ${delta} UNION ALL SELECT a.* FROM ${ANSWERS_DAILY} a WHERE EXISTS (SELECT 1 FROM ${delta} d WHERE ${same('a', 'd')}))
    GROUP BY ALL`);
  await tx.run(`DELETE FROM ${ANSWERS_DAILY} a WHERE EXISTS (SELECT 1 FROM ${delta} d WHERE ${same('a', 'd')})`);
  await tx.run(`INSERT INTO ${ANSWERS_DAILY} BY NAME SELECT * FROM ${delta}_merged`);
  await tx.run(`DROP TABLE ${delta}; DROP TABLE ${delta}_merged`);
  await stamp(tx);
}

const stamp = (tx: Queryable) => stampFacts(tx, 'rollups_of');

/**
 * Records under store_meta `key` what the facts look like now (a table derived from them was just computed).
 * `facts`: the SQL of what is compared, when the table derives from other facts than responses and customers.
 */
export async function stampFacts(tx: Queryable, key: string, facts = CURRENT_STAMP_SQL): Promise<void> {
  await tx.run(
    `INSERT INTO store_meta (key, value) SELECT $key, ${facts} ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    { key },
  );
}

/** True when the stamp under `key` matches the facts as they are now (one small statement; `facts` as stampFacts'). */
export async function stampCurrent(db: Queryable, key: string, facts = CURRENT_STAMP_SQL): Promise<boolean> {
  const [row] = await db.all<{ current: boolean | null }>(
    `SELECT (SELECT value FROM store_meta WHERE key = $key) = ${facts} AS current`,
    { key },
  );
  return row?.current === true;
}

/** True when the rollup was computed from the facts as they are now (one small statement). */
export const rollupsCurrent = (db: Queryable) => stampCurrent(db, 'rollups_of');

/**
 * A statement over the facts (`FROM responses r JOIN customers c ...`, customer columns as c.persona_code
 * and c.unit_code, the time as r.responded_at) rewritten onto the rollup. Only for statements whose
 * measures are the rollup's sums (rollupColumns in analytics/model/measures.ts) and whose period bounds are whole days (the
 * filter's from/to are dates: `r.responded_at >= $from::DATE`, `< $to::DATE + INTERVAL 1 DAY` hold for
 * a day exactly when they hold for every moment of it).
 */
export function onRollup(sql: string): string {
  const facts = 'FROM responses r JOIN customers c ON c.customer_id = r.customer_id';
  if (!sql.includes(facts)) throw new Error('onRollup: the statement does not read responses joined to customers');
  return sql
    .replaceAll(facts, `FROM ${ANSWERS_DAILY} r`)
    .replaceAll('c.persona_code', 'r.persona_code')
    .replaceAll('c.unit_code', 'r.unit_code')
    .replaceAll('r.responded_at', 'r.day');
}
