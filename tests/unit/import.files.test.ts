import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { literal } from '../../analytics/sql.js';
import type { Store } from '../../analytics/store.js';
import { expectRefused, fixture, endImportTest, startImportTest, writeFile } from '../fixtures/import/store.js';

let store: Store;
let dir: string;
beforeEach(async () => ({ store, dir } = await startImportTest()));
afterEach(() => endImportTest(store, dir));

const HEADER = 'response_id,customer_id,touchpoint_code,responded_at,ltr,satisfaction,comment';
const unreadable = async (name: string, content: string | Buffer, code: Parameters<typeof expectRefused>[2] = 'IMPORT_UNREADABLE_FILE') =>
  expectRefused(store, { kind: 'responses', mode: 'append', file: writeFile(dir, name, content) }, code);

describe('broken files give a clear error and change nothing', () => {
  it('an empty file, a file of blank lines, a header without rows', async () => {
    expect((await unreadable('empty.csv', '', 'IMPORT_EMPTY_FILE')).message).toBe('empty.csv: The file is empty: it has no header line and no rows.');
    expect((await unreadable('blank.csv', '\n\r\n\n', 'IMPORT_EMPTY_FILE')).message).toBe('blank.csv: The file is empty: it has only blank lines.');
    expect((await unreadable('header.csv', `${HEADER}\n`, 'IMPORT_EMPTY_FILE')).message).toBe('header.csv has a header but no rows; nothing was imported.');
  });

  it('a quoted value that never closes (bad quoting or a truncated file)', async () => {
    const error = await unreadable('quote.csv', `${HEADER}\nR9,C1,,2025-01-01,9,4,fine\nR10,C1,,2025-01-01,9,4,"starts here\nR11,C1,,2025-01-01,9,4,x\n`);
    expect(error.problems).toEqual([
      { kind: 'BAD_FILE', line: 3, column: null, value: null, message: 'Line 3 opens a quoted value that never closes: the file may be truncated, or a quote is missing.' },
    ]);
    expect(error.message).toBe('quote.csv is not a readable CSV file; nothing was imported.\n  Line 3 opens a quoted value that never closes: the file may be truncated, or a quote is missing.');
  });

  it('text after a closing quote', async () => {
    const error = await unreadable('after.csv', `${HEADER}\nR9,C1,,2025-01-01,9,4,"said "no" twice"\n`);
    expect(error.problems[0]).toMatchObject({ line: 2, message: 'Line 2 has text after a closing quote ("n"): a quote inside a quoted value must be doubled ("").' });
  });

  it('a truncated last line, and a line with too many values, counted as an editor counts lines', async () => {
    const truncated = await unreadable('cut.csv', `${HEADER}\nR9,C1,,2025-01-01,9,4,"two\nlines"\n\nR10,C1,,2025-01`);
    expect(truncated.problems[0]).toMatchObject({
      line: 5,
      message: 'Line 5 has 4 values but the header has 7 columns: the line may be cut short (a truncated file or a line break inside an unquoted value).',
    });
    const extra = await unreadable('extra.csv', `${HEADER}\nR9,C1,,2025-01-01,9,4,well, mostly\n`);
    expect(extra.problems[0]!.message).toBe('Line 2 has 8 values but the header has 7 columns: a value may contain the delimiter "," without quotes.');
  });

  it('the wrong encoding', async () => {
    const latin1 = Buffer.concat([Buffer.from(`${HEADER}\nR9,C1,,2025-01-01,9,4,ok\nR10,C1,,2025-01-01,9,4,`), Buffer.from('Søren var glad', 'latin1'), Buffer.from('\n')]);
    const error = await unreadable('latin1.csv', latin1);
    expect(error.problems[0]).toMatchObject({
      line: 3,
      message: 'Line 3 is not valid UTF-8 text. The file is probably Latin-1 / Windows-1252: save it as UTF-8, or set "csv": { "encoding": "latin-1" } in the mapping.',
    });
  });

  it('not a CSV at all: a workbook, a PDF, binary data, a Parquet file named .csv, prose', async () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect((await unreadable('book.csv', zip)).message).toBe('book.csv: This is not a CSV file: it looks like a zip archive or an Excel workbook (.xlsx): save it as CSV first.');
    expect((await unreadable('doc.csv', '%PDF-1.7\n...')).message).toContain('it looks like a PDF document, not data');
    expect((await unreadable('bin.csv', Buffer.from([1, 2, 0, 0, 5, 6, 10, 0]))).message).toContain('it contains binary data (NUL bytes)');
    const parquet = path.join(dir, 'data.csv');
    await store.run(`COPY (SELECT 1 AS x) TO ${literal(parquet)} (FORMAT parquet)`);
    const named = await expectRefused(store, { kind: 'responses', mode: 'append', file: parquet }, 'IMPORT_UNREADABLE_FILE');
    expect(named.message).toContain('it looks like a Parquet file: give it a .parquet name (or format "parquet")');
    const prose = await unreadable('notes.csv', 'Hello team\nHere are the numbers you asked for\n', 'IMPORT_MISSING_COLUMNS');
    expect(prose.message).toContain('Found: Hello team. Only one column was found: is the delimiter right?');
  });

  it('a truncated or fake Parquet file, a spreadsheet, a missing file', async () => {
    const good = path.join(dir, 'ok.parquet');
    await store.run(`COPY (SELECT * FROM read_csv(${literal(fixture('responses.csv'))})) TO ${literal(good)} (FORMAT parquet)`);
    const bytes = fs.readFileSync(good);
    const cut = writeFile(dir, 'cut.parquet', bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await expectRefused(store, { kind: 'responses', mode: 'append', file: cut }, 'IMPORT_UNREADABLE_FILE');
    expect(error.message).toMatch(/^cut\.parquet: This is not a readable Parquet file \(.+\)\. Export it again, or use CSV\.$/);
    const xls = await expectRefused(store, { kind: 'responses', mode: 'append', file: writeFile(dir, 'data.xls', 'x') }, 'IMPORT_UNSUPPORTED_FORMAT');
    expect(xls.message).toContain('Old .xls workbooks are not read: save it as .xlsx or CSV (UTF-8) first.');
    const xlsx = await expectRefused(store, { kind: 'responses', mode: 'append', file: writeFile(dir, 'data.xlsx', 'x') }, 'IMPORT_UNREADABLE_FILE');
    expect(xlsx.message).toContain('data.xlsx: this is not a readable Excel workbook (.xlsx)');
    const missing = await expectRefused(store, { kind: 'responses', mode: 'append', file: path.join(dir, 'nope.csv') }, 'IMPORT_FILE_NOT_FOUND');
    expect(missing.message).toBe(`${path.join(dir, 'nope.csv')} does not exist or is not a file.`);
  });

  it('a header naming a column twice', async () => {
    const error = await unreadable('twice.csv', 'response_id,customer_id,ltr,ltr\nR9,C1,9,9\n');
    expect(error.message).toBe('twice.csv: Line 1: the header names the column "ltr" twice; every column needs its own name.');
  });
});
