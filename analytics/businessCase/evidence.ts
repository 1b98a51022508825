/**
 * What the business case reads from the customer data besides loyalty by satisfaction: how many current
 * customers are in each loyalty group (optionally only those who used given touchpoints), and per
 * touchpoint the evidence translate.ts needs.
 *
 * "Current": customers not churned by asOf, grouped by their latest relationship answer on or before asOf
 * (within the filter's persona, unit and from/to). "Used a touchpoint": answered there on or before asOf
 * within the filter (answers are the data's evidence of a visit).
 */
import { z } from 'zod';
import type { PairSums } from '../stats/index.js';
import { customerTouchpointSums } from '../queries/drivers/customerTouchpointSums.js';
import { driversFromSums } from '../queries/drivers/getDrivers.js';
import { touchpointInfo, touchpointName } from '../queries/drivers/touchpoints.js';
import { scopeSql, type AnalyticsFilter } from '../queries/filter.js';
import type { Queryable } from '../store.js';
import { keyedAnswersCurrent } from '../answersKeyed.js';
import { customerAnswers, type CustomerAnswers } from '../queries/keyedScope.js';
import { npsGroupSql } from '../model/measures.js';
import { meanOfSums } from '../queries/trends/amounts.js';
import { say } from '../i18n/index.js';
import type { LoyaltyGroup } from './engine.js';
import type { TouchpointEvidence } from './translate.js';

/** Sample standard deviation from n, Σx, Σx² (0 below two values: no spread to scale by). */
const sdOf = (n: number, sum: number, sq: number) => meanOfSums({ n, sum, sq }).sd ?? 0;

export interface GroupCounts {
  byGroup: Record<LoyaltyGroup, number>;
  /** Current customers with a relationship answer in scope (all groups). */
  respondents: number;
  /** Current customers in the persona/unit scope, with or without an answer. */
  activeCustomers: number;
}

/**
 * The current relationship groups: one row per customer (cust: the answers' customer of `source`, ltr).
 * The churn condition is the customer's, so it is applied after grouping (one join per customer, not per answer).
 */
function currentRelationshipSql(filter: AnalyticsFilter, source: CustomerAnswers) {
  const scope = source.scope(scopeSql({ ...filter, survey: 'RELATIONSHIP' }));
  const { table, key } = source.customers;
  return {
    sql: `SELECT l.cust, l.ltr
          FROM (SELECT ${source.customer} AS cust, arg_max(r.ltr, (r.responded_at, r.response_id)) AS ltr
                ${scope.from} ${scope.where} AND r.responded_at < $asOf::DATE + INTERVAL 1 DAY
                GROUP BY ${source.customer}) l
          JOIN ${table} c ON c.${key} = l.cust
          WHERE c.churned_at IS NULL OR c.churned_at > $asOf::DATE`,
    params: scope.params,
  };
}

const CountRow = z.object({ grp: z.string(), n: z.number().int() });
type CountRow = z.infer<typeof CountRow>;

/**
 * The SELECTs of the group counts over `rel` (currentRelationshipSql's, as a CTE of the statement): one
 * row per NPS group, 'ALL' and 'ACTIVE' (current customers in the persona/unit scope, answered or not).
 */
function countsSql(filter: AnalyticsFilter, used: string) {
  return `SELECT ${npsGroupSql('ltr')} AS grp, count(*)::INTEGER AS n FROM rel ${used} GROUP BY ALL
     UNION ALL SELECT 'ALL', count(*)::INTEGER FROM rel
     UNION ALL SELECT 'ACTIVE', count(*)::INTEGER FROM customers c
       WHERE c.acquired_at <= $asOf::DATE AND (c.churned_at IS NULL OR c.churned_at > $asOf::DATE)
       ${filter.personaCodes?.length ? 'AND list_contains($personas, c.persona_code)' : ''}
       ${filter.unitCodes?.length ? 'AND list_contains($units, c.unit_code)' : ''}`;
}

function groupCounts(rows: readonly CountRow[]): GroupCounts {
  const count = (grp: string) => rows.find((r) => r.grp === grp)?.n ?? 0;
  return {
    byGroup: { DETRACTOR: count('DETRACTOR'), PASSIVE: count('PASSIVE'), PROMOTER: count('PROMOTER') },
    respondents: count('ALL'),
    activeCustomers: count('ACTIVE'),
  };
}

/** Current customers per loyalty group; with `usedTouchpoints`, only those who answered at one of them. */
export async function countGroups(db: Queryable, filter: AnalyticsFilter, asOf: string, usedTouchpoints?: readonly string[]): Promise<GroupCounts> {
  const source = customerAnswers(await keyedAnswersCurrent(db));
  const relationship = currentRelationshipSql(filter, source);
  const used = usedTouchpoints?.length ? source.scope(scopeSql({ ...filter, touchpointCodes: usedTouchpoints, survey: 'TOUCHPOINT' })) : null;
  const rows = await db.all(
    `WITH rel AS (${relationship.sql})
     ${countsSql(filter, used ? `WHERE cust IN (SELECT ${source.customer} ${used.from} ${used.where} AND r.responded_at < $asOf::DATE + INTERVAL 1 DAY)` : '')}`,
    { ...relationship.params, ...used?.params, asOf },
    CountRow,
  );
  return groupCounts(rows);
}

const EvidenceRow = z.object({
  /** null: a row of the group counts (grp, n), asked with the evidence. */
  code: z.string().nullable(),
  grp: z.string(),
  rel_ltr: z.number().int().nullable(),
  n: z.number().int(),
  sx: z.number(),
});


/**
 * Per touchpoint: customers by the group of the latest likelihood to recommend they gave there (those who
 * gave none are left out), their mean satisfaction (the driver predictor) and the relationship LTR of those
 * who are current customers with one; and the touchpoint's place in the driver model (outcome LTR) of the
 * same filter, with the standard deviations behind β.
 */
export async function touchpointEvidence(
  db: Queryable,
  filter: AnalyticsFilter,
  asOf: string,
  codes: readonly string[],
  minN: number,
): Promise<TouchpointEvidence[]> {
  return (await evidenceAndCounts(db, filter, asOf, codes, minN, false)).evidence;
}

/**
 * touchpointEvidence and, with `counts`, countGroups(db, filter, asOf) from the same statement: both read
 * the current relationship groups, which it then computes once (the business case of an initiative needs
 * both: issue 20, the first business case after an import).
 */
export async function evidenceAndCounts(
  db: Queryable,
  filter: AnalyticsFilter,
  asOf: string,
  codes: readonly string[],
  minN: number,
  counts: boolean,
): Promise<{ evidence: TouchpointEvidence[]; counts: GroupCounts | null }> {
  if (codes.length === 0) return { evidence: [], counts: counts ? await countGroups(db, filter, asOf) : null };
  const evidence = async () => {
    const source = customerAnswers(await keyedAnswersCurrent(db));
    const relationship = currentRelationshipSql(filter, source);
    const touchpoints = source.scope(scopeSql({ ...filter, touchpointCodes: codes, survey: 'TOUCHPOINT' }));
    return db.all(
      `WITH rel AS (${relationship.sql}),
       tp AS (
         SELECT ${source.customer} AS cust, ${source.touchpointCode} AS code, arg_max(r.ltr, (r.responded_at, r.response_id)) AS tp_ltr,
           avg(coalesce(r.satisfaction::DOUBLE, 1 + 0.4 * r.ltr)) AS x
         ${touchpoints.from} ${touchpoints.where} AND r.responded_at < $asOf::DATE + INTERVAL 1 DAY
         GROUP BY ALL
       )
       -- A customer who never gave a likelihood to recommend at the touchpoint has no group there: left out
       -- (counting them as detractors would inflate the detractors an initiative can move).
       SELECT tp.code, ${npsGroupSql('tp.tp_ltr')} AS grp, rel.ltr::INTEGER AS rel_ltr, count(*)::INTEGER AS n, sum(tp.x)::DOUBLE AS sx
       FROM tp LEFT JOIN rel ON rel.cust = tp.cust
       WHERE tp.tp_ltr IS NOT NULL
       GROUP BY ALL
       ${counts ? `UNION ALL SELECT NULL, grp, NULL, n, 0 FROM (${countsSql(filter, '')})` : ''}`,
      { ...relationship.params, ...touchpoints.params, asOf },
      EvidenceRow,
    );
  };
  const { personaCodes, unitCodes, from, to } = filter;
  // Independent reads: on the store's read pool they run side by side.
  const [rows, info, sums] = await Promise.all([
    evidence(),
    touchpointInfo(db),
    customerTouchpointSums(db, { personaCodes, unitCodes, from, to }, { outcome: 'LTR', performance: false }),
  ]);
  const model = driversFromSums(info, sums, 'LTR', minN, 0.95);
  const evidenceRows = rows.filter((r) => r.code !== null);
  const evidenceOf = codes.map((code) => {
    const groups = Object.fromEntries(
      (['DETRACTOR', 'PASSIVE', 'PROMOTER'] as const).map((grp) => {
        const mine = evidenceRows.filter((r) => r.code === code && r.grp === grp);
        const customers = mine.reduce((s, r) => s + r.n, 0);
        const relationshipLtr = Array.from({ length: 11 }, (_, ltr) => mine.filter((r) => r.rel_ltr === ltr).reduce((s, r) => s + r.n, 0));
        return [grp, { customers, meanSatisfaction: customers ? mine.reduce((s, r) => s + r.sx, 0) / customers : null, relationshipLtr }];
      }),
    ) as TouchpointEvidence['groups'];
    const driver = model.drivers.find((d) => d.touchpointCode === code);
    const excluded = model.excluded.find((e) => e.touchpointCode === code);
    const pair: PairSums | undefined = sums.withOutcome.get(code);
    return {
      code,
      name: touchpointName(info, code),
      groups,
      driver:
        driver && pair
          ? { beta: driver.beta, share: driver.share, sdSatisfaction: sdOf(pair.n, pair.sumX, pair.sumXX), sdLtr: sdOf(pair.n, pair.sumY, pair.sumYY), n: pair.n }
          : null,
      excludedBecause: driver ? undefined : excluded ? say('case.step.excluded', { reason: excluded.reason, detail: excluded.detail }) : say('case.step.noPair'),
    };
  });
  return { evidence: evidenceOf, counts: counts ? groupCounts(rows.filter((r) => r.code === null)) : null };
}
