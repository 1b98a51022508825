import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_MARGINS, CUSTOMER_MARGINS_STAMP, customerMarginsCurrent, marginsWork } from '../../analytics/customerMargins.js';
import { getBusinessCase } from '../../analytics/businessCase/getBusinessCase.js';
import { importFile } from '../../analytics/import/importFile.js';
import { undoLatestImport } from '../../analytics/import/undo.js';
import { eraseCustomerFacts } from '../../analytics/privacy/customerData.js';
import type { AnalyticsFilter } from '../../analytics/queries/filter.js';
import { getLoyaltyBySatisfaction } from '../../analytics/queries/loyalty/getLoyaltyBySatisfaction.js';
import { openStore, type Queryable, type Store } from '../../analytics/store.js';
import { closeTo, recorded, recording, withStampAside, writeLines } from '../support/recordingStore.js';
import { generate } from '../../seeds/generate/index.js';
import { demoScenarioInitiative } from '../../seeds/demo/scenario.js';

// Issue 20, goal 3: each customer's profitability months in one row (customer_margins), kept by the data
// changes that write profitability and read by loyalty by satisfaction (the business case's economics).
// The tests compare the table with the facts after each kind of change, count the recomputations, and
// compare loyalty and the business case read from it with the same read from the facts; they never time.

let store: Store;
let dir: string;
beforeAll(async () => {
  store = await openStore(':memory:');
  // 24 months: loyalty follows each customer's margins for 12 months after their answer.
  await generate(store, { customers: 1_500, responses: 15_000, months: 24, seed: 5, endDate: '2026-06-30' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'margins-'));
});
afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Months in the facts and not in the table, and the other way round (customer, month, margin). */
async function difference(db: Queryable): Promise<{ missing: number; extra: number; rows: number }> {
  const facts = `SELECT customer_id, month, revenue - cost AS margin FROM profitability`;
  const stored = `SELECT customer_id, m.month, m.margin FROM (SELECT customer_id, unnest(months) AS m FROM ${CUSTOMER_MARGINS})`;
  const [row] = await db.all<{ missing: number; extra: number; rows: number }>(
    `SELECT (SELECT count(*) FROM (${facts} EXCEPT ALL ${stored}))::INTEGER AS missing,
            (SELECT count(*) FROM (${stored} EXCEPT ALL ${facts}))::INTEGER AS extra,
            (SELECT count(*) FROM (${stored}))::INTEGER AS rows`,
  );
  if (!row) throw new Error('no row');
  return row;
}

const csv = (name: string, lines: string[]) => writeLines(dir, name, lines);

describe('the customer margins', () => {
  it('equal the profitability facts after the generator, and are left alone by changes that write no profitability', async () => {
    expect(await customerMarginsCurrent(store)).toBe(true);
    const [months] = await store.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM profitability`);
    expect(await difference(store)).toEqual({ missing: 0, extra: 0, rows: months!.n });
    // One row per customer with profitability.
    const [one] = await store.all<{ same: boolean }>(
      `SELECT (SELECT count(*) FROM ${CUSTOMER_MARGINS}) = (SELECT count(DISTINCT customer_id) FROM profitability) AND
              (SELECT count(DISTINCT customer_id) FROM ${CUSTOMER_MARGINS}) = (SELECT count(*) FROM ${CUSTOMER_MARGINS}) AS same`,
    );
    expect(one?.same).toBe(true);

    const work = marginsWork.rebuilds;
    const [answer] = await store.all<{ id: string }>(`SELECT customer_id AS id FROM responses ORDER BY response_id LIMIT 1`);
    // An appended answer, a customers import, a responses replace: no profitability written, nothing computed.
    await importFile(store, {
      kind: 'responses',
      file: csv('append.csv', ['response_id,customer_id,touchpoint_code,responded_at,ltr', `MAPP1,${answer!.id},,2026-06-02 09:00:00,3`]),
      mode: 'append',
    });
    await importFile(store, {
      kind: 'customers',
      file: csv('customers.csv', ['customer_id,persona_code,unit_code,acquired_at', 'MNEW1,SENIOR_SAVER,CPH,2024-01-01']),
      mode: 'append',
    });
    expect(marginsWork.rebuilds).toBe(work);
    expect(await customerMarginsCurrent(store)).toBe(true);
  });

  it('are computed again by a profitability import, its undo and an erasure, and equal the facts after each', async () => {
    const [customer] = await store.all<{ id: string }>(`SELECT customer_id AS id FROM profitability ORDER BY customer_id LIMIT 1`);
    const work = marginsWork.rebuilds;
    await importFile(store, {
      kind: 'profitability',
      file: csv('profit.csv', ['customer_id,month,revenue,cost', `${customer!.id},2026-07,900.5,100.25`, `MNEW1,2026-07,50,80`]),
      mode: 'append',
      undoId: 'margins-append',
    });
    expect(marginsWork.rebuilds).toBe(work + 1);
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0 });
    const [newcomer] = await store.all<{ months: number; margin: number }>(
      `SELECT len(months)::INTEGER AS months, list_sum(list_transform(months, x -> x.margin)) AS margin FROM ${CUSTOMER_MARGINS} WHERE customer_id = 'MNEW1'`,
    );
    expect(newcomer).toEqual({ months: 1, margin: -30 });

    await undoLatestImport(store, 'margins-append');
    expect(marginsWork.rebuilds).toBe(work + 2);
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0 });
    expect(await store.all(`SELECT * FROM ${CUSTOMER_MARGINS} WHERE customer_id = 'MNEW1'`)).toEqual([]);

    // An erasure, as the privacy service does it: the customer's facts deleted, the data marked changed.
    await store.transaction(async (tx) => {
      await eraseCustomerFacts(tx, customer!.id);
      await store.markChanged('data', {}, tx);
    });
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0 });
    expect(await store.all(`SELECT * FROM ${CUSTOMER_MARGINS} WHERE customer_id = $id`, { id: customer!.id })).toEqual([]);
  });

  it('are not read once profitability was written behind their back, and are computed again by the next data change', async () => {
    await store.run(`INSERT INTO profitability SELECT customer_id, DATE '2026-08-01', 10, 1 FROM customers WHERE customer_id IN (SELECT customer_id FROM profitability) ORDER BY customer_id LIMIT 1`);
    expect(await customerMarginsCurrent(store)).toBe(false);
    const { db, statements } = recording(store);
    await getLoyaltyBySatisfaction(db, {});
    const statement = statements.find((s) => s.includes('WITH latest AS'));
    expect(statement).toContain('JOIN profitability p');
    expect(statement).not.toContain(CUSTOMER_MARGINS);
    // A change that does not say what it wrote computes them again.
    await store.markChanged('data');
    expect(await customerMarginsCurrent(store)).toBe(true);
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0 });
  });
});

/** Runs `read` with the margins' stamp set aside (the facts are read), on a fresh wrapper (no caches). */
async function fromFacts<T>(read: (db: Store) => Promise<T>): Promise<{ result: T; statements: string[] }> {
  return withStampAside(store, CUSTOMER_MARGINS_STAMP, read);
}

async function fromMargins<T>(read: (db: Store) => Promise<T>): Promise<{ result: T; statements: string[] }> {
  expect(await customerMarginsCurrent(store)).toBe(true);
  return recorded(store, read);
}

describe('loyalty by satisfaction and the business case read the customer margins', () => {
  const CUTS: AnalyticsFilter[] = [
    { personaCodes: ['SENIOR_SAVER'], from: '2024-10-01', to: '2025-09-30' },
    { from: '2025-01-15' },
    { unitCodes: ['CPH'], personaCodes: ['YOUNG_FAMILY', 'SENIOR_SAVER'] },
    {},
  ];

  it('give the same loyalty groups as the facts for every cut and asOf, without reading profitability', async () => {
    let margins = 0;
    for (const filter of CUTS) {
      for (const asOf of ['2026-06-30', '2026-02-28', '2025-11-15']) {
        const kept = await fromMargins((db) => getLoyaltyBySatisfaction(db, filter, { asOf }));
        const statement = kept.statements.find((s) => s.includes('WITH latest AS'));
        expect(statement).toContain(`JOIN ${CUSTOMER_MARGINS} m`);
        expect(statement).not.toMatch(/\b(FROM|JOIN) profitability\b/);
        const facts = await fromFacts((db) => getLoyaltyBySatisfaction(db, filter, { asOf }));
        expect(facts.statements.find((s) => s.includes('WITH latest AS'))).not.toContain(CUSTOMER_MARGINS);
        expect(closeTo(kept.result, facts.result)).toEqual(facts.result);
        margins += kept.result.all.customerMonths;
      }
    }
    // The cuts do follow customers' margins (a comparison of empty results would prove nothing).
    expect(margins).toBeGreaterThan(0);
  });

  it('give the same business case as the facts', async () => {
    let reports = 0;
    for (const filter of CUTS) {
      const scenario = { filter, initiative: demoScenarioInitiative() };
      const settled = (db: Store) => getBusinessCase(db, scenario).then((report) => ({ report }), (error: unknown) => ({ error: String(error) }));
      const kept = await fromMargins(settled);
      const facts = await fromFacts(settled);
      expect(closeTo(kept.result, facts.result)).toEqual(facts.result);
      if ('report' in kept.result) reports++;
    }
    expect(reports).toBeGreaterThan(1);
  });
});
