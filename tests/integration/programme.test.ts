import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credential } from '../../server/modules/users/user.entity.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { makeJourney } from '../support/factories.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
beforeAll(async () => {
  app = await makeTestApp();
});
afterAll(async () => app?.close());

const CREATE_MANY = `mutation($p: ID!, $inputs: [TouchpointInput!]!) { createTouchpoints(phaseId: $p, inputs: $inputs) { id name code position } }`;
const tp = (name: string, code?: string) => ({ name, code, channel: 'WEB', online: true, direct: true });

describe('createTouchpoints (a pasted list of names)', () => {
  it('appends every touchpoint in the order given, after the existing ones', async () => {
    const { phaseIds } = await makeJourney(app, { phases: 1, touchpointsPerPhase: 1 });
    const { createTouchpoints } = await app.ok(CREATE_MANY, { p: phaseIds[0], inputs: [tp('Find a shop', 'PASTE_SHOP'), tp('Pay', 'PASTE_PAY'), tp('No code yet')] }, Role.STRATEGIST);
    expect(createTouchpoints.map((t: { name: string; position: number }) => [t.name, t.position])).toEqual([
      ['Find a shop', 1],
      ['Pay', 2],
      ['No code yet', 3],
    ]);
    expect(createTouchpoints[2].code).toBeNull();
  });

  it('refuses a code given twice in the list, naming the row, and creates nothing', async () => {
    const { phaseIds, journeyId } = await makeJourney(app, { phases: 1, touchpointsPerPhase: 0 });
    const result = await app.gql(CREATE_MANY, { p: phaseIds[0], inputs: [tp('A', 'TWICE'), tp('B', 'OTHER'), tp('C', 'twice')] });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.field).toBe('inputs.2.code');
    expect(result.errors?.[0]?.message).toContain('touchpoints 1 and 3');
    const { journey } = await app.ok(`query($id: ID!) { journey(id: $id) { counts { touchpoints } } }`, { id: journeyId });
    expect(journey.counts.touchpoints).toBe(0);
  });

  it('refuses a code another touchpoint already has (CONFLICT on that row)', async () => {
    const { phaseIds } = await makeJourney(app, { phases: 1, touchpointsPerPhase: 0 });
    await app.ok(CREATE_MANY, { p: phaseIds[0], inputs: [tp('Taken', 'TAKEN_CODE')] });
    const result = await app.gql(CREATE_MANY, { p: phaseIds[0], inputs: [tp('Fine', 'FREE_CODE'), tp('Clash', 'TAKEN_CODE')] });
    expect(codes(result)).toEqual(['CONFLICT']);
    expect(result.errors?.[0]?.extensions?.field).toBe('inputs.1.code');
  });

  it('refuses a row without channel, naming the row', async () => {
    const { phaseIds } = await makeJourney(app, { phases: 1, touchpointsPerPhase: 0 });
    const result = await app.gql(CREATE_MANY, { p: phaseIds[0], inputs: [tp('Fine'), { name: 'No channel', online: true, direct: true }] });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.field).toBe('inputs.1.channel');
  });
});

describe('units', () => {
  it('adds, renames and deletes a unit without customers', async () => {
    await app.ok(`mutation { saveUnit(input: { code: "CPH", name: "Copenhagen" }) { code } }`, {}, Role.STRATEGIST);
    await app.ok(`mutation { saveUnit(input: { code: "CPH", name: "København" }) { code } }`, {}, Role.STRATEGIST);
    const { unitList } = await app.ok(`{ unitList { code name customers } }`, {}, Role.EXECUTIVE);
    expect(unitList).toEqual([{ code: 'CPH', name: 'København', customers: 0 }]);
    await app.ok(`mutation { deleteUnit(code: "CPH") }`);
    expect((await app.ok(`{ unitList { code } }`)).unitList).toEqual([]);
  });

  it('refuses to delete a unit customers belong to (CONFLICT), and a bad code on the code field', async () => {
    await app.ok(`mutation { saveUnit(input: { code: "AAR", name: "Aarhus" }) { code } }`);
    await app.analytics.store.run(`INSERT INTO customers (customer_id, persona_code, unit_code, acquired_at, acquisition_cost) VALUES ('c-unit-1', 'P1', 'AAR', DATE '2024-01-01', 10)`);
    const refused = await app.gql(`mutation { deleteUnit(code: "AAR") }`);
    expect(codes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors?.[0]?.message).toContain('1 customers');
    const bad = await app.gql(`mutation { saveUnit(input: { code: "has space", name: "X" }) { code } }`);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(bad.errors?.[0]?.extensions)).toContain('"field":"code"');
  });
});

describe('persona code check', () => {
  it('counts the customers whose data carries the code, exactly', async () => {
    await app.analytics.store.run(
      `INSERT INTO customers (customer_id, persona_code, unit_code, acquired_at, acquisition_cost) VALUES ('c-p-1', 'SAVER', NULL, DATE '2024-01-01', 1), ('c-p-2', 'SAVER', NULL, DATE '2024-01-01', 1), ('c-p-3', 'saver', NULL, DATE '2024-01-01', 1)`,
    );
    expect((await app.ok(`{ personaCodeCustomers(code: "SAVER") }`, {}, Role.STRATEGIST)).personaCodeCustomers).toBe(2);
    expect((await app.ok(`{ personaCodeCustomers(code: "NOPE") }`, {}, Role.STRATEGIST)).personaCodeCustomers).toBe(0);
  });
});

describe('alert rule preview', () => {
  it('explains the test in words and stores nothing', async () => {
    const { alertRulePreview } = await app.ok(`{ alertRulePreview(input: { windowDays: 14, baselineDays: 90, multipleComparisons: NONE }) { explanation tests scopes criticalZ wouldRaise { scopeName } recentFrom recentTo baselineTo } }`);
    expect(alertRulePreview.explanation).toContain("a touchpoint's NPS");
    expect(alertRulePreview.explanation).toContain('over the last 14 days is significantly below its previous 90 days');
    expect(alertRulePreview.explanation).toContain('tested on its own at 5%');
    expect(alertRulePreview.criticalZ).toBe(1.96);
    expect(alertRulePreview.wouldRaise).toEqual([]);
    const day = (s: string) => Date.parse(`${s}T00:00:00Z`);
    expect((day(alertRulePreview.recentTo) - day(alertRulePreview.recentFrom)) / 86_400_000).toBe(13);
    expect((day(alertRulePreview.recentFrom) - day(alertRulePreview.baselineTo)) / 86_400_000).toBe(1);
    expect((await app.ok(`{ alertRules { id } }`)).alertRules).toEqual([]);
  });
});

describe('accounts', () => {
  it('lists the last sign-in of each user and signs a user out everywhere', async () => {
    const caller = await app.callerFor(Role.ANALYST);
    const em = app.orm.em.fork();
    const at = new Date('2025-03-04T05:06:07Z');
    em.create(Credential, { user: caller.id, kind: 'SESSION', secretHash: `h-${Date.now()}-a`, createdAt: at, updatedAt: at });
    em.create(Credential, { user: caller.id, kind: 'SESSION', secretHash: `h-${Date.now()}-b`, createdAt: new Date('2025-01-01T00:00:00Z'), updatedAt: at });
    await em.flush();
    const { users } = await app.ok(`{ users { email lastSignInAt } }`);
    expect(users.find((u: { email: string }) => u.email === caller.email).lastSignInAt).toBe(at.toISOString());

    const { signOutEverywhere } = await app.ok(`mutation { signOutEverywhere }`, {}, Role.ANALYST);
    expect(signOutEverywhere).toBe(2);
    expect(await app.orm.em.fork().count(Credential, { user: caller.id, kind: 'SESSION', revokedAt: null })).toBe(0);
  });
});
