import { afterEach, describe, expect, it } from 'vitest';
import { correlationOf, getUnits } from '../../analytics/queries/units/getUnits.js';
import { criticalT, studentTTwoSidedP } from '../../analytics/stats/index.js';
import type { Store } from '../../analytics/store.js';
import { makeAnalyticsFixture, type FixtureResponse } from '../support/analyticsFixture.js';

let store: Store | undefined;
afterEach(async () => store?.close());

/** `promoters` 10s and `detractors` 0s (of 10 answers, the rest 7s) from `customer` in 2025. */
const relationship = (customer: string, promoters: number, detractors: number): FixtureResponse[] =>
  Array.from({ length: 10 }, (_, i) => ({ customer, touchpoint: null, at: '2025-05-01 12:00:00', ltr: i < promoters ? 10 : i < promoters + detractors ? 0 : 7 }));

/**
 * Four units over 2025 (asOf 2025-12-31):
 *        management quality     employee sat.   NPS   margin per customer per year
 * U1     50, 54, 52, 56 → 53    60 (4 periods)  -20   120 (one customer, 12 × 10)
 * U2     60                     70                0   (240 + 360) / 2 = 300 (12 × 20; 6 months of 30 → 360)
 * U3     70                     65               20   360
 * U4     80                     90               40   480
 */
async function unitsStore(): Promise<Store> {
  const s = await makeAnalyticsFixture(
    [
      { id: 'a1', unit: 'U1' }, { id: 'gone', unit: 'U1', churned: '2024-06-01' },
      { id: 'b1', unit: 'U2' }, { id: 'b2', unit: 'U2', persona: 'P2', churned: '2025-06-30' },
      { id: 'c1', unit: 'U3' }, { id: 'd1', unit: 'U4' },
    ],
    [...relationship('a1', 2, 4), ...relationship('b1', 3, 3), ...relationship('c1', 4, 2), ...relationship('d1', 5, 1)],
  );
  await s.run(`INSERT INTO dim_units VALUES ('U3', 'Unit three'), ('U4', 'Unit four')`);
  await s.run(`INSERT INTO unit_metrics VALUES
    ('U1', '2024-10-01', 10, 10), ('U1', '2025-01-01', 50, 60), ('U1', '2025-04-01', 54, 60), ('U1', '2025-07-01', 52, 60), ('U1', '2025-10-01', 56, 60),
    ('U2', '2025-04-01', 60, 70), ('U3', '2025-04-01', 70, 65), ('U4', '2025-04-01', 80, 90)`);
  const months = (customer: string, n: number, margin: number) =>
    s.run(`INSERT INTO profitability SELECT $c, (DATE '2025-01-01' + to_months(i::INTEGER))::DATE, $m + 5, 5 FROM range($n) t(i)`, { c: customer, n, m: margin });
  await months('a1', 12, 10);
  await months('b1', 12, 20);
  await months('b2', 6, 30);
  await months('c1', 12, 30);
  await months('d1', 12, 40);
  await s.run(`INSERT INTO profitability VALUES ('a1', DATE '2024-12-01', 1000, 0)`); // before the period
  await s.run(`INSERT INTO store_meta VALUES ('data_start', '2024-01-01'), ('data_end', '2025-12-31')`);
  return s;
}

describe('units on a hand-made store', () => {
  it('gives each unit its indices, NPS, margin per customer per year and customers over the 12 months to asOf', async () => {
    store = await unitsStore();
    const result = await getUnits(store, {});
    expect(result.period).toEqual({ start: '2025-01-01', end: '2025-12-31' });
    const [u1, u2, u3, u4] = result.units;
    expect(u1).toMatchObject({ unitCode: 'U1', customers: 1, managementQuality: { n: 4, mean: 53 }, managementQualityLatest: { period: '2025-10-01', value: 56 } });
    expect(u1!.employeeSatisfaction).toMatchObject({ n: 4, mean: 60 });
    expect(u1!.nps).toMatchObject({ n: 10, nps: -20 });
    expect(u1!.marginPerCustomer.mean).toBeCloseTo(120, 9);
    expect(u2).toMatchObject({ customers: 2, nps: { nps: 0 }, marginPerCustomer: { n: 2 } });
    expect(u2!.marginPerCustomer.mean).toBeCloseTo(300, 9);
    expect(u3!.nps.nps).toBeCloseTo(20, 9);
    expect(u4!.marginPerCustomer.mean).toBeCloseTo(480, 9);
  });

  it('correlates the four values across units, reproduced by hand', async () => {
    store = await unitsStore();
    const { correlations } = await getUnits(store, {});
    const pair = (a: string, b: string) => correlations.find((c) => c.a === a && c.b === b)!;
    // MQ 53, 60, 70, 80 (deviations -12.75, -5.75, 4.25, 14.25) against NPS -20, 0, 20, 40 (deviations -30, -10, 10, 30):
    // Sxy = 910, Sxx = 416.75, Syy = 2000.
    const r = 910 / Math.sqrt(416.75 * 2000);
    const mqNps = pair('MANAGEMENT_QUALITY', 'NPS');
    expect(mqNps.n).toBe(4);
    expect(mqNps.r).toBeCloseTo(r, 12);
    expect(mqNps.ciLow).toBeCloseTo(Math.tanh(Math.atanh(r) - 1.96 / Math.sqrt(1)), 12);
    expect(mqNps.ciHigh).toBeCloseTo(Math.tanh(Math.atanh(r) + 1.96 / Math.sqrt(1)), 12);
    const t = r * Math.sqrt(2 / (1 - r * r));
    expect(mqNps.pValue).toBeCloseTo(studentTTwoSidedP(t, 2), 12);
    expect(mqNps.significant).toBe(t > criticalT(0.95, 2));
    // NPS against margin 120, 300, 360, 480 (deviations -195, -15, 45, 165): Sxy = 11400, Syy = 67500.
    expect(pair('NPS', 'MARGIN').r).toBeCloseTo(11400 / Math.sqrt(2000 * 67500), 12);
    expect(correlations).toHaveLength(6);
  });

  it('narrows customers, NPS and margin to a persona, and reads a given period', async () => {
    store = await unitsStore();
    const p1 = await getUnits(store, { personaCodes: ['P1'] });
    expect(p1.units[1]).toMatchObject({ unitCode: 'U2', customers: 1, marginPerCustomer: { n: 1 } });
    expect(p1.units[1]!.marginPerCustomer.mean).toBeCloseTo(240, 9);
    const h1 = await getUnits(store, { unitCodes: ['U1'], from: '2025-01-01', to: '2025-06-30' });
    expect(h1.units.map((u) => u.unitCode)).toEqual(['U1']);
    expect(h1.units[0]!.managementQuality).toMatchObject({ n: 2, mean: 52 });
  });

  it('gives no r when a value does not vary, and no interval for three units or fewer', () => {
    expect(correlationOf('NPS', 'MARGIN', [1, 2, 3], [5, 5, 5]).r).toBeNull();
    const three = correlationOf('NPS', 'MARGIN', [1, 2, 3], [1, 3, 2]);
    expect(three.r).toBeCloseTo(0.5, 12);
    expect(three.ciLow).toBeNull();
  });

  it('refuses a touchpoint filter by name', async () => {
    store = await unitsStore();
    await expect(getUnits(store, { journeyId: 'j1' })).rejects.toMatchObject({ field: 'journeyId' });
  });
});
