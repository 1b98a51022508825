import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Role } from '../../server/modules/users/user.enums.js';
import { makeJourney } from '../support/factories.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
let journey: Awaited<ReturnType<typeof makeJourney>>;
let touchpointCode: string;
let personaId: string;

/**
 * Relationship NPS per month in 2025 (customers of persona P1): -20, -10, 0, 10, 20, 30 from January to June
 * (20 answers a month: 2 + 2m promoters, 6 detractors), and 20 answers a month at one touchpoint with NPS 0.
 * Answer i of a month is customer c<i>: 20 customers a month, so an executive's small-cell suppression
 * (fewer than 5 customers, issue 15) leaves the months shown.
 * The data end on 2025-06-30.
 */
async function writeAnswers() {
  const store = app.analytics.store;
  await store.run(`INSERT INTO customers SELECT 'c' || i, 'P1', NULL, DATE '2024-01-01', NULL, 100 FROM range(20) t(i)`);
  await store.run(`
    INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr, satisfaction)
    SELECT 'rel-' || m || '-' || i, 'c' || i, NULL, TIMESTAMP '2025-01-10 12:00:00' + to_months(m::INTEGER),
      CASE WHEN i < 2 + 2 * m THEN 10 WHEN i < 14 THEN 8 ELSE 0 END, 4
    FROM range(6) a(m), range(20) b(i)`);
  await store.run(
    `INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr, satisfaction)
     SELECT 'tp-' || m || '-' || i, 'c' || i, $code, TIMESTAMP '2025-01-12 12:00:00' + to_months(m::INTEGER), CASE WHEN i < 5 THEN 10 WHEN i < 10 THEN 0 ELSE 8 END, 3
     FROM range(6) a(m), range(20) b(i)`,
    { code: touchpointCode },
  );
  await store.run(`INSERT INTO store_meta VALUES ('data_start', '2025-01-01'), ('data_end', '2025-06-30') ON CONFLICT DO UPDATE SET value = excluded.value`);
}

const CREATE = `mutation($input: TargetInput!) { createTarget(input: $input) { id } }`;
const date = (d: string) => `${d}T00:00:00.000Z`;
async function createTarget(input: Record<string, unknown>): Promise<string> {
  const { createTarget: target } = await app.ok(CREATE, {
    input: { baselineDate: date('2025-01-01'), dueDate: date('2025-12-31'), ...input },
  });
  return target.id;
}

const PROGRESS = `
  progress {
    measured unit scale direction baseline baselineDate targetValue dueDate status note achieved
    now { bucket n value ciLow ciHigh complete }
    slope { buckets n slopePerMonth ciLow ciHigh significant }
    projection { date value ciLow ciHigh }
    filter { personaCodes touchpointCodes survey }
  }`;

beforeAll(async () => {
  app = await makeTestApp();
  journey = await makeJourney(app, { phases: 1, touchpointsPerPhase: 1 });
  const { journey: map } = await app.ok(`query($id: ID!) { journey(id: $id) { phases { touchpoints { code } } } }`, { id: journey.journeyId });
  touchpointCode = map.phases[0].touchpoints[0].code;
  const { createPersona } = await app.ok(`mutation { createPersona(input: { name: "One", code: "P1" }) { id } }`);
  personaId = createPersona.id;
  await writeAnswers();
});
afterAll(async () => app?.close());

describe('Target.progress', () => {
  it('shows baseline, now, the monthly trend, its projection to the due date and the status for a target created through the API', async () => {
    const id = await createTarget({ name: 'Company NPS +80', metric: 'NPS', scope: 'COMPANY', baseline: -20, targetValue: 80 });
    const { target } = await app.ok(`query($id: ID!) { target(id: $id) { name ${PROGRESS} } }`, { id }, Role.EXECUTIVE);
    const p = target.progress;
    expect(p).toMatchObject({ measured: 'relationship NPS of all customers', direction: 'INCREASE', baseline: -20, baselineDate: '2025-01-01', dueDate: '2025-12-31', scale: 1 });
    expect(p.now).toMatchObject({ bucket: '2025-06-01', n: 20, complete: true });
    expect(p.now.value).toBeCloseTo(30, 9);
    expect(p.achieved).toBeCloseTo(0.5, 9);
    // NPS rises 10 points a month (up to month lengths): about +60 more by the end of December, to about 90.
    expect(p.slope).toMatchObject({ buckets: 6, n: 120, significant: true });
    expect(p.slope.slopePerMonth).toBeGreaterThan(9.5);
    expect(p.slope.slopePerMonth).toBeLessThan(10.5);
    expect(p.projection.date).toBe('2025-12-31');
    expect(p.projection.value).toBeGreaterThan(85);
    expect(p.status).toBe('ON_TRACK');
    expect(p.filter).toEqual({ personaCodes: null, touchpointCodes: null, survey: 'RELATIONSHIP' });
  });

  it('computes persona and touchpoint targets on their own scope', async () => {
    const persona = await createTarget({ name: 'P1 NPS 0', metric: 'NPS', scope: 'PERSONA', personaId, baseline: -20, targetValue: 0 });
    const touchpoint = await createTarget({
      name: 'Touchpoint NPS 50', metric: 'NPS', scope: 'TOUCHPOINT', touchpointId: journey.touchpointIds[0]![0], baseline: 0, targetValue: 50,
    });
    const { targets } = await app.ok(`{ targets { id ${PROGRESS} } }`, {}, Role.ANALYST);
    const byId = new Map(targets.map((t: any) => [t.id, t.progress]));
    expect(byId.get(persona)).toMatchObject({ measured: 'relationship NPS of the persona', status: 'ON_TRACK', filter: { personaCodes: ['P1'] } });
    const tp: any = byId.get(touchpoint);
    expect(tp).toMatchObject({ measured: 'NPS at the touchpoint', now: { n: 20, value: 0 }, filter: { touchpointCodes: [touchpointCode] } });
    // Flat at 0 with no noise: the line cannot reach 50.
    expect(tp.status).toBe('OFF_TRACK');
  });

  it('batches: five more targets in the list cost no more DuckDB queries', async () => {
    const LIST = `{ targets { name progress { status now { value } } } }`;
    // A new target before each count: progress is remembered per set of targets, so both lists are computed.
    await createTarget({ name: 'Base CSAT', metric: 'CSAT', scope: 'COMPANY', baseline: 3, targetValue: 4.5 });
    const spy = vi.spyOn(app.analytics.store, 'all');
    await app.ok(LIST);
    const before = spy.mock.calls.length;
    for (let i = 0; i < 5; i++) await createTarget({ name: `CSAT ${i}`, metric: 'CSAT', scope: 'COMPANY', baseline: 3, targetValue: 4.5 });
    spy.mockClear();
    const { targets } = await app.ok(LIST);
    const after = spy.mock.calls.length;
    spy.mockRestore();
    expect(targets.filter((t: any) => t.name.startsWith('CSAT')).map((t: any) => t.progress.now.value)).toEqual([4, 4, 4, 4, 4]);
    expect(after).toBe(before);
  });

  it('takes a bucket size and answers a bad date with BAD_USER_INPUT', async () => {
    const { targets } = await app.ok(`{ targets { name progress(bucket: QUARTER) { now { bucket } status note } } }`);
    const company = targets.find((t: any) => t.name === 'Company NPS +80');
    expect(company.progress).toMatchObject({ now: { bucket: '2025-04-01' }, status: 'UNKNOWN' });
    expect(company.progress.note).toContain('Too few complete buckets');
    const bad = await app.gql(`{ targets { progress(bucket: DAY) { status } } }`);
    expect(bad.errors?.[0]?.message).toContain('DAY');
  });

  it('refuses progress to a signed-out caller', async () => {
    const result = await app.gql(`{ targets { progress { status } } }`, {}, null);
    expect(codes(result)).toEqual(['UNAUTHENTICATED']);
  });
});
