import { z } from 'zod';
import type { MeanSums, PairSums } from '../../stats/index.js';
import type { Queryable } from '../../store.js';
import { dataFingerprint, resultCache } from '../dataFingerprint.js';
import { AnalyticsInputError } from '../errors.js';
import { scopeSql, type AnalyticsFilter, type ScopeSql } from '../filter.js';
import { CUSTOMER_KEYS, keyedAnswersCurrent, keyedMarginsCurrent, MARGINS_KEYED, TOUCHPOINT_KEYS } from '../../answersKeyed.js';
import { keyedScope } from '../keyedScope.js';
import { EMOTIONAL_FACTORS, NPS_GROUP_SQL } from '../../model/measures.js';
import { warmAfterImport } from '../warmUp.js';

/**
 * LTR: the customer's latest relationship likelihood-to-recommend (0-10) in the period.
 * RETENTION_12M: 1 when the customer is still a customer 12 months after their last touchpoint answer
 * in the period (churned_at empty or later than that day + 12 months), else 0.
 */
export type DriverOutcome = 'LTR' | 'RETENTION_12M';
export const DRIVER_OUTCOMES: readonly DriverOutcome[] = ['LTR', 'RETENTION_12M'];

/** Touchpoint-level sums for prioritisation, over the touchpoint answers of the cut. */
export interface TouchpointPerformanceSums {
  answers: number;
  /** Answers with a likelihood-to-recommend (attribute-rating surveys leave it out at touchpoints). */
  ltrAnswers: number;
  promoters: number;
  detractors: number;
  satisfaction: MeanSums;
  /** The four emotional factors' ratings together (n = ratings). */
  emotions: MeanSums;
  /** Distinct customers with an answer at the touchpoint. */
  customers: number;
  /** Of those, customers with profitability rows in the period, and the sum of their annual margins. */
  customersWithMargin: number;
  annualMarginSum: number;
}

export interface CustomerTouchpointSums {
  /** Sums of (touchpoint value, outcome) over customers with both, by touchpoint code. */
  withOutcome: Map<string, PairSums>;
  /** Sums of (a, b) touchpoint values over customers with both; x = the code that sorts first. */
  pairs: Map<string, PairSums>;
  /** Customers with the outcome (not censored) and at least one touchpoint answer. */
  customers: number;
  /** The outcome's distinct values among those customers, and the lowest and highest (0 when none). */
  outcomeLevels: { distinct: number; min: number; max: number };
  censoredCustomers: number;
  observedUntil: string | null;
  /** Only when asked for (`performance: true`). */
  performance: Map<string, TouchpointPerformanceSums> | null;
}

export interface SumsOptions {
  outcome: DriverOutcome;
  observedUntil?: string;
  /** Also NPS, CSAT, emotion, reach and margin sums per touchpoint (prioritisation). */
  performance: boolean;
}

/** Key of a touchpoint pair, whatever the order of the two codes. */
export const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
const swap = (s: PairSums): PairSums => ({ n: s.n, sumX: s.sumY, sumY: s.sumX, sumXX: s.sumYY, sumYY: s.sumXX, sumXY: s.sumXY });
/** The sums of a pair with x = a and y = b. */
export function pairSumsOf(pairs: ReadonlyMap<string, PairSums>, a: string, b: string): PairSums | undefined {
  const sums = pairs.get(pairKey(a, b));
  return sums && a > b ? swap(sums) : sums;
}

const num = z.number();
/** answers, promoters, detractors, satisfaction n/Σ/Σ², emotions n/Σ/Σ², customers with margin, Σ annual margin, LTR answers. */
const Performance = z.tuple([num, num, num, num, num, num, num, num, num, num, num, num]);

const Row = z.object({
  kind: z.enum(['XX', 'XY', 'N', 'C', 'TP']),
  a: z.string().nullable(),
  b: z.string().nullable(),
  n: z.number(),
  sx: z.number(),
  sy: z.number(),
  sxx: z.number(),
  syy: z.number(),
  sxy: z.number(),
  v: Performance.nullable(),
});
type SumsRow = z.infer<typeof Row>;

/** Sums of x, y, x², y², xy over a pair of columns, as DOUBLE. */
const pairSumsSql = (x: string, y: string) =>
  `sum(${x})::DOUBLE AS sx, sum(${y})::DOUBLE AS sy, sum(${x} * ${x})::DOUBLE AS sxx, sum(${y} * ${y})::DOUBLE AS syy, sum(${x} * ${y})::DOUBLE AS sxy`;

const factorsSql = (f: (column: string) => string) => EMOTIONAL_FACTORS.map((c) => f(`r.${c}`)).join(' + ');

/** Where the sums statement reads the answers, and the names of its integer keys there. */
interface AnswersSource {
  /** The cut's FROM and WHERE (scopeSql's, over the facts) moved onto this source. */
  scope: (facts: ScopeSql) => ScopeSql;
  cid: string;
  tp: string;
  /** The relationship answer's id (ties on the time). */
  responseId: string;
  /** The table of customers by key (churn day, customer_id for margins). */
  customers: { table: string; key: string };
  /** The table of touchpoints by key, and its code column. */
  touchpoints: { table: string; key: string; code: string };
}

/**
 * The facts: keys are the customers' and touchpoints' rowids (integers valid within the statement), the
 * answers joined to their customers on the text id.
 */
const FACTS: AnswersSource = {
  scope: (facts) => facts,
  cid: 'c.rowid',
  tp: 't.rowid',
  responseId: 'r.response_id',
  customers: { table: 'customers', key: 'rowid' },
  touchpoints: { table: 'dim_touchpoints', key: 'rowid', code: 'code' },
};

/** The keyed answers (analytics/answersKeyed.ts): persona and unit are on the answer, keys are stored integers. */
const KEYED: AnswersSource = {
  scope: keyedScope,
  cid: 'r.customer_key',
  tp: 'r.touchpoint_key',
  responseId: 'r.response_id',
  customers: { table: CUSTOMER_KEYS, key: 'customer_key' },
  touchpoints: { table: TOUCHPOINT_KEYS, key: 'touchpoint_key', code: 'touchpoint_code' },
};

/**
 * The one statement behind driver analysis and prioritisation. Per customer and touchpoint (pairwise-
 * complete): the mean satisfaction, 1-5 (an answer without satisfaction counts 1 + 0.4 × LTR); the
 * customer's outcome; then the sums (n, Σx, Σy, Σx², Σy², Σxy) of every touchpoint pair and of every
 * touchpoint with the outcome, over the customers with the outcome. With `performance`, also the answer
 * counts and rating sums per touchpoint and the customers reached with their annual margin
 * (12 × mean monthly revenue − cost over their profitability months in the period).
 */
function sumsSql(filter: AnalyticsFilter, options: SumsOptions, observedUntil: string | null, keyed: { answers: boolean; margins: boolean }) {
  const { personaCodes, unitCodes, from, to } = filter;
  const source = keyed.answers ? KEYED : FACTS;
  const touchpoints = source.scope(scopeSql({ ...filter, survey: 'TOUCHPOINT' }, true));
  const relationship = source.scope(scopeSql({ personaCodes, unitCodes, from, to, survey: 'RELATIONSHIP' }));
  const { cid, tp, customers } = source;
  const outcomeSql =
    options.outcome === 'LTR'
      ? // Latest answer; ties on the time go to the later response id, so the result does not depend on scan order.
        `SELECT ${cid} AS cid, arg_max(r.ltr, (r.responded_at, ${source.responseId}))::DOUBLE AS y, FALSE AS censored
         ${relationship.from} ${relationship.where} AND r.ltr IS NOT NULL GROUP BY ${cid}`
      : `SELECT a.cid,
           CASE WHEN c.churned_at IS NULL OR c.churned_at > a.anchor + INTERVAL 12 MONTH THEN 1.0 ELSE 0.0 END AS y,
           a.anchor + INTERVAL 12 MONTH > $observed_until::DATE AS censored
         FROM (SELECT cid, max(last_at)::DATE AS anchor FROM per_tp GROUP BY cid) a
         JOIN ${customers.table} c ON c.${customers.key} = a.cid`;
  const perf = options.performance;
  const period = [from ? `p.month >= date_trunc('month', $from::DATE)` : '', to ? 'p.month <= $to::DATE' : ''].filter(Boolean);
  // Wide per-(customer, touchpoint) aggregates are slow with millions of groups (measured: twice the time),
  // so the touchpoint-level counts come from the answers directly and per_tp carries only what pairs need.
  // Keys are integers (the keyed answers' stored keys, or the facts' rowids, valid within the statement):
  // grouping and joining millions of (customer, touchpoint) rows on integers is several times cheaper than on codes.
  // INTEGER, not SMALLINT: every model sync deletes and re-inserts dim_touchpoints, and DuckDB does not
  // reuse rowids, so after a few hundred edits they pass 32767 (npm run bench hit it after 248 edits).
  const sql = `
    WITH answers AS (
      SELECT ${cid} AS cid, ${tp} AS tp, coalesce(r.satisfaction::DOUBLE, 1 + 0.4 * r.ltr) AS x
      ${options.outcome === 'RETENTION_12M' ? ', r.responded_at' : ''}
      ${perf ? `, r.ltr, r.satisfaction AS sat,
        ${factorsSql((c) => `(${c} IS NOT NULL)::INTEGER`)} AS emo_n,
        ${factorsSql((c) => `coalesce(${c}, 0)`)} AS emo_sum,
        ${factorsSql((c) => `coalesce(${c} * ${c}, 0)`)} AS emo_sq` : ''}
      ${touchpoints.from} ${touchpoints.where}
    ), per_tp AS (
      -- An answer with neither satisfaction nor LTR (only emotional ratings) has no x: no predictor value.
      SELECT cid, tp, avg(x) AS x${options.outcome === 'RETENTION_12M' ? ', max(responded_at) AS last_at' : ''} FROM answers GROUP BY cid, tp HAVING count(x) > 0
    ), outcome AS (${outcomeSql}
    )${perf ? `, margin AS (
      -- Margins only of the customers with answers in the cut: joined reads no others. (Computed for every
      -- customer with profitability rows, this was half the statement on 10M answers: npm run bench.)
      ${keyed.answers && keyed.margins
        ? // The same months and margins keyed by the customer key (analytics/answersKeyed.ts): no text id probed.
          `SELECT k.cid, 12 * avg(p.margin) AS annual
      FROM (SELECT DISTINCT cid FROM per_tp) k JOIN ${MARGINS_KEYED} p ON p.customer_key = k.cid`
        : `SELECT k.cid, 12 * avg(p.revenue - p.cost) AS annual
      FROM (SELECT DISTINCT t.cid, c.customer_id FROM per_tp t JOIN ${customers.table} c ON c.${customers.key} = t.cid) k
      JOIN profitability p ON p.customer_id = k.customer_id`}
      ${period.length ? `WHERE ${period.join(' AND ')}` : ''}
      GROUP BY k.cid
    ), joined AS (
      SELECT p.cid, p.tp, p.x, o.y, o.censored, m.annual FROM per_tp p LEFT JOIN outcome o ON o.cid = p.cid LEFT JOIN margin m ON m.cid = p.cid
    ), xy AS (
      SELECT cid::INTEGER AS cid, tp::INTEGER AS tp, x, y FROM joined WHERE y IS NOT NULL AND NOT censored
    )` : `, xy AS (
      SELECT p.cid::INTEGER AS cid, p.tp::INTEGER AS tp, p.x, o.y FROM per_tp p JOIN outcome o ON o.cid = p.cid WHERE NOT o.censored
    )`}, sums AS (
      SELECT 'XX' AS kind, p.tp AS a, q.tp AS b, count(*)::DOUBLE AS n, ${pairSumsSql('p.x', 'q.x')}, NULL::DOUBLE[] AS v
      FROM xy p JOIN xy q ON q.cid = p.cid AND p.tp < q.tp
      GROUP BY p.tp, q.tp
      UNION ALL
      SELECT 'XY', tp, NULL, count(*)::DOUBLE, ${pairSumsSql('x', 'y')}, NULL FROM xy GROUP BY tp
      UNION ALL
      SELECT 'N', NULL, NULL, count(DISTINCT cid)::DOUBLE, count(DISTINCT y)::DOUBLE, coalesce(min(y), 0), coalesce(max(y), 0), 0, 0, NULL FROM xy
      UNION ALL
      SELECT 'C', NULL, NULL, count(*)::DOUBLE, 0, 0, 0, 0, 0, NULL FROM outcome WHERE censored
      ${perf ? `UNION ALL
      SELECT 'TP', a.tp, NULL, j.customers, 0, 0, 0, 0, 0,
        [a.answers, a.promoters, a.detractors, a.sat_n, a.sat_sum, a.sat_sq, a.emo_n, a.emo_sum, a.emo_sq, j.with_margin, j.margin_sum, a.ltr_n]::DOUBLE[]
      FROM (
        SELECT tp, count(*) AS answers, count(ltr) AS ltr_n, coalesce(sum((${NPS_GROUP_SQL.promoters('ltr')})::INTEGER), 0) AS promoters, coalesce(sum((${NPS_GROUP_SQL.detractors('ltr')})::INTEGER), 0) AS detractors,
          count(sat) AS sat_n, coalesce(sum(sat), 0) AS sat_sum, coalesce(sum(sat * sat), 0) AS sat_sq,
          sum(emo_n) AS emo_n, sum(emo_sum) AS emo_sum, sum(emo_sq) AS emo_sq
        FROM answers GROUP BY tp
      ) a JOIN (
        SELECT tp, count(*)::DOUBLE AS customers, count(annual) AS with_margin, coalesce(sum(annual), 0) AS margin_sum FROM joined GROUP BY tp
      ) j ON j.tp = a.tp` : ''}
    )
    SELECT s.kind, ta.${source.touchpoints.code} AS a, tb.${source.touchpoints.code} AS b, s.n, s.sx, s.sy, s.sxx, s.syy, s.sxy, s.v
    FROM sums s LEFT JOIN ${source.touchpoints.table} ta ON ta.${source.touchpoints.key} = s.a LEFT JOIN ${source.touchpoints.table} tb ON tb.${source.touchpoints.key} = s.b`;
  const params = { ...touchpoints.params, ...relationship.params, ...(observedUntil ? { observed_until: observedUntil } : {}) };
  return { sql, params };
}

function parse(rows: SumsRow[], observedUntil: string | null, performance: boolean): CustomerTouchpointSums {
  const toSums = (r: SumsRow): PairSums => ({ n: r.n, sumX: r.sx, sumY: r.sy, sumXX: r.sxx, sumYY: r.syy, sumXY: r.sxy });
  const result: CustomerTouchpointSums = {
    withOutcome: new Map(),
    pairs: new Map(),
    customers: 0,
    outcomeLevels: { distinct: 0, min: 0, max: 0 },
    censoredCustomers: 0,
    observedUntil,
    performance: performance ? new Map() : null,
  };
  for (const row of rows) {
    if (row.kind === 'XY' && row.a) result.withOutcome.set(row.a, toSums(row));
    else if (row.kind === 'XX' && row.a && row.b) result.pairs.set(pairKey(row.a, row.b), row.a < row.b ? toSums(row) : swap(toSums(row)));
    else if (row.kind === 'N') {
      result.customers = row.n;
      result.outcomeLevels = { distinct: row.sx, min: row.sy, max: row.sxx };
    }
    else if (row.kind === 'C') result.censoredCustomers = row.n;
    else if (row.kind === 'TP' && row.a && row.v && result.performance) {
      const [answers, promoters, detractors, satN, satSum, satSq, emoN, emoSum, emoSq, withMargin, marginSum, ltrAnswers] = row.v;
      result.performance.set(row.a, {
        answers,
        ltrAnswers,
        promoters,
        detractors,
        satisfaction: { n: satN, sum: satSum, sumSquares: satSq },
        emotions: { n: emoN, sum: emoSum, sumSquares: emoSq },
        customers: row.n,
        customersWithMargin: withMargin,
        annualMarginSum: marginSum,
      });
    }
  }
  return result;
}

async function lastObservedDay(db: Queryable): Promise<string> {
  const [row] = await db.all<{ day: string | null }>(
    `SELECT coalesce((SELECT max(TRY_CAST(value AS DATE)) FROM store_meta WHERE key = 'data_end'), (SELECT max(responded_at)::DATE FROM responses))::VARCHAR AS day`,
  );
  if (!row?.day) throw new AnalyticsInputError('outcome', 'RETENTION_12M needs data: the store has no answers yet');
  return row.day;
}

/**
 * Results are remembered per store for the same cut and data (resultCache: single flight, the previous
 * data's results kept OLD_DATA_MS for the requests that read its fingerprint just before a change, then
 * dropped): the statement reads millions of rows, and one screen asks for drivers and priorities of the
 * same cut. The data fingerprint is the store's data and dimension versions plus the row counts of the
 * tables read, so imports, the generator, a model sync and plain inserts all invalidate it.
 */
const sumsCache = resultCache<CustomerTouchpointSums>(16);

/** The sums for a validated filter (the caller validates), from the cache when the data has not changed. */
export async function customerTouchpointSums(db: Queryable, filter: AnalyticsFilter, options: SumsOptions): Promise<CustomerTouchpointSums> {
  // After an import, this cut is computed again at once (and the import's caller waits for it).
  warmAfterImport(db, `sums|${JSON.stringify([filter, options])}`, () => customerTouchpointSums(db, filter, options));
  const observedUntil = options.outcome === 'RETENTION_12M' ? (options.observedUntil ?? (await lastObservedDay(db))) : null;
  const fingerprint = await dataFingerprint(db);
  const key = (performance: boolean) => JSON.stringify([filter, options.outcome, observedUntil, performance]);
  // Sums with performance serve a request without it too.
  const wider = options.performance ? undefined : sumsCache.peek(db, fingerprint, key(true));
  if (wider) return wider;
  // Whether the keyed answers are current is asked inside the remembered promise: identical concurrent
  // misses then wait for the one computation (single flight) instead of each running the statement.
  return sumsCache.get(db, fingerprint, key(options.performance), () =>
    Promise.all([keyedAnswersCurrent(db), options.performance && keyedMarginsCurrent(db)])
      .then(([answers, margins]) => {
        const keyed = { answers, margins };
        const { sql, params } = sumsSql(filter, options, observedUntil, keyed);
        return db.all(sql, params, Row);
      })
      .then((rows) => parse(rows, observedUntil, options.performance)),
  );
}

/** Forgets the remembered sums of a store (benchmarks measure the statement itself with it). */
export function clearSumsCache(db: Queryable): void {
  sumsCache.clear(db);
}
