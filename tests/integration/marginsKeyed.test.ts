import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWERS_KEYED, keyedAnswersCurrent, keyedMarginsCurrent, keyedWork, MARGINS_KEYED, MARGINS_KEYED_STAMP } from '../../analytics/answersKeyed.js';
import { importFile } from '../../analytics/import/importFile.js';
import { undoLatestImport } from '../../analytics/import/undo.js';
import { eraseCustomerFacts } from '../../analytics/privacy/customerData.js';
import { customerTouchpointSums } from '../../analytics/queries/drivers/customerTouchpointSums.js';
import type { AnalyticsFilter } from '../../analytics/queries/filter.js';
import { getPriorities } from '../../analytics/queries/priorities/getPriorities.js';
import { openStore, type Queryable, type Store } from '../../analytics/store.js';
import { closeTo, recorded, recording, withStampAside, writeLines } from '../support/recordingStore.js';
import { generate } from '../../seeds/generate/index.js';

// Issue 20, goal 3: every profitability month keyed by the customer's integer key (margins_keyed), read by
// the prioritisation's margins instead of probing profitability on the text customer id. The keys stay as
// they are across changes that write no customers (a responses import), so those do not compute the months
// again. The tests compare the table with a recomputation after each kind of change, count the
// recomputations, and compare the sums and priorities read from it with the same read from profitability;
// they never time.

let store: Store;
let dir: string;
beforeAll(async () => {
  store = await openStore(':memory:');
  await generate(store, { customers: 1_500, responses: 15_000, months: 24, seed: 9, endDate: '2026-06-30' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'margins-keyed-'));
});
afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Months in profitability (of customers with a key) and not in the table, and the other way round, with the
 * keys turned back into customer ids; written independently of analytics/answersKeyed.ts.
 */
async function difference(db: Queryable): Promise<{ missing: number; extra: number; rows: number }> {
  const facts = `SELECT p.customer_id, p.month, p.revenue - p.cost AS margin FROM profitability p WHERE p.customer_id IN (SELECT customer_id FROM customer_keys)`;
  const stored = `SELECT k.customer_id, m.month, m.margin FROM ${MARGINS_KEYED} m JOIN customer_keys k ON k.customer_key = m.customer_key`;
  const [row] = await db.all<{ missing: number; extra: number; rows: number }>(
    `SELECT (SELECT count(*) FROM (${facts} EXCEPT ALL ${stored}))::INTEGER AS missing,
            (SELECT count(*) FROM (${stored} EXCEPT ALL ${facts}))::INTEGER AS extra,
            (SELECT count(*) FROM ${MARGINS_KEYED})::INTEGER AS rows`,
  );
  if (!row) throw new Error('no row');
  return row;
}

/** Every customer has a key (so the months of every customer with profitability are in the table). */
async function everyCustomerKeyed(): Promise<boolean> {
  const [row] = await store.all<{ all: boolean }>(
    `SELECT (SELECT count(*) FROM customers WHERE customer_id NOT IN (SELECT customer_id FROM customer_keys)) = 0 AS "all"`,
  );
  return row?.all === true;
}

const csv = (name: string, lines: string[]) => writeLines(dir, name, lines);
const keys = () => store.all(`SELECT customer_key, customer_id FROM customer_keys ORDER BY customer_key`);

describe('the keyed margins', () => {
  it('equal profitability after the generator; a responses import keeps the customer keys and does not compute them again', async () => {
    expect(await keyedMarginsCurrent(store)).toBe(true);
    const [months] = await store.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM profitability`);
    expect(await difference(store)).toEqual({ missing: 0, extra: 0, rows: months!.n });
    expect(await everyCustomerKeyed()).toBe(true);

    const work = { ...keyedWork };
    const keysBefore = await keys();
    // A replace import of the answers (a tenth fewer): the keyed answers are computed again, the keys and the months are kept.
    const replacement = path.join(dir, 'replace.csv');
    await store.run(`COPY (SELECT * FROM responses WHERE hash(response_id) % 10 <> 0 ORDER BY hash(response_id)) TO '${replacement}' (HEADER)`);
    await importFile(store, { kind: 'responses', file: replacement, mode: 'replace', undoId: 'margins-keyed-replace' });
    expect(keyedWork).toEqual({ ...work, rebuilds: work.rebuilds + 1 });
    expect(await keys()).toEqual(keysBefore);
    expect(await keyedAnswersCurrent(store)).toBe(true);
    expect(await keyedMarginsCurrent(store)).toBe(true);
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0, rows: months!.n });

    // Its undo writes answers only, too.
    await undoLatestImport(store, 'margins-keyed-replace');
    expect(keyedWork).toEqual({ ...work, rebuilds: work.rebuilds + 2 });
    expect(await keys()).toEqual(keysBefore);
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0, rows: months!.n });
  });

  it('key the months of customers created with appended answers without computing the others again', async () => {
    const [answer] = await store.all<{ tp: string }>(`SELECT touchpoint_code AS tp FROM responses WHERE touchpoint_code IS NOT NULL ORDER BY response_id LIMIT 1`);
    // A month of profitability for a customer the store does not have yet (written by a data change that says so).
    await store.transaction(async (tx) => {
      await tx.run(`INSERT INTO profitability (customer_id, month, revenue, cost) VALUES ('MKNEW', DATE '2026-05-01', 120, 45.5)`);
      await store.markChanged('data', {}, tx, { tables: ['profitability'] });
    });
    expect(await store.all(`SELECT * FROM customer_keys WHERE customer_id = 'MKNEW'`)).toEqual([]);
    const work = { ...keyedWork };
    // As an answers file with its customers does it: the customer and its answer written, then the data marked changed as an append.
    await store.transaction(async (tx) => {
      await tx.run(`INSERT INTO customers (customer_id, persona_code, unit_code, acquired_at) VALUES ('MKNEW', 'SENIOR_SAVER', 'CPH', DATE '2024-01-01')`);
      await tx.run(
        `INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr, satisfaction) VALUES ('MKR1', 'MKNEW', $tp, TIMESTAMP '2026-06-01 10:00:00', 9, 4)`,
        { tp: answer!.tp },
      );
      await store.markChanged('data', {}, tx, { appendedResponses: `SELECT 'MKR1'`, tables: ['responses', 'customers'] });
    });
    expect(keyedWork).toEqual({ ...work, appends: work.appends + 1 });
    expect(await keyedAnswersCurrent(store)).toBe(true);
    expect(await keyedMarginsCurrent(store)).toBe(true);
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0 });
    expect(await store.all(`SELECT m.margin FROM ${MARGINS_KEYED} m JOIN customer_keys k USING (customer_key) WHERE k.customer_id = 'MKNEW'`)).toEqual([{ margin: 74.5 }]);
    expect(await everyCustomerKeyed()).toBe(true);

    // The next responses import still keeps the keys (the new customer's included).
    const keysBefore = await keys();
    const file = csv('append.csv', ['response_id,customer_id,touchpoint_code,responded_at,ltr', `MKR2,MKNEW,,2026-06-02 09:00:00,7`]);
    await importFile(store, { kind: 'responses', file, mode: 'append' });
    const replacement = path.join(dir, 'replace2.csv');
    await store.run(`COPY (SELECT * FROM responses ORDER BY response_id) TO '${replacement}' (HEADER)`);
    await importFile(store, { kind: 'responses', file: replacement, mode: 'replace' });
    expect(keyedWork).toMatchObject({ renumbered: work.renumbered, marginRebuilds: work.marginRebuilds });
    expect(await keys()).toEqual(keysBefore);
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0 });
  });

  it('are computed again after a profitability import, its undo, a customers import and an erasure, and equal profitability after each', async () => {
    const [customer] = await store.all<{ id: string }>(`SELECT customer_id AS id FROM profitability ORDER BY customer_id LIMIT 1`);
    let work = { ...keyedWork };
    await importFile(store, {
      kind: 'profitability',
      file: csv('profit.csv', ['customer_id,month,revenue,cost', `${customer!.id},2026-07,900.5,100.25`]),
      mode: 'append',
      undoId: 'margins-keyed-profit',
    });
    // Written profitability: the months once, after the keyed answers (which keep their keys).
    expect(keyedWork).toMatchObject({ renumbered: work.renumbered, marginRebuilds: work.marginRebuilds + 1 });
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0 });
    await undoLatestImport(store, 'margins-keyed-profit');
    expect(keyedWork.marginRebuilds).toBe(work.marginRebuilds + 2);
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0 });

    // A customers import numbers the customers afresh: the months are computed again, once.
    work = { ...keyedWork };
    await importFile(store, {
      kind: 'customers',
      file: csv('customers.csv', ['customer_id,persona_code,unit_code,acquired_at', 'MKNEW2,YOUNG_FAMILY,CPH,2024-01-01']),
      mode: 'append',
    });
    expect(keyedWork).toMatchObject({ renumbered: work.renumbered + 1, marginRebuilds: work.marginRebuilds + 1 });
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0 });
    expect(await everyCustomerKeyed()).toBe(true);

    // An erasure, as the privacy service does it: the customer's facts deleted, the data marked changed.
    await store.transaction(async (tx) => {
      await eraseCustomerFacts(tx, customer!.id);
      await store.markChanged('data', {}, tx);
    });
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0 });
    expect(await store.all(`SELECT * FROM customer_keys WHERE customer_id = $id`, { id: customer!.id })).toEqual([]);
    expect(await keyedMarginsCurrent(store)).toBe(true);
  });

  it('are not read once profitability was written behind their back, and are computed again by the next data change', async () => {
    await store.run(`INSERT INTO profitability SELECT customer_id, DATE '2026-08-01', 10, 1 FROM customers WHERE customer_id IN (SELECT customer_id FROM profitability) ORDER BY customer_id LIMIT 1`);
    expect(await keyedMarginsCurrent(store)).toBe(false);
    const { db, statements } = recording(store);
    await customerTouchpointSums(db, {}, { outcome: 'LTR', performance: true });
    const statement = statements.find((s) => s.includes('per_tp'));
    expect(statement).toContain(`FROM ${ANSWERS_KEYED} r`);
    expect(statement).toContain('JOIN profitability p');
    expect(statement).not.toContain(MARGINS_KEYED);
    // Even an appended answer, which writes no profitability, finds them stale and computes them again.
    const work = { ...keyedWork };
    const [one] = await store.all<{ id: string }>(`SELECT customer_id AS id FROM customers ORDER BY customer_id LIMIT 1`);
    await importFile(store, { kind: 'responses', file: csv('one.csv', ['response_id,customer_id,touchpoint_code,responded_at,ltr', `MKONE,${one!.id},,2026-06-03 09:00:00,3`]), mode: 'append' });
    expect(keyedWork).toMatchObject({ appends: work.appends + 1, marginRebuilds: work.marginRebuilds + 1 });
    expect(await keyedMarginsCurrent(store)).toBe(true);
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0 });
  });
});

describe('driver sums and priorities read the keyed margins', () => {
  const CUTS: AnalyticsFilter[] = [
    { personaCodes: ['SENIOR_SAVER'], from: '2025-11-01', to: '2026-04-30' },
    { from: '2026-01-15', to: '2026-03-03' },
    { unitCodes: ['CPH'], personaCodes: ['YOUNG_FAMILY', 'SENIOR_SAVER'], from: '2025-07-01' },
    {},
  ];

  it('give the same sums and priorities as profitability read on the text id, for every cut', async () => {
    for (const filter of CUTS) {
      const options = { outcome: 'LTR' as const, performance: true };
      expect(await keyedMarginsCurrent(store)).toBe(true);
      const keyed = await recorded(store, (db) => customerTouchpointSums(db, filter, options));
      const main = keyed.statements.find((s) => s.includes('per_tp'));
      expect(main).toContain(`JOIN ${MARGINS_KEYED} p`);
      expect(main).not.toMatch(/\b(FROM|JOIN) (profitability|customer_keys)\b/);
      const facts = await withStampAside(store, MARGINS_KEYED_STAMP, (db) => customerTouchpointSums(db, filter, options));
      expect(facts.statements.find((s) => s.includes('per_tp'))).toContain('JOIN profitability p');
      expect(closeTo(keyed.result, facts.result)).toEqual(facts.result);
      const withMargin = [...(keyed.result.performance?.values() ?? [])].reduce((sum, p) => sum + p.customersWithMargin, 0);
      expect(withMargin).toBeGreaterThan(0);

      const priorities = await recorded(store, (db) => getPriorities(db, filter));
      const prioritiesFacts = await withStampAside(store, MARGINS_KEYED_STAMP, (db) => getPriorities(db, filter));
      expect(closeTo(priorities.result, prioritiesFacts.result)).toEqual(prioritiesFacts.result);
    }
  });
});
