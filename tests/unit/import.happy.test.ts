import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../analytics/import/importFile.js';
import { literal } from '../../analytics/sql.js';
import type { Store } from '../../analytics/store.js';
import { fixture, endImportTest, startImportTest, writeFile } from '../fixtures/import/store.js';

let store: Store;
let dir: string;
beforeEach(async () => ({ store, dir } = await startImportTest()));
afterEach(() => endImportTest(store, dir));

const responses = (where = 'TRUE') =>
  store.all(
    `SELECT response_id, customer_id, touchpoint_code, responded_at::VARCHAR AS responded_at, ltr, satisfaction, professional, sympathetic, trustworthy,
       atmosphere, effort, comment FROM responses WHERE ${where} ORDER BY response_id`,
  );

describe('importFile: long files', () => {
  it('appends responses, reading quoted multi-line comments, time zones and date-only times', async () => {
    const result = await importFile(store, { kind: 'responses', file: fixture('responses.csv'), mode: 'append' });
    expect(result).toMatchObject({ kind: 'responses', mode: 'append', rows: 3, sourceRows: 3, ignoredColumns: [] });
    expect(result.rowsPerSecond).toBeGreaterThan(0);
    expect(await responses(`response_id LIKE 'R1_'`)).toEqual([
      { response_id: 'R10', customer_id: 'C1', touchpoint_code: 'TP_WEB_QUOTE', responded_at: '2025-02-01 10:15:00', ltr: 10, satisfaction: 5, professional: 5, sympathetic: 4, trustworthy: 5, atmosphere: 4, effort: 2, comment: 'Quick and clear, thanks' },
      // +02:00 is converted to UTC
      { response_id: 'R11', customer_id: 'C2', touchpoint_code: 'TP_PHONE_SALES', responded_at: '2025-02-02 06:30:00', ltr: 3, satisfaction: 2, professional: 3, sympathetic: 2, trustworthy: 2, atmosphere: null, effort: 6, comment: 'Waited 40 minutes.\nThen the line dropped.' },
      { response_id: 'R12', customer_id: 'C3', touchpoint_code: null, responded_at: '2025-02-03 00:00:00', ltr: 8, satisfaction: 4, professional: null, sympathetic: null, trustworthy: null, atmosphere: null, effort: null, comment: null },
    ]);
    expect((await responses()).length).toBe(5); // the two that were there stay
  });

  it('records the change in store_meta: data version, source and the responses period', async () => {
    const before = await store.getMeta();
    await importFile(store, { kind: 'responses', file: fixture('responses.csv'), mode: 'append' });
    const meta = await store.getMeta();
    expect(Number(meta.data_version)).toBe(Number(before.data_version ?? 0) + 1);
    expect(meta).toMatchObject({ data_source: 'import responses responses.csv (append, 3 rows)', data_start: '2025-01-10', data_end: '2025-02-03' });
  });

  it('replaces a whole table in replace mode', async () => {
    const result = await importFile(store, { kind: 'responses', file: fixture('responses.csv'), mode: 'replace' });
    expect(result.rows).toBe(3);
    expect((await responses()).map((r) => r.response_id)).toEqual(['R10', 'R11', 'R12']);
  });

  it('imports customers, profitability, unit metrics, touchpoint KPIs and units', async () => {
    await importFile(store, { kind: 'units', file: fixture('units.csv'), mode: 'append' });
    for (const kind of ['customers', 'profitability', 'unit_metrics', 'touchpoint_kpis'] as const) {
      const result = await importFile(store, { kind, file: fixture(`${kind}.csv`), mode: 'append' });
      expect(result.rows, kind).toBeGreaterThan(0);
    }
    expect(await store.all(`SELECT customer_id, unit_code, acquired_at::VARCHAR AS a, churned_at::VARCHAR AS c, acquisition_cost FROM customers WHERE customer_id IN ('C10', 'C11', 'C12') ORDER BY 1`)).toEqual([
      { customer_id: 'C10', unit_code: 'CPH', a: '2024-05-01', c: null, acquisition_cost: 950.5 },
      { customer_id: 'C11', unit_code: 'AAR', a: '2024-06-15', c: '2025-02-28', acquisition_cost: 1100 },
      { customer_id: 'C12', unit_code: null, a: '2024-07-01', c: null, acquisition_cost: 0 },
    ]);
    expect(await store.all(`SELECT customer_id, month::VARCHAR AS month, revenue, cost FROM profitability ORDER BY 1, 2`)).toEqual([
      { customer_id: 'C1', month: '2025-01-01', revenue: 120.5, cost: 80 },
      { customer_id: 'C1', month: '2025-02-01', revenue: 130, cost: 85.25 },
      { customer_id: 'C2', month: '2025-01-01', revenue: 99, cost: 99 },
    ]);
    expect(await store.all(`SELECT unit_code, management_quality FROM unit_metrics ORDER BY 1`)).toEqual([
      { unit_code: 'AAR', management_quality: 55 },
      { unit_code: 'CPH', management_quality: 72.5 },
    ]);
    expect(await store.all(`SELECT touchpoint_code, kpi, value FROM touchpoint_kpis ORDER BY 1`)).toEqual([
      { touchpoint_code: 'TP_CLAIM', kpi: 'handling_days', value: 6.5 },
      { touchpoint_code: 'TP_PHONE_SALES', kpi: 'answer_seconds', value: 412 },
    ]);
    expect(await store.all(`SELECT * FROM dim_units ORDER BY 1`)).toContainEqual({ unit_code: 'ODE', name: 'Odense' });
  });

  it('reads Parquet with the same rules', async () => {
    const file = path.join(dir, 'responses.parquet');
    await store.run(`COPY (SELECT * REPLACE ('P' || response_id AS response_id) FROM read_csv(${literal(fixture('responses.csv'))})) TO ${literal(file)} (FORMAT parquet)`);
    const result = await importFile(store, { kind: 'responses', file, mode: 'append' });
    expect(result.rows).toBe(3);
    expect((await responses(`response_id LIKE 'P%'`)).map((r) => [r.response_id, r.ltr, r.responded_at])).toEqual([
      ['PR10', 10, '2025-02-01 10:15:00'],
      ['PR11', 3, '2025-02-02 06:30:00'],
      ['PR12', 8, '2025-02-03 00:00:00'],
    ]);
  });

  it('maps renamed columns, constants, day-first dates, decimal commas, ; delimiters and Latin-1', async () => {
    const write = (price: string) =>
      writeFile(dir, 'kunder.csv', Buffer.from(`Kunde;Segment;Kunde siden;Pris;Ekstra\nC20;FAMILY;31/12/2024;${price};x\nC21;SENIOR;01/01/2025;99,95;Ærø\n`, 'latin1'));
    const file = write('1.234,5');
    const mapping = {
      columns: { Kunde: 'customer_id', Segment: 'persona_code', 'Kunde siden': 'acquired_at', Pris: 'acquisition_cost' },
      constants: { unit_code: 'AAR' },
      dateFormat: '%d/%m/%Y',
      decimalSeparator: ',',
      csv: { encoding: 'latin-1' },
    };
    // 1.234,5 has a thousands separator, which is refused rather than guessed
    await expect(importFile(store, { kind: 'customers', file, mode: 'append', mapping })).rejects.toMatchObject({
      code: 'IMPORT_INVALID_ROWS',
      problems: [{ line: 2, column: 'Pris', value: '1.234,5', kind: 'BAD_NUMBER' }],
    });
    write('1234,5');
    const result = await importFile(store, { kind: 'customers', file, mode: 'append', mapping });
    expect(result.ignoredColumns).toEqual(['Ekstra']);
    expect(await store.all(`SELECT customer_id, persona_code, unit_code, acquired_at::VARCHAR AS a, acquisition_cost FROM customers WHERE customer_id IN ('C20', 'C21') ORDER BY 1`)).toEqual([
      { customer_id: 'C20', persona_code: 'FAMILY', unit_code: 'AAR', a: '2024-12-31', acquisition_cost: 1234.5 },
      { customer_id: 'C21', persona_code: 'SENIOR', unit_code: 'AAR', a: '2025-01-01', acquisition_cost: 99.95 },
    ]);
  });

  it('reads UTF-16 files (recognised by their byte-order mark) and tab-separated ones', async () => {
    const utf16 = writeFile(dir, 'units16.csv', Buffer.from('\ufeffunit_code,name\r\nVEJ,Vejle\r\n', 'utf16le'));
    await importFile(store, { kind: 'units', file: utf16, mode: 'append' });
    const tsv = writeFile(dir, 'units.tsv', 'unit_code\tname\nODE\tOdense\n');
    await importFile(store, { kind: 'units', file: tsv, mode: 'append' });
    expect((await store.all<{ unit_code: string }>('SELECT unit_code FROM dim_units ORDER BY 1')).map((r) => r.unit_code)).toEqual(['AAR', 'CPH', 'ODE', 'VEJ']);
  });

  it('reports progress through reading, validating, writing and saving', async () => {
    const phases: string[] = [];
    await importFile(store, { kind: 'responses', file: fixture('responses.csv'), mode: 'append', onProgress: (p) => phases.push(p.phase) });
    expect([...new Set(phases)]).toEqual(['reading', 'validating', 'writing', 'saving', 'done']);
  });
});

describe('importFile: wide survey exports', () => {
  it('turns each respondent row into a relationship response and one response per touchpoint answered', async () => {
    const mapping = JSON.parse(fs.readFileSync(fixture('survey-wide.mapping.json'), 'utf8'));
    const result = await importFile(store, { kind: 'responses', file: fixture('survey-wide.csv'), mode: 'append', mapping });
    expect(result).toMatchObject({ rows: 5, sourceRows: 3, ignoredColumns: [] });
    expect(await responses(`response_id LIKE '900%'`)).toEqual([
      { response_id: '9001', customer_id: 'C1', touchpoint_code: null, responded_at: '2025-02-03 00:00:00', ltr: 9, satisfaction: null, professional: null, sympathetic: null, trustworthy: null, atmosphere: null, effort: null, comment: 'Fin service' },
      { response_id: '9001-TP_WEB_QUOTE', customer_id: 'C1', touchpoint_code: 'TP_WEB_QUOTE', responded_at: '2025-02-03 00:00:00', ltr: 8, satisfaction: 4, professional: null, sympathetic: null, trustworthy: null, atmosphere: null, effort: 5, comment: null },
      { response_id: '9002', customer_id: 'C2', touchpoint_code: null, responded_at: '2025-02-04 00:00:00', ltr: 3, satisfaction: null, professional: null, sympathetic: null, trustworthy: null, atmosphere: null, effort: null, comment: null },
      { response_id: '9002-TP_PHONE_SALES', customer_id: 'C2', touchpoint_code: 'TP_PHONE_SALES', responded_at: '2025-02-04 00:00:00', ltr: 2, satisfaction: 1, professional: null, sympathetic: null, trustworthy: null, atmosphere: null, effort: null, comment: null },
      { response_id: '9003-TP_WEB_QUOTE', customer_id: 'C3', touchpoint_code: 'TP_WEB_QUOTE', responded_at: '2025-02-05 00:00:00', ltr: 10, satisfaction: 5, professional: null, sympathetic: null, trustworthy: null, atmosphere: null, effort: null, comment: null },
    ]);
  });

  it('builds response ids from customer and time when the export has no respondent id, so a re-import is refused', async () => {
    const file = writeFile(dir, 'wide.csv', 'customer_id,responded_at,ltr_TP_CLAIM\nC1,2025-03-01 12:00:00,7\n');
    const mapping = { format: 'wide', wide: { 'ltr_{touchpoint}': 'ltr' } };
    await importFile(store, { kind: 'responses', file, mode: 'append', mapping });
    expect((await responses(`touchpoint_code = 'TP_CLAIM'`)).map((r) => r.response_id)).toEqual(['C1-2025-03-01 12:00:00-TP_CLAIM']);
    await expect(importFile(store, { kind: 'responses', file, mode: 'append', mapping })).rejects.toMatchObject({
      problems: [{ kind: 'DUPLICATE_IN_STORE', line: 2, column: 'customer_id + responded_at', value: 'C1-2025-03-01 12:00:00-TP_CLAIM' }],
    });
  });
});
