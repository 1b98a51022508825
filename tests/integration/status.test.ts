import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../seeds/generate/index.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;

beforeAll(async () => {
  app = await makeTestApp();
  await generate(app.analytics.store, { customers: 3000, responses: 30_000, months: 24, seed: 5, endDate: '2026-06-30', dimensions: 'never' });
});
afterAll(async () => app?.close());

const SLOPE = 'buckets n slopePerMonth ciLow ciHigh significant';
const STATUS = `query($f: AnalyticsFilterInput, $asOf: String, $churnHigh: Float, $npsGood: Float) {
  statusDiagnosis(filter: $f, asOf: $asOf, churnHigh: $churnHigh, npsGood: $npsGood) {
    programme reasons churnHigh churnRising npsLow npsFalling asOf
    thresholds { churnHigh npsGood } period { start end }
    churnLevel { n count share ciLow ciHigh } churnTrend { ${SLOPE} } churnPoints { bucket n value }
    npsLevel { n nps ciLow ciHigh } npsTrend { ${SLOPE} } npsPoints { bucket n value }
  }
}`;

describe('statusDiagnosis through GraphQL', () => {
  it('points the demo data to REVITALISE_CUSTOMER_FOCUS and returns the numbers it used', async () => {
    const { statusDiagnosis: s } = await app.ok(STATUS, {}, Role.EXECUTIVE);
    expect(s).toMatchObject({ programme: 'REVITALISE_CUSTOMER_FOCUS', npsLow: true, churnHigh: false, churnRising: false, asOf: '2026-06-30' });
    expect(s.thresholds).toEqual({ churnHigh: 0.15, npsGood: 0 });
    expect(s.period).toEqual({ start: '2025-07-01', end: '2026-06-30' });
    expect(s.churnPoints).toHaveLength(12);
    expect(s.npsPoints).toHaveLength(12);
    expect(s.npsTrend.buckets).toBe(12);
    expect(s.churnLevel.n).toBeGreaterThan(1000);
    expect(s.reasons.at(-1)).toBe(`NPS ${s.npsLevel.nps.toFixed(1)} is below 0.`);
  });

  it('moves with the thresholds: STOP_CHURN when 5% churn a year is already too much, DIFFERENTIATE when NPS -50 is good enough', async () => {
    expect((await app.ok(STATUS, { churnHigh: 0.05 })).statusDiagnosis.programme).toBe('STOP_CHURN');
    expect((await app.ok(STATUS, { npsGood: -50 })).statusDiagnosis.programme).toBe('DIFFERENTIATE');
  });

  it('answers thresholds out of range with BAD_USER_INPUT naming the field', async () => {
    const result = await app.gql(STATUS, { churnHigh: 15 });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions).toMatchObject({ field: 'churnHigh' });
    expect(result.errors![0]!.message).toContain('0.15 = 15%');
  });
});
