import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/modules/users/user.enums.js';
import { makeJourney } from '../support/factories.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
let journey: Awaited<ReturnType<typeof makeJourney>>;
let tpCodes: string[][];

/** `count` answers with likelihood `ltr` and satisfaction `satisfaction` at touchpoint `code`. */
async function answers(code: string, ltr: number, satisfaction: number, count: number, persona = 'P1') {
  await app.analytics.store.run(`INSERT INTO customers VALUES ($c, $p, NULL, DATE '2024-01-01', NULL, 100) ON CONFLICT DO NOTHING`, { c: `c-${persona}`, p: persona });
  await app.analytics.store.run(
    `INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr, satisfaction)
     SELECT $code || '-' || $ltr || '-' || $persona || '-' || i, $c, $code, TIMESTAMP '2025-05-01 10:00:00', $ltr, $s FROM range($n) t(i)`,
    { code, ltr, s: satisfaction, n: count, c: `c-${persona}`, persona },
  );
}

beforeAll(async () => {
  app = await makeTestApp();
  journey = await makeJourney(app, { phases: 2, touchpointsPerPhase: 2 });
  await app.ok(`mutation { p1: createPersona(input: { name: "One", code: "P1" }) { id } p2: createPersona(input: { name: "Two", code: "P2" }) { id } }`);
  await app.ok(`mutation($id: ID!) { updatePhase(id: $id, input: { emotion: -2 }) { id } }`, { id: journey.phaseIds[1] });
  const { journey: map } = await app.ok(`query($id: ID!) { journey(id: $id) { phases { touchpoints { code } } } }`, { id: journey.journeyId });
  tpCodes = map.phases.map((p: any) => p.touchpoints.map((t: any) => t.code));
  await answers(tpCodes[0]![0]!, 10, 5, 6); // phase 1, touchpoint 1: CSAT 5 → +2
  await answers(tpCodes[0]![1]!, 8, 4, 6); // phase 1, touchpoint 2: CSAT 4 → +1
  await answers(tpCodes[1]![0]!, 2, 1, 4, 'P2'); // phase 2: CSAT 1 → -2
});
afterAll(async () => app?.close());

const CURVE = `query($id: ID!, $f: AnalyticsFilterInput) {
  emotionCurve(journeyId: $id, filter: $f) {
    journeyId journeyName filter { personaCodes }
    phases {
      phaseId name position documentedEmotion gap
      emotion { value ciLow ciHigh n } npsEmotion { value n } nps { n nps } csat { n mean }
      touchpoints { touchpointId code position journeyPosition documentedEmotion gap emotion { value n } npsEmotion { value } nps { n nps } csat { n mean } }
    }
  }
}`;

// Each persona here is one customer: the figures are read as an analyst (who may see single customers);
// the last test shows the same curve to an executive, with every measured cell hidden.
describe('emotionCurve through GraphQL', () => {
  it('draws measured emotion per phase and touchpoint in journey order beside the documented emotion', async () => {
    const { emotionCurve: curve } = await app.ok(CURVE, { id: journey.journeyId }, Role.ANALYST);
    expect(curve).toMatchObject({ journeyId: journey.journeyId, journeyName: 'Test journey' });
    const [first, second] = curve.phases;
    expect(first).toMatchObject({ phaseId: journey.phaseIds[0], position: 0, documentedEmotion: 1, csat: { n: 12, mean: 4.5 }, emotion: { value: 1.5, n: 12 } });
    expect(first.gap).toBeCloseTo(0.5, 12);
    expect(first.npsEmotion.value).toBeCloseTo(1, 12); // NPS 50
    expect(first.touchpoints.map((t: any) => [t.code, t.journeyPosition, t.emotion.value])).toEqual([
      [tpCodes[0]![0], 0, 2],
      [tpCodes[0]![1], 1, 1],
    ]);
    expect(second).toMatchObject({ documentedEmotion: -2, emotion: { value: -2, n: 4 }, gap: 0, npsEmotion: { value: -2 } });
    expect(second.touchpoints[1]).toMatchObject({ emotion: { value: null, n: 0 }, gap: null, nps: { n: 0, nps: null } });
  });

  it('hides from an executive every phase and touchpoint answered by fewer than 5 customers (here one each), numbers and n', async () => {
    const query = CURVE.replace('phaseId name', 'suppressed phaseId name').replace('touchpointId code', 'suppressed touchpointId code');
    const { emotionCurve: curve } = await app.ok(query, { id: journey.journeyId }, Role.EXECUTIVE);
    const [first, second] = curve.phases;
    for (const step of [first, second, ...first.touchpoints, second.touchpoints[0]]) {
      expect(step).toMatchObject({ suppressed: true, gap: null, emotion: { value: null, n: 0 }, npsEmotion: { value: null }, nps: { n: 0, nps: null }, csat: { n: 0, mean: null } });
    }
    // A touchpoint nobody answered describes nobody: shown, empty.
    expect(second.touchpoints[1]).toMatchObject({ suppressed: false, emotion: { value: null, n: 0 } });
    expect(first.documentedEmotion).toBe(1);
    const { emotionCurve: seen } = await app.ok(query, { id: journey.journeyId }, Role.ANALYST);
    expect(seen.phases.map((p: any) => p.suppressed)).toEqual([false, false]);
  });

  it('narrows to a persona', async () => {
    const { emotionCurve: curve } = await app.ok(CURVE, { id: journey.journeyId, f: { personaCodes: ['P2'] } }, Role.ANALYST);
    expect(curve.filter.personaCodes).toEqual(['P2']);
    expect(curve.phases.map((p: any) => p.csat.n)).toEqual([0, 4]);
  });

  it('answers an unknown journey and a phase filter with BAD_USER_INPUT naming the field', async () => {
    const unknown = await app.gql(CURVE, { id: randomUUID() });
    expect(codes(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(unknown.errors![0]!.extensions).toMatchObject({ field: 'journeyId' });
    const phase = await app.gql(CURVE, { id: journey.journeyId, f: { phaseId: journey.phaseIds[0] } });
    expect(phase.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phaseId' });
  });
});
