/**
 * Customers and answers from ONE file in one import (issue 16): a survey export with one row per answer,
 * each carrying the customer's id and attributes. The answers mapping's `customers` part creates the
 * customers not yet in the store ("add only new customers"), leaves existing ones alone, refuses rows of
 * one customer that disagree (line and the file's own column), all or nothing; undo removes both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FollowUpCase } from '../../server/modules/follow-ups/follow-up.entity.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { PERSONA_MAPPING, createAirlineModel, SERVICES } from '../fixtures/import/airline.js';
import { checksum, tempDir } from '../fixtures/import/store.js';
import { prng } from '../support/prng.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
let root: string;

/** One answer: a flight of a passenger (a passenger flies several times; every row repeats who they are). */
interface Flight {
  response: string;
  customer: string;
  customerType: 'Loyal Customer' | 'disloyal Customer';
  travel: 'Business travel' | 'Personal Travel';
  joined: string;
  day: string;
  /** 0 = not applicable, else 1-5, in SERVICES order. */
  ratings: number[];
  satisfied: boolean;
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** `customers` passengers (ids from `first`), each flying 1-3 times; their attributes are the same on every row. */
function flights(customers: number, first: number, seed: number): Flight[] {
  const random = prng(seed);
  const out: Flight[] = [];
  for (let c = 0; c < customers; c++) {
    const customer = `P${first + c}`;
    const customerType = random() < 0.7 ? 'Loyal Customer' : 'disloyal Customer';
    const travel = random() < 0.6 ? 'Business travel' : 'Personal Travel';
    const joined = `2024-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`;
    const times = 1 + Math.floor(random() * 3);
    for (let k = 0; k < times; k++) {
      const ratings = SERVICES.map(() => (random() < 0.15 ? 0 : 1 + Math.floor(random() * 5)));
      out.push({ response: `R-${customer}-${k}`, customer, customerType, travel, joined, day: daysAgo(1 + k), ratings, satisfied: random() < 0.6 });
    }
  }
  return out;
}

const HEADER = ['ResponseId', 'Passenger', 'Customer Type', 'Type of Travel', 'Member since', 'Flown on', ...SERVICES.map((s) => s.column), 'Overall'];
function csv(rows: readonly Flight[]): string {
  const lines = rows.map((f) => [f.response, f.customer, f.customerType, f.travel, f.joined, f.day, ...f.ratings.map(String), f.satisfied ? 'satisfied' : 'neutral or dissatisfied']);
  return `${[HEADER, ...lines].map((l) => l.join(',')).join('\n')}\n`;
}
function stage(name: string, rows: readonly Flight[]): string {
  fs.mkdirSync(path.join(root, 'imports'), { recursive: true });
  fs.writeFileSync(path.join(root, 'imports', name), csv(rows));
  return name;
}

/** The answers mapping with its customers part: persona from two columns, acquisition date from "Member since". */
const MAPPING = {
  format: 'wide',
  columns: { ResponseId: 'response_id', Passenger: 'customer_id', 'Flown on': 'responded_at', Overall: 'ltr' },
  outcome: 'binary',
  valueMaps: { Overall: { satisfied: 10, 'neutral or dissatisfied': 0 } },
  wide: Object.fromEntries(SERVICES.map((s) => [s.column, { touchpoint: s.code, field: 'satisfaction' }])),
  columnMissingValues: Object.fromEntries(SERVICES.map((s) => [s.column, ['0']])),
  customers: { columns: { 'Member since': 'acquired_at' }, derived: PERSONA_MAPPING.derived },
};

/** Answers a file gives: one overall answer per row, plus one per service rated (0 = not applicable). */
const answersIn = (rows: readonly Flight[]) => rows.reduce((sum, f) => sum + 1 + f.ratings.filter((r) => r > 0).length, 0);
const personaOf = (f: Flight) =>
  f.customerType === 'Loyal Customer' ? (f.travel === 'Business travel' ? 'LOYAL_BUSINESS' : 'LOYAL_PERSONAL') : f.travel === 'Business travel' ? 'NEW_BUSINESS' : 'NEW_PERSONAL';

const IMPORT = `mutation($f: String!, $m: JSONObject) { importData(kind: RESPONSES, stagedFile: $f, mapping: $m) { importId rows sourceRows newCustomers casesOpened } }`;
const DRY = `query($f: String!, $m: JSONObject) { dryRunImport(kind: RESPONSES, stagedFile: $f, mapping: $m) { ok rows newCustomers totalProblems
  problems { kind line column value message } groups { kind column count firstLine message suggestion } } }`;
const count = async (table: string) => (await app.analytics.store.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table}`))[0]!.n;
const sameData = (sums: Record<string, string>) => Object.fromEntries(Object.entries(sums).filter(([table]) => table !== 'store_meta'));

beforeAll(async () => {
  root = tempDir('touchpoint-import-one-file-');
  app = await makeTestApp({}, { importDir: path.join(root, 'imports') });
  await createAirlineModel(app);
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('customers and answers from one file (issue 16)', () => {
  const june = flights(30, 1000, 7);
  const julyNew = flights(12, 2000, 8);

  it('creates the file\'s customers and imports its answers in one import, a dry run first saying how many', async () => {
    const file = stage('june.csv', june);
    const customers = new Set(june.map((f) => f.customer));
    expect(june.length).toBeGreaterThan(customers.size); // passengers flying more than once repeat their attributes

    const { dryRunImport } = await app.ok(DRY, { f: file, m: MAPPING }, Role.ANALYST);
    expect(dryRunImport).toMatchObject({ ok: true, totalProblems: 0, rows: answersIn(june), newCustomers: customers.size });
    expect(await count('customers')).toBe(0);

    const { importData } = await app.ok(IMPORT, { f: file, m: MAPPING }, Role.ANALYST);
    expect(importData).toMatchObject({ rows: answersIn(june), sourceRows: june.length, newCustomers: customers.size });
    expect(await count('customers')).toBe(customers.size);
    expect(await count('responses')).toBe(answersIn(june));
    const stored = await app.analytics.store.all<{ customer_id: string; persona: string; acquired_at: string }>(
      `SELECT c.customer_id, c.persona_code AS persona, c.acquired_at::VARCHAR AS acquired_at FROM customers c ORDER BY 1`,
    );
    const expected = [...new Map(june.map((f) => [f.customer, { customer_id: f.customer, persona: personaOf(f), acquired_at: f.joined }])).values()].sort((a, b) => a.customer_id.localeCompare(b.customer_id));
    expect(stored).toEqual(expected);
  });

  it('adds only the new customers on the next file: existing customers stay as they are, even where the file says otherwise', async () => {
    const changed = june.slice(0, 4).map((f, i) => ({ ...f, response: `R-july-${i}`, day: daysAgo(0), customerType: 'disloyal Customer' as const, joined: '2020-01-01' }));
    const file = stage('july.csv', [...changed, ...julyNew]);
    const before = await app.analytics.store.all<{ customer_id: string; persona_code: string; acquired_at: string }>(`SELECT customer_id, persona_code, acquired_at::VARCHAR AS acquired_at FROM customers ORDER BY 1`);
    const { importData } = await app.ok(IMPORT, { f: file, m: MAPPING }, Role.ANALYST);
    expect(importData.newCustomers).toBe(new Set(julyNew.map((f) => f.customer)).size);
    expect(importData.rows).toBe(answersIn(changed) + answersIn(julyNew));
    const after = await app.analytics.store.all<{ customer_id: string; persona_code: string; acquired_at: string }>(`SELECT customer_id, persona_code, acquired_at::VARCHAR AS acquired_at FROM customers ORDER BY 1`);
    expect(after.filter((c) => before.some((b) => b.customer_id === c.customer_id))).toEqual(before);
    expect(after.length).toBe(before.length + importData.newCustomers);
  });

  it('refuses rows of one customer that disagree, naming the line and the file\'s own column, and changes nothing', async () => {
    const first = flights(3, 3000, 9).map((f) => ({ ...f, customer: 'P3000' }));
    // Line 2 (the first data line) says P3000 is a loyal business traveller who joined on one day; line 4 says otherwise.
    const rows: Flight[] = first.map((f, i) => ({ ...f, response: `R-conflict-${i}`, customerType: 'Loyal Customer' as const, travel: 'Business travel' as const, joined: i === 2 ? '2023-05-05' : '2024-02-02' }));
    rows[2] = { ...rows[2]!, customerType: 'disloyal Customer' };
    const file = stage('conflict.csv', rows);
    const before = await checksum(app.analytics.store);

    const refused = await app.gql(IMPORT, { f: file, m: MAPPING }, Role.ANALYST);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IMPORT_INVALID_ROWS' });
    expect(await checksum(app.analytics.store)).toEqual(before);

    const { dryRunImport } = await app.ok(DRY, { f: file, m: MAPPING }, Role.ANALYST);
    expect(dryRunImport.ok).toBe(false);
    const conflicts = dryRunImport.problems.filter((p: { kind: string }) => p.kind === 'CONFLICTING_VALUE');
    expect(conflicts).toEqual([
      {
        kind: 'CONFLICTING_VALUE',
        line: 4,
        column: 'Customer Type + Type of Travel',
        value: 'disloyal Customer + Business travel',
        message: expect.stringMatching(/^Line 4, column Customer Type \+ Type of Travel: `?disloyal Customer \+ Business travel`? differs from what line 2 says for customer P3000;/),
      },
      {
        kind: 'CONFLICTING_VALUE',
        line: 4,
        column: 'Member since',
        value: '2023-05-05',
        message: expect.stringMatching(/^Line 4, column Member since: `?2023-05-05`? differs from what line 2 says for customer P3000;/),
      },
    ]);
    expect(dryRunImport.groups).toContainEqual(expect.objectContaining({ kind: 'CONFLICTING_VALUE', column: 'Member since', count: 1, firstLine: 4 }));
    expect(await checksum(app.analytics.store)).toEqual(before);
  });

  it('a bad answer refuses the whole file: the customers it would have created are not created either', async () => {
    const rows = flights(5, 4000, 10);
    rows[1] = { ...rows[1]!, ratings: rows[1]!.ratings.map(() => 9) };
    const file = stage('bad-answer.csv', rows);
    const before = await checksum(app.analytics.store);
    const refused = await app.gql(IMPORT, { f: file, m: MAPPING }, Role.ANALYST);
    expect(refused.errors![0]!.extensions).toMatchObject({ reason: 'IMPORT_INVALID_ROWS' });
    expect(refused.errors![0]!.message).toMatch(/Line 3, column (Seat comfort|Inflight wifi service|Food and drink|Online boarding) /);
    expect(await checksum(app.analytics.store)).toEqual(before);
  });

  it('undo removes the answers and the customers the import created, keeping worked follow-up cases; the earlier import stays', async () => {
    const rows = flights(10, 5000, 11).map((f) => ({ ...f, satisfied: false, day: daysAgo(0) })); // every answer a detractor: cases open
    const file = stage('august.csv', rows);
    const before = await checksum(app.analytics.store);
    const customersBefore = await count('customers');
    const { importData } = await app.ok(IMPORT, { f: file, m: MAPPING }, Role.ANALYST);
    expect(importData.newCustomers).toBe(10);
    expect(importData.casesOpened).toBeGreaterThan(2);

    const opened = await app.orm.em.fork().find(FollowUpCase, { responseId: { $like: 'R-P5%' } }, { orderBy: { responseId: 'asc' } });
    expect(opened.length).toBe(importData.casesOpened);
    await app.ok(`mutation($id: ID!) { addFollowUpNote(id: $id, text: "Called back.") { id } }`, { id: opened[0]!.id });

    const PREVIEW = `query($id: ID!) { undoImportPreview(id: $id) { undoable refusal rowsNow rowsAfter answersRemoved casesRemoved casesKept customersRemoved } }`;
    const { undoImportPreview } = await app.ok(PREVIEW, { id: importData.importId }, Role.ANALYST);
    expect(undoImportPreview).toMatchObject({ undoable: true, refusal: null, answersRemoved: importData.rows, customersRemoved: 10, casesRemoved: opened.length - 1, casesKept: 1 });
    expect(codes(await app.gql(PREVIEW, { id: importData.importId }, Role.EXECUTIVE))).toEqual(['FORBIDDEN']);

    await app.ok(`mutation($id: ID!) { undoImport(id: $id) { status } }`, { id: importData.importId }, Role.ANALYST);
    expect(sameData(await checksum(app.analytics.store))).toEqual(sameData(before));
    expect(await count('customers')).toBe(customersBefore);
    const left = await app.orm.em.fork().find(FollowUpCase, { responseId: { $like: 'R-P5%' } });
    expect(left.map((c) => c.id)).toEqual([opened[0]!.id]);

    // The July import (with its own new customers) is now the latest in place, and can be undone in turn.
    const { importHistory } = await app.ok(`{ importHistory { file status undoable } }`, {}, Role.ANALYST);
    expect(importHistory.find((r: { file: string }) => r.file === 'july.csv')).toMatchObject({ status: 'IMPORTED', undoable: true });
  });

  it('says so when a later customers import ended what undo kept for the customers an answers import created', async () => {
    const file = stage('september.csv', flights(4, 6000, 12));
    const { importData } = await app.ok(IMPORT, { f: file, m: MAPPING }, Role.ANALYST);
    fs.writeFileSync(path.join(root, 'imports', 'crm.csv'), 'customer_id,persona_code\nCRM1,LOYAL_BUSINESS\n');
    await app.ok(`mutation { importData(kind: CUSTOMERS, stagedFile: "crm.csv") { rows } }`, {}, Role.ANALYST);
    const { undoImportPreview } = await app.ok(`query($id: ID!) { undoImportPreview(id: $id) { undoable refusal } }`, { id: importData.importId }, Role.ANALYST);
    expect(undoImportPreview.undoable).toBe(false);
    expect(undoImportPreview.refusal).toContain('A later customers import replaced what was kept to remove the customers');
  });
});
