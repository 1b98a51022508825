import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAlerts } from '../../server/modules/alerts/alert.service.js';
import { makeJourney } from '../support/factories.js';
import { makeTestApp, type TestApp } from '../support/testApp.js';

/**
 * Issue 16: a touchpoint measured by CSAT only (satisfaction ratings, no likelihood to recommend, as an
 * attribute-rating survey gives) raises an alert when its mean CSAT drops, from answers in the store to
 * the alert's evidence and the GraphQL alert, saying the measure it used.
 */
const DAY = 86_400_000;
const NOW = new Date('2026-03-31T12:00:00Z');
let app: TestApp;
let code: string;
let n = 0;

/** Satisfaction answers (no ltr) spread over [fromDay, toDay] relative to NOW. */
async function ratings(scores: number[], fromDay: number, toDay: number) {
  for (const [i, satisfaction] of scores.entries()) {
    const day = fromDay + ((toDay - fromDay) * i) / Math.max(1, scores.length - 1);
    const id = `s${n++}`;
    await app.analytics.store.run(`INSERT INTO customers VALUES ($c, 'P1', 'U1', DATE '2020-01-01', NULL, 100)`, { c: `c-${id}` });
    await app.analytics.store.run(
      `INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, satisfaction) VALUES ($id, $c, $tp, $at::TIMESTAMP, $satisfaction)`,
      { id, c: `c-${id}`, tp: code, at: new Date(NOW.getTime() + day * DAY).toISOString().replace('T', ' ').replace('Z', ''), satisfaction },
    );
  }
}
const times = (values: number[], k: number) => Array.from({ length: k }, () => values).flat();

beforeAll(async () => {
  app = await makeTestApp();
  const journey = await makeJourney(app, { phases: 1, touchpointsPerPhase: 1 });
  code = (await app.ok(`query($id: ID!) { journey(id: $id) { phases { touchpoints { code } } } }`, { id: journey.journeyId })).journey.phases[0].touchpoints[0].code;
  await app.ok(`mutation { createPersona(input: { name: "One", code: "P1" }) { id } }`);
  await app.ok(`mutation { createAlertRule(input: { name: "Weekly", windowDays: 7, baselineDays: 28, minN: 30 }) { id } }`);
  // Baseline: mean 4.2 (5,4,4,4,4 × 20); last week: mean 3.4 (4,3,3,4,3 × 10).
  await ratings(times([5, 4, 4, 4, 4], 20), -34, -8);
  await ratings(times([4, 3, 3, 4, 3], 10), -6, 0);
});
afterAll(async () => app?.close());

describe('alerts on a CSAT-only touchpoint (issue 16)', () => {
  it('raises on the drop in mean CSAT, with the CSAT evidence and the measure named', async () => {
    const [check] = await checkAlerts(app.orm.em, app.analytics.store, { now: NOW });
    expect(check!.raised).toHaveLength(1);
    const e = check!.raised[0]!.evidence as Record<string, any>;
    expect(e.measure).toBe('CSAT');
    expect(e.recent.csat).toMatchObject({ n: 50 });
    expect(e.recent.csat.mean).toBeCloseTo(3.4, 10);
    expect(e.baseline.csat).toMatchObject({ n: 100 });
    expect(e.baseline.csat.mean).toBeCloseTo(4.2, 10);
    expect(e.difference).toBeCloseTo(-0.8, 10);
    const { alerts } = await app.ok(`{ alerts { scopeCode evidence { measure recent { csat { n mean } } baseline { csat { n mean } } } } }`);
    expect(alerts).toEqual([{ scopeCode: code, evidence: { measure: 'CSAT', recent: { csat: { n: 50, mean: expect.closeTo(3.4, 10) } }, baseline: { csat: { n: 100, mean: expect.closeTo(4.2, 10) } } } }]);
  });
});
