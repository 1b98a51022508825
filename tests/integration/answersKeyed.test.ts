import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWERS_KEYED, ANSWERS_KEYED_STAMP, keyedAnswersCurrent, keyedWork } from '../../analytics/answersKeyed.js';
import { getBusinessCase } from '../../analytics/businessCase/getBusinessCase.js';
import { importFile } from '../../analytics/import/importFile.js';
import { undoLatestImport } from '../../analytics/import/undo.js';
import { eraseCustomerFacts } from '../../analytics/privacy/customerData.js';
import { countGroups, evidenceAndCounts, touchpointEvidence } from '../../analytics/businessCase/evidence.js';
import { customerTouchpointSums, type DriverOutcome } from '../../analytics/queries/drivers/customerTouchpointSums.js';
import { getLoyaltyBySatisfaction } from '../../analytics/queries/loyalty/getLoyaltyBySatisfaction.js';
import type { AnalyticsFilter } from '../../analytics/queries/filter.js';
import { getPriorities } from '../../analytics/queries/priorities/getPriorities.js';
import { openStore, type Queryable, type Store } from '../../analytics/store.js';
import { closeTo, recorded, recording, withStampAside, writeLines } from '../support/recordingStore.js';
import { demoCompany } from '../../seeds/demo/company.js';
import { generate } from '../../seeds/generate/index.js';
import { demoScenarioInitiative } from '../../seeds/demo/scenario.js';

// Issue 20, goal 3: the answers keyed by integer customer and touchpoint keys, with persona and unit copied
// in, kept by every data change like the daily rollup, and read by the driver sums. The tests compare the
// table with a recomputation from the facts after each kind of change, and the driver sums, priorities and
// business case read from it with the same read from the facts; they count, never time.

let store: Store;
let dir: string;
beforeAll(async () => {
  store = await openStore(':memory:');
  // 24 months: loyalty by satisfaction follows each customer for 12 months after their answer.
  await generate(store, { customers: 2_000, responses: 20_000, months: 24, seed: 11, endDate: '2026-06-30' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyed-'));
});
afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The oracle, written independently of analytics/answersKeyed.ts: every answer with its customer's columns. */
const RECOMPUTED = `
  SELECT r.customer_id, r.touchpoint_code, c.persona_code, c.unit_code, c.churned_at, c.acquisition_cost, r.responded_at, r.ltr, r.satisfaction,
    r.professional, r.sympathetic, r.trustworthy, r.atmosphere, r.effort, r.response_id
  FROM responses r, customers c WHERE c.customer_id = r.customer_id`;
/** The keyed answers with their keys turned back into ids and codes. */
const STORED = `
  SELECT k.customer_id, t.touchpoint_code, a.persona_code, a.unit_code, k.churned_at, k.acquisition_cost, a.responded_at, a.ltr, a.satisfaction,
    a.professional, a.sympathetic, a.trustworthy, a.atmosphere, a.effort, a.response_id
  FROM ${ANSWERS_KEYED} a JOIN customer_keys k ON k.customer_key = a.customer_key LEFT JOIN touchpoint_keys t ON t.touchpoint_key = a.touchpoint_key`;

/** Rows in one and not the other, both ways, and whether every key stands for one customer or code. */
async function difference(db: Queryable): Promise<{ missing: number; extra: number; rows: number; keysUnique: boolean }> {
  const [row] = await db.all<{ missing: number; extra: number; rows: number; keysUnique: boolean }>(
    `SELECT (SELECT count(*) FROM (${RECOMPUTED} EXCEPT ALL ${STORED}))::INTEGER AS missing,
            (SELECT count(*) FROM (${STORED} EXCEPT ALL ${RECOMPUTED}))::INTEGER AS extra,
            (SELECT count(*) FROM ${ANSWERS_KEYED})::INTEGER AS rows,
            (SELECT count(DISTINCT customer_key) = count(*) AND count(DISTINCT customer_id) = count(*) FROM customer_keys)
              AND (SELECT count(DISTINCT touchpoint_key) = count(*) AND count(DISTINCT touchpoint_code) = count(*) FROM touchpoint_keys) AS "keysUnique"`,
  );
  if (!row) throw new Error('no row');
  return row;
}

const csv = (name: string, lines: string[]) => writeLines(dir, name, lines);

describe('the keyed answers', () => {
  it('equal a recomputation from the facts after the generator, an appended import, its undo, and an erasure', async () => {
    expect(await keyedAnswersCurrent(store)).toBe(true);
    const before = await difference(store);
    expect(before).toMatchObject({ missing: 0, extra: 0, keysUnique: true });
    expect(before.rows).toBe(20_000);

    // An append adds its rows and keys for a new customer and a new touchpoint code; nothing else is read again.
    const work = { ...keyedWork };
    const keysBefore = await store.all(`SELECT * FROM customer_keys ORDER BY customer_key`);
    const [unused] = await store.all<{ code: string }>(
      `SELECT code FROM dim_touchpoints WHERE code IS NOT NULL AND code NOT IN (SELECT touchpoint_code FROM responses WHERE touchpoint_code IS NOT NULL) ORDER BY code LIMIT 1`,
    );
    const unusedCode = unused?.code;
    const answers = await store.all<{ customer_id: string; touchpoint_code: string }>(
      `SELECT DISTINCT customer_id, touchpoint_code FROM responses WHERE touchpoint_code IS NOT NULL ORDER BY ALL LIMIT 30`,
    );
    await importFile(store, {
      kind: 'customers',
      file: csv('customers.csv', ['customer_id,persona_code,unit_code,acquired_at', `KNEW1,SENIOR_SAVER,CPH,2024-01-01`]),
      mode: 'append',
    });
    const afterCustomers = { ...keyedWork };
    expect(afterCustomers.rebuilds).toBe(work.rebuilds + 1); // a customers import is not an append of answers
    const file = csv('append.csv', [
      'response_id,customer_id,touchpoint_code,responded_at,ltr,satisfaction',
      ...answers.map((r, i) => `KAPP${i},${r.customer_id},${r.touchpoint_code},2026-06-${String(10 + (i % 15)).padStart(2, '0')} 10:00:00,${i % 11},${1 + (i % 5)}`),
      `KAPPREL,KNEW1,,2026-06-20 12:00:00,9,`,
      ...(unusedCode ? [`KAPPTP,KNEW1,${unusedCode},2026-06-21 12:00:00,8,4`] : []),
    ]);
    await importFile(store, { kind: 'responses', file, mode: 'append', undoId: 'keyed-append' });
    expect(keyedWork).toEqual({ ...afterCustomers, appends: afterCustomers.appends + 1 });
    expect(await keyedAnswersCurrent(store)).toBe(true);
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0, keysUnique: true, rows: 20_000 + answers.length + 1 + (unusedCode ? 1 : 0) });
    // The keys given before the append stand for the same customers after it.
    expect(await store.all(`SELECT * FROM customer_keys ORDER BY customer_key LIMIT ${keysBefore.length}`)).toEqual(keysBefore);

    await undoLatestImport(store, 'keyed-append');
    expect(keyedWork.rebuilds).toBe(afterCustomers.rebuilds + 1);
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0, keysUnique: true, rows: 20_000 });

    // An erasure (as the privacy service does it: the customer's facts deleted, the data marked changed).
    const [erased] = await store.all<{ customer_id: string }>(`SELECT customer_id FROM responses WHERE touchpoint_code IS NULL ORDER BY customer_id LIMIT 1`);
    await store.transaction(async (tx) => {
      await eraseCustomerFacts(tx, erased!.customer_id);
      await store.markChanged('data', {}, tx);
    });
    const afterErasure = await difference(store);
    expect(afterErasure).toMatchObject({ missing: 0, extra: 0, keysUnique: true });
    expect(afterErasure.rows).toBeLessThan(20_000);
    expect(await store.all(`SELECT * FROM customer_keys WHERE customer_id = $id`, { id: erased!.customer_id })).toEqual([]);
    expect(await store.all(`SELECT * FROM responses r JOIN ${ANSWERS_KEYED} a ON a.response_id = r.response_id WHERE r.customer_id = $id`, { id: erased!.customer_id })).toEqual([]);
  });

  it('are not read once the facts were written behind their back, and are computed again by the next data change', async () => {
    const work = { ...keyedWork };
    await store.run(`INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr) SELECT 'KDIRECT', customer_id, NULL, TIMESTAMP '2026-06-01 09:00:00', 10 FROM customers LIMIT 1`);
    expect(await keyedAnswersCurrent(store)).toBe(false);
    const { db, statements } = recording(store);
    await customerTouchpointSums(db, {}, { outcome: 'LTR', performance: false });
    expect(statements.some((s) => s.includes(ANSWERS_KEYED))).toBe(false);
    await importFile(store, { kind: 'responses', file: csv('one.csv', ['response_id,customer_id,touchpoint_code,responded_at,ltr', `KONE,${(await store.all<{ id: string }>('SELECT customer_id AS id FROM customers LIMIT 1'))[0]!.id},,2026-06-02 09:00:00,3`]), mode: 'append' });
    expect(keyedWork.rebuilds).toBe(work.rebuilds + 1);
    expect(await keyedAnswersCurrent(store)).toBe(true);
    expect(await difference(store)).toMatchObject({ missing: 0, extra: 0, keysUnique: true });
  });
});

/** Runs `read` on the facts: the keyed answers' stamp set aside for the call, on a fresh wrapper (no caches). */
async function fromFacts<T>(read: (db: Store) => Promise<T>): Promise<{ result: T; statements: string[] }> {
  return withStampAside(store, ANSWERS_KEYED_STAMP, read);
}

async function fromKeyed<T>(read: (db: Store) => Promise<T>): Promise<{ result: T; statements: string[] }> {
  expect(await keyedAnswersCurrent(store)).toBe(true);
  return recorded(store, read);
}

describe('driver sums, priorities and business case read from the keyed answers', () => {
  const CUTS: AnalyticsFilter[] = [
    { personaCodes: ['SENIOR_SAVER'], from: '2025-11-01', to: '2026-04-30' },
    { from: '2026-01-15', to: '2026-03-03' },
    { unitCodes: ['CPH'], personaCodes: ['YOUNG_FAMILY', 'SENIOR_SAVER'] },
    { touchpointCodes: demoCompany.initiatives[0]?.touchpoints.slice(0, 3), to: '2026-05-31' },
    {},
  ];
  const journeyId = async () => (await store.all<{ id: string }>(`SELECT journey_id AS id FROM dim_journeys ORDER BY name LIMIT 1`))[0]?.id;

  it('give the same driver sums as the facts for every cut and outcome, and read the keyed answers only', async () => {
    const journey = await journeyId();
    const cuts: AnalyticsFilter[] = [...CUTS, ...(journey ? [{ journeyId: journey, from: '2025-09-01' }] : [])];
    for (const filter of cuts) {
      for (const outcome of ['LTR', 'RETENTION_12M'] satisfies DriverOutcome[]) {
        // Observed long after the data, so retention is censored for nobody and every cut has outcomes.
        const options = { outcome, performance: true, observedUntil: '2027-12-31' };
        const keyed = await fromKeyed((db) => customerTouchpointSums(db, filter, options));
        const main = keyed.statements.find((s) => s.includes('per_tp'));
        expect(main).toContain(`FROM ${ANSWERS_KEYED} r`);
        expect(main).not.toMatch(/\b(FROM|JOIN) (responses|customers)\b/);
        const facts = await fromFacts((db) => customerTouchpointSums(db, filter, options));
        expect(facts.statements.find((s) => s.includes('per_tp'))).not.toContain(ANSWERS_KEYED);
        expect(closeTo(keyed.result, facts.result)).toEqual(facts.result);
        expect(keyed.result.withOutcome.size).toBeGreaterThan(0);
      }
    }
  });

  it('give the same priorities and business case as the facts', async () => {
    let reports = 0;
    for (const filter of CUTS.slice(0, 3)) {
      const keyed = await fromKeyed((db) => getPriorities(db, filter));
      const facts = await fromFacts((db) => getPriorities(db, filter));
      expect(closeTo(keyed.result, facts.result)).toEqual(facts.result);
      expect(keyed.statements.some((s) => s.includes(`FROM ${ANSWERS_KEYED} r`))).toBe(true);

      const scenario = {
        filter: { personaCodes: filter.personaCodes, from: filter.from, to: filter.to },
        initiative: demoScenarioInitiative(),
      };
      // A cut without the data a business case needs is refused the same way from both.
      const settled = (db: Store) => getBusinessCase(db, scenario).then((report) => ({ report }), (error: unknown) => ({ error: String(error) }));
      const keyedCase = await fromKeyed(settled);
      const factsCase = await fromFacts(settled);
      expect(closeTo(keyedCase.result, factsCase.result)).toEqual(factsCase.result);
      expect(keyedCase.statements.some((s) => s.includes(`FROM ${ANSWERS_KEYED} r`))).toBe(true);
      reports += 'report' in keyedCase.result ? 1 : 0;
    }
    expect(reports).toBeGreaterThan(0);
  });
});

describe('loyalty by satisfaction and the business case evidence read from the keyed answers', () => {
  const CUTS: AnalyticsFilter[] = [
    { personaCodes: ['SENIOR_SAVER'], from: '2024-10-01', to: '2025-09-30' },
    { from: '2025-01-15' },
    { unitCodes: ['CPH'], personaCodes: ['YOUNG_FAMILY', 'SENIOR_SAVER'] },
    {},
  ];
  const codes = demoCompany.initiatives[0]?.touchpoints ?? [];
  /** The statement among `statements` that holds `marker` reads the keyed answers, and not the facts' answers (nor their customers). */
  const readsKeyed = (statements: string[], marker: string, customersToo = false) => {
    const statement = statements.find((s) => s.includes(marker));
    expect(statement).toContain(`FROM ${ANSWERS_KEYED} r`);
    expect(statement).not.toMatch(customersToo ? /\b(FROM|JOIN) responses\b/ : /\b(FROM|JOIN) (responses|customers)\b/);
  };

  beforeAll(async () => {
    // Answers at the same instant by the same customer (a relationship pair and a touchpoint pair, with
    // different LTR): "the latest answer" is then the one with the higher response id, in both sources.
    // 2025-03-01 is the asOf of the counts below, and the loyalty cut-off of asOf 2026-02-28.
    const [customer] = await store.all<{ id: string }>(
      `SELECT DISTINCT r.customer_id AS id FROM responses r JOIN customers c ON c.customer_id = r.customer_id
       WHERE r.touchpoint_code = $tp AND c.persona_code = 'SENIOR_SAVER' AND c.churned_at IS NULL ORDER BY 1 LIMIT 1`,
      { tp: codes[0] ?? '' },
    );
    const work = { ...keyedWork };
    await importFile(store, {
      kind: 'responses',
      file: csv('ties.csv', [
        'response_id,customer_id,touchpoint_code,responded_at,ltr,satisfaction',
        `KTIE1,${customer!.id},,2025-03-01 08:00:00,10,5`,
        `KTIE2,${customer!.id},,2025-03-01 08:00:00,2,1`,
        `KTIE3,${customer!.id},${codes[0]},2025-03-01 08:00:00,2,1`,
        `KTIE4,${customer!.id},${codes[0]},2025-03-01 08:00:00,10,5`,
      ]),
      mode: 'append',
    });
    expect(keyedWork.appends).toBe(work.appends + 1);
  });

  it('give the same loyalty groups as the facts for every cut, and read the keyed answers only', async () => {
    for (const filter of CUTS) {
      for (const asOf of ['2026-06-30', '2026-02-28']) {
        const keyed = await fromKeyed((db) => getLoyaltyBySatisfaction(db, filter, { asOf }));
        readsKeyed(keyed.statements, 'WITH latest AS');
        const facts = await fromFacts((db) => getLoyaltyBySatisfaction(db, filter, { asOf }));
        expect(facts.statements.find((s) => s.includes('WITH latest AS'))).not.toContain(ANSWERS_KEYED);
        expect(closeTo(keyed.result, facts.result)).toEqual(facts.result);
        expect(keyed.result.all.customers).toBeGreaterThan(0);
      }
    }
  });

  it('give the same group counts and touchpoint evidence as the facts for every cut', async () => {
    expect(codes.length).toBeGreaterThan(0);
    for (const filter of CUTS) {
      for (const asOf of ['2026-06-30', '2025-03-01']) {
        const counts = (db: Store) => Promise.all([countGroups(db, filter, asOf), countGroups(db, filter, asOf, codes.slice(0, 2))]);
        const keyedCounts = await fromKeyed(counts);
        readsKeyed(keyedCounts.statements, 'ACTIVE', true);
        const factsCounts = await fromFacts(counts);
        expect(keyedCounts.result).toEqual(factsCounts.result);
        expect(keyedCounts.result[0].respondents).toBeGreaterThan(0);
        const used = Object.values(keyedCounts.result[1].byGroup).reduce((sum, n) => sum + n, 0);
        expect(used).toBeGreaterThan(0);
        expect(used).toBeLessThan(keyedCounts.result[0].respondents);

        const keyed = await fromKeyed((db) => touchpointEvidence(db, filter, asOf, codes, 30));
        readsKeyed(keyed.statements, 'tp_ltr');
        const facts = await fromFacts((db) => touchpointEvidence(db, filter, asOf, codes, 30));
        expect(facts.statements.find((s) => s.includes('tp_ltr'))).not.toContain(ANSWERS_KEYED);
        expect(closeTo(keyed.result, facts.result)).toEqual(facts.result);
        expect(keyed.result.some((e) => e.groups.PROMOTER.customers > 0)).toBe(true);
      }
    }
  });

  it('give the evidence and the group counts together from one statement, as read apart', async () => {
    for (const filter of CUTS) {
      const asOf = '2026-06-30';
      for (const read of [fromKeyed, fromFacts]) {
        const apart = await read((db) => Promise.all([touchpointEvidence(db, filter, asOf, codes, 30), countGroups(db, filter, asOf)]));
        const together = await read((db) => evidenceAndCounts(db, filter, asOf, codes, 30, true));
        expect(closeTo(together.result, { evidence: apart.result[0], counts: apart.result[1] })).toEqual({ evidence: apart.result[0], counts: apart.result[1] });
        // The current relationship groups are computed by one statement, not two.
        expect(together.statements.filter((s) => s.includes('WITH rel AS'))).toHaveLength(1);
        expect(apart.statements.filter((s) => s.includes('WITH rel AS'))).toHaveLength(2);
        expect(together.result.counts?.respondents).toBeGreaterThan(0);
      }
    }
  });

  it('give the same business case of moves, with and without touchpoints, as the facts', async () => {
    let reports = 0;
    for (const filter of CUTS) {
      const scenario = {
        filter,
        moves: [
          { from: 'DETRACTOR' as const, to: 'PASSIVE' as const, share: 0.2, touchpointCodes: codes.slice(0, 1) },
          { from: 'PASSIVE' as const, to: 'PROMOTER' as const, share: 0.1 },
        ],
        scaleToCustomerBase: true,
      };
      const settled = (db: Store) => getBusinessCase(db, scenario).then((report) => ({ report }), (error: unknown) => ({ error: String(error) }));
      const keyed = await fromKeyed(settled);
      readsKeyed(keyed.statements, 'WITH latest AS');
      readsKeyed(keyed.statements, 'ACTIVE', true);
      const facts = await fromFacts(settled);
      expect(closeTo(keyed.result, facts.result)).toEqual(facts.result);
      if ('report' in keyed.result && keyed.result.report.moves.some((m) => m.customers > 0)) reports++;
    }
    expect(reports).toBeGreaterThan(1);
  });
});
