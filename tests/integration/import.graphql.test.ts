import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/modules/users/user.enums.js';
import { checksum, fixture, tempDir } from '../fixtures/import/store.js';
import { makeJourney } from '../support/factories.js';
import { codes, makeTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
let root: string;
let imports: string;

const IMPORT = `mutation($kind: ImportKind!, $mode: ImportMode, $file: String!, $mapping: JSONObject) {
  importData(kind: $kind, mode: $mode, stagedFile: $file, mapping: $mapping) { kind mode stagedFile rows sourceRows seconds rowsPerSecond ignoredColumns }
}`;

const stage = (name: string, content: string) => {
  const file = path.join(imports, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
};
const auditEvents = (action: string) =>
  app.orm.em.fork().getConnection().execute<{ detail: Record<string, unknown>; user_id: string }[]>(`select detail, user_id from audit_event where action = ? order by id`, [action]);

beforeAll(async () => {
  root = tempDir('touchpoint-import-gql-');
  imports = path.join(root, 'imports');
  fs.mkdirSync(imports);
  app = await makeTestApp({}, { importDir: imports });
  // Persona codes reach the analytics store from the journey model, as in production.
  await app.ok(`mutation { a: createPersona(input: { name: "Family", code: "FAMILY" }) { id } b: createPersona(input: { name: "Senior", code: "SENIOR" }) { id } }`);
  await app.analytics.store.run(`INSERT INTO dim_units VALUES ('CPH', 'Copenhagen'), ('AAR', 'Aarhus')`);
  stage('customers.csv', fs.readFileSync(fixture('customers.csv'), 'utf8'));
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('importData', () => {
  it('lets an analyst import a staged file, and audits who imported what', async () => {
    const { importData } = await app.ok(IMPORT, { kind: 'CUSTOMERS', mode: 'APPEND', file: 'customers.csv' }, Role.ANALYST);
    expect(importData).toMatchObject({ kind: 'CUSTOMERS', mode: 'APPEND', stagedFile: 'customers.csv', rows: 3, sourceRows: 3, ignoredColumns: [] });
    expect(importData.rowsPerSecond).toBeGreaterThan(0);
    expect(await app.analytics.store.all(`SELECT customer_id, persona_code FROM customers ORDER BY 1`)).toEqual([
      { customer_id: 'C10', persona_code: 'FAMILY' },
      { customer_id: 'C11', persona_code: 'SENIOR' },
      { customer_id: 'C12', persona_code: 'SENIOR' },
    ]);
    const analyst = await app.callerFor(Role.ANALYST);
    const [event] = await auditEvents('IMPORT');
    expect(event).toMatchObject({ user_id: analyst.id, detail: { kind: 'customers', mode: 'append', file: 'customers.csv', rows: 3 } });
  });

  it('imports a wide survey export from a staged subfolder with a mapping', async () => {
    stage('2025-02/survey.csv', fs.readFileSync(fixture('survey-wide.csv'), 'utf8').replaceAll('C1;', 'C10;').replaceAll('C2;', 'C11;').replaceAll('C3;', 'C12;'));
    await app.ok(`mutation { createJourney(input: { name: "J" }) { id } }`).then(async ({ createJourney }) => {
      const { createPhase } = await app.ok(`mutation($j: ID!) { createPhase(journeyId: $j, input: { name: "Buy", emotion: 0 }) { id } }`, { j: createJourney.id });
      for (const code of ['TP_WEB_QUOTE', 'TP_PHONE_SALES']) {
        await app.ok(`mutation($p: ID!, $c: String!) { createTouchpoint(phaseId: $p, input: { name: $c, code: $c, channel: WEB, online: true, direct: true }) { id } }`, { p: createPhase.id, c: code });
      }
    });
    const mapping = JSON.parse(fs.readFileSync(fixture('survey-wide.mapping.json'), 'utf8'));
    const { importData } = await app.ok(IMPORT, { kind: 'RESPONSES', file: '2025-02/survey.csv', mapping }, Role.ANALYST);
    expect(importData).toMatchObject({ mode: 'APPEND', rows: 5, sourceRows: 3 });
  });

  it('is FORBIDDEN for an executive, and changes nothing', async () => {
    const before = await checksum(app.analytics.store);
    const result = await app.gql(IMPORT, { kind: 'CUSTOMERS', mode: 'REPLACE', file: 'customers.csv' }, Role.EXECUTIVE);
    expect(codes(result)).toEqual(['FORBIDDEN']);
    expect(result.data).toBeNull();
    expect(await checksum(app.analytics.store)).toEqual(before);
  });

  it('refuses paths outside the import directory: .., absolute paths and symbolic links', async () => {
    fs.writeFileSync(path.join(root, 'secret.csv'), fs.readFileSync(fixture('customers.csv')));
    fs.symlinkSync(path.join(root, 'secret.csv'), path.join(imports, 'link.csv'));
    for (const file of ['../secret.csv', 'sub/../../secret.csv', path.join(root, 'secret.csv'), '/etc/passwd', 'link.csv']) {
      const result = await app.gql(IMPORT, { kind: 'CUSTOMERS', mode: 'REPLACE', file }, Role.ANALYST);
      expect(codes(result), file).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.extensions).toMatchObject({ reason: 'IMPORT_PATH_OUTSIDE' });
      expect(result.errors![0]!.message).toBe(`stagedFile "${file}" points outside the import directory. Name a file inside it (e.g. "responses.csv" or "2025/responses.csv").`);
    }
    const [event] = await auditEvents('IMPORT_FAILED');
    expect(event!.detail).toMatchObject({ kind: 'customers', file: '../secret.csv', reason: 'IMPORT_PATH_OUTSIDE' });
  });

  it('says the file is not there, naming only the file asked for', async () => {
    const result = await app.gql(IMPORT, { kind: 'CUSTOMERS', file: 'custmers.csv' }, Role.ANALYST);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IMPORT_FILE_NOT_FOUND' });
    // Issue 15 (finding 10): the message names only what the caller gave, not the directory or other files.
    expect(result.errors![0]!.message).toBe('There is no file "custmers.csv" in the import directory; list the staged files (importFiles) or upload it.');
  });

  it('answers a bad file with BAD_USER_INPUT and the problems (line, column, value), changing nothing', async () => {
    stage('bad.csv', 'customer_id,persona_code,unit_code,acquired_at,churned_at,acquisition_cost\nC30,FAMILY,CPH,2024-01-01,,10\nC31,FAMLY,CPH,2024-01-01,,10\nC32,SENIOR,CPH,2024-13-01,,-1\n');
    const before = await checksum(app.analytics.store);
    const result = await app.gql(IMPORT, { kind: 'CUSTOMERS', file: 'bad.csv' }, Role.ANALYST);
    expect(result.data).toBeNull();
    const [error] = result.errors!;
    expect(error!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'IMPORT_INVALID_ROWS',
      totalProblems: 3,
      problems: [
        { kind: 'UNKNOWN_CODE', line: 3, column: 'persona_code', value: 'FAMLY' },
        { kind: 'BAD_DATE', line: 4, column: 'acquired_at', value: '2024-13-01' },
        { kind: 'NUMBER_OUT_OF_RANGE', line: 4, column: 'acquisition_cost', value: '-1' },
      ],
      problemCounts: expect.arrayContaining([{ kind: 'UNKNOWN_CODE', field: 'persona_code', count: 1 }]),
    });
    expect(error!.message).toBe(
      'bad.csv has 3 problems; nothing was imported. Fix them and import again. First: Line 3, column persona_code: FAMLY is not a known persona code. Did you mean FAMILY? Known persona codes: FAMILY, SENIOR. All 3 are in extensions.problems.',
    );
    expect(await checksum(app.analytics.store)).toEqual(before);
  });

  it('answers a broken file and a bad mapping with BAD_USER_INPUT', async () => {
    stage('broken.csv', 'customer_id,persona_code,acquired_at,acquisition_cost\nC40,FAMILY,"2024-01-01,10\n');
    const broken = await app.gql(IMPORT, { kind: 'CUSTOMERS', file: 'broken.csv' }, Role.ANALYST);
    expect(broken.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IMPORT_UNREADABLE_FILE', problems: [{ kind: 'BAD_FILE', line: 2 }] });
    const mapping = await app.gql(IMPORT, { kind: 'CUSTOMERS', file: 'customers.csv', mapping: { columns: { x: 'nope' } } }, Role.ANALYST);
    expect(mapping.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IMPORT_BAD_MAPPING' });
    expect(mapping.errors![0]!.message).toContain('mapping.columns["x"]: "nope" is not a customers field');
  });
});

describe('importData closes the loop on new answers', () => {
  const HOUR = 3_600_000;
  const CASES = `{ followUpCases(filter: { kind: RECOVER }, first: 100) { totalCount items { responseId department { id } status } } }`;
  const ALERTS = `{ alerts { status scopeCode evidence { baseline { nps { n } } recent { nps { n } } } } }`;

  it('opens a RECOVER case for every new detractor answer and raises the alert on the drop, once', async () => {
    const journey = await makeJourney(app, { phases: 1, touchpointsPerPhase: 1 });
    const tp = (await app.ok(`query($id: ID!) { journey(id: $id) { phases { touchpoints { code } } } }`, { id: journey.journeyId })).journey.phases[0].touchpoints[0].code;
    await app.ok(`mutation { createAlertRule(input: { name: "Weekly", windowDays: 7, baselineDays: 28, minN: 30 }) { id } }`);
    // Baseline 20-34 days ago (too old for cases): NPS +30 of 100. The last 6 days: NPS -33 of 60, 30 detractors.
    const now = Date.now();
    const rows: string[] = [];
    const add = (scores: number[], fromHours: number, toHours: number) =>
      scores.forEach((ltr, i) => {
        const at = new Date(now - (fromHours + ((toHours - fromHours) * i) / (scores.length - 1)) * HOUR).toISOString().slice(0, 19);
        rows.push(`LOOP${rows.length},L${rows.length},${tp},${at},${ltr}`);
      });
    const scores = (p: number, q: number, d: number) => [...Array(p).fill(10), ...Array(q).fill(8), ...Array(d).fill(3)];
    add(scores(50, 30, 20), 34 * 24, 20 * 24);
    add(scores(10, 20, 30), 6 * 24, 1);
    stage('loop-customers.csv', ['customer_id,persona_code,acquired_at,acquisition_cost', ...rows.map((_, i) => `L${i},FAMILY,2020-01-01,100`)].join('\n'));
    stage('loop-responses.csv', ['response_id,customer_id,touchpoint_code,responded_at,ltr', ...rows].join('\n'));
    await app.ok(IMPORT, { kind: 'CUSTOMERS', file: 'loop-customers.csv' }, Role.ANALYST);
    expect((await app.ok(CASES)).followUpCases.totalCount).toBe(0);

    await app.ok(IMPORT, { kind: 'RESPONSES', file: 'loop-responses.csv' }, Role.ANALYST);

    const { followUpCases } = await app.ok(CASES);
    expect(followUpCases.totalCount).toBe(30);
    expect(new Set(followUpCases.items.map((c: { responseId: string }) => c.responseId))).toEqual(new Set(Array.from({ length: 30 }, (_, i) => `LOOP${130 + i}`)));
    expect(followUpCases.items.every((c: { department: { id: string } | null; status: string }) => c.department?.id === journey.departmentId && c.status === 'OPEN')).toBe(true);
    expect((await app.ok(ALERTS)).alerts).toEqual([{ status: 'OPEN', scopeCode: tp, evidence: { baseline: { nps: { n: 100 } }, recent: { nps: { n: 60 } } } }]);

    // Replacing the answers with the same file opens no second case and raises no second alert.
    await app.ok(IMPORT, { kind: 'RESPONSES', mode: 'REPLACE', file: 'loop-responses.csv' }, Role.ANALYST);
    expect((await app.ok(CASES)).followUpCases.totalCount).toBe(30);
    expect((await app.ok(ALERTS)).alerts).toHaveLength(1);
  });
});
