import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../seeds/generate/index.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;

beforeAll(async () => {
  app = await makeTestApp();
  await app.ok(`mutation { createPersona(input: { name: "Digital natives", code: "DIGITAL_NATIVE" }) { id } }`);
  await generate(app.analytics.store, { customers: 3000, responses: 30_000, months: 24, seed: 5, endDate: '2026-06-30', dimensions: 'never' });
});
afterAll(async () => app?.close());

const TREND = `query($m: TrendMetric!, $b: TrendBucket, $f: AnalyticsFilterInput) {
  trend(metric: $m, bucket: $b, filter: $f) {
    metric bucket unit origin window { start end } filter { personaCodes survey }
    points { bucket end complete x n value se ciLow ciHigh lowSample nps { n promoters detractors } csat { n mean } }
    latest { bucket value n }
    slope { buckets n slopePerMonth se ciLow ciHigh pValue significant confidenceLevel }
  }
}`;

describe('trend through GraphQL', () => {
  it('gives relationship NPS per quarter with n and intervals, and a rising slope per month with its interval', async () => {
    const { trend } = await app.ok(TREND, { m: 'NPS', b: 'QUARTER' }, Role.EXECUTIVE);
    expect(trend).toMatchObject({ metric: 'NPS', bucket: 'QUARTER', unit: 'NPS points (-100..100)', origin: '2024-07-01', window: { start: '2024-07-01', end: '2026-06-30' } });
    expect(trend.points).toHaveLength(8);
    for (const p of trend.points) {
      expect(p.complete).toBe(true);
      expect(p.nps.n).toBe(p.n);
      expect(p.ciLow).toBeLessThan(p.value);
      expect(p.ciHigh).toBeGreaterThan(p.value);
    }
    expect(trend.latest.bucket).toBe('2026-04-01');
    expect(trend.slope).toMatchObject({ buckets: 8, significant: true, confidenceLevel: 0.95 });
    expect(trend.slope.ciLow).toBeGreaterThan(0);
  });

  it('gives monthly CSAT, weekly promoter share and churn for a persona', async () => {
    const csat = (await app.ok(TREND, { m: 'CSAT' })).trend;
    expect(csat.bucket).toBe('MONTH');
    expect(csat.points[0].csat.mean).toBeCloseTo(csat.points[0].value, 12);
    const weekly = (await app.ok(TREND, { m: 'PROMOTER_SHARE', b: 'WEEK' })).trend;
    expect(weekly.points.length).toBeGreaterThan(100);
    expect(weekly.points.at(-1).complete).toBe(false); // the week of 2026-06-29 runs past the data
    const churn = (await app.ok(TREND, { m: 'CHURN', f: { personaCodes: ['DIGITAL_NATIVE'] } }, Role.STRATEGIST)).trend;
    expect(churn.filter.personaCodes).toEqual(['DIGITAL_NATIVE']);
    expect(churn.points).toHaveLength(24);
    expect(churn.points[0].value).toBeGreaterThan(0);
    expect(churn.points[0].value).toBeLessThan(1);
  });

  it('answers a touchpoint filter on churn with BAD_USER_INPUT naming the field', async () => {
    const result = await app.gql(TREND, { m: 'CHURN', f: { touchpointCodes: ['TP_X'] } });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions).toMatchObject({ field: 'touchpointCodes' });
    expect(result.errors![0]!.message).toContain('personaCodes, unitCodes, from, to');
    const bucket = await app.gql(TREND, { m: 'NPS', b: 'DAY' });
    expect(codes(bucket)).toEqual(['BAD_USER_INPUT']);
    expect(bucket.errors![0]!.message).toContain('DAY');
  });
});
