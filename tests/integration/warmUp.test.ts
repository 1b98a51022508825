import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../analytics/import/importFile.js';
import { customerTouchpointSums, type SumsOptions } from '../../analytics/queries/drivers/customerTouchpointSums.js';
import { warmedKeys } from '../../analytics/queries/warmUp.js';
import { getPriorities } from '../../analytics/queries/priorities/getPriorities.js';
import type { Store } from '../../analytics/store.js';
import { makeAnalyticsFixture, type FixtureResponse } from '../support/analyticsFixture.js';

// Issue 20: the driver sums behind drivers, priorities and the business case are computed again by the
// import that changed the data, not by the first request after it; identical misses run once. These
// tests count the sums statements DuckDB executed, never a duration.

let store: Store;
let dir: string;
/** Driver-sums statements executed (their SQL names the per (customer, touchpoint) step). */
let sumsRuns = 0;
/** The store as the server holds it, counting the sums statements that reach DuckDB. */
let counted: Store;
/** When set, the next data-fingerprint read through `counted` waits for it after reading (a request held up). */
let holdNextFingerprint: Promise<void> | undefined;
/** Fingerprint reads that have read and are being held. */
let heldFingerprints = 0;

const customers = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((id, i) => ({ id, persona: i % 2 ? 'P2' : 'P1' }));
const answers = (customer: string, day: string, ltr: number, a: number, b: number): FixtureResponse[] => [
  { customer, touchpoint: 'TP_A', at: `${day} 10:00:00`, ltr: null, satisfaction: a },
  { customer, touchpoint: 'TP_B', at: `${day} 11:00:00`, ltr: null, satisfaction: b },
  { customer, at: `${day} 12:00:00`, ltr },
];

beforeEach(async () => {
  store = await makeAnalyticsFixture(customers, [
    ...answers('c1', '2025-03-01', 9, 5, 4),
    ...answers('c2', '2025-03-02', 3, 2, 1),
    ...answers('c3', '2025-03-03', 7, 4, 3),
    ...answers('c4', '2025-03-04', 10, 5, 5),
  ]);
  sumsRuns = 0;
  heldFingerprints = 0;
  counted = new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (key !== 'all' || typeof value !== 'function') return value;
      return async (sql: string, ...rest: unknown[]) => {
        if (sql.includes('per_tp AS')) sumsRuns++;
        const rows: unknown = await Reflect.apply(value, target, [sql, ...rest]);
        const hold = sql.includes("'dimensions_version'") ? holdNextFingerprint : undefined;
        if (hold) {
          holdNextFingerprint = undefined;
          heldFingerprints++;
          await hold;
        }
        return rows;
      };
    },
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warm-'));
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const FILTER = { from: '2025-01-01', to: '2025-12-31' };
const OPTIONS: SumsOptions = { outcome: 'LTR', performance: true };

describe('driver sums after an import', () => {
  it('are computed by the import that changed the data, so the first request after it executes none', async () => {
    const before = await customerTouchpointSums(counted, FILTER, OPTIONS);
    expect(before.customers).toBe(4);
    expect(sumsRuns).toBe(1);
    expect(warmedKeys(counted)).toHaveLength(1);

    const file = path.join(dir, 'responses.csv');
    fs.writeFileSync(
      file,
      [
        'response_id,customer_id,touchpoint_code,responded_at,ltr,satisfaction',
        'N1,c5,TP_A,2025-04-01 10:00:00,,3',
        'N2,c5,TP_B,2025-04-01 11:00:00,,2',
        'N3,c5,,2025-04-01 12:00:00,4,',
        'N4,c6,TP_A,2025-04-02 10:00:00,,5',
        'N5,c6,,2025-04-02 12:00:00,9,',
      ].join('\n'),
    );
    await importFile(counted, { kind: 'responses', file, mode: 'append' });
    expect(sumsRuns).toBe(2); // the import recomputed the remembered cut before it answered

    const after = await customerTouchpointSums(counted, FILTER, OPTIONS);
    expect(sumsRuns).toBe(2); // the first request after the import: nothing left to compute
    expect(after.customers).toBe(6); // and it is the new data
    expect(after.performance?.get('TP_A')?.answers).toBe(6);
  });

  it('with the driver model of a prioritisation: the first priorities request after an import executes no sums statement', async () => {
    const before = await getPriorities(counted, FILTER);
    expect(warmedKeys(counted).map((k) => k.split('|')[0])).toEqual(['model', 'sums']);
    await counted.transaction(async (tx) => {
      await tx.run(`INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr, satisfaction)
        VALUES ('M1', 'c5', 'TP_A', TIMESTAMP '2025-05-01 10:00:00', NULL, 1), ('M2', 'c5', NULL, TIMESTAMP '2025-05-01 12:00:00', 0, NULL)`);
      await counted.markChanged('data', {}, tx);
    });
    expect(sumsRuns).toBe(2);
    const after = await getPriorities(counted, FILTER);
    expect(sumsRuns).toBe(2);
    const reached = (result: typeof before) => result.touchpoints.find((t) => t.touchpointCode === 'TP_A')?.customersReached;
    expect([reached(before), reached(after)]).toEqual([4, 5]);
  });

  it('are not recomputed by a model sync (dimensions), nor by writes outside a data change', async () => {
    await customerTouchpointSums(counted, FILTER, OPTIONS);
    await counted.transaction(async (tx) => {
      await tx.run(`UPDATE dim_touchpoints SET name = 'Web quote (new)' WHERE code = 'TP_A'`);
      await counted.markChanged('dimensions', {}, tx);
    });
    await counted.run(`INSERT INTO customers VALUES ('c7', 'P1', 'U1', DATE '2024-01-01', NULL, 10)`);
    expect(sumsRuns).toBe(1);
  });

  it("keep the previous data's sums for a request that read its fingerprint just before the change, without dropping the new data's", async () => {
    const before = await customerTouchpointSums(counted, FILTER, OPTIONS);
    let release = () => {};
    holdNextFingerprint = new Promise<void>((resolve) => (release = resolve));
    // A request reads the fingerprint of the data as it is, then is held up while a data change commits.
    const late = customerTouchpointSums(counted, FILTER, OPTIONS);
    while (heldFingerprints === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await counted.transaction(async (tx) => {
      await tx.run(`INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr, satisfaction)
        VALUES ('M1', 'c5', 'TP_A', TIMESTAMP '2025-05-01 10:00:00', NULL, 1), ('M2', 'c5', NULL, TIMESTAMP '2025-05-01 12:00:00', 0, NULL)`);
      await counted.markChanged('data', {}, tx);
    });
    expect(sumsRuns).toBe(2); // the change computed the new data's sums
    release();
    // The late request is answered from the sums of the data it read, and leaves the new ones in place.
    expect(await late).toBe(before);
    const after = await customerTouchpointSums(counted, FILTER, OPTIONS);
    expect(after.customers).toBe(5);
    expect(sumsRuns).toBe(2);
  });

  it('executes identical concurrent misses once', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => customerTouchpointSums(counted, FILTER, OPTIONS)));
    expect(sumsRuns).toBe(1);
    for (const result of results) expect(result).toBe(results[0]);
    // Another cut is another statement.
    await customerTouchpointSums(counted, { ...FILTER, personaCodes: ['P1'] }, OPTIONS);
    expect(sumsRuns).toBe(2);
  });
});
