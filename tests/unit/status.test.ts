import { afterEach, describe, expect, it } from 'vitest';
import { diagnose, getStatusDiagnosis, statusPeriod, type StatusSignals } from '../../analytics/queries/status/getStatusDiagnosis.js';
import type { Store } from '../../analytics/store.js';
import { makeAnalyticsFixture } from '../support/analyticsFixture.js';

let store: Store | undefined;
afterEach(async () => store?.close());

/** Churn 10% and stable, NPS +10 and stable: the signals of a company that should differentiate. */
const calm: StatusSignals = { churn: 0.1, churnSlopeLow: -0.001, nps: 10, npsSlopeHigh: 0.5 };

describe('the status rule at its thresholds (churnHigh 0.15, npsGood 0)', () => {
  it('calls for STOP_CHURN from 15% churn on, not below', () => {
    expect(diagnose({ ...calm, churn: 0.15 }).programme).toBe('STOP_CHURN');
    expect(diagnose({ ...calm, churn: 0.1499 }).programme).toBe('DIFFERENTIATE');
  });

  it('calls for STOP_CHURN when the churn trend rises significantly (its interval lies above 0), even at low churn and good NPS', () => {
    const rising = diagnose({ ...calm, churnSlopeLow: 0.0001 });
    expect(rising).toMatchObject({ programme: 'STOP_CHURN', churnRising: true, churnHigh: false });
    expect(rising.reasons[0]).toContain('Churn is rising');
    expect(diagnose({ ...calm, churnSlopeLow: 0 }).programme).toBe('DIFFERENTIATE');
  });

  it('puts churn before NPS: high churn with low NPS is STOP_CHURN', () => {
    expect(diagnose({ churn: 0.3, churnSlopeLow: 0, nps: -40, npsSlopeHigh: -1 }).programme).toBe('STOP_CHURN');
  });

  it('calls for REVITALISE_CUSTOMER_FOCUS below NPS 0 or when NPS falls significantly, with churn under control', () => {
    expect(diagnose({ ...calm, nps: -0.01 })).toMatchObject({ programme: 'REVITALISE_CUSTOMER_FOCUS', npsLow: true });
    expect(diagnose({ ...calm, nps: 0 }).programme).toBe('DIFFERENTIATE');
    const falling = diagnose({ ...calm, npsSlopeHigh: -0.01 });
    expect(falling).toMatchObject({ programme: 'REVITALISE_CUSTOMER_FOCUS', npsFalling: true });
    expect(falling.reasons).toEqual(['12-month churn 10.0% is below 15.0% and not rising.', 'NPS is falling: the monthly trend\'s interval lies below 0 (up to -0.01 points a month).']);
  });

  it('calls for DIFFERENTIATE when NPS is good and not falling and churn low and not rising; the thresholds can be moved', () => {
    expect(diagnose(calm).programme).toBe('DIFFERENTIATE');
    expect(diagnose(calm, { churnHigh: 0.08, npsGood: 0 }).programme).toBe('STOP_CHURN');
    expect(diagnose(calm, { churnHigh: 0.15, npsGood: 25 }).programme).toBe('REVITALISE_CUSTOMER_FOCUS');
  });

  it('says INSUFFICIENT_DATA without a churn or NPS level', () => {
    expect(diagnose({ ...calm, nps: null }).programme).toBe('INSUFFICIENT_DATA');
    expect(diagnose({ ...calm, churn: null }).reasons[0]).toContain('customers at risk');
  });
});

describe('status diagnosis on a hand-made store', () => {
  it('looks at the 12 whole months up to asOf', () => {
    expect(statusPeriod('2025-12-31')).toEqual({ start: '2025-01-01', end: '2025-12-31' });
    expect(statusPeriod('2025-12-15')).toEqual({ start: '2024-12-01', end: '2025-11-30' });
  });

  it('measures 12-month churn of the customers active at the start, and relationship NPS, and returns them as evidence', async () => {
    // 20 customers active on 2025-01-01; 4 churn during 2025 (20%); one acquired in March is not at risk.
    const customers = Array.from({ length: 20 }, (_, i) => ({ id: `k${i}`, churned: i < 4 ? `2025-0${i + 2}-15` : null }));
    store = await makeAnalyticsFixture([...customers, { id: 'new', acquired: '2025-03-01' }, { id: 'old', churned: '2024-12-31' }], [
      { customer: 'k5', touchpoint: null, at: '2025-06-01 10:00:00', ltr: 10 },
      { customer: 'k6', touchpoint: null, at: '2025-06-01 10:00:00', ltr: 2 },
      { customer: 'k7', touchpoint: null, at: '2025-06-01 10:00:00', ltr: 9 },
    ]);
    await store.run(`INSERT INTO store_meta VALUES ('data_start', '2024-01-01'), ('data_end', '2025-12-31')`);
    const status = await getStatusDiagnosis(store, {}, { asOf: '2025-12-31' });
    expect(status.churnLevel).toMatchObject({ n: 20, count: 4, share: 0.2 });
    expect(status.npsLevel.nps).toBeCloseTo(100 / 3, 9);
    expect(status.programme).toBe('STOP_CHURN');
    expect(status.reasons[0]).toBe('12-month churn 20.0% is at or above 15.0%.');
    // At risk on the 1st: k0 leaves in February; the March customer joins on March 1st; k1 leaves in March.
    expect(status.churnPoints.map((p) => [p.n, p.complete]).slice(0, 4)).toEqual([[20, true], [20, true], [20, true], [19, true]]);
    expect(status.period).toEqual({ start: '2025-01-01', end: '2025-12-31' });
    const lenient = await getStatusDiagnosis(store, {}, { asOf: '2025-12-31', thresholds: { churnHigh: 0.25 } });
    expect(lenient.programme).toBe('DIFFERENTIATE');
  });

  it('refuses thresholds out of range and a period filter, naming the field', async () => {
    store = await makeAnalyticsFixture([{ id: 'c1' }], []);
    await expect(getStatusDiagnosis(store, {}, { thresholds: { churnHigh: 15 } })).rejects.toMatchObject({ field: 'churnHigh' });
    await expect(getStatusDiagnosis(store, {}, { thresholds: { npsGood: 101 } })).rejects.toMatchObject({ field: 'npsGood' });
    await expect(getStatusDiagnosis(store, { from: '2025-01-01' })).rejects.toMatchObject({ field: 'from', message: expect.stringContaining('pass asOf') });
  });
});
