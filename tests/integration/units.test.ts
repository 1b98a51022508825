import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../seeds/generate/index.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;

beforeAll(async () => {
  app = await makeTestApp();
  // The generator writes the demo units (dim_units) with the facts.
  await generate(app.analytics.store, { customers: 3000, responses: 30_000, months: 24, seed: 5, endDate: '2026-06-30', dimensions: 'never' });
});
afterAll(async () => app?.close());

const UNITS = `query($f: AnalyticsFilterInput, $asOf: String) {
  units(filter: $f, asOf: $asOf) {
    period { start end }
    units {
      unitCode name customers
      managementQuality { n mean ciLow ciHigh } managementQualityLatest { period value }
      employeeSatisfaction { n mean } employeeSatisfactionLatest { period value }
      nps { n nps ciLow ciHigh lowSample }
      marginPerCustomer { n mean ciLow ciHigh }
    }
    correlations { a b n r ciLow ciHigh pValue significant }
    filter { unitCodes from to }
  }
}`;

describe('units through GraphQL', () => {
  it('compares the ten units over the last 12 months and correlates their four values', async () => {
    const { units } = await app.ok(UNITS, {}, Role.EXECUTIVE);
    expect(units.period).toEqual({ start: '2025-07-01', end: '2026-06-30' });
    expect(units.units).toHaveLength(10);
    for (const u of units.units) {
      expect(u.customers).toBeGreaterThan(0);
      expect(u.managementQuality.n).toBe(4); // quarters starting in the period
      expect(u.managementQualityLatest.period).toBe('2026-04-01');
      expect(u.nps.n).toBeGreaterThan(0);
      expect(u.marginPerCustomer.n).toBeGreaterThan(0);
    }
    expect(units.correlations.map((c: any) => `${c.a}-${c.b}`)).toEqual([
      'MANAGEMENT_QUALITY-EMPLOYEE_SATISFACTION', 'MANAGEMENT_QUALITY-NPS', 'MANAGEMENT_QUALITY-MARGIN',
      'EMPLOYEE_SATISFACTION-NPS', 'EMPLOYEE_SATISFACTION-MARGIN', 'NPS-MARGIN',
    ]);
    for (const c of units.correlations) {
      expect(c.n).toBe(10);
      expect(c.ciLow).toBeLessThan(c.r);
      expect(c.ciHigh).toBeGreaterThan(c.r);
    }
  });

  it('takes units and a period', async () => {
    const { units } = await app.ok(UNITS, { f: { unitCodes: ['AAR', 'ESB'], from: '2024-07-01', to: '2024-12-31' } }, Role.ANALYST);
    expect(units.period).toEqual({ start: '2024-07-01', end: '2024-12-31' });
    expect(units.units.map((u: any) => u.unitCode)).toEqual(['AAR', 'ESB']);
    expect(units.units[0].managementQuality.n).toBe(2);
    expect(units.correlations[0]).toMatchObject({ n: 2, ciLow: null });
  });

  it('answers an unknown unit and a bad asOf with BAD_USER_INPUT naming the field', async () => {
    const unit = await app.gql(UNITS, { f: { unitCodes: ['NOPE'] } });
    expect(codes(unit)).toEqual(['BAD_USER_INPUT']);
    expect(unit.errors![0]!.message).toMatch(/^unitCodes: unknown "NOPE"; allowed: AAL, AAR, CPH/);
    const asOf = await app.gql(UNITS, { asOf: '2026-02-30' });
    expect(asOf.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
  });
});
