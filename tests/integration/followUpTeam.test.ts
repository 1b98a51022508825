/**
 * A team working its queue: take, "my cases", bulk assign, close with an outcome, the contact log,
 * contact details, due dates from the opening rule's SLA, and loop metrics per person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timestampParam } from '../../analytics/queries/followUps/time.js';
import { AlertRule } from '../../server/modules/alerts/alert.entity.js';
import { FollowUpCase } from '../../server/modules/follow-ups/follow-up.entity.js';
import { openFollowUpCases } from '../../server/modules/follow-ups/follow-up.opener.js';
import { User } from '../../server/modules/users/user.entity.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { createUser } from '../../server/modules/users/user.service.js';
import { makeJourney } from '../support/factories.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

const DAY = 86_400_000;
const T = Math.floor(Date.now() / 1000) * 1000;

let app: TestApp;
let dept: string;
let otherDept: string;
let colleague: string;
let outsider: string;
const caseOf = new Map<string, string>();

/** The cached STRATEGIST caller works in `departmentId`, in the session and in the users table. */
async function strategistIn(departmentId: string | null) {
  const caller = await app.callerFor(Role.STRATEGIST);
  caller.departmentId = departmentId;
  await app.orm.em.fork().nativeUpdate(User, { id: caller.id }, { department: departmentId });
  return caller;
}

beforeAll(async () => {
  app = await makeTestApp();
  const a = await makeJourney(app, { phases: 1, touchpointsPerPhase: 1, name: 'Claims' });
  const b = await makeJourney(app, { phases: 1, touchpointsPerPhase: 1, name: 'Sales' });
  dept = a.departmentId;
  otherDept = b.departmentId;
  const code = (await app.ok(`query($id: ID!) { journey(id: $id) { phases { touchpoints { code } } } }`, { id: a.journeyId })).journey.phases[0].touchpoints[0].code;
  const em = app.orm.em.fork();
  colleague = (await createUser(em, { email: 'kim@a.test', name: 'Kim Colleague', role: Role.ANALYST, departmentId: dept })).user.id;
  outsider = (await createUser(em, { email: 'ole@b.test', name: 'Ole Outside', role: Role.ANALYST, departmentId: otherDept })).user.id;
  em.create(AlertRule, { name: 'Weekly call-back', slaDays: 7, thankPromoters: false });
  em.create(AlertRule, { name: 'Relaxed', slaDays: 10, thankPromoters: false });
  await em.flush();

  const store = app.analytics.store;
  for (const id of ['c1', 'c2', 'c3', 'c4']) await store.run(`INSERT INTO customers VALUES ($id, 'P1', NULL, DATE '2023-01-01', NULL, 100)`, { id });
  // Contact details as a customers import with name/e-mail/phone columns leaves them.
  await store.run(`CREATE TABLE IF NOT EXISTS customer_contacts (customer_id VARCHAR PRIMARY KEY, name VARCHAR, email VARCHAR, phone VARCHAR)`);
  await store.run(`INSERT INTO customer_contacts VALUES ('c1', 'Jens Hansen', 'jens@example.dk', '+45 12 34 56 78')`);
  const answers: [string, string, number][] = [['r1', 'c1', 1], ['r2', 'c2', 3], ['r3', 'c3', 10], ['r4', 'c4', 2]];
  for (const [id, customer, daysAgo] of answers) {
    await store.run(`INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr) VALUES ($id, $customer, $code, $at::TIMESTAMP, 2)`, {
      id,
      customer,
      code,
      at: timestampParam(new Date(T - daysAgo * DAY)),
    });
  }
  await openFollowUpCases(app.orm.em.fork(), store, await app.orm.em.fork().find(AlertRule, {}), { now: new Date(T) });
  for (const c of await app.orm.em.fork().find(FollowUpCase, {})) caseOf.set(c.responseId, c.id);
});
afterAll(async () => {
  await strategistIn(null);
  await app?.close();
});

const CASE = `query($id: ID!) { followUpCase(id: $id) { status overdue isClosed slaDays slaRule dueAt respondedAt outcome outcomeReason contactedAt
  assignee { name } contacts { by channel reached note } contactDetails { name email phone } } }`;

describe('due dates', () => {
  it("count from the answer with the SLA of the rule that opened the case: a 10-day-old answer is overdue under a 7-day SLA", async () => {
    const { followUpCase: old } = await app.ok(CASE, { id: caseOf.get('r3') });
    expect(old).toMatchObject({ overdue: true, slaDays: 7, slaRule: 'Weekly call-back', isClosed: false });
    expect(Date.parse(old.dueAt) - Date.parse(old.respondedAt)).toBe(7 * DAY);
    const { followUpCase: fresh } = await app.ok(CASE, { id: caseOf.get('r1') });
    expect(fresh.overdue).toBe(false);
    expect((await app.ok(`{ followUpCounts { overdue } }`)).followUpCounts.overdue).toBe(1);
  });
});

describe('working the queue as a team', () => {
  it('lets a strategist take a case, which then is in "my cases"', async () => {
    await strategistIn(dept);
    const { takeFollowUpCase } = await app.ok(`mutation($id: ID!) { takeFollowUpCase(id: $id) { assignee { name } } }`, { id: caseOf.get('r1') }, Role.STRATEGIST);
    expect(takeFollowUpCase.assignee.name).toBe('STRATEGIST');
    const mine = await app.ok(`{ followUpCases(filter: { assignedToMe: true }) { totalCount items { id } } }`, {}, Role.STRATEGIST);
    expect(mine.followUpCases.items.map((c: { id: string }) => c.id)).toEqual([caseOf.get('r1')]);
  });

  it("lists the department's people to assign to, and nobody from another department", async () => {
    const { followUpAssignees } = await app.ok(`{ followUpAssignees { name } }`, {}, Role.STRATEGIST);
    const names = followUpAssignees.map((u: { name: string }) => u.name);
    expect(names).toContain('Kim Colleague');
    expect(names).not.toContain('Ole Outside');
  });

  it('assigns several cases to a colleague at once, or none when one cannot be', async () => {
    const BULK = `mutation($ids: [ID!]!, $a: ID) { assignFollowUpCases(ids: $ids, assigneeId: $a) { id assignee { name } } }`;
    const ids = [caseOf.get('r2'), caseOf.get('r3')];
    const { assignFollowUpCases } = await app.ok(BULK, { ids, a: colleague }, Role.STRATEGIST);
    expect(assignFollowUpCases.map((c: { assignee: { name: string } }) => c.assignee.name)).toEqual(['Kim Colleague', 'Kim Colleague']);
    const refused = await app.gql(BULK, { ids: [caseOf.get('r4'), caseOf.get('r2')], a: outsider }, Role.STRATEGIST);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ASSIGNEE_DEPARTMENT' });
    expect((await app.ok(CASE, { id: caseOf.get('r4') })).followUpCase.assignee).toBeNull();
    expect((await app.ok(CASE, { id: caseOf.get('r2') })).followUpCase.assignee.name).toBe('Kim Colleague');
  });

  it('logs contact attempts; reaching the customer makes the case CONTACTED', async () => {
    const LOG = `mutation($id: ID!, $reached: Boolean!) { logFollowUpContact(id: $id, channel: PHONE, reached: $reached, note: "called") { status contactedAt } }`;
    expect((await app.ok(LOG, { id: caseOf.get('r1'), reached: false }, Role.STRATEGIST)).logFollowUpContact).toMatchObject({ status: 'OPEN', contactedAt: null });
    expect((await app.ok(LOG, { id: caseOf.get('r1'), reached: true }, Role.STRATEGIST)).logFollowUpContact.status).toBe('CONTACTED');
    const { followUpCase } = await app.ok(CASE, { id: caseOf.get('r1') }, Role.STRATEGIST);
    expect(followUpCase.contacts).toEqual([
      { by: 'STRATEGIST', channel: 'PHONE', reached: false, note: 'called' },
      { by: 'STRATEGIST', channel: 'PHONE', reached: true, note: 'called' },
    ]);
    expect(followUpCase.contactDetails).toEqual({ name: 'Jens Hansen', email: 'jens@example.dk', phone: '+45 12 34 56 78' });
    expect((await app.ok(CASE, { id: caseOf.get('r2') })).followUpCase.contactDetails).toBeNull();
  });

  it('closes cases with an outcome and a reason, all or none; a closed case shows no due and is not overdue', async () => {
    const CLOSE = `mutation($ids: [ID!]!, $o: FollowUpOutcome!, $r: String!) { closeFollowUpCases(ids: $ids, outcome: $o, reason: $r) { id status outcome outcomeReason isClosed overdue } }`;
    const resolved = await app.ok(CLOSE, { ids: [caseOf.get('r1')], o: 'RESOLVED', r: 'Refund agreed' }, Role.STRATEGIST);
    expect(resolved.closeFollowUpCases[0]).toMatchObject({ status: 'RESOLVED', outcome: 'RESOLVED', outcomeReason: 'Refund agreed', isClosed: true });
    // r1 is closed now: the batch is refused and r3 stays open.
    const refused = await app.gql(CLOSE, { ids: [caseOf.get('r3'), caseOf.get('r1')], o: 'NOT_REACHED', r: 'Three calls' }, Role.STRATEGIST);
    expect(codes(refused)).toEqual(['CONFLICT']);
    expect((await app.ok(CASE, { id: caseOf.get('r3') })).followUpCase.status).toBe('OPEN');
    const bulk = await app.ok(CLOSE, { ids: [caseOf.get('r3'), caseOf.get('r4')], o: 'NOT_REACHED', r: 'Three calls, no answer' }, Role.STRATEGIST);
    expect(bulk.closeFollowUpCases.map((c: { status: string; overdue: boolean }) => [c.status, c.overdue])).toEqual([['CLOSED_NO_ACTION', false], ['CLOSED_NO_ACTION', false]]);
    const empty = await app.gql(CLOSE, { ids: [caseOf.get('r2')], o: 'REACHED', r: '' }, Role.STRATEGIST);
    expect(codes(empty)).toEqual(['BAD_USER_INPUT']);
  });

  it('reports the loop per person: time to first contact and the share closed within the SLA', async () => {
    const { followUpLoopMetrics } = await app.ok(`{ followUpLoopMetrics(by: PERSON) { scope person { name } cases contacted closedWithinSla { n count } medianHoursToContact } }`);
    const strategist = followUpLoopMetrics.find((m: { person: { name: string } | null }) => m.person?.name === 'STRATEGIST');
    // r1: answered a day ago, reached and resolved now, within its 7 days.
    expect(strategist).toMatchObject({ scope: 'PERSON', cases: 1, contacted: 1, closedWithinSla: { n: 1, count: 1 } });
    expect(strategist.medianHoursToContact).toBeCloseTo(24, 0);
    const kim = followUpLoopMetrics.find((m: { person: { name: string } | null }) => m.person?.name === 'Kim Colleague');
    // r2 (open, not yet due) and r3 (closed 3 days after its due date).
    expect(kim).toMatchObject({ cases: 2, closedWithinSla: { n: 1, count: 0 } });
    expect(followUpLoopMetrics.at(-1)).toMatchObject({ scope: 'ALL', cases: 4 });
  });

  it("charts the loop per person and month for the department's people, never for executives or another department", async () => {
    const TREND = `{ followUpLoopTrend(months: 2) { person { name } months { month assigned contacted contactedOnTime resolved overdue medianHoursToContact } } }`;
    type Month = { month: string; assigned: number; contacted: number; contactedOnTime: number; resolved: number; overdue: number; medianHoursToContact: number | null };
    const { followUpLoopTrend } = await app.ok(TREND, {}, Role.STRATEGIST);
    const sum = (name: string | null, key: keyof Omit<Month, 'month' | 'medianHoursToContact'>) =>
      followUpLoopTrend.find((p: { person: { name: string } | null }) => (p.person?.name ?? null) === name).months.reduce((n: number, m: Month) => n + m[key], 0);
    // Every row has both months, oldest first.
    for (const p of followUpLoopTrend) expect(p.months.map((m: Month) => m.month)).toEqual([...p.months.map((m: Month) => m.month)].sort());
    expect(followUpLoopTrend.map((p: { person: { name: string } | null }) => p.person?.name ?? null)).toEqual(['Kim Colleague', 'STRATEGIST', null]);
    // r1: the strategist's, reached and resolved within the SLA.
    expect(['assigned', 'contacted', 'contactedOnTime', 'resolved', 'overdue'].map((k) => sum('STRATEGIST', k as 'assigned'))).toEqual([1, 1, 1, 1, 0]);
    // r2 (open, not yet due) and r3 (closed unreached after its due date): neither contacted nor overdue now.
    expect(['assigned', 'contacted', 'resolved', 'overdue'].map((k) => sum('Kim Colleague', k as 'assigned'))).toEqual([2, 0, 0, 0]);
    expect(sum(null, 'assigned')).toBe(1);
    expect(codes(await app.gql(TREND, {}, Role.EXECUTIVE))).toEqual(['FORBIDDEN']);
    await strategistIn(otherDept);
    expect((await app.ok(TREND, {}, Role.STRATEGIST)).followUpLoopTrend).toEqual([]);
    await strategistIn(dept);
    expect(codes(await app.gql(`{ followUpLoopTrend(months: 25) { months { month } } }`, {}, Role.STRATEGIST))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses executives every follow-up mutation and the contact details', async () => {
    for (const operation of [
      `mutation($id: ID!) { takeFollowUpCase(id: $id) { id } }`,
      `mutation($id: ID!) { assignFollowUpCases(ids: [$id], assigneeId: null) { id } }`,
      `mutation($id: ID!) { closeFollowUpCases(ids: [$id], outcome: REACHED, reason: "x") { id } }`,
      `mutation($id: ID!) { logFollowUpContact(id: $id, channel: EMAIL, reached: true) { id } }`,
      `query($id: ID!) { followUpCase(id: $id) { contactDetails { phone } } }`,
    ]) {
      expect(codes(await app.gql(operation, { id: caseOf.get('r2') }, Role.EXECUTIVE))).toEqual(['FORBIDDEN']);
    }
  });
});
