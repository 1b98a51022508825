import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLoyaltyBySatisfaction } from '../../analytics/queries/loyalty/getLoyaltyBySatisfaction.js';
import { generate } from '../../seeds/generate/index.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;

beforeAll(async () => {
  app = await makeTestApp();
  await app.ok(`mutation { createPersona(input: { name: "Senior savers", code: "SENIOR_SAVER" }) { id } }`);
  // The journey model stays the one in Postgres; the facts are the demo company's.
  await generate(app.analytics.store, { customers: 3000, responses: 30_000, months: 24, seed: 5, endDate: '2026-06-30', dimensions: 'never' });
});
afterAll(async () => app?.close());

const GROUP = `group customers retention customerMonths
  churn { n count share ciLow ciHigh lowSample }
  annualMargin { n mean sd se ciLow ciHigh }
  lifetimeValue { value low high annualMargin retention horizonYears discountRate periods { period survival discountFactor presentValue } }
  acquisitionCost { n mean ciLow ciHigh }`;
const QUERY = `query($f: AnalyticsFilterInput, $h: Int, $d: Float, $asOf: String) {
  loyaltyBySatisfaction(filter: $f, horizonYears: $h, discountRate: $d, asOf: $asOf) {
    byNps { ${GROUP} } byCsat { ${GROUP} } all { ${GROUP} } withoutCsat horizonYears discountRate
    source { query asOf answeredOnOrBefore dataVersion dataWindow { start end } filter { personaCodes } }
  }
}`;

describe('loyaltyBySatisfaction through GraphQL', () => {
  it('gives executives churn, margin, CLV and acquisition cost per NPS and CSAT group, with n, as the query computes them', async () => {
    const { loyaltyBySatisfaction: result } = await app.ok(QUERY, {}, Role.EXECUTIVE);
    expect(result.byNps.map((g: any) => g.group)).toEqual(['PROMOTER', 'PASSIVE', 'DETRACTOR']);
    expect(result.byCsat.map((g: any) => g.group)).toEqual(['VERY_SATISFIED', 'SATISFIED', 'DISSATISFIED']);
    expect(result).toMatchObject({ horizonYears: 3, discountRate: 0.08 });
    expect(result.source).toMatchObject({
      query: 'analytics/queries/loyalty/getLoyaltyBySatisfaction', asOf: '2026-06-30', answeredOnOrBefore: '2025-07-01',
      dataWindow: { start: '2024-07-01', end: '2026-06-30' }, filter: { personaCodes: null },
    });
    const direct = await getLoyaltyBySatisfaction(app.analytics.store, {});
    const [promoters, , detractors] = result.byNps;
    expect(promoters.customers).toBe(direct.byNps[0]!.customers);
    expect(promoters.annualMargin.mean).toBeCloseTo(direct.byNps[0]!.annualMargin.mean!, 6);
    expect(promoters.lifetimeValue.periods).toHaveLength(3);
    expect(detractors.churn.share).toBeGreaterThan(promoters.churn.share);
    expect(result.all.customers).toBe(result.byNps.reduce((sum: number, g: any) => sum + g.customers, 0));
  });

  it('narrows to a persona and takes the horizon, discount rate and asOf', async () => {
    const { loyaltyBySatisfaction: result } = await app.ok(QUERY, { f: { personaCodes: ['SENIOR_SAVER'] }, h: 5, d: 0.05, asOf: '2026-05-31' }, Role.ANALYST);
    expect(result.source).toMatchObject({ asOf: '2026-05-31', answeredOnOrBefore: '2025-06-01', filter: { personaCodes: ['SENIOR_SAVER'] } });
    expect(result.all.lifetimeValue).toMatchObject({ horizonYears: 5, discountRate: 0.05 });
    expect(result.all.lifetimeValue.periods).toHaveLength(5);
    const all = (await app.ok(QUERY)).loyaltyBySatisfaction.all.customers;
    expect(result.all.customers).toBeGreaterThan(0);
    expect(result.all.customers).toBeLessThan(all);
  });

  it('answers bad arguments with BAD_USER_INPUT naming the field and the allowed values', async () => {
    const rate = await app.gql(QUERY, { d: 8 });
    expect(codes(rate)).toEqual(['BAD_USER_INPUT']);
    expect(rate.errors![0]!.extensions).toMatchObject({ field: 'discountRate' });
    expect(rate.errors![0]!.message).toBe('discountRate: must be a yearly rate from 0 to 1 (0.08 = 8%), got 8');
    const filter = await app.gql(QUERY, { f: { touchpointCodes: ['TP_X'] } });
    expect(filter.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'touchpointCodes' });
    const persona = await app.gql(QUERY, { f: { personaCodes: ['NOPE'] } });
    expect(persona.errors![0]!.message).toBe('personaCodes: unknown "NOPE"; allowed: SENIOR_SAVER');
    const asOf = await app.gql(QUERY, { asOf: '2027-01-01' });
    expect(asOf.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
  });
});
