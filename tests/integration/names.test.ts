/**
 * Names beside codes in results: every personaCode, touchpointCode and unitCode a result carries comes
 * with the name people know it by, from one lookup per request however many rows ask.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { timestampParam } from '../../analytics/queries/followUps/time.js';
import { AlertRule } from '../../server/modules/alerts/alert.entity.js';
import { openFollowUpCases } from '../../server/modules/follow-ups/follow-up.opener.js';
import { makeJourney } from '../support/factories.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
let tp: { code: string; name: string };

beforeAll(async () => {
  app = await makeTestApp();
  const journey = await makeJourney(app, { phases: 1, touchpointsPerPhase: 1, name: 'Claims' });
  const found = (await app.ok(`query($id: ID!) { journey(id: $id) { phases { touchpoints { code name } } } }`, { id: journey.journeyId })).journey.phases[0].touchpoints[0];
  tp = { code: found.code, name: found.name };
  await app.ok(`mutation { createPersona(input: { code: "SENIOR_SAVER", name: "Senior saver" }) { id } }`);
  await app.ok(`mutation { saveUnit(input: { code: "CPH", name: "Copenhagen branch" }) { code } }`);
  const store = app.analytics.store;
  const now = Date.now();
  for (let i = 0; i < 6; i++) {
    await store.run(`INSERT INTO customers VALUES ($id, 'SENIOR_SAVER', 'CPH', DATE '2023-01-01', NULL, 100)`, { id: `c${i}` });
    await store.run(`INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr, satisfaction, comment) VALUES ($id, $c, $tp, $at::TIMESTAMP, 2, 2, 'slow')`, {
      id: `r${i}`,
      c: `c${i}`,
      tp: tp.code,
      at: timestampParam(new Date(now - (i + 1) * 86_400_000)),
    });
  }
  // A code the model does not know (an old persona still in the data).
  await store.run(`INSERT INTO customers VALUES ('c9', 'GONE', NULL, DATE '2023-01-01', NULL, 100)`);
  await store.run(`INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr) VALUES ('r9', 'c9', NULL, $at::TIMESTAMP, 3)`, { at: timestampParam(new Date(now - 86_400_000)) });
  const em = app.orm.em.fork();
  em.create(AlertRule, { name: 'Call back', slaDays: 7, thankPromoters: false });
  await em.flush();
  await openFollowUpCases(app.orm.em.fork(), store, await app.orm.em.fork().find(AlertRule, {}), { now: new Date(now) });
});
afterAll(async () => app?.close());

describe('names beside codes', () => {
  it('metrics rows grouped by persona, unit and touchpoint carry each name', async () => {
    const { metrics } = await app.ok(`{ metrics(groupBy: [PERSONA, UNIT, TOUCHPOINT]) { key { personaCode personaName unitCode unitName touchpointCode touchpointName } } }`);
    expect(metrics).toContainEqual({ key: { personaCode: 'SENIOR_SAVER', personaName: 'Senior saver', unitCode: 'CPH', unitName: 'Copenhagen branch', touchpointCode: tp.code, touchpointName: tp.name } });
    // Not grouped by a dimension: no name either.
    const { metrics: whole } = await app.ok(`{ metrics { key { personaName touchpointName unitName } } }`);
    expect(whole[0].key).toEqual({ personaName: null, touchpointName: null, unitName: null });
  });

  it("a customer's answers and comments name the persona and unit; an unknown code gives null, not the code", async () => {
    const { responses } = await app.ok(`{ responses(first: 20, offset: 0) { items { customerId personaCode personaName unitName } } }`);
    expect(responses.items).toContainEqual({ customerId: 'c0', personaCode: 'SENIOR_SAVER', personaName: 'Senior saver', unitName: 'Copenhagen branch' });
    expect(responses.items).toContainEqual({ customerId: 'c9', personaCode: 'GONE', personaName: null, unitName: null });
    const { comments } = await app.ok(`{ comments(first: 5) { items { personaCode personaName } } }`);
    expect(comments.items[0]).toEqual({ personaCode: 'SENIOR_SAVER', personaName: 'Senior saver' });
  });

  it('follow-up cases carry persona, unit and touchpoint names and can be narrowed to one customer', async () => {
    const { followUpCases } = await app.ok(`{ followUpCases(first: 10, filter: { customerId: "c3" }) { totalCount items { customerId personaName unitName touchpointCode touchpointName } } }`);
    expect(followUpCases).toEqual({ totalCount: 1, items: [{ customerId: 'c3', personaName: 'Senior saver', unitName: 'Copenhagen branch', touchpointCode: tp.code, touchpointName: tp.name }] });
  });

  it('a filter echoed with a result names its codes in the same order', async () => {
    const { trend } = await app.ok(`query($tp: String!) { trend(metric: NPS, bucket: MONTH, filter: { personaCodes: ["SENIOR_SAVER"], unitCodes: ["CPH"], touchpointCodes: [$tp] }) { filter { personaNames touchpointNames unitNames } } }`, { tp: tp.code });
    expect(trend.filter).toEqual({ personaNames: ['Senior saver'], touchpointNames: [tp.name], unitNames: ['Copenhagen branch'] });
  });

  it('looks the names up once per request, however many rows ask', async () => {
    const all = vi.spyOn(app.deps.analytics, 'all');
    const lookups = async (first: number) => {
      all.mockClear();
      const before = app.sql.length;
      await app.ok(`query($n: Int!) { responses(first: $n, offset: 0) { items { personaName unitName } } followUpCases(first: $n) { items { personaName touchpointName } } }`, { n: first });
      return { names: all.mock.calls.filter(([sql]) => sql.includes('dim_units')).length, postgres: app.sql.length - before };
    };
    const few = await lookups(2);
    expect(few.names).toBe(1);
    expect(await lookups(7)).toEqual(few);
    all.mockRestore();
  });
});

describe('"Show codes" preference', () => {
  it('is off by default, kept per user once an analyst switches it on, and refused to an executive', async () => {
    expect((await app.ok(`{ me { showCodes } }`, {}, Role.ANALYST)).me.showCodes).toBe(false);
    expect((await app.ok(`mutation { setMyShowCodes(show: true) { showCodes } }`, {}, Role.ANALYST)).setMyShowCodes.showCodes).toBe(true);
    // A new request (a new sign-in reads the same row) still has it; another user does not.
    expect((await app.ok(`{ me { showCodes } }`, {}, Role.ANALYST)).me.showCodes).toBe(true);
    expect((await app.ok(`{ me { showCodes } }`, {}, Role.ADMIN)).me.showCodes).toBe(false);
    const refused = await app.gql(`mutation { setMyShowCodes(show: true) { showCodes } }`, {}, Role.EXECUTIVE);
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expect((await app.ok(`{ me { showCodes } }`, {}, Role.EXECUTIVE)).me.showCodes).toBe(false);
  });
});
