/**
 * The import API end to end on a real server: upload over HTTP (streamed, size limit, roles), preview,
 * dry run, saved mappings, import with a saved mapping, history, and undo back to the exact store
 * (follow-up cases the import opened included; worked ones kept, with the undo's preview saying so).
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCredential } from '../../server/auth/auth.service.js';
import { User } from '../../server/modules/users/user.entity.js';
import { FollowUpCase } from '../../server/modules/follow-ups/follow-up.entity.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { PERSONA_MAPPING, SERVICES, createAirlineModel, airlineCsv, passengers, responsesMapping } from '../fixtures/import/airline.js';
import { checksum, tempDir } from '../fixtures/import/store.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
let server: Server;
let base: string;
let root: string;
const tokens = new Map<Role, string>();
const LIMIT = 256 * 1024;

async function tokenFor(role: Role): Promise<string> {
  const existing = tokens.get(role);
  if (existing) return existing;
  const caller = await app.callerFor(role);
  const em = app.orm.em.fork();
  const user = await em.findOneOrFail(User, { id: caller.id });
  const { secret } = issueCredential(em, user, 'API_TOKEN', 'test');
  await em.flush();
  tokens.set(role, secret);
  return secret;
}

async function upload(name: string, body: string | Blob, options: { role?: Role | null; type?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': options.type ?? 'application/octet-stream' };
  if (options.role !== null) headers.authorization = `Bearer ${await tokenFor(options.role ?? Role.ANALYST)}`;
  const response = await fetch(`${base}/api/imports/upload?name=${encodeURIComponent(name)}`, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** The answers' days are recent, so detractors open follow-up cases as they arrive. */
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  root = tempDir('touchpoint-import-api-');
  app = await makeTestApp({}, { importDir: path.join(root, 'imports'), uploadMaxBytes: LIMIT });
  server = await new Promise<Server>((resolve) => {
    const s = app.http.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await createAirlineModel(app);
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await app?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('upload', () => {
  it('streams a file into the import directory under a name the server chooses, for analysts and admins', async () => {
    const csv = airlineCsv(passengers(20));
    const { status, body } = await upload('../../Passenger survey (June).csv', csv);
    expect(status).toBe(201);
    expect(body.file).toMatch(/^uploads\/\d{4}-\d{2}-\d{2}\/[0-9a-f]{8}-Passenger_survey_June_\.csv$/);
    expect(body).toMatchObject({ name: '../../Passenger survey (June).csv', bytes: Buffer.byteLength(csv) });
    expect(fs.readFileSync(path.join(root, 'imports', body.file), 'utf8')).toBe(csv);
    const { importFiles } = await app.ok(`{ importFiles { name bytes format } }`, {}, Role.ANALYST);
    expect(importFiles).toContainEqual({ name: body.file, bytes: Buffer.byteLength(csv), format: 'CSV' });
  });

  it('refuses other roles, anonymous callers, forms, unknown file types and files over the limit, keeping nothing', async () => {
    const before = fs.readdirSync(path.join(root, 'imports'), { recursive: true }).length;
    expect(await upload('a.csv', 'x', { role: Role.EXECUTIVE })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await upload('a.csv', 'x', { role: Role.STRATEGIST })).toMatchObject({ status: 403 });
    expect(await upload('a.csv', 'x', { role: null })).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    expect(await upload('a.csv', 'x', { type: 'application/x-www-form-urlencoded' })).toMatchObject({ status: 415, body: { error: { code: 'BAD_REQUEST' } } });
    expect(await upload('run.sh', 'x')).toMatchObject({ status: 415, body: { error: { code: 'IMPORT_UNSUPPORTED_FORMAT' } } });
    const big = await upload('big.csv', new Blob([new Uint8Array(LIMIT + 1)]));
    expect(big).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
    expect(big.body.error.message).toContain('upload limit');
    // A body streamed without a length is cut off at the limit too.
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(LIMIT / 2));
        controller.close();
      },
    });
    const streamed = await fetch(`${base}/api/imports/upload?name=s.csv`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${await tokenFor(Role.ADMIN)}` },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(fs.readdirSync(path.join(root, 'imports'), { recursive: true }).length).toBe(before);
  });
});

describe('preview, dry run, saved mapping, import, history, undo', () => {
  it('takes an uploaded attribute-rating export from preview to import, and undo returns the store and the cases to before', async () => {
    const rows = passengers(80, 3);
    const csv = airlineCsv(rows);
    const { body } = await upload('airline.csv', csv);
    const file: string = body.file;

    const { previewImportFile } = await app.ok(
      `query($f: String!) { previewImportFile(stagedFile: $f, kind: CUSTOMERS, rows: 3) { format delimiter headerRows qualtrics totalRows suggestedMapping
         columns { name type values minimum maximum touchpoint } rows } }`,
      { f: file },
      Role.ANALYST,
    );
    expect(previewImportFile).toMatchObject({ format: 'CSV', delimiter: ',', headerRows: 1, qualtrics: false, totalRows: 80 });
    expect(previewImportFile.rows).toHaveLength(3);
    expect(previewImportFile.columns.find((c: { name: string }) => c.name === 'Seat comfort')).toMatchObject({ type: 'INTEGER', minimum: 0, maximum: 5, touchpoint: 'TP_SEAT' });
    expect(previewImportFile.columns.filter((c: { touchpoint: string | null }) => c.touchpoint).map((c: { touchpoint: string }) => c.touchpoint)).toEqual(SERVICES.map((s) => s.code));
    expect(previewImportFile.columns.find((c: { name: string }) => c.name === 'satisfaction').values.sort()).toEqual(['neutral or dissatisfied', 'satisfied']);
    // An explicit null mapping (as a form sends before anything is mapped) is the same as none.
    const withNull = await app.ok(`query($f: String!) { previewImportFile(stagedFile: $f, mapping: null, rows: 1) { totalRows } }`, { f: file }, Role.ANALYST);
    expect(withNull.previewImportFile.totalRows).toBe(80);

    // Saved mappings: by name, checked against the kind.
    const save = `mutation($n: String!, $k: ImportKind!, $m: JSONObject!) { saveImportMapping(name: $n, kind: $k, mapping: $m) { id name kind } }`;
    await app.ok(save, { n: 'Airline customers', k: 'CUSTOMERS', m: PERSONA_MAPPING }, Role.ANALYST);
    const wrong = await app.gql(save, { n: 'Broken', k: 'CUSTOMERS', m: { columns: { id: 'passenger' } } }, Role.ANALYST);
    expect(wrong.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IMPORT_BAD_MAPPING' });
    const dated = responsesMapping();
    const responses = { ...dated, constants: { responded_at: today } };
    await app.ok(save, { n: 'Airline answers', k: 'RESPONSES', m: responses }, Role.ANALYST);
    const { savedImportMappings } = await app.ok(`{ savedImportMappings { name kind } }`, {}, Role.ANALYST);
    expect(savedImportMappings).toEqual([
      { name: 'Airline answers', kind: 'RESPONSES' },
      { name: 'Airline customers', kind: 'CUSTOMERS' },
    ]);

    const IMPORT = `mutation($k: ImportKind!, $f: String!, $n: String) { importData(kind: $k, stagedFile: $f, mappingName: $n) { importId rows sourceRows casesOpened } }`;
    const DRY = `query($k: ImportKind!, $f: String!, $m: JSONObject) { dryRunImport(kind: $k, stagedFile: $f, mapping: $m) { ok rows totalProblems errorCode
      groups { kind column touchpoint value count message suggestion } } }`;
    const store = app.analytics.store;
    const empty = await checksum(store);
    const customers = await app.ok(IMPORT, { k: 'CUSTOMERS', f: file, n: 'Airline customers' }, Role.ANALYST);
    expect(customers.importData).toMatchObject({ rows: 80, sourceRows: 80, casesOpened: 0 });
    const withCustomers = await checksum(store);

    // The dry run before the fix: 0 = not applicable is found, per column with its touchpoint and count.
    const { dryRunImport: dry } = await app.ok(DRY, { k: 'RESPONSES', f: file, m: { ...responses, columnMissingValues: {} } }, Role.ANALYST);
    const zeros = rows.filter((p) => p.ratings[0] === 0).length;
    expect(dry.ok).toBe(false);
    expect(dry.groups).toContainEqual({
      kind: 'SCORE_OUT_OF_RANGE',
      column: 'Seat comfort',
      touchpoint: 'TP_SEAT',
      value: '0',
      count: zeros,
      message: `column \`Seat comfort\` (touchpoint TP_SEAT): ${zeros} values are 0, not a 1-5 score.`,
      suggestion: "Map 0 as 'no answer' (columnMissingValues for `Seat comfort`, or missingValues for the whole file)?",
    });
    const refused = await app.gql(`mutation($f: String!, $m: JSONObject) { importData(kind: RESPONSES, stagedFile: $f, mapping: $m) { rows } }`, { f: file, m: { ...responses, columnMissingValues: {} } }, Role.ANALYST);
    expect(refused.errors![0]!.extensions).toMatchObject({ reason: 'IMPORT_INVALID_ROWS', problemGroups: expect.arrayContaining([expect.objectContaining({ column: 'Seat comfort', count: zeros })]) });
    expect(await checksum(store)).toEqual(withCustomers);

    const { dryRunImport: clean } = await app.ok(DRY, { k: 'RESPONSES', f: file, m: responses }, Role.ANALYST);
    expect(clean).toMatchObject({ ok: true, totalProblems: 0, errorCode: null });
    const answers = await app.ok(IMPORT, { k: 'RESPONSES', f: file, n: 'Airline answers' }, Role.ANALYST);
    const detractors = rows.filter((p) => !p.satisfied).length;
    expect(answers.importData.casesOpened).toBe(detractors);
    const cases = () => app.orm.em.fork().getConnection().execute<{ n: string }[]>(`select count(*) as n from follow_up_case`).then(([r]) => Number(r!.n));
    expect(await cases()).toBe(detractors);

    const HISTORY = `{ importHistory { id kind mode file mappingName userName status rows problems errorCode casesOpened undoable } }`;
    const { importHistory } = await app.ok(HISTORY, {}, Role.ANALYST);
    expect(importHistory.map((r: Record<string, unknown>) => [r.kind, r.status, r.mappingName, r.undoable, r.errorCode])).toEqual([
      ['RESPONSES', 'IMPORTED', 'Airline answers', true, null],
      ['RESPONSES', 'FAILED', null, false, 'IMPORT_INVALID_ROWS'],
      ['CUSTOMERS', 'IMPORTED', 'Airline customers', true, null],
    ]);
    expect(importHistory[0]).toMatchObject({ file, userName: 'ANALYST', casesOpened: detractors, rows: answers.importData.rows });

    // Undo: customers first is refused (their answers depend on them), the answers then the customers go back exactly.
    const UNDO = `mutation($id: ID!) { undoImport(id: $id) { id status undoable } }`;
    const early = await app.gql(UNDO, { id: customers.importData.importId }, Role.ANALYST);
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'IMPORT_UNDO_REFUSED' });
    expect(codes(await app.gql(UNDO, { id: answers.importData.importId }, Role.EXECUTIVE))).toEqual(['FORBIDDEN']);
    const undone = await app.ok(UNDO, { id: answers.importData.importId }, Role.ANALYST);
    expect(undone.undoImport).toEqual({ id: answers.importData.importId, status: 'UNDONE', undoable: false });
    expect(await cases()).toBe(0);
    const sameData = (sums: Record<string, string>) => Object.fromEntries(Object.entries(sums).filter(([table]) => table !== 'store_meta'));
    expect(sameData(await checksum(store))).toEqual(sameData(withCustomers));
    const again = await app.gql(UNDO, { id: answers.importData.importId }, Role.ANALYST);
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'IMPORT_NOT_UNDOABLE' });
    await app.ok(UNDO, { id: customers.importData.importId }, Role.ANALYST);
    expect(sameData(await checksum(store))).toEqual(sameData(empty));
    const meta = await store.getMeta();
    expect([meta.data_start, meta.data_end, meta.outcome_scale]).toEqual([undefined, undefined, undefined]);
  });

  it('undo keeps the follow-up cases someone has worked, without their answer, and says so beforehand', async () => {
    const rows = passengers(60, 5);
    // Staged beside the uploads (the upload itself is tested above).
    const file = 'airline-june.csv';
    fs.mkdirSync(path.join(root, 'imports'), { recursive: true });
    fs.writeFileSync(path.join(root, 'imports', file), airlineCsv(rows));
    const IMPORT = `mutation($k: ImportKind!, $f: String!, $m: JSONObject) { importData(kind: $k, stagedFile: $f, mapping: $m) { importId rows casesOpened } }`;
    const answersMapping = { ...responsesMapping(), constants: { responded_at: today } };
    const customers = await app.ok(IMPORT, { k: 'CUSTOMERS', f: file, m: PERSONA_MAPPING }, Role.ANALYST);
    const answers = await app.ok(IMPORT, { k: 'RESPONSES', f: file, m: answersMapping }, Role.ANALYST);
    const detractors = rows.filter((p) => !p.satisfied).length;
    expect(answers.importData.casesOpened).toBe(detractors);
    expect(detractors).toBeGreaterThan(4);

    // Three cases worked three ways (taken, a note, a contact logged); the others untouched.
    const opened = await app.orm.em.fork().find(FollowUpCase, {}, { orderBy: { responseId: 'asc' } });
    const [taken, noted, contacted] = opened.map((c) => c.id);
    await app.ok(`mutation($id: ID!) { takeFollowUpCase(id: $id) { id } }`, { id: taken });
    await app.ok(`mutation($id: ID!) { addFollowUpNote(id: $id, text: "Called back, offered a voucher.") { id } }`, { id: noted });
    await app.ok(`mutation($id: ID!) { logFollowUpContact(id: $id, channel: PHONE, reached: true, note: "Spoke to the passenger.") { id } }`, { id: contacted });

    // The preview says what goes and what stays, and changes nothing.
    const PREVIEW = `query($id: ID!) { undoImportPreview(id: $id) { importId kind mode undoable refusal rowsNow rowsAfter answersRemoved casesRemoved casesKept } }`;
    const before = await checksum(app.analytics.store);
    const { undoImportPreview: preview } = await app.ok(PREVIEW, { id: answers.importData.importId }, Role.ANALYST);
    expect(preview).toEqual({
      importId: answers.importData.importId,
      kind: 'RESPONSES',
      mode: 'APPEND',
      undoable: true,
      refusal: null,
      rowsNow: answers.importData.rows,
      rowsAfter: 0,
      answersRemoved: answers.importData.rows,
      casesRemoved: detractors - 3,
      casesKept: 3,
    });
    // The customers import cannot go first: the preview gives the undo's own refusal.
    const { undoImportPreview: early } = await app.ok(PREVIEW, { id: customers.importData.importId }, Role.ANALYST);
    expect(early).toMatchObject({ undoable: false, casesKept: 0 });
    expect(early.refusal).toContain(`would leave ${answers.importData.rows} responses or profitability rows without their customer`);
    expect(codes(await app.gql(PREVIEW, { id: answers.importData.importId }, Role.EXECUTIVE))).toEqual(['FORBIDDEN']);
    expect(await checksum(app.analytics.store)).toEqual(before);
    expect(await app.orm.em.fork().count(FollowUpCase, {})).toBe(detractors);

    await app.ok(`mutation($id: ID!) { undoImport(id: $id) { status } }`, { id: answers.importData.importId }, Role.ANALYST);
    const kept = await app.orm.em.fork().find(FollowUpCase, {}, { orderBy: { responseId: 'asc' } });
    expect(kept.map((c) => c.id).sort()).toEqual([taken, noted, contacted].sort());
    const CASE = `query($id: ID!) { followUpCase(id: $id) { status answer { responseId } notes { text } contacts { note } } }`;
    for (const c of kept) {
      const { followUpCase } = await app.ok(CASE, { id: c.id });
      expect(followUpCase.answer).toBeNull();
      expect(followUpCase.notes.at(-1).text).toContain('The answer this case was opened for was removed');
      expect(followUpCase.notes.at(-1).text).toContain(file);
    }
    expect((await app.ok(CASE, { id: contacted })).followUpCase).toMatchObject({ status: 'CONTACTED', contacts: [{ note: 'Spoke to the passenger.' }] });
    expect((await app.ok(CASE, { id: noted })).followUpCase.notes[0].text).toBe('Called back, offered a voucher.');

    // The same answers imported again: the kept cases get their answer back, the others open anew, once each.
    const again = await app.ok(IMPORT, { k: 'RESPONSES', f: file, m: answersMapping }, Role.ANALYST);
    expect(again.importData.casesOpened).toBe(detractors - 3);
    expect(await app.orm.em.fork().count(FollowUpCase, {})).toBe(detractors);
    expect((await app.ok(CASE, { id: noted })).followUpCase.answer.responseId).toBe(kept.find((c) => c.id === noted)!.responseId);
  });
});
