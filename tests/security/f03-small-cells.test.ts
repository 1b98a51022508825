import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/modules/users/user.enums.js';
import { startSecurityApp, type SecurityApp } from './support/securityApp.js';

// Finding 3: as EXECUTIVE, metrics for one day grouped by TOUCHPOINT, UNIT and PERSONA returned 194 of
// 356 groups with n = 1 (one customer's answer: NPS 100, CSAT 5).
const METRICS = `query ($filter: AnalyticsFilterInput, $groupBy: [MetricsDimension!]) {
  metrics(filter: $filter, groupBy: $groupBy) { key { touchpointCode unitCode personaCode } customers suppressed nps { n promoters nps } csat { n mean } }
}`;
interface Row {
  key: { touchpointCode: string | null; unitCode: string | null; personaCode: string | null };
  customers: number;
  suppressed: boolean;
  nps: { n: number; promoters: number; nps: number | null };
  csat: { n: number; mean: number | null };
}

let app: SecurityApp;
let day: string;
beforeAll(async () => {
  app = await startSecurityApp();
  const [last] = await app.analytics.store.all<{ day: string }>("SELECT strftime(max(responded_at), '%Y-%m-%d') AS day FROM responses WHERE touchpoint_code IS NOT NULL");
  day = last!.day;
});
afterAll(async () => app?.close());

async function metrics(role: Role, filter: Record<string, unknown>, groupBy: string[]): Promise<Row[]> {
  const result = await app.gql(METRICS, { filter, groupBy }, await app.cookie(role));
  expect(result.json?.errors).toBeUndefined();
  return (result.json?.data?.metrics ?? []) as Row[];
}

describe('finding 3: executives read one customer through aggregates', () => {
  it('suppresses every cut of fewer than 5 customers for an executive, with no numbers', async () => {
    const filter = { from: day, to: day, survey: 'TOUCHPOINT' };
    const admin = await metrics(Role.ADMIN, filter, ['TOUCHPOINT', 'UNIT', 'PERSONA']);
    expect(admin.some((r) => r.customers === 1)).toBe(true); // the data does hold one-customer cells
    expect(admin.every((r) => !r.suppressed)).toBe(true); // admins may read individual answers

    for (const role of [Role.EXECUTIVE, Role.STRATEGIST]) {
      const rows = await metrics(role, filter, ['TOUCHPOINT', 'UNIT', 'PERSONA']);
      expect(rows).toHaveLength(admin.length);
      expect(rows.filter((r) => !r.suppressed).every((r) => r.customers >= 5)).toBe(true);
      const hidden = rows.filter((r) => r.suppressed);
      expect(hidden.length).toBeGreaterThanOrEqual(admin.filter((r) => r.customers < 5).length);
      for (const r of hidden) expect([r.customers, r.nps.n, r.nps.promoters, r.nps.nps, r.csat.n, r.csat.mean]).toEqual([0, 0, 0, null, 0, null]);
    }
  });

  it('a total minus its published breakdown never gives back one suppressed cell', async () => {
    const filter = { from: day, to: day, survey: 'TOUCHPOINT' };
    const [total] = await metrics(Role.EXECUTIVE, filter, []);
    const byUnit = await metrics(Role.EXECUTIVE, filter, ['UNIT']);
    const truth = new Map((await metrics(Role.ADMIN, filter, ['UNIT'])).map((r) => [r.key.unitCode, r.nps.n]));
    const hidden = byUnit.filter((r) => r.suppressed);
    expect(total!.suppressed).toBe(false);
    if (hidden.length === 0) return expect(byUnit.every((r) => r.customers >= 5)).toBe(true);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    const remainder = total!.nps.n - byUnit.filter((r) => !r.suppressed).reduce((s, r) => s + r.nps.n, 0);
    expect(remainder).toBe(hidden.reduce((s, r) => s + truth.get(r.key.unitCode)!, 0));
    for (const r of hidden) expect(remainder).toBeGreaterThan(truth.get(r.key.unitCode)!);
  });

  it('suppresses a compareMetrics side of fewer than 5 customers', async () => {
    const [units] = await app.analytics.store.all<{ unit: string }>(
      "SELECT c.unit_code AS unit FROM responses r JOIN customers c USING (customer_id) WHERE strftime(r.responded_at, '%Y-%m-%d') = $day AND r.touchpoint_code IS NOT NULL GROUP BY 1 HAVING count(DISTINCT r.customer_id) < 5 LIMIT 1",
      { day },
    );
    const small = { from: day, to: day, survey: 'TOUCHPOINT', unitCodes: [units!.unit] };
    const result = await app.gql(`query ($a: AnalyticsFilterInput!, $b: AnalyticsFilterInput!) { compareMetrics(a: $a, b: $b) { a { suppressed nps { n } } b { suppressed } } }`, { a: small, b: { from: day, to: day, survey: 'TOUCHPOINT' } }, await app.cookie(Role.EXECUTIVE));
    expect(result.json?.data?.compareMetrics).toMatchObject({ a: { suppressed: true, nps: { n: 0 } }, b: { suppressed: false } });
  });
});
