import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Alert, AlertRule, AlertStatus } from '../../server/modules/alerts/alert.entity.js';
import { checkAlerts } from '../../server/modules/alerts/alert.service.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { makeJourney } from '../support/factories.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

const DAY = 86_400_000;
const NOW = new Date('2026-03-31T12:00:00Z');
let app: TestApp;
let code: string;
let n = 0;

/** Writes answers with the given promoters/passives/detractors counts, spread over [fromDay, toDay] relative to NOW. */
async function answers(tp: string | null, counts: [number, number, number], fromDay: number, toDay: number, persona = 'P1') {
  const scores = [...Array(counts[0]).fill(10), ...Array(counts[1]).fill(8), ...Array(counts[2]).fill(3)];
  for (const [i, ltr] of scores.entries()) {
    const day = fromDay + ((toDay - fromDay) * i) / Math.max(1, scores.length - 1);
    const id = `a${n++}`;
    await app.analytics.store.run(`INSERT INTO customers VALUES ($c, $p, 'U1', DATE '2020-01-01', NULL, 100)`, { c: `c-${id}`, p: persona });
    await app.analytics.store.run(
      `INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr) VALUES ($id, $c, $tp, $at::TIMESTAMP, $ltr)`,
      { id, c: `c-${id}`, tp, at: new Date(NOW.getTime() + day * DAY).toISOString().replace('T', ' ').replace('Z', ''), ltr },
    );
  }
}

const active = () => app.orm.em.fork().find(Alert, { status: { $in: [AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED] } });

beforeAll(async () => {
  app = await makeTestApp();
  const journey = await makeJourney(app, { phases: 1, touchpointsPerPhase: 1 });
  code = (await app.ok(`query($id: ID!) { journey(id: $id) { phases { touchpoints { code } } } }`, { id: journey.journeyId })).journey.phases[0].touchpoints[0].code;
  await app.ok(`mutation { createPersona(input: { name: "One", code: "P1" }) { id } }`);
  const { createAlertRule } = await app.ok(
    `mutation { createAlertRule(input: { name: "Weekly", windowDays: 7, baselineDays: 28, minN: 30 }) { id scope zThreshold multipleComparisons slaDays enabled } }`,
  );
  expect(createAlertRule).toMatchObject({ scope: 'TOUCHPOINT', zThreshold: 1.96, multipleComparisons: 'BONFERRONI', slaDays: 2, enabled: true });
  // Baseline (the 28 days before the last week): NPS 30. Last week: NPS -33.
  await answers(code, [50, 30, 20], -34, -8);
  await answers(code, [10, 20, 30], -6, 0);
});
afterAll(async () => app?.close());

describe('an alert from raising to closing', () => {
  it('raises on the drop with the evidence, once', async () => {
    const [check] = await checkAlerts(app.orm.em, app.analytics.store, { now: NOW });
    expect(check!.raised).toHaveLength(1);
    const e = check!.raised[0]!.evidence as Record<string, any>;
    expect(e.recent).toMatchObject({ from: '2026-03-25', to: '2026-03-31', n: 60, promoters: 10, detractors: 30 });
    expect(e.baseline).toMatchObject({ from: '2026-02-25', to: '2026-03-24', n: 100, promoters: 50, detractors: 20 });
    expect((await checkAlerts(app.orm.em, app.analytics.store, { now: NOW }))[0]!.raised).toEqual([]);
    expect(await active()).toHaveLength(1);
  });

  it('keeps the alert while there is too little new data to tell', async () => {
    const [later] = await checkAlerts(app.orm.em, app.analytics.store, { now: new Date(NOW.getTime() + 100 * DAY) });
    expect(later).toMatchObject({ tests: 0, closed: [] });
    expect(await active()).toHaveLength(1);
  });

  it('closes the alert by itself when the dip has resolved, keeping the check that closed it', async () => {
    await answers(code, [50, 30, 20], 1, 7);
    const next = new Date(NOW.getTime() + 7 * DAY);
    const [check] = await checkAlerts(app.orm.em, app.analytics.store, { now: next });
    expect(check!.closed).toHaveLength(1);
    expect(await active()).toEqual([]);
    const { alerts } = await app.ok(
      `{ alerts(status: [CLOSED]) { status closedAt evidence { recent { nps { nps } } } resolution { z recent { from to nps { n nps } } } } }`,
      {},
      Role.STRATEGIST,
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0].resolution.recent).toMatchObject({ from: '2026-04-01', to: '2026-04-07', nps: { n: 100, nps: 30 } });
    expect(alerts[0].resolution.z).toBeGreaterThan(-1.96);
    // The same check again raises nothing: the recent week is fine.
    expect((await checkAlerts(app.orm.em, app.analytics.store, { now: next }))[0]!.raised).toEqual([]);
    const [closed] = await app.orm.em.fork().find(Alert, {});
    const refused = await app.gql(`mutation($id: ID!) { acknowledgeAlert(id: $id) { id } }`, { id: closed!.id }, Role.ANALYST);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALERT_CLOSED' });
  });

  it('checks personas and units on the relationship survey when PERSONA and UNIT rules are configured, and skips disabled rules', async () => {
    await app.ok(`mutation { createAlertRule(input: { name: "Persona", scope: PERSONA, windowDays: 7, baselineDays: 28 }) { id } }`);
    await app.ok(`mutation { createAlertRule(input: { name: "Unit", scope: UNIT, windowDays: 7, baselineDays: 28 }) { id } }`);
    await answers(null, [40, 40, 20], -34, -8);
    await answers(null, [5, 15, 40], -6, 0);
    const checks = await checkAlerts(app.orm.em, app.analytics.store, { now: NOW });
    const persona = checks.find((c) => c.rule.name === 'Persona')!;
    expect(persona.raised.map((a) => [a.scope, a.scopeCode, a.evidence.scopeName])).toEqual([['PERSONA', 'P1', 'One']]);
    expect((persona.raised[0]!.evidence as Record<string, any>).recent.n).toBe(60); // relationship answers only
    const unit = checks.find((c) => c.rule.name === 'Unit')!;
    expect(unit.raised.map((a) => [a.scope, a.scopeCode])).toEqual([['UNIT', 'U1']]);
    expect((unit.raised[0]!.evidence as Record<string, any>).recent.n).toBe(60);

    const em = app.orm.em.fork();
    await em.nativeUpdate(AlertRule, {}, { enabled: false });
    expect(await checkAlerts(app.orm.em, app.analytics.store, { now: NOW })).toEqual([]);
  });

  it('validates rule settings at the edge', async () => {
    const result = await app.gql(`mutation { createAlertRule(input: { name: "${'x'.repeat(201)}", windowDays: 0, zThreshold: 9 }) { id } }`);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VALIDATION_FAILED' });
    // Each refused field carries the arguments of its rules, so the client can name the limit ("Højst 200 tegn").
    const fields = result.errors![0]!.extensions!.fields;
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'name', rules: ['isLength'], limits: { isLength: [1, 200] } }),
        expect.objectContaining({ field: 'windowDays', rules: ['min'], limits: { min: [1], max: [365] } }),
        expect.objectContaining({ field: 'zThreshold', rules: ['max'], limits: { min: [1], max: [6] } }),
      ]),
    );
    expect(codes(await app.gql(`mutation { createAlertRule(input: { name: "Mine" }) { id } }`, {}, Role.ANALYST))).toEqual(['FORBIDDEN']);
    const missing = await app.gql(`mutation($id: ID!) { updateAlertRule(id: $id, input: { enabled: true }) { id } }`, { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ALERT_RULE_NOT_FOUND' });
  });
});
