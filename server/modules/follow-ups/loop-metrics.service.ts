import type { EntityManager } from '@mikro-orm/postgresql';
import { getChurnAfter } from '../../../analytics/queries/followUps/getChurnAfter.js';
import { proportion, twoProportionTest, type ProportionResult } from '../../../analytics/stats/index.js';
import { DEFAULT_MIN_N } from '../../../analytics/stats/interval.js';
import { fixed, say, whole } from '../../../analytics/i18n/index.js';
import type { Queryable } from '../../../analytics/store.js';
import { Department } from '../departments/department.entity.js';
import { User } from '../users/user.entity.js';
import { toUserType } from '../users/user.service.js';
import type { FollowUpLoopMetrics, RecoveryChurn } from './follow-up.type.js';
import { sql } from '../../common/sql.js';

interface SlaRow {
  group_id: string | null;
  is_total: boolean;
  cases: number;
  contacted: number;
  sla_known: number;
  within_sla: number;
  close_known: number;
  closed_within_sla: number;
  median_from_answer: number | null;
  median_from_opening: number | null;
}

interface OutcomeRow {
  group_id: string | null;
  customer_id: string;
  responded_at: Date;
  recovered: boolean;
}

const pct = (share: number | null) => (share === null ? say('priorities.split.notAvailable') : say('status.percent', { n: fixed(100 * share, 1) }));

/** The reading of the churn comparison in one sentence; below the minimum n it says so instead of guessing. */
export function churnConclusion(recovered: ProportionResult, notContacted: ProportionResult, test: { pValue: number | null; significant: boolean | null; difference: number | null }, minN = DEFAULT_MIN_N): string {
  if (recovered.n < minN || notContacted.n < minN) {
    return say('followUps.churn.tooFew', { recovered: whole(recovered.n), notContacted: whole(notContacted.n), min: whole(minN) });
  }
  const shares = say('followUps.churn.shares', { recovered: pct(recovered.share), notContacted: pct(notContacted.share) });
  if (test.significant === null || test.pValue === null) return say('followUps.churn.noTest', { shares });
  const p = test.pValue < 0.001 ? say('followUps.churn.pSmall', { p: fixed(0.001, 3) }) : say('followUps.churn.p', { p: fixed(test.pValue, 3) });
  if (!test.significant) return say('followUps.churn.notSignificant', { shares, p });
  return say((test.difference ?? 0) < 0 ? 'followUps.churn.less' : 'followUps.churn.more', { shares, p });
}

function churnComparison(rows: readonly OutcomeRow[], churned: ReadonlyMap<string, boolean>): RecoveryChurn {
  const groups = { recovered: new Map<string, boolean>(), notContacted: new Map<string, boolean>() };
  for (const row of rows) {
    const outcome = churned.get(churnKey(row));
    if (outcome === undefined) continue; // customer not in the analytics store
    const group = row.recovered ? groups.recovered : groups.notContacted;
    // One vote per customer and group: a customer with three cases is still one customer.
    if (!group.has(row.customer_id)) group.set(row.customer_id, outcome);
  }
  const share = (g: Map<string, boolean>) => proportion({ n: g.size, count: [...g.values()].filter(Boolean).length });
  const recovered = share(groups.recovered);
  const notContacted = share(groups.notContacted);
  const test = twoProportionTest(
    { n: recovered.n, count: recovered.count },
    { n: notContacted.n, count: notContacted.count },
  );
  return {
    recovered,
    notContacted,
    test,
    lowSample: recovered.lowSample || notContacted.lowSample,
    conclusion: churnConclusion(recovered, notContacted, test),
  };
}

const churnKey = (r: Pick<OutcomeRow, 'customer_id' | 'responded_at'>) => `${r.customer_id}|${r.responded_at.toISOString()}`;

/**
 * Loop metrics per department over RECOVER cases (answers in [from, to) when given): contact within the
 * SLA, time to contact, and churn of customers won back (RESOLVED) against those nobody contacted, from
 * customers.churned_at in the analytics store. Two SQL statements in Postgres and one in DuckDB.
 */
async function loopMetrics(
  em: EntityManager,
  store: Queryable,
  options: { from?: Date; to?: Date; now?: Date; by?: 'DEPARTMENT' | 'PERSON' } = {},
): Promise<FollowUpLoopMetrics[]> {
  const now = options.now ?? new Date();
  const byPerson = options.by === 'PERSON';
  // The column is one of two fixed names, never caller text.
  const group = byPerson ? 'assignee_id' : 'department_id';
  const period = ['kind = ?'];
  const params: unknown[] = ['RECOVER'];
  if (options.from) (period.push('responded_at >= ?'), params.push(options.from));
  if (options.to) (period.push('responded_at < ?'), params.push(options.to));
  const where = period.join(' and ');
  const slaRows = await sql<SlaRow[]>(
    em,
    `select ${group} as group_id, grouping(${group}) = 1 as is_total,
       count(*)::int as cases,
       count(contacted_at)::int as contacted,
       (count(*) filter (where contacted_at is not null or due_at <= ?))::int as sla_known,
       (count(*) filter (where contacted_at is not null and contacted_at <= due_at))::int as within_sla,
       (count(*) filter (where resolved_at is not null or due_at <= ?))::int as close_known,
       (count(*) filter (where resolved_at is not null and resolved_at <= due_at))::int as closed_within_sla,
       percentile_cont(0.5) within group (order by extract(epoch from contacted_at - responded_at) / 3600) as median_from_answer,
       percentile_cont(0.5) within group (order by extract(epoch from contacted_at - created_at) / 3600) as median_from_opening
     from follow_up_case where ${where}
     group by rollup (${group})`,
    [now, now, ...params],
  );
  const rawOutcomes = await sql<(Omit<OutcomeRow, 'responded_at'> & { responded_at: Date | string })[]>(
    em,
    `select ${group} as group_id, customer_id, responded_at, status = 'RESOLVED' as recovered
     from follow_up_case
     where ${where} and (status = 'RESOLVED' or (contacted_at is null and (status = 'CLOSED_NO_ACTION' or (status = 'OPEN' and due_at < ?))))
     order by responded_at`,
    [...params, now],
  );
  const outcomeRows: OutcomeRow[] = rawOutcomes.map((r) => ({ ...r, responded_at: new Date(r.responded_at) }));
  const requests = new Map<string, { key: string; customerId: string; since: Date }>();
  for (const row of outcomeRows) requests.set(churnKey(row), { key: churnKey(row), customerId: row.customer_id, since: row.responded_at });
  const churned = await getChurnAfter(store, [...requests.values()]);

  const bySla = new Map(slaRows.filter((r) => !r.is_total).map((r) => [r.group_id, r]));
  const total = slaRows.find((r) => r.is_total);
  const metrics = (scope: string, department: Department | null, person: User | null, sla: SlaRow | undefined, outcomes: readonly OutcomeRow[]): FollowUpLoopMetrics => ({
    department,
    person: person ? toUserType(person) : null,
    scope,
    cases: sla?.cases ?? 0,
    contacted: sla?.contacted ?? 0,
    contactedWithinSla: proportion({ n: sla?.sla_known ?? 0, count: sla?.within_sla ?? 0 }),
    closedWithinSla: proportion({ n: sla?.close_known ?? 0, count: sla?.closed_within_sla ?? 0 }),
    medianHoursToContact: sla?.median_from_answer ?? null,
    medianHoursFromOpening: sla?.median_from_opening ?? null,
    churn: churnComparison(outcomes, churned),
  });
  const own = (id: string | null) => outcomeRows.filter((r) => r.group_id === id);
  let result: FollowUpLoopMetrics[];
  if (byPerson) {
    const ids = [...bySla.keys()].filter((id): id is string => id !== null);
    const people = await em.find(User, { id: { $in: ids } }, { orderBy: { name: 'asc' }, populate: ['department'] });
    result = people.map((u) => metrics('PERSON', u.department ?? null, u, bySla.get(u.id), own(u.id)));
    if (bySla.has(null)) result.push(metrics('UNASSIGNED', null, null, bySla.get(null), own(null)));
  } else {
    const departments = await em.find(Department, {}, { orderBy: { name: 'asc' } });
    result = departments.map((d) => metrics('DEPARTMENT', d, null, bySla.get(d.id), own(d.id)));
    if (bySla.has(null)) result.push(metrics('NO_DEPARTMENT', null, null, bySla.get(null), own(null)));
  }
  result.push(metrics('ALL', null, null, total, outcomeRows));
  return result;
}

/** Closing the loop on detractors, for readers of aggregates (not only those who work cases). */
export class LoopMetricsService {
  constructor(
    private readonly em: EntityManager,
    private readonly store: Queryable,
  ) {}

  /** Loop metrics per department or per person, then cases without one, then ALL (see loopMetrics). */
  metrics(options: { from?: Date; to?: Date; now?: Date; by?: 'DEPARTMENT' | 'PERSON' } = {}): Promise<FollowUpLoopMetrics[]> {
    return loopMetrics(this.em, this.store, options);
  }
}
