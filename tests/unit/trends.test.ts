import { afterEach, describe, expect, it } from 'vitest';
import { getTargetProgress, type TargetSpec } from '../../analytics/queries/trends/getTargetProgress.js';
import { getTrend } from '../../analytics/queries/trends/getTrend.js';
import { toPoints, type BucketValue } from '../../analytics/queries/trends/series.js';
import { bucketStart, DAYS_PER_MONTH, monthsBetween } from '../../analytics/queries/trends/time.js';
import { criticalT } from '../../analytics/stats/index.js';
import type { Store } from '../../analytics/store.js';
import { makeAnalyticsFixture, type FixtureResponse } from '../support/analyticsFixture.js';

let store: Store | undefined;
afterEach(async () => store?.close());

/** `count` relationship answers with score `ltr` on day `day`. */
const answers = (count: number, ltr: number, day: string, satisfaction = 4): FixtureResponse[] =>
  Array.from({ length: count }, () => ({ customer: 'c1', touchpoint: null, ltr, satisfaction, at: `${day} 12:00:00` }));

async function setWindow(s: Store, start: string, end: string) {
  await s.run(`INSERT INTO store_meta VALUES ('data_start', $start), ('data_end', $end)`, { start, end });
}

/**
 * Four complete ISO weeks from Monday 2025-03-03 with 10 relationship answers each: NPS -20, -10, 0, 20.
 * The data end on Wednesday 2025-04-02, so the fifth week (all promoters) is partial.
 */
async function weeklyNpsStore(): Promise<Store> {
  const s = await makeAnalyticsFixture(
    [{ id: 'c1' }],
    [
      ...answers(2, 10, '2025-03-03'), ...answers(4, 7, '2025-03-04'), ...answers(4, 3, '2025-03-05'),
      ...answers(3, 9, '2025-03-10'), ...answers(3, 8, '2025-03-11'), ...answers(4, 0, '2025-03-12'),
      ...answers(3, 10, '2025-03-17'), ...answers(4, 7, '2025-03-18'), ...answers(3, 6, '2025-03-19'),
      ...answers(5, 10, '2025-03-24'), ...answers(2, 8, '2025-03-25'), ...answers(3, 5, '2025-03-30'),
      ...answers(10, 10, '2025-04-01'),
    ],
  );
  await setWindow(s, '2025-03-03', '2025-04-02');
  return s;
}

const PER_MONTH = DAYS_PER_MONTH / 7;
/** Weighted least squares by hand for y = -20, -10, 0, 20 at weeks 0..3 (n = 10 each): slope 13, s² = 150, Sxx = 50. */
const SLOPE_PER_WEEK = 13;
const SLOPE_SE_PER_WEEK = Math.sqrt(150 / 50);

describe('dates and buckets', () => {
  it('starts weeks on Monday, months on the 1st and quarters on Jan/Apr/Jul/Oct 1st, like DuckDB', () => {
    expect(bucketStart('2025-03-05', 'WEEK')).toBe('2025-03-03');
    expect(bucketStart('2025-03-09', 'WEEK')).toBe('2025-03-03');
    expect(bucketStart('2025-03-05', 'MONTH')).toBe('2025-03-01');
    expect(bucketStart('2025-05-31', 'QUARTER')).toBe('2025-04-01');
    expect(monthsBetween('2025-01-01', '2026-01-01')).toBeCloseTo(365 / DAYS_PER_MONTH, 12);
  });
});

describe('partial buckets', () => {
  const value = (bucket: string): BucketValue => ({ bucket, n: 40, value: 0.9, se: 0.01, ciLow: 0.88, ciHigh: 0.92, lowSample: false, suppressed: false });
  it('marks the current month with six days of data as partial: 6 of its 31 days, not complete', () => {
    // Data from 2025-10-15 to 2026-12-06: October 2025 starts mid-month, December 2026 has its first six days.
    const points = toPoints(['2025-10-01', '2025-11-01', '2026-11-01', '2026-12-01'].map(value), 'MONTH', { start: '2025-10-15', end: '2026-12-06' });
    expect(points.map((p) => [p.bucket, p.complete, p.daysWithData, p.days])).toEqual([
      ['2025-10-01', false, 17, 31], // 15th to 31st
      ['2025-11-01', true, 30, 30],
      ['2026-11-01', true, 30, 30],
      ['2026-12-01', false, 6, 31],
    ]);
  });
  it('counts a quarter in days and gives no data days without a data window', () => {
    const [q] = toPoints([value('2026-10-01')], 'QUARTER', { start: '2026-01-01', end: '2026-11-30' });
    expect([q!.days, q!.daysWithData, q!.complete]).toEqual([92, 61, false]);
    const [none] = toPoints([value('2026-10-01')], 'QUARTER', null);
    expect([none!.days, none!.daysWithData]).toEqual([92, 0]);
  });
});

describe('trend on a hand-made store', () => {
  it('gives weekly NPS with n and intervals, and the slope per month with its t-interval, by hand', async () => {
    store = await weeklyNpsStore();
    const trend = await getTrend(store, {}, 'NPS', { bucket: 'WEEK' });
    expect(trend.points.map((p) => [p.bucket, p.n, Math.round(p.value! * 1e9) / 1e9, p.complete])).toEqual([
      ['2025-03-03', 10, -20, true],
      ['2025-03-10', 10, -10, true],
      ['2025-03-17', 10, 0, true],
      ['2025-03-24', 10, 20, true],
      ['2025-03-31', 10, 100, false],
    ]);
    expect(trend.points[0]!.x).toBeCloseTo(3.5 / DAYS_PER_MONTH, 12);
    expect(trend.points[0]!.nps).toMatchObject({ promoters: 2, passives: 4, detractors: 4 });
    expect(trend.latest?.bucket).toBe('2025-03-24');
    const { slope } = trend;
    expect(slope.buckets).toBe(4);
    expect(slope.n).toBe(40);
    expect(slope.slopePerMonth).toBeCloseTo(SLOPE_PER_WEEK * PER_MONTH, 9);
    expect(slope.se).toBeCloseTo(SLOPE_SE_PER_WEEK * PER_MONTH, 9);
    const margin = criticalT(0.95, 2) * SLOPE_SE_PER_WEEK * PER_MONTH;
    expect(slope.ciLow).toBeCloseTo(SLOPE_PER_WEEK * PER_MONTH - margin, 9);
    expect(slope.ciHigh).toBeCloseTo(SLOPE_PER_WEEK * PER_MONTH + margin, 9);
    expect(slope.significant).toBe(true);
  });

  it('gives mean CSAT and the promoter share per bucket', async () => {
    store = await weeklyNpsStore();
    const csat = await getTrend(store, {}, 'CSAT', { bucket: 'MONTH' });
    expect(csat.points.map((p) => [p.bucket, p.n, p.value, p.complete])).toEqual([
      ['2025-03-01', 40, 4, false],
      ['2025-04-01', 10, 4, false],
    ]);
    expect(csat.slope.slopePerMonth).toBeNull();
    const share = await getTrend(store, {}, 'PROMOTER_SHARE', { bucket: 'WEEK' });
    expect(share.points.slice(0, 4).map((p) => p.value)).toEqual([0.2, 0.3, 0.3, 0.5]);
    expect(share.unit).toBe('share of promoters (0..1)');
  });

  it('annualises monthly churn among customers active at the month start: 1 - (1 - p)^12', async () => {
    const customers = Array.from({ length: 100 }, (_, i) => ({ id: `k${i}`, churned: i < 2 ? '2025-03-10' : i === 2 ? '2025-04-20' : null }));
    store = await makeAnalyticsFixture([...customers, { id: 'late', acquired: '2025-03-15' }], []);
    await setWindow(store, '2025-03-01', '2025-04-30');
    const churn = await getTrend(store, {}, 'CHURN', { bucket: 'MONTH' });
    expect(churn.points.map((p) => [p.bucket, p.n])).toEqual([
      ['2025-03-01', 100],
      ['2025-04-01', 99], // 98 left + the customer acquired in March
    ]);
    expect(churn.points[0]!.value).toBeCloseTo(1 - 0.98 ** 12, 12);
    expect(churn.points[1]!.value).toBeCloseTo(1 - (98 / 99) ** 12, 12);
    const retention = await getTrend(store, {}, 'RETENTION', { bucket: 'MONTH' });
    expect(retention.points[0]!.value).toBeCloseTo(0.98 ** 12, 12);
    expect(retention.points[0]!.ciLow!).toBeLessThan(retention.points[0]!.value!);
    await expect(getTrend(store, { touchpointCodes: ['TP_A'] }, 'CHURN')).rejects.toMatchObject({ field: 'touchpointCodes' });
  });

  it('refuses an unknown bucket naming the allowed ones', async () => {
    store = await weeklyNpsStore();
    // @ts-expect-error: a caller outside TypeScript can pass anything
    await expect(getTrend(store, {}, 'NPS', { bucket: 'DAY' })).rejects.toMatchObject({ field: 'bucket', message: expect.stringContaining('WEEK, MONTH, QUARTER') });
  });
});

const companyNps = (targetValue: number, extra: Partial<TargetSpec> = {}): TargetSpec => ({
  id: `t${targetValue}`, metric: 'NPS', scope: 'COMPANY', baseline: -20, baselineDate: '2025-03-03', targetValue, dueDate: '2025-04-28', ...extra,
});

describe('target progress on a hand-made store', () => {
  it('projects the weekly trend to the due date with its interval and calls the status from it', async () => {
    store = await weeklyNpsStore();
    const [atRisk, onTrack, offTrack] = await getTargetProgress(store, [companyNps(40), companyNps(25), companyNps(150)], { bucket: 'WEEK' });
    // In weeks from 2025-03-03: y = -28.5 + 13x (points at x = 0.5..3.5); due 2025-04-28 is x = 8 → 75.5.
    // SE² = s² (1/Σn + (x - x̄)²/Sxx) = 150 (1/40 + 6²/50) = 111.75.
    const se = Math.sqrt(111.75);
    expect(atRisk!.projection!.value).toBeCloseTo(75.5, 9);
    expect(atRisk!.projection!.se).toBeCloseTo(se, 9);
    expect(atRisk!.projection!.ciLow).toBeCloseTo(75.5 - criticalT(0.95, 2) * se, 9); // 30.0
    expect(atRisk!.status).toBe('AT_RISK');
    expect(onTrack!.status).toBe('ON_TRACK');
    expect(offTrack!.status).toBe('OFF_TRACK');
    expect(atRisk!.now).toMatchObject({ bucket: '2025-03-24', value: 20, n: 10 });
    expect(atRisk!.achieved).toBeCloseTo(40 / 60, 12);
    expect(atRisk!.direction).toBe('INCREASE');
    expect(atRisk!.measured).toBe('relationship NPS of all customers');
  });

  it('fits only the buckets from the baseline on, and is UNKNOWN with fewer than 3', async () => {
    store = await weeklyNpsStore();
    const [late] = await getTargetProgress(store, [companyNps(40, { baselineDate: '2025-03-12' })], { bucket: 'WEEK' });
    expect(late!.slope.buckets).toBe(3);
    const [later] = await getTargetProgress(store, [companyNps(40, { baselineDate: '2025-03-19' })], { bucket: 'WEEK' });
    expect(later!.status).toBe('UNKNOWN');
    expect(later!.note).toContain('Too few complete buckets');
  });

  it('reads a retention target stored in percent in percent, and says why a touchpoint retention target has no status', async () => {
    const customers = Array.from({ length: 50 }, (_, i) => ({ id: `k${i}`, churned: i < 3 ? `2025-0${3 + i}-10` : null }));
    store = await makeAnalyticsFixture(customers, []);
    await setWindow(store, '2025-03-01', '2025-06-30');
    const base = { baselineDate: '2025-03-01', dueDate: '2025-12-31' };
    const [percent, share, touchpoint] = await getTargetProgress(store, [
      { id: 'p', metric: 'RETENTION', scope: 'COMPANY', baseline: 80, targetValue: 90, ...base },
      { id: 's', metric: 'RETENTION', scope: 'COMPANY', baseline: 0.8, targetValue: 0.9, ...base },
      { id: 't', metric: 'RETENTION', scope: 'TOUCHPOINT', touchpointCode: 'TP_A', baseline: 0.8, targetValue: 0.9, ...base },
    ]);
    expect(percent!.scale).toBe(100);
    expect(percent!.now!.value).toBeCloseTo(100 * (1 - 0 / 47) ** 12, 9); // June: nobody left
    expect(percent!.points[0]!.value).toBeCloseTo(100 * (49 / 50) ** 12, 9);
    expect(share!.points[0]!.value).toBeCloseTo((49 / 50) ** 12, 9);
    expect(touchpoint!.status).toBe('UNKNOWN');
    expect(touchpoint!.note).toContain('no retention of its own');
  });

  it('follows a touchpoint KPI target as the mean of its observations per bucket', async () => {
    store = await makeAnalyticsFixture([{ id: 'c1' }], []);
    await setWindow(store, '2025-01-01', '2025-06-30');
    await store.run(`INSERT INTO touchpoint_kpis SELECT 'TP_A', DATE '2025-01-01' + i::INTEGER, 'Answer time', 200 - i FROM range(181) t(i)`);
    const spec = (targetValue: number): TargetSpec => ({
      id: `k${targetValue}`, metric: 'TOUCHPOINT_KPI', scope: 'TOUCHPOINT', touchpointCode: 'TP_A', kpiName: 'Answer time',
      baseline: 200, baselineDate: '2025-01-01', targetValue, dueDate: '2025-07-15',
    });
    const [kpi, tooAmbitious] = await getTargetProgress(store, [spec(10), spec(0)]);
    expect(kpi!.direction).toBe('DECREASE');
    expect(kpi!.points.map((p) => p.n)).toEqual([31, 28, 31, 30, 31, 30]);
    expect(kpi!.points[0]!.value).toBeCloseTo(200 - 15, 12); // days 0..30
    // The value falls by one a day: the line is 200.5 - (days since Jan 1), 5.5 on July 15 (day 195).
    expect(kpi!.slope.slopePerMonth).toBeCloseTo(-DAYS_PER_MONTH, 9);
    expect(kpi!.projection!.value).toBeCloseTo(5.5, 6);
    expect(kpi!.status).toBe('ON_TRACK');
    expect(tooAmbitious!.status).toBe('OFF_TRACK');
  });
});
