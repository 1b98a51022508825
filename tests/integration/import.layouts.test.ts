/**
 * Issue 16's layouts, each from a file the test generates: a wide attribute-rating export (missing-value
 * codes, value maps, a persona derived from two columns, no LTR per touchpoint, no acquisition data),
 * a Qualtrics export with three header rows, an Excel sheet, a Parquet file; dry runs that group problems
 * by source column; undo back to the exact checksums.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportError } from '../../analytics/import/errors.js';
import { dryRunFile, importFile } from '../../analytics/import/importFile.js';
import { previewFile } from '../../analytics/import/preview.js';
import { undoLatestImport } from '../../analytics/import/undo.js';
import { getDrivers } from '../../analytics/queries/drivers/getDrivers.js';
import { literal } from '../../analytics/sql.js';
import { openStore, type Store } from '../../analytics/store.js';
import { writeDimensions } from '../../analytics/sync/dimensions.js';
import { AIRLINE_MODEL, PERSONA_MAPPING, SERVICES, airlineCsv, passengers, responsesMapping, type Passenger } from '../fixtures/import/airline.js';
import { checksum, tempDir, writeFile } from '../fixtures/import/store.js';
import fs from 'node:fs';

let store: Store;
let dir: string;

beforeEach(async () => {
  store = await openStore(':memory:');
  await store.ensureSchema();
  await store.transaction((tx) => writeDimensions(tx, AIRLINE_MODEL));
  dir = tempDir();
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The data of the store: every table's checksum, store_meta without its change counters (undo moves them on, so caches never serve undone data). */
async function dataChecksum(): Promise<Record<string, string>> {
  const sums = await checksum(store);
  const [meta] = await store.all<{ sum: string }>(
    `SELECT count(*)::VARCHAR || ':' || coalesce(bit_xor(hash(m))::VARCHAR, '-') AS sum FROM store_meta m WHERE key NOT IN ('data_version', 'data_loaded_at', 'dimensions_version', 'dimensions_synced_at')`,
  );
  const [contacts] = await store.all<{ sum: string }>(`SELECT count(*)::VARCHAR || ':' || coalesce(bit_xor(hash(c))::VARCHAR, '-') AS sum FROM customer_contacts c`);
  return { ...sums, store_meta: meta?.sum ?? '', customer_contacts: contacts?.sum ?? '' };
}

async function importAirline(rows: Passenger[]) {
  const file = writeFile(dir, 'airline.csv', airlineCsv(rows));
  const customers = await importFile(store, { kind: 'customers', mode: 'append', file, mapping: PERSONA_MAPPING, undoId: 'c1' });
  const responses = await importFile(store, { kind: 'responses', mode: 'append', file, mapping: responsesMapping(), undoId: 'r1' });
  return { file, customers, responses };
}

describe('wide attribute-rating export: missing codes, value maps, derived persona', () => {
  it('finds 0 = "not applicable" and the text outcome in a dry run, grouped by source column with counts, and changes nothing', async () => {
    const rows = passengers(300);
    const file = writeFile(dir, 'airline.csv', airlineCsv(rows));
    await importFile(store, { kind: 'customers', mode: 'append', file, mapping: PERSONA_MAPPING });
    const before = await dataChecksum();
    const dry = await dryRunFile(store, { kind: 'responses', mode: 'append', file, mapping: responsesMapping({ missingCodes: false, valueMap: false }) });
    expect(dry.ok).toBe(false);
    for (const [k, s] of SERVICES.entries()) {
      const zeros = rows.filter((p) => p.ratings[k] === 0).length;
      const group = dry.groups.find((g) => g.column === s.column);
      expect(group, s.column).toMatchObject({ kind: 'SCORE_OUT_OF_RANGE', touchpoint: s.code, field: 'satisfaction', value: '0', count: zeros });
      expect(group?.message).toBe(`column \`${s.column}\` (touchpoint ${s.code}): ${zeros.toLocaleString('en-US')} values are 0, not a 1-5 score.`);
      expect(group?.suggestion).toContain("Map 0 as 'no answer'");
    }
    const satisfied = rows.filter((p) => p.satisfied).length;
    const outcome = dry.groups.find((g) => g.column === 'satisfaction' && g.value === 'satisfied');
    expect(outcome).toMatchObject({ kind: 'SCORE_OUT_OF_RANGE', touchpoint: null, field: 'ltr', count: satisfied });
    expect(outcome?.suggestion).toBe('Add satisfied to the value map of `satisfaction` (valueMaps), turning it into a 0-10 score?');
    // Every problem once per cause: the groups add up to all problems.
    expect(dry.groups.reduce((sum, g) => sum + g.count, 0)).toBe(dry.totalProblems);
    expect(await dataChecksum()).toEqual(before);

    // Each problem names its line, the column as the file names it, and the touchpoint it is mapped to.
    const first = rows.findIndex((p) => p.ratings[0] === 0);
    expect(dry.problems).toContainEqual({
      kind: 'SCORE_OUT_OF_RANGE', line: first + 2, column: 'Seat comfort', touchpoint: 'TP_SEAT', value: '0',
      message: `Line ${first + 2}, column Seat comfort (touchpoint TP_SEAT): 0 is not a 1-5 score.`,
    });

    const clean = await dryRunFile(store, { kind: 'responses', mode: 'append', file, mapping: responsesMapping() });
    expect(clean).toMatchObject({ ok: true, totalProblems: 0, sourceRows: 300 });
    expect(await dataChecksum()).toEqual(before);
  });

  it('imports customers without acquisition data and with a derived persona, then answers without LTR per touchpoint', async () => {
    const rows = passengers(300);
    const { customers, responses } = await importAirline(rows);
    expect(customers.rows).toBe(300);
    const personas = await store.all<{ customer_id: string; persona_code: string; acquired_at: string | null; acquisition_cost: number | null }>(
      `SELECT customer_id, persona_code, acquired_at, acquisition_cost FROM customers ORDER BY customer_id`,
    );
    const expected = (p: Passenger) => `${p.customerType === 'Loyal Customer' ? 'LOYAL' : 'NEW'}_${p.travel === 'Business travel' ? 'BUSINESS' : 'PERSONAL'}`;
    expect(personas).toEqual(rows.map((p) => ({ customer_id: p.id, persona_code: expected(p), acquired_at: null, acquisition_cost: null })));

    const answered = rows.reduce((sum, p) => sum + p.ratings.filter((r) => r > 0).length, 0);
    expect(responses).toMatchObject({ rows: 300 + answered, sourceRows: 300, skippedRows: 0 });
    const summary = await store.all(
      `SELECT touchpoint_code IS NULL AS relationship, count(*)::INTEGER AS n, count(ltr)::INTEGER AS with_ltr, count(satisfaction)::INTEGER AS with_sat,
         (count(*) FILTER (WHERE ltr = 10))::INTEGER AS tens FROM responses GROUP BY ALL ORDER BY 1`,
    );
    expect(summary).toEqual([
      { relationship: false, n: answered, with_ltr: 0, with_sat: answered, tens: 0 },
      { relationship: true, n: 300, with_ltr: 300, with_sat: 0, tens: rows.filter((p) => p.satisfied).length },
    ]);
    expect((await store.getMeta()).outcome_scale).toBe('binary');
  });

  it('ranks drivers on the overall outcome exactly as pairwise correlations and Johnson\'s relative weights computed here', async () => {
    const rows = passengers(600, 7);
    await importAirline(rows);
    const result = await getDrivers(store, {});

    // Independent computation. y: the overall outcome (10 satisfied, 0 not); x_k: the rating, where given.
    const y = rows.map((p) => (p.satisfied ? 10 : 0));
    const x = SERVICES.map((_, k) => rows.map((p) => (p.ratings[k] === 0 ? null : p.ratings[k]!)));
    const pearson = (a: (number | null)[], b: (number | null)[]) => {
      const pairs = a.flatMap((v, i) => (v === null || b[i] === null ? [] : [[v, b[i]!] as const]));
      const n = pairs.length;
      const ma = pairs.reduce((s, [u]) => s + u, 0) / n;
      const mb = pairs.reduce((s, [, w]) => s + w, 0) / n;
      let sab = 0;
      let saa = 0;
      let sbb = 0;
      for (const [u, w] of pairs) {
        sab += (u - ma) * (w - mb);
        saa += (u - ma) ** 2;
        sbb += (w - mb) ** 2;
      }
      return sab / Math.sqrt(saa * sbb);
    };
    const k = SERVICES.length;
    const rxy = x.map((xk) => pearson(xk, y));
    const rxx = x.map((xi, i) => x.map((xj, j) => (i === j ? 1 : pearson(xi, xj))));
    // Jacobi eigenvalue iteration: Rxx = V diag(λ) Vᵀ.
    const a = rxx.map((r) => [...r]);
    const v: number[][] = rxx.map((_, i) => rxx.map((__, j) => (i === j ? 1 : 0)));
    for (let sweep = 0; sweep < 100; sweep++) {
      let off = 0;
      for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += a[p]![q]! ** 2;
      if (off < 1e-30) break;
      for (let p = 0; p < k; p++) {
        for (let q = p + 1; q < k; q++) {
          if (Math.abs(a[p]![q]!) < 1e-300) continue;
          const theta = (a[q]![q]! - a[p]![p]!) / (2 * a[p]![q]!);
          const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          const c = 1 / Math.sqrt(t * t + 1);
          const s = t * c;
          for (let r = 0; r < k; r++) {
            const arp = a[r]![p]!;
            const arq = a[r]![q]!;
            a[r]![p] = c * arp - s * arq;
            a[r]![q] = s * arp + c * arq;
          }
          for (let r = 0; r < k; r++) {
            const apr = a[p]![r]!;
            const aqr = a[q]![r]!;
            a[p]![r] = c * apr - s * aqr;
            a[q]![r] = s * apr + c * aqr;
          }
          for (let r = 0; r < k; r++) {
            const vrp = v[r]![p]!;
            const vrq = v[r]![q]!;
            v[r]![p] = c * vrp - s * vrq;
            v[r]![q] = s * vrp + c * vrq;
          }
        }
      }
    }
    const lambda = a.map((row, i) => row[i]!);
    // Λ = V diag(√λ) Vᵀ; β = Λ⁻¹ rxy = V diag(1/√λ) Vᵀ rxy; ε_j = Σ_i Λ_ji² β_i².
    const root = (i: number, j: number, power: number) => lambda.reduce((sum, l, m) => sum + v[i]![m]! * l ** power * v[j]![m]!, 0);
    const beta = rxy.map((_, i) => rxy.reduce((sum, r, j) => sum + root(i, j, -0.5) * r, 0));
    const raw = rxy.map((_, j) => beta.reduce((sum, b, i) => sum + root(j, i, 0.5) ** 2 * b * b, 0));

    expect(result.outcome).toBe('LTR');
    expect(result.drivers.map((d) => d.touchpointCode).sort()).toEqual(SERVICES.map((s) => s.code).sort());
    for (const [index, s] of SERVICES.entries()) {
      const driver = result.drivers.find((d) => d.touchpointCode === s.code)!;
      expect(driver.n).toBe(x[index]!.filter((value) => value !== null).length);
      expect(Math.abs(driver.correlation - rxy[index]!)).toBeLessThan(1e-9);
      expect(Math.abs(driver.rawWeight - raw[index]!)).toBeLessThan(1e-9);
    }
    expect(Math.abs(result.rSquared! - raw.reduce((s, r) => s + r, 0))).toBeLessThan(1e-9);
    // The planted order: seat comfort drives satisfaction most, wifi least.
    expect(result.drivers.find((d) => d.rank === 1)?.touchpointCode).toBe('TP_SEAT');
  });
});

describe('Qualtrics export with three header rows', () => {
  const qualtricsCsv = () =>
    [
      'StartDate,RecordedDate,Finished,ResponseId,ExternalReference,Q1,Q2_1,Q2_2',
      'Start Date,Recorded Date,Finished,Response ID,External Data Reference,"How likely are you to recommend us, 0-10?","How satisfied were you with: - Seat comfort","How satisfied were you with: - Online boarding"',
      // Qualtrics quotes the JSON, doubling its quotes.
      ['{"ImportId":"startDate","timeZone":"Europe/Copenhagen"}', '{"ImportId":"recordedDate","timeZone":"Europe/Copenhagen"}', '{"ImportId":"finished"}', '{"ImportId":"_recordId"}',
        '{"ImportId":"externalDataReference"}', '{"ImportId":"QID1"}', '{"ImportId":"QID2_1"}', '{"ImportId":"QID2_2"}'].map((j) => `"${j.replaceAll('"', '""')}"`).join(','),
      '2025-06-01 10:00:00,2025-06-01 10:05:00,1,R_1a,70000,9,5,4',
      '2025-06-01 11:00:00,2025-06-01 11:02:00,0,R_1b,70001,,,',
      '2025-06-02 09:00:00,2025-06-02 09:04:00,1,R_1c,70001,3,2,',
      '2025-06-03 09:00:00,2025-06-03 09:04:00,True,R_1d,70002,7,,5',
    ].join('\n');

  it('is recognised in the preview (question text, ImportId, three header rows) and imports by question id, skipping unfinished responses', async () => {
    await importFile(store, { kind: 'customers', mode: 'append', file: writeFile(dir, 'c.csv', airlineCsv(passengers(3))), mapping: PERSONA_MAPPING });
    const file = writeFile(dir, 'qualtrics.csv', qualtricsCsv());
    const preview = await previewFile(store, file, undefined, 10, 'responses');
    expect(preview).toMatchObject({ format: 'csv', delimiter: ',', encoding: 'utf-8', headerRows: 3, qualtrics: true, totalRows: 4 });
    expect(preview.columns.find((c) => c.name === 'Q2_1')).toMatchObject({ label: 'How satisfied were you with: - Seat comfort', importId: 'QID2_1', type: 'INTEGER', empty: 2 });
    // The question text ends with the touchpoint's name: a first guess for the wizard.
    expect(preview.columns.map((c) => c.touchpoint)).toEqual([null, null, null, null, null, null, 'TP_SEAT', 'TP_BOARDING']);
    expect(preview.rows[0]).toEqual(['2025-06-01 10:00:00', '2025-06-01 10:05:00', '1', 'R_1a', '70000', '9', '5', '4']);
    expect(preview.suggestedMapping).toEqual({ headerRows: 3, skipUnfinished: true, columns: { RecordedDate: 'responded_at', ResponseId: 'response_id' } });

    const mapping = {
      ...preview.suggestedMapping,
      format: 'wide',
      columns: { ...(preview.suggestedMapping.columns as object), ExternalReference: 'customer_id', Q1: 'ltr' },
      wide: { Q2_1: { touchpoint: 'TP_SEAT', field: 'satisfaction' }, Q2_2: { touchpoint: 'TP_BOARDING', field: 'satisfaction' } },
    };
    const result = await importFile(store, { kind: 'responses', mode: 'append', file, mapping });
    expect(result).toMatchObject({ sourceRows: 4, skippedRows: 1, rows: 3 + 4 });
    expect(await store.all(`SELECT response_id, touchpoint_code, ltr, satisfaction FROM responses ORDER BY 1`)).toEqual([
      { response_id: 'R_1a', touchpoint_code: null, ltr: 9, satisfaction: null },
      { response_id: 'R_1a-TP_BOARDING', touchpoint_code: 'TP_BOARDING', ltr: null, satisfaction: 4 },
      { response_id: 'R_1a-TP_SEAT', touchpoint_code: 'TP_SEAT', ltr: null, satisfaction: 5 },
      { response_id: 'R_1c', touchpoint_code: null, ltr: 3, satisfaction: null },
      { response_id: 'R_1c-TP_SEAT', touchpoint_code: 'TP_SEAT', ltr: null, satisfaction: 2 },
      { response_id: 'R_1d', touchpoint_code: null, ltr: 7, satisfaction: null },
      { response_id: 'R_1d-TP_BOARDING', touchpoint_code: 'TP_BOARDING', ltr: null, satisfaction: 5 },
    ]);
  });

  it('names the line an editor shows (data starts on line 4) and the question id column', async () => {
    await importFile(store, { kind: 'customers', mode: 'append', file: writeFile(dir, 'c.csv', airlineCsv(passengers(3))), mapping: PERSONA_MAPPING });
    const file = writeFile(dir, 'qualtrics.csv', qualtricsCsv().replace('R_1c,70001,3,2,', 'R_1c,70001,11,2,'));
    const mapping = {
      headerRows: 3,
      skipUnfinished: true,
      format: 'wide',
      columns: { ResponseId: 'response_id', RecordedDate: 'responded_at', ExternalReference: 'customer_id', Q1: 'ltr' },
      wide: { Q2_1: { touchpoint: 'TP_SEAT', field: 'satisfaction' } },
    };
    const error = await importFile(store, { kind: 'responses', mode: 'append', file, mapping }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    const problems = (error as ImportError).problems;
    expect(problems.map((p) => p.message)).toEqual(['Line 6, column Q1: 11 is not a 0-10 score.']);
    expect((error as ImportError).groups.map((g) => g.message)).toEqual(['column `Q1`: 1 value is 11, not a 0-10 score.']);
  });
});

describe('Excel workbook, a chosen sheet', () => {
  async function workbook(rows: (string | number | Date | null)[][]): Promise<string> {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Read me').addRow(['This sheet explains the export.']);
    const sheet = book.addWorksheet('Responses');
    for (const row of rows) sheet.addRow(row);
    const file = path.join(dir, 'survey.xlsx');
    await book.xlsx.writeFile(file);
    return file;
  }

  it('previews and imports the sheet named in the mapping, dates and numbers as cells, problems by sheet row', async () => {
    await importFile(store, { kind: 'customers', mode: 'append', file: writeFile(dir, 'c.csv', airlineCsv(passengers(3))), mapping: PERSONA_MAPPING });
    const header = ['Response', 'Customer', 'Answered', 'Touchpoint', 'Recommend', 'Satisfied'];
    const file = await workbook([
      header,
      ['X1', '70000', new Date(Date.UTC(2025, 4, 2, 9, 30)), 'TP_SEAT', 9, 5],
      ['X2', '70001', new Date(Date.UTC(2025, 4, 3)), 'TP_WIFI', null, 2],
      [],
      ['X3', '70002', new Date(Date.UTC(2025, 4, 4, 12)), null, 4, null],
    ]);
    const mapping = { sheet: 'Responses', columns: { Response: 'response_id', Customer: 'customer_id', Answered: 'responded_at', Touchpoint: 'touchpoint_code', Recommend: 'ltr', Satisfied: 'satisfaction' } };
    const preview = await previewFile(store, file, { sheet: 'Responses' }, 10);
    expect(preview).toMatchObject({ format: 'excel', sheets: ['Read me', 'Responses'], sheet: 'Responses', totalRows: 3, suggestedMapping: { sheet: 'Responses' } });
    expect(preview.columns.map((c) => [c.name, c.type])).toEqual([
      ['Response', 'TEXT'], ['Customer', 'INTEGER'], ['Answered', 'TIMESTAMP'], ['Touchpoint', 'TEXT'], ['Recommend', 'INTEGER'], ['Satisfied', 'INTEGER'],
    ]);

    const bad = await workbook([header, ['X1', '70000', new Date(Date.UTC(2025, 4, 2)), 'TP_SEAT', 9, 5], [], ['X3', '70002', new Date(Date.UTC(2025, 4, 4)), null, 12, null]]);
    const error = await importFile(store, { kind: 'responses', mode: 'append', file: bad, mapping }).catch((e: unknown) => e);
    expect((error as ImportError).problems.map((p) => p.message)).toEqual(['Row 4, column Recommend: 12 is not a 0-10 score.']);

    const good = await workbook([
      header,
      ['X1', '70000', new Date(Date.UTC(2025, 4, 2, 9, 30)), 'TP_SEAT', 9, 5],
      ['X2', '70001', new Date(Date.UTC(2025, 4, 3)), 'TP_WIFI', null, 2],
      [],
      ['X3', '70002', new Date(Date.UTC(2025, 4, 4, 12)), null, 4, null],
    ]);
    expect(await importFile(store, { kind: 'responses', mode: 'append', file: good, mapping })).toMatchObject({ rows: 3, sourceRows: 3 });
    expect(await store.all(`SELECT response_id, responded_at, touchpoint_code, ltr, satisfaction FROM responses ORDER BY 1`)).toEqual([
      { response_id: 'X1', responded_at: '2025-05-02 09:30:00', touchpoint_code: 'TP_SEAT', ltr: 9, satisfaction: 5 },
      { response_id: 'X2', responded_at: '2025-05-03 00:00:00', touchpoint_code: 'TP_WIFI', ltr: null, satisfaction: 2 },
      { response_id: 'X3', responded_at: '2025-05-04 12:00:00', touchpoint_code: null, ltr: 4, satisfaction: null },
    ]);
  });

  it('refuses a sheet the workbook does not have, naming the sheets it has', async () => {
    const file = await workbook([['a'], ['1']]);
    const error = await importFile(store, { kind: 'units', mode: 'append', file, mapping: { sheet: 'Data' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'IMPORT_BAD_MAPPING', message: 'mapping.sheet: the workbook has no sheet "Data"; its sheets are "Read me", "Responses".' });
  });
});

describe('Parquet', () => {
  it('imports typed Parquet columns with a mapping, missing codes and value maps', async () => {
    await importFile(store, { kind: 'customers', mode: 'append', file: writeFile(dir, 'c.csv', airlineCsv(passengers(3))), mapping: PERSONA_MAPPING });
    const file = path.join(dir, 'answers.parquet');
    await store.run(
      `COPY (SELECT * FROM (VALUES ('P1', 70000, TIMESTAMP '2025-03-01 08:00:00', 'TP_SEAT', 'very good', 8), ('P2', 70001, TIMESTAMP '2025-03-02 08:00:00', 'TP_FOOD', 'poor', 99),
         ('P3', 70002, TIMESTAMP '2025-03-03 08:00:00', 'TP_FOOD', 'N/A', 6)) t(rid, cust, answered, tp, verdict, nps)) TO ${literal(file)} (FORMAT parquet)`,
    );
    const mapping = {
      columns: { rid: 'response_id', cust: 'customer_id', answered: 'responded_at', tp: 'touchpoint_code', verdict: 'satisfaction', nps: 'ltr' },
      missingValues: ['N/A'],
      columnMissingValues: { nps: ['99'] },
      valueMaps: { verdict: { 'very good': 5, good: 4, poor: 2 } },
    };
    expect(await importFile(store, { kind: 'responses', mode: 'append', file, mapping })).toMatchObject({ rows: 3 });
    expect(await store.all(`SELECT response_id, ltr, satisfaction FROM responses ORDER BY 1`)).toEqual([
      { response_id: 'P1', ltr: 8, satisfaction: 5 },
      { response_id: 'P2', ltr: null, satisfaction: 2 },
      { response_id: 'P3', ltr: 6, satisfaction: null },
    ]);
  });
});

describe('undo', () => {
  it('returns the store to the exact checksums before an append, a replace, and a customers import with contacts', async () => {
    const empty = await dataChecksum();
    const rows = passengers(120);
    const file = writeFile(dir, 'airline.csv', airlineCsv(rows));
    await importFile(store, { kind: 'customers', mode: 'append', file, mapping: PERSONA_MAPPING, undoId: 'c1' });
    const withCustomers = await dataChecksum();
    await importFile(store, { kind: 'responses', mode: 'append', file, mapping: responsesMapping(), undoId: 'r1' });
    const withResponses = await dataChecksum();
    expect(withResponses).not.toEqual(withCustomers);

    // A replace of the responses with half the file, then undo: the appended answers are back exactly.
    const half = writeFile(dir, 'half.csv', airlineCsv(rows.slice(0, 60)));
    await importFile(store, { kind: 'responses', mode: 'replace', file: half, mapping: responsesMapping(), undoId: 'r2' });
    expect(await dataChecksum()).not.toEqual(withResponses);
    const replaced = await undoLatestImport(store, 'r2');
    expect(replaced.responseIds).toEqual([]); // the 60 passengers' answers were all there before
    expect(await dataChecksum()).toEqual(withResponses);

    // Only the latest import of a table keeps what undo needs.
    await expect(undoLatestImport(store, 'r1')).rejects.toMatchObject({ code: 'IMPORT_UNDO_REFUSED' });
    expect(await dataChecksum()).toEqual(withResponses);

    // Customers cannot be undone while their answers are there; then, after the answers go, they can.
    const contacts = writeFile(dir, 'contacts.csv', 'customer_id,persona_code,name,email,phone\nK1,NEW_PERSONAL,Ann Berg,ann@example.com,+45 1234 5678\nK2,NEW_PERSONAL,,,\n');
    await importFile(store, { kind: 'customers', mode: 'append', file: contacts, undoId: 'c2' });
    expect(await store.all(`SELECT * FROM customer_contacts`)).toEqual([{ customer_id: 'K1', name: 'Ann Berg', email: 'ann@example.com', phone: '+45 1234 5678' }]);
    await undoLatestImport(store, 'c2');
    expect(await dataChecksum()).toEqual(withResponses);
  });

  it('refuses when the table changed after the import, or a later import kept nothing to undo with', async () => {
    const rows = passengers(40);
    await importAirline(rows);
    await store.run(`INSERT INTO responses (response_id, customer_id, touchpoint_code, responded_at, ltr) VALUES ('LATE', '70000', NULL, TIMESTAMP '2025-07-01', 8)`);
    const changed = await dataChecksum();
    await expect(undoLatestImport(store, 'r1')).rejects.toMatchObject({ code: 'IMPORT_UNDO_REFUSED', message: expect.stringContaining('responses has changed since import r1') });
    expect(await dataChecksum()).toEqual(changed);

    // An import without undo (the command line) ends what the earlier import of the table kept.
    const more = writeFile(dir, 'more.csv', 'response_id,customer_id,responded_at,ltr\nM1,70001,2025-07-02,9\n');
    await importFile(store, { kind: 'responses', mode: 'append', file: more });
    await expect(undoLatestImport(store, 'r1')).rejects.toMatchObject({ code: 'IMPORT_UNDO_REFUSED', message: expect.stringContaining('Nothing is kept to undo import r1') });
  });

  it('refuses to undo customers whose answers are in the store, and changes nothing', async () => {
    const rows = passengers(50);
    await importAirline(rows);
    const before = await dataChecksum();
    await expect(undoLatestImport(store, 'c1')).rejects.toMatchObject({ code: 'IMPORT_UNDO_REFUSED', message: expect.stringContaining('without their customer') });
    expect(await dataChecksum()).toEqual(before);
    const undone = await undoLatestImport(store, 'r1');
    expect(undone.responseIds).toHaveLength(50 + rows.reduce((sum, p) => sum + p.ratings.filter((r) => r > 0).length, 0));
    await undoLatestImport(store, 'c1');
    const [count] = await store.all<{ n: number }>(`SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM responses) AS n`);
    expect(Number(count?.n)).toBe(0);
  });
});
