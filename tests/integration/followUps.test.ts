import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { timestampParam } from '../../analytics/queries/followUps/time.js';
import { AlertRule } from '../../server/modules/alerts/alert.entity.js';
import { FollowUpCase, FollowUpKind } from '../../server/modules/follow-ups/follow-up.entity.js';
import { openFollowUpCases } from '../../server/modules/follow-ups/follow-up.opener.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { createUser } from '../../server/modules/users/user.service.js';
import { makeJourney } from '../support/factories.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Whole seconds, so times survive the round trip through Postgres and DuckDB unchanged. */
const T = Math.floor(Date.now() / 1000) * 1000;
const at = (offset: number) => new Date(T + offset);

let app: TestApp;
let deptA: string;
let deptB: string;
let service: string;
let tpA: string[];
let tpB: string;
const caseOf = new Map<string, string>();

/** The answers of the fixture: response id → [customer, touchpoint (null = relationship, or a code), ltr, time offset, comment]. */
function answers(): [string, string, string | null, number, number, string | null][] {
  return [
    ['r1', 'c1', tpA[0]!, 2, -1 * HOUR, 'The app crashed when I tried to change my address'],
    ['r2', 'c2', tpA[0]!, 10, -2 * HOUR, 'Quick and easy'],
    ['r3', 'c3', tpA[0]!, 8, -3 * HOUR, null],
    ['r4', 'c2', tpA[0]!, 5, -6 * DAY, null],
    ['r5', 'c3', tpA[1]!, 0, -10 * DAY, 'Nobody called back'],
    ['r6', 'c4', tpB, 3, -1 * DAY, null],
    ['r7', 'c4', tpB, 9, -20 * DAY, null],
    ['r8', 'c1', null, 4, -36 * HOUR, 'Too expensive for what I get'],
    ['r9', 'c5', 'TP_GONE', 1, -20 * HOUR, null],
    ['r10', 'c1', tpA[1]!, 7, -40 * DAY, null],
    ['r11', 'c1', null, 6, -100 * DAY, null],
  ];
}

/** The cached test caller of `role` works in `departmentId` (testApp's callers have none). */
async function inDepartment(role: Role, departmentId: string | null) {
  const caller = await app.callerFor(role);
  caller.departmentId = departmentId;
}

const rules = () => app.orm.em.fork().find(AlertRule, {});

beforeAll(async () => {
  app = await makeTestApp();
  const a = await makeJourney(app, { phases: 1, touchpointsPerPhase: 2, name: 'Journey A' });
  const b = await makeJourney(app, { phases: 1, touchpointsPerPhase: 1, name: 'Journey B' });
  deptA = a.departmentId;
  deptB = b.departmentId;
  ({ createDepartment: { id: service } } = await app.ok(`mutation { createDepartment(input: { name: "Customer Service" }) { id } }`));
  await app.ok(`mutation { p1: createPersona(input: { name: "Persona one", code: "P1" }) { id } p2: createPersona(input: { name: "Persona two", code: "P2" }) { id } }`);
  const codesOf = async (journeyId: string) =>
    (await app.ok(`query($id: ID!) { journey(id: $id) { phases { touchpoints { code } } } }`, { id: journeyId })).journey.phases[0].touchpoints.map((t: any) => t.code);
  tpA = await codesOf(a.journeyId);
  [tpB] = await codesOf(b.journeyId);

  const store = app.analytics.store;
  const customers: [string, string, string | null][] = [['c1', 'P1', 'U1'], ['c2', 'P2', 'U2'], ['c3', 'P1', 'U1'], ['c4', 'P2', null], ['c5', 'P1', 'U1']];
  for (const [id, persona, unit] of customers) {
    // c3 churned after the answer of r5 (10 days ago), nobody having called.
    const churned = id === 'c3' ? new Date(T - DAY).toISOString().slice(0, 10) : null;
    await store.run(`INSERT INTO customers VALUES ($id, $persona, $unit, DATE '2023-03-15', $churned::DATE, 1500)`, { id, persona, unit, churned });
    // c1 is worth 12,000 a year (1,000 margin a month); the others 1,200.
    for (let m = 0; m < 12; m++) {
      const month = new Date(Date.UTC(new Date(T).getUTCFullYear(), new Date(T).getUTCMonth() - m, 1)).toISOString().slice(0, 10);
      await store.run(`INSERT INTO profitability VALUES ($id, $month::DATE, $revenue, 500)`, { id, month, revenue: id === 'c1' ? 1500 : 600 });
    }
  }
  for (const [id, customer, code, ltr, offset, comment] of answers()) {
    await store.run(
      `INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr, satisfaction, comment) VALUES ($id, $customer, $code, $at::TIMESTAMP, $ltr, 2, $comment)`,
      { id, customer, code, at: timestampParam(at(offset)), ltr, comment },
    );
  }
  const em = app.orm.em.fork();
  em.create(AlertRule, { name: 'Default', slaDays: 2, thankPromoters: false });
  await em.flush();
});
afterAll(async () => app?.close());

async function loadCases() {
  const all = await app.orm.em.fork().find(FollowUpCase, {}, { populate: ['department'] });
  for (const c of all) caseOf.set(c.responseId, c.id);
  return new Map(all.map((c) => [c.responseId, c]));
}

describe('opening follow-up cases', () => {
  it('opens exactly one case per detractor answer, however often it runs and however the windows overlap', async () => {
    const em = app.orm.em.fork();
    const earlier = await openFollowUpCases(em, app.analytics.store, await rules(), { now: at(-5 * DAY) });
    expect(earlier).toMatchObject({ candidates: 2, opened: 2, existing: 0 }); // r4, r5: r7 is a promoter and 20 days old
    const now = await openFollowUpCases(em, app.analytics.store, await rules(), { now: at(0) });
    expect(now).toMatchObject({ candidates: 6, opened: 4, existing: 2, withoutDepartment: 1 });
    const again = await openFollowUpCases(em, app.analytics.store, await rules(), { now: at(0) });
    expect(again).toMatchObject({ candidates: 6, opened: 0, existing: 6 });
    const wide = await openFollowUpCases(em, app.analytics.store, await rules(), { now: at(0), since: at(-365 * DAY) });
    expect(wide.opened).toBe(1); // r11 (a detractor 100 days ago) and nothing else new
    const cases = await loadCases();
    expect([...cases.keys()].sort()).toEqual(['r1', 'r11', 'r4', 'r5', 'r6', 'r8', 'r9']);
    const [{ n, distinct }] = await em.getConnection().execute(`select count(*)::int as n, count(distinct response_id)::int as distinct from follow_up_case`);
    expect(n).toBe(distinct);
  });

  it('survives a concurrent second run (the unique responseId, not the pre-check, is the guarantee)', async () => {
    await app.orm.em.fork().nativeDelete(FollowUpCase, { responseId: 'r11' });
    const runs = await Promise.all([0, 1, 2].map(() => openFollowUpCases(app.orm.em.fork(), app.analytics.store, [], { now: at(0), since: at(-365 * DAY) })));
    expect(runs.reduce((sum, r) => sum + r.opened, 0)).toBe(1);
    await app.orm.em.fork().nativeDelete(FollowUpCase, { responseId: 'r11' });
  });

  it("routes a case to the touchpoint's department, relationship answers to Customer Service, unknown touchpoints to nobody (ADMIN only)", async () => {
    const cases = await loadCases();
    expect(cases.get('r1')!.department?.id).toBe(deptA);
    expect(cases.get('r5')!.department?.id).toBe(deptA);
    expect(cases.get('r6')!.department?.id).toBe(deptB);
    expect(cases.get('r8')!.department?.id).toBe(service);
    expect(cases.get('r9')!.department ?? null).toBeNull();
    expect(cases.get('r1')).toMatchObject({ kind: FollowUpKind.RECOVER, ltr: 2, customerId: 'c1', personaCode: 'P1', unitCode: 'U1', customerValue: 12_000 });
  });

  it("sets the due date on the customer's clock (answer + the opening rule's SLA), also for answers that arrive late", async () => {
    const cases = await loadCases();
    expect(cases.get('r1')!.dueAt.getTime()).toBe(T - HOUR + 2 * DAY); // fresh answer
    expect(cases.get('r4')!.dueAt.getTime()).toBe(T - 6 * DAY + 2 * DAY); // 1 day old when its case opened at T-5d
    expect(cases.get('r5')!.dueAt.getTime()).toBe(T - 10 * DAY + 2 * DAY); // 5 days old at opening: overdue on arrival
    expect(cases.get('r8')!.dueAt.getTime()).toBe(T - 36 * HOUR + 2 * DAY);
    expect(cases.get('r5')).toMatchObject({ slaDays: 2, slaRule: 'Default' });
  });

  it('opens THANK cases for promoters only when an enabled rule asks for them', async () => {
    const em = app.orm.em.fork();
    await em.nativeUpdate(AlertRule, {}, { thankPromoters: true });
    const run = await openFollowUpCases(em, app.analytics.store, await rules(), { now: at(0) });
    expect(run.opened).toBe(1);
    const cases = await loadCases();
    expect(cases.get('r2')).toMatchObject({ kind: FollowUpKind.THANK, ltr: 10 });
    await em.nativeUpdate(AlertRule, {}, { enabled: false });
    expect(await openFollowUpCases(em, app.analytics.store, await rules(), { now: at(0) })).toMatchObject({ candidates: 6 }); // detractors only: no enabled rule asks for promoters
    await em.nativeUpdate(AlertRule, {}, { enabled: true });
  });
});

const QUEUE = `query($f: FollowUpFilter, $first: Int, $after: String) {
  followUpCases(filter: $f, first: $first, after: $after) { totalCount items { id responseId dueAt overdue status kind } pageInfo { endCursor hasNextPage } }
}`;

describe('the queue through GraphQL', () => {
  const ids = async (filter: Record<string, unknown>, role = Role.ADMIN) =>
    ((await app.ok(QUEUE, { f: filter }, role)).followUpCases.items as { responseId: string }[]).map((c) => c.responseId).sort();

  it('lists cases earliest due first and filters by department, kind, status, overdue, persona and value', async () => {
    const { followUpCases } = await app.ok(QUEUE, {});
    expect(followUpCases.totalCount).toBe(7);
    const due = followUpCases.items.map((c: any) => Date.parse(c.dueAt));
    expect(due).toEqual([...due].sort((x, y) => x - y));
    expect(await ids({ departmentId: deptA })).toEqual(['r1', 'r2', 'r4', 'r5']);
    expect(await ids({ departmentId: deptA, kind: 'RECOVER' })).toEqual(['r1', 'r4', 'r5']);
    expect(await ids({ overdue: true })).toEqual(['r4', 'r5']);
    expect(await ids({ overdue: false })).toEqual(['r1', 'r2', 'r6', 'r8', 'r9']);
    expect(await ids({ status: ['OPEN'] })).toHaveLength(7);
    expect(await ids({ status: ['CONTACTED', 'RESOLVED'] })).toEqual([]);
    expect(await ids({ personaCode: 'P2' })).toEqual(['r2', 'r4', 'r6']);
    expect(await ids({ minValue: 5000 })).toEqual(['r1', 'r8']);
    expect(await ids({ touchpointCode: tpB })).toEqual(['r6']);
  });

  it('pages with a cursor without gaps or repeats, and refuses a cursor it did not make', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const { followUpCases }: any = await app.ok(QUEUE, { first: 3, after });
      seen.push(...followUpCases.items.map((c: any) => c.responseId));
      after = followUpCases.pageInfo.endCursor;
      if (!followUpCases.pageInfo.hasNextPage) break;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const bad = await app.gql(QUEUE, { after: 'not-a-cursor' });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
  });

  it('counts by status, department and overdue for dashboards', async () => {
    const { followUpCounts } = await app.ok(`{ followUpCounts { total open overdue byStatus { status count } byDepartment { department { id name } total open overdue } } }`);
    expect(followUpCounts).toMatchObject({ total: 7, open: 7, overdue: 2 });
    expect(followUpCounts.byStatus).toContainEqual({ status: 'OPEN', count: 7 });
    const byDept = Object.fromEntries(followUpCounts.byDepartment.map((d: any) => [d.department?.id ?? 'none', [d.total, d.overdue]]));
    expect(byDept).toEqual({ [deptA]: [4, 2], [deptB]: [1, 0], [service]: [1, 0], none: [1, 0] });
    const { followUpCounts: filtered } = await app.ok(`{ followUpCounts(filter: { kind: THANK }) { total byDepartment { total } } }`);
    expect(filtered).toEqual({ total: 1, byDepartment: [{ total: 1 }] });
  });

  it('shows the answer, the customer, their value and earlier answers, in one DuckDB query per kind of detail', async () => {
    const detail = `query($id: ID!) { followUpCase(id: $id) {
      customerId ltr touchpointCode touchpoint { name } department { name } persona { name }
      answer { ltr satisfaction comment touchpointName }
      customer { personaCode personaName unitCode tenureMonths annualMargin acquiredAt churnedAt }
      earlierAnswers { responseId ltr touchpointName }
    } }`;
    const { followUpCase } = await app.ok(detail, { id: caseOf.get('r1') }, Role.ADMIN);
    expect(followUpCase).toMatchObject({
      customerId: 'c1',
      ltr: 2,
      touchpoint: { name: 'Touchpoint 0.0' },
      department: { name: expect.stringMatching(/^Dept /) },
      persona: { name: 'Persona one' },
      answer: { ltr: 2, satisfaction: 2, comment: 'The app crashed when I tried to change my address', touchpointName: 'Touchpoint 0.0' },
      customer: { personaCode: 'P1', personaName: 'Persona one', unitCode: 'U1', annualMargin: 12_000, acquiredAt: '2023-03-15', churnedAt: null },
    });
    expect(followUpCase.customer.tenureMonths).toBeGreaterThanOrEqual(30);
    expect(followUpCase.earlierAnswers.map((a: any) => a.responseId)).toEqual(['r8', 'r10', 'r11']);

    const spy = vi.spyOn(app.analytics.store, 'all');
    const { followUpCases } = await app.ok(
      `{ followUpCases(first: 50) { items { answer { comment } customer { annualMargin } earlierAnswers(limit: 2) { ltr } } } }`,
      {},
      Role.ADMIN,
    );
    expect(followUpCases.items).toHaveLength(7);
    expect(spy).toHaveBeenCalledTimes(3);
    spy.mockRestore();
  });
});

describe('working a case', () => {
  const SET = `mutation($id: ID!, $s: FollowUpStatus!, $note: String) { setFollowUpStatus(id: $id, status: $s, note: $note) { status contactedAt resolvedAt allowedNextStatuses notes { author text } } }`;

  it('moves OPEN → CONTACTED → RESOLVED with timestamps and notes, and refuses moves that make no sense, naming the allowed ones', async () => {
    const id = caseOf.get('r1');
    const skip = await app.gql(SET, { id, s: 'RESOLVED' });
    expect(skip.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_STATUS_TRANSITION', from: 'OPEN', to: 'RESOLVED', allowed: ['CONTACTED', 'CLOSED_NO_ACTION'] });
    expect(skip.errors![0]!.message).toBe(`Follow-up case ${id} is OPEN; it can move to CONTACTED or CLOSED_NO_ACTION, not RESOLVED.`);

    const { setFollowUpStatus: contacted } = await app.ok(SET, { id, s: 'CONTACTED', note: 'Called; app fix promised for Friday' }, Role.ADMIN);
    expect(contacted).toMatchObject({ status: 'CONTACTED', resolvedAt: null, allowedNextStatuses: ['RESOLVED', 'CLOSED_NO_ACTION'] });
    expect(contacted.notes).toEqual([{ author: 'ADMIN', text: 'Called; app fix promised for Friday' }]);
    expect(Date.parse(contacted.contactedAt)).toBeGreaterThanOrEqual(T);

    const twice = await app.gql(SET, { id, s: 'CONTACTED' });
    expect(twice.errors![0]!.message).toBe(`Follow-up case ${id} is already CONTACTED. It can move on to RESOLVED or CLOSED_NO_ACTION.`);

    const { setFollowUpStatus: resolved } = await app.ok(SET, { id, s: 'RESOLVED' });
    expect(resolved).toMatchObject({ status: 'RESOLVED', allowedNextStatuses: [] });
    expect(resolved.resolvedAt).not.toBeNull();
    const reopen = await app.gql(SET, { id, s: 'OPEN' });
    expect(reopen.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', allowed: [] });
    expect(reopen.errors![0]!.message).toContain('is RESOLVED and closed');

    const { addFollowUpNote } = await app.ok(`mutation($id: ID!) { addFollowUpNote(id: $id, text: "Customer happy again") { notes { text } } }`, { id });
    expect(addFollowUpNote.notes.map((n: any) => n.text)).toEqual(['Called; app fix promised for Friday', 'Customer happy again']);
    await app.ok(SET, { id: caseOf.get('r8'), s: 'CLOSED_NO_ACTION' });
  });

  it("assigns users of the case's department only, and hands a case to another department", async () => {
    const em = app.orm.em.fork();
    const { user: inA } = await createUser(em, { email: 'anna@a.test', name: 'Anna A', role: Role.STRATEGIST, departmentId: deptA });
    const { user: inB } = await createUser(em, { email: 'bo@b.test', name: 'Bo B', role: Role.ANALYST, departmentId: deptB });
    const { user: exec } = await createUser(em, { email: 'eve@a.test', name: 'Eve', role: Role.EXECUTIVE, departmentId: deptA });
    const ASSIGN = `mutation($id: ID!, $a: ID, $d: ID) { assignFollowUpCase(id: $id, assigneeId: $a, departmentId: $d) { department { id } assignee { name department { name } } } }`;
    const { assignFollowUpCase } = await app.ok(ASSIGN, { id: caseOf.get('r4'), a: inA.id });
    expect(assignFollowUpCase.assignee.name).toBe('Anna A');
    expect((await app.gql(ASSIGN, { id: caseOf.get('r4'), a: inB.id })).errors![0]!.extensions).toMatchObject({ reason: 'ASSIGNEE_DEPARTMENT' });
    expect((await app.gql(ASSIGN, { id: caseOf.get('r4'), a: exec.id })).errors![0]!.extensions).toMatchObject({ reason: 'ASSIGNEE_ROLE' });
    expect((await app.ok(QUEUE, { f: { assigneeId: inA.id } })).followUpCases.totalCount).toBe(1);
    expect((await app.ok(QUEUE, { f: { unassigned: true } })).followUpCases.totalCount).toBe(6);
    const handed = await app.ok(ASSIGN, { id: caseOf.get('r9'), d: deptB, a: inB.id });
    expect(handed.assignFollowUpCase).toMatchObject({ department: { id: deptB }, assignee: { name: 'Bo B' } });
  });
});

describe('who sees which cases', () => {
  afterAll(async () => {
    await inDepartment(Role.STRATEGIST, null);
    await inDepartment(Role.ANALYST, null);
  });

  it("scopes non-ADMIN users to their department's cases in the SQL WHERE; other cases are NOT_FOUND", async () => {
    await inDepartment(Role.STRATEGIST, deptB);
    const mine = await app.ok(QUEUE, {}, Role.STRATEGIST);
    expect(mine.followUpCases.items.map((c: any) => c.responseId).sort()).toEqual(['r6', 'r9']);
    const query = app.sql.filter((s) => s.includes('from "follow_up_case"') && s.includes('limit')).at(-1)!;
    expect(query).toMatch(/where "f0"\."department_id" = \$1 order by/);
    expect((await app.ok(QUEUE, { f: { departmentId: deptA } }, Role.STRATEGIST)).followUpCases.totalCount).toBe(0);
    expect((await app.ok(`{ followUpCounts { total } }`, {}, Role.STRATEGIST)).followUpCounts.total).toBe(2);

    const other = caseOf.get('r5');
    for (const operation of [
      `query($id: ID!) { followUpCase(id: $id) { customerId } }`,
      `mutation($id: ID!) { setFollowUpStatus(id: $id, status: CONTACTED) { status } }`,
      `mutation($id: ID!) { addFollowUpNote(id: $id, text: "x") { id } }`,
      `mutation($id: ID!) { assignFollowUpCase(id: $id, assigneeId: null) { id } }`,
    ]) {
      const result = await app.gql(operation, { id: other }, Role.STRATEGIST);
      expect(result.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'FOLLOW_UP_CASE_NOT_FOUND' });
      expect(result.data).toBeNull();
    }
    const [unchanged] = await app.orm.em.fork().find(FollowUpCase, { responseId: 'r5' });
    expect(unchanged!.status).toBe('OPEN');
  });

  it('shows a user without a department no cases, and an EXECUTIVE none at all (FORBIDDEN)', async () => {
    await inDepartment(Role.ANALYST, null);
    expect((await app.ok(QUEUE, {}, Role.ANALYST)).followUpCases).toMatchObject({ totalCount: 0, items: [] });
    expect((await app.ok(`{ followUpCounts { total } }`, {}, Role.ANALYST)).followUpCounts.total).toBe(0);
    for (const operation of [QUEUE, `{ followUpCounts { total } }`, `query($id: ID!) { followUpCase(id: $id) { id } }`]) {
      const result = await app.gql(operation, { id: caseOf.get('r1') }, Role.EXECUTIVE);
      expect(codes(result)).toEqual(['FORBIDDEN']);
      expect(result.data).toBeNull();
    }
  });

  it("writes a READ_CUSTOMER audit row for every read of a case's customer data, and none for the work fields", async () => {
    const audits = async () =>
      app.orm.em.fork().getConnection().execute<{ customer_id: string; detail: { caseIds: string[] }; user_id: string }[]>(
        `select customer_id, detail, user_id from audit_event where action = 'READ_CUSTOMER' and detail->>'via' = 'followUpCase' order by id`,
      );
    const before = (await audits()).length;
    await app.ok(`query($id: ID!) { followUpCase(id: $id) { status dueAt overdue department { name } } }`, { id: caseOf.get('r6') });
    expect(await audits()).toHaveLength(before);

    await inDepartment(Role.STRATEGIST, deptB);
    await app.ok(`query($id: ID!) { followUpCase(id: $id) { customerId ltr answer { comment } customer { annualMargin } } }`, { id: caseOf.get('r6') }, Role.STRATEGIST);
    const after = await audits();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ customer_id: 'c4', user_id: (await app.callerFor(Role.STRATEGIST)).id, detail: { caseIds: [caseOf.get('r6')] } });

    await app.ok(`{ followUpCases { items { customerId } } }`);
    const page = (await audits()).slice(after.length);
    expect(page.map((a) => a.customer_id).sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']); // one row per customer, c1 with two cases
    expect(page.find((a) => a.customer_id === 'c1')!.detail.caseIds).toHaveLength(2);
  });
});

describe('loop metrics', () => {
  it('reports contact within SLA, time to contact and churn of won-back vs not-contacted customers, honest about small n', async () => {
    const { followUpLoopMetrics } = await app.ok(
      `{ followUpLoopMetrics { scope department { id } cases contacted medianHoursToContact
          contactedWithinSla { n count share } churn { lowSample conclusion recovered { n count } notContacted { n count } test { pValue } } } }`,
      {},
      Role.EXECUTIVE,
    );
    const a = followUpLoopMetrics.find((m: any) => m.department?.id === deptA);
    // RECOVER cases of A: r1 (contacted, resolved), r4 and r5 (open past due).
    expect(a).toMatchObject({ scope: 'DEPARTMENT', cases: 3, contacted: 1, contactedWithinSla: { n: 3, count: 1 } });
    expect(a.medianHoursToContact).toBeGreaterThan(0.9);
    expect(a.churn).toMatchObject({ lowSample: true, recovered: { n: 1, count: 0 }, notContacted: { n: 2, count: 1 } });
    expect(a.churn.conclusion).toBe('Too few customers to tell: 1 won back and 2 not contacted (at least 30 in each group are needed).');
    const all = followUpLoopMetrics.at(-1);
    expect(all).toMatchObject({ scope: 'ALL', department: null, cases: 6 });
    // r8 was closed without contact: Customer Service has one not-contacted customer.
    expect(followUpLoopMetrics.find((m: any) => m.department?.id === service).churn.notContacted.n).toBe(1);
  });
});
