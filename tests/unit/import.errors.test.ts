import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile, type ImportOptions } from '../../analytics/import/importFile.js';
import type { SqlParams, Store } from '../../analytics/store.js';
import { expectRefused, endImportTest, startImportTest, writeFile } from '../fixtures/import/store.js';

let store: Store;
let dir: string;
beforeEach(async () => ({ store, dir } = await startImportTest()));
afterEach(() => endImportTest(store, dir));

const RESPONSES = 'response_id,customer_id,touchpoint_code,responded_at,ltr,satisfaction,effort,comment';
/** A responses CSV from data lines (the header is line 1, so the first data line is line 2). */
const responsesCsv = (...lines: string[]) => writeFile(dir, 'responses.csv', [RESPONSES, ...lines].join('\n') + '\n');
const CUSTOMERS = 'customer_id,persona_code,unit_code,acquired_at,churned_at,acquisition_cost';
const customersCsv = (...lines: string[]) => writeFile(dir, 'customers.csv', [CUSTOMERS, ...lines].join('\n') + '\n');

const refused = (options: Partial<ImportOptions> & { file: string }, code: Parameters<typeof expectRefused>[2] = 'IMPORT_INVALID_ROWS') =>
  expectRefused(store, { kind: 'responses', mode: 'append', ...options }, code);

/** The store, recording every statement of the import that reads the file (read_csv). */
function watchReads(): { watched: Store; reads: string[] } {
  const reads: string[] = [];
  const watched = new Proxy(store, {
    get(target, key, receiver) {
      if (key !== 'writer') return Reflect.get(target, key, receiver);
      const writer = target.writer;
      return { ...writer, run: (sql: string, params?: SqlParams) => (sql.includes('read_csv(') && reads.push(sql), writer.run(sql, params)) };
    },
  });
  return { watched, reads };
}

describe('import problems: each names line, column and value, and nothing changes', () => {
  it('lists missing required columns and the columns it found, before reading rows', async () => {
    const file = writeFile(dir, 'r.csv', 'id,customer_id,when,score\nR9,C1,2025-01-01,9\n');
    const error = await refused({ file }, 'IMPORT_MISSING_COLUMNS');
    expect(error.message).toContain('r.csv lacks columns the responses import needs: response_id, responded_at, ltr. Found: id, customer_id, when, score.');
    expect(error.problems).toEqual([
      { kind: 'MISSING_COLUMN', line: 1, column: 'response_id', value: null, message: 'Line 1: no column for response_id (the response id).' },
      { kind: 'MISSING_COLUMN', line: 1, column: 'responded_at', value: null, message: 'Line 1: no column for responded_at (when the customer answered).' },
      { kind: 'MISSING_COLUMN', line: 1, column: 'ltr', value: null, message:
          'Line 1: no column for ltr (likelihood-to-recommend (0-10)); only touchpoint answers with a rating (satisfaction, professional, sympathetic, trustworthy, atmosphere, effort) can go without it.',
      },
    ]);
  });

  it('says when a mapped column is not in the file', async () => {
    const file = responsesCsv('R9,C1,,2025-01-01,9,,,');
    const error = await refused({ file, mapping: { columns: { Kommentar: 'comment' } } }, 'IMPORT_MISSING_COLUMNS');
    expect(error.problems[0]!.message).toBe('Line 1: the mapping reads comment from the column "Kommentar", but the file has no such column.');
  });

  it('reports scores out of range, not whole, or not numbers', async () => {
    const file = responsesCsv('R9,C1,,2025-01-01,11,5,,', 'R10,C1,,2025-01-01,7.5,0,8,', 'R11,C1,,2025-01-01,abc,,,');
    const error = await refused({ file });
    expect(error.problems.map((p) => p.message)).toEqual([
      'Line 2, column ltr: 11 is not a 0-10 score.',
      'Line 3, column ltr: 7.5 is not a 0-10 score (whole numbers only).',
      'Line 3, column satisfaction: 0 is not a 1-5 score.',
      'Line 3, column effort: 8 is not a 1-7 score.',
      'Line 4, column ltr: abc is not a 0-10 score.',
    ]);
    expect(error.problems[0]).toEqual({ kind: 'SCORE_OUT_OF_RANGE', line: 2, column: 'ltr', value: '11', message: 'Line 2, column ltr: 11 is not a 0-10 score.' });
    expect(error.counts).toEqual(
      expect.arrayContaining([
        { kind: 'SCORE_OUT_OF_RANGE', field: 'ltr', count: 3 },
        { kind: 'SCORE_OUT_OF_RANGE', field: 'satisfaction', count: 1 },
        { kind: 'SCORE_OUT_OF_RANGE', field: 'effort', count: 1 },
      ]),
    );
  });

  it('reads a clean file once keeping no raw text, and a file with problems again in full to show its values', async () => {
    const { watched, reads } = watchReads();
    await importFile(watched, { kind: 'responses', mode: 'append', file: responsesCsv('R9,C1,,2025-01-01,9,5,,') });
    expect(reads).toHaveLength(1);
    // The reader parses the scores itself (no text kept); a date-only time is read as text, kept only as "there was one".
    expect(reads[0]).toContain(`'ltr': 'DOUBLE'`);
    expect(reads[0]).not.toContain('"ltr" AS "r_ltr"');
    expect(reads[0]).toContain('CASE WHEN "responded_at" IS NOT NULL THEN TRUE END AS "r_responded_at"');
    reads.length = 0;
    const error = await expectRefused(watched, { kind: 'responses', mode: 'append', file: responsesCsv('R10,C1,,2025-01-01,11,5,,') }, 'IMPORT_INVALID_ROWS');
    expect(reads).toHaveLength(2);
    expect(reads[1]).toContain('"ltr" AS "r_ltr"');
    expect(error.problems.map((p) => p.message)).toEqual(['Line 2, column ltr: 11 is not a 0-10 score.']);
  });

  it('lets the CSV reader parse scores and times, and reads the file as text when one does not parse the same way', async () => {
    const { watched, reads } = watchReads();
    const stored = async (id: string) => (await store.all<{ t: string }>(`SELECT responded_at::VARCHAR AS t FROM responses WHERE response_id = '${id}'`))[0]?.t;
    // Clean, with times as 'YYYY-MM-DD HH:MM:SS': one reading, the reader parses them.
    await importFile(watched, { kind: 'responses', mode: 'append', file: responsesCsv('R20,C1,,2025-01-01 10:00:00,9,5,,', 'R21,C1,,"2025-01-02 11:00:00",  8 ,,,') });
    expect(reads).toHaveLength(1);
    expect(reads[0]).toContain(`'responded_at': 'TIMESTAMP'`);
    expect(await stored('R21')).toBe('2025-01-02 11:00:00');
    // A later time with an offset fails that reading; read as text it is converted to UTC, as always.
    reads.length = 0;
    await importFile(watched, { kind: 'responses', mode: 'append', file: responsesCsv('R22,C1,,2025-01-01 10:00:00,9,5,,', 'R23,C1,,2025-01-01 10:00:00+02:00,9,5,,') });
    expect(reads).toHaveLength(2);
    expect(reads[1]).not.toContain(`'TIMESTAMP'`);
    expect(await stored('R23')).toBe('2025-01-01 08:00:00');
    // The reader turns "infinity" into 1900-01-01: caught, read as text, refused as before.
    reads.length = 0;
    const error = await expectRefused(watched, { kind: 'responses', mode: 'append', file: responsesCsv('R24,C1,,2025-01-01 10:00:00,9,5,,', 'R25,C1,,infinity,9,5,,') }, 'IMPORT_INVALID_ROWS');
    expect(error.problems.map((p) => [p.line, p.column, p.value])).toEqual([[3, 'responded_at', 'infinity']]);
    expect(reads).toHaveLength(3);
    // A score the reader cannot parse: read as text, the same problem as before.
    const score = await refused({ file: responsesCsv('R26,C1,,2025-01-01 10:00:00,9,5,,', 'R27,C1,,2025-01-01 10:00:00,abc,5,,') });
    expect(score.problems.map((p) => p.message)).toEqual(['Line 3, column ltr: abc is not a 0-10 score.']);
  });

  it('reports empty required values', async () => {
    const error = await refused({ file: responsesCsv('R9,C1,,2025-01-01,,4,,') });
    expect(error.problems).toEqual([
      { kind: 'MISSING_VALUE', line: 2, column: 'ltr', value: null, message:
          'Line 2, column ltr: the value is empty: a relationship answer, or a touchpoint answer without satisfaction, effort or an emotional rating, needs its likelihood-to-recommend.',
      },
    ]);
  });

  it('reports unknown touchpoint, persona and unit codes with the known codes and a likely typo', async () => {
    const responses = await refused({ file: responsesCsv('R9,C1,tp_web_quote,2025-01-01,9,,,', 'R10,C1,TP_NOPE_AT_ALL,2025-01-01,9,,,') });
    expect(responses.problems.map((p) => [p.line, p.column, p.value, p.message])).toEqual([
      [2, 'touchpoint_code', 'tp_web_quote', 'Line 2, column touchpoint_code: tp_web_quote is not a known touchpoint code. Did you mean TP_WEB_QUOTE? Known touchpoint codes: TP_CLAIM, TP_PHONE_SALES, TP_WEB_QUOTE.'],
      [3, 'touchpoint_code', 'TP_NOPE_AT_ALL', 'Line 3, column touchpoint_code: TP_NOPE_AT_ALL is not a known touchpoint code. Known touchpoint codes: TP_CLAIM, TP_PHONE_SALES, TP_WEB_QUOTE.'],
    ]);
    const customers = await refused({ kind: 'customers', file: customersCsv('C9,FAMLY,ODE,2024-01-01,,10') });
    expect(customers.problems.map((p) => p.message)).toEqual([
      'Line 2, column persona_code: FAMLY is not a known persona code. Did you mean FAMILY? Known persona codes: FAMILY, SENIOR.',
      'Line 2, column unit_code: ODE is not a known unit code. Known unit codes: AAR, CPH.',
    ]);
  });

  it('explains where codes come from when none are known yet', async () => {
    await store.run('DELETE FROM dim_units');
    const error = await refused({ kind: 'unit_metrics', file: writeFile(dir, 'u.csv', 'unit_code,period,management_quality,employee_satisfaction\nCPH,2025-01-01,50,50\n') });
    expect(error.problems[0]!.message).toBe(
      'Line 2, column unit_code: CPH is not a known unit code. No unit codes are known yet. Units come from a units import (npm run import -- units units.csv, columns unit_code,name).',
    );
  });

  it('reports dates and times that do not parse or are implausible, with the format to use', async () => {
    const error = await refused({ file: responsesCsv('R9,C1,,31/01/2025,9,,,', 'R10,C1,,2025-02-30 10:00,9,,,', 'R11,C1,,1890-01-01,9,,,') });
    expect(error.problems.map((p) => p.message)).toEqual([
      'Line 2, column responded_at: 31/01/2025 is not a date and time. Write it as YYYY-MM-DD HH:MM:SS (ISO 8601, a time zone such as Z or +02:00 allowed) or set "timestampFormat" in the mapping (e.g. "%d/%m/%Y %H:%M").',
      'Line 3, column responded_at: 2025-02-30 10:00 is not a date and time. Write it as YYYY-MM-DD HH:MM:SS (ISO 8601, a time zone such as Z or +02:00 allowed).',
      'Line 4, column responded_at: 1890-01-01 is outside 1900-2100; is the year right?',
    ]);
    const customers = await refused({ kind: 'customers', file: customersCsv('C9,FAMILY,,2024-13-01,,10') });
    expect(customers.problems[0]).toMatchObject({ kind: 'BAD_DATE', line: 2, column: 'acquired_at', value: '2024-13-01' });
    expect(customers.problems[0]!.message).toBe('Line 2, column acquired_at: 2024-13-01 is not a date. Write it as YYYY-MM-DD.');
  });

  it('refuses dates with anything after them (DuckDB\'s DATE cast would drop it silently)', async () => {
    const customers = await refused({ kind: 'customers', file: customersCsv('C9,FAMILY,,2024-01-01x,,10', 'C10,FAMILY,,2024-01-01T25:00:00,,10', 'C11,FAMILY,,2024-01-01 10:00:00,,10') });
    expect(customers.problems.map((p) => [p.kind, p.line, p.value])).toEqual([
      ['BAD_DATE', 2, '2024-01-01x'],
      ['BAD_DATE', 3, '2024-01-01T25:00:00'],
    ]);
    const months = await refused({ kind: 'profitability', file: writeFile(dir, 'p.csv', 'customer_id,month,revenue,cost\nC1,2025-01-01 garbage,10,5\nC1,2025-02x,10,5\nC1,2025-03,10,5\n') });
    expect(months.problems.map((p) => [p.kind, p.line])).toEqual([
      ['BAD_DATE', 2],
      ['BAD_DATE', 3],
    ]);
  });

  it('reports numbers that are not numbers, not finite, or negative amounts', async () => {
    const error = await refused({ kind: 'customers', file: customersCsv('C9,FAMILY,,2024-01-01,,"12,50"', 'C10,FAMILY,,2024-01-01,,-5', 'C11,FAMILY,,2024-01-01,,inf') });
    expect(error.problems.map((p) => p.message)).toEqual([
      'Line 2, column acquisition_cost: 12,50 is not a number. If the file uses a decimal comma, set "decimalSeparator": "," in the mapping.',
      'Line 3, column acquisition_cost: -5 is negative, but what acquiring the customer cost must be 0 or more.',
      'Line 4, column acquisition_cost: inf is not a finite number.',
    ]);
  });

  it('reports churn before acquisition', async () => {
    const error = await refused({ kind: 'customers', file: customersCsv('C9,FAMILY,,2024-05-01,2024-04-30,10') });
    expect(error.problems).toEqual([
      {
        kind: 'OUT_OF_ORDER',
        line: 2,
        column: 'churned_at',
        value: '2024-04-30',
        message: 'Line 2, column churned_at: 2024-04-30 is before acquired_at (2024-05-01): a customer cannot leave before they were acquired.',
      },
    ]);
  });

  it('reports months that are not a first day', async () => {
    const error = await refused({ kind: 'profitability', file: writeFile(dir, 'p.csv', 'customer_id,month,revenue,cost\nC1,2025-03-15,10,5\n') });
    expect(error.problems[0]!.message).toBe('Line 2, column month: 2025-03-15 is not the first day of a month; write the month as YYYY-MM or YYYY-MM-01.');
  });

  it('reports responses whose customer is not in the store', async () => {
    const error = await refused({ file: responsesCsv('R9,C404,,2025-01-01,9,,,') });
    expect(error.problems).toEqual([
      { kind: 'UNKNOWN_CUSTOMER', line: 2, column: 'customer_id', value: 'C404', message: 'Line 2, column customer_id: C404 is not a known customer. Import the customers first (kind customers), or check the id.' },
    ]);
  });

  it('reports duplicate ids in the file with the line of the first, also when nothing else is wrong', async () => {
    const error = await refused({ file: responsesCsv('R9,C1,,2025-01-01,9,,,', 'R10,C1,,2025-01-01,9,,,', 'R9,C2,,2025-01-02,8,,,') });
    expect(error.problems).toEqual([
      { kind: 'DUPLICATE_IN_FILE', line: 4, column: 'response_id', value: 'R9', message: 'Line 4, column response_id: R9 appears more than once (first on line 2); each response_id must be unique.' },
    ]);
    // replace mode: the same file is refused the same way
    const replace = await refused({ file: responsesCsv('R9,C1,,2025-01-01,9,,,', 'R9,C2,,2025-01-02,8,,,'), mode: 'replace' });
    expect(replace.problems.map((p) => p.kind)).toEqual(['DUPLICATE_IN_FILE']);
  });

  it('counts duplicate ids exactly only when the sorted hashes of the ids have equal neighbours', async () => {
    // Every statement the import's transaction reads with: the exact count groups the ids (GROUP BY "v_response_id").
    const statements: string[] = [];
    const watched = new Proxy(store, {
      get(target, key, receiver) {
        if (key !== 'transaction') return Reflect.get(target, key, receiver);
        return <T>(fn: (tx: Parameters<Parameters<Store['transaction']>[0]>[0]) => Promise<T>) =>
          target.transaction((tx) => fn({ ...tx, all: (sql: string, params?: SqlParams) => (statements.push(sql), tx.all(sql, params)) }));
      },
    });
    const exactCounts = () => statements.filter((sql) => sql.includes('GROUP BY "v_response_id"')).length;
    await importFile(watched, { kind: 'responses', mode: 'replace', file: responsesCsv('R9,C1,,2025-01-01,9,,,', 'R10,C1,,2025-01-01,9,,,') });
    expect(statements.some((sql) => sql.includes('lag(h) OVER (ORDER BY h)'))).toBe(true);
    expect(exactCounts()).toBe(0);
    statements.length = 0;
    const error = await expectRefused(watched, { kind: 'responses', mode: 'replace', file: responsesCsv('R9,C1,,2025-01-01,9,,,', 'R9,C2,,2025-01-02,8,,,', 'R9,C1,,2025-01-03,7,,,') }, 'IMPORT_INVALID_ROWS');
    expect(exactCounts()).toBeGreaterThan(0);
    expect(error.problems.map((p) => [p.kind, p.line])).toEqual([['DUPLICATE_IN_FILE', 3], ['DUPLICATE_IN_FILE', 4]]);
    expect(await store.all('SELECT response_id FROM responses ORDER BY response_id')).toEqual([{ response_id: 'R10' }, { response_id: 'R9' }]);
  });

  it('reports composite keys duplicated in the file', async () => {
    const error = await refused({ kind: 'profitability', file: writeFile(dir, 'p.csv', 'customer_id,month,revenue,cost\nC1,2025-03,10,5\nC1,2025-03-01,11,5\n') });
    expect(error.problems[0]).toMatchObject({ kind: 'DUPLICATE_IN_FILE', line: 3, column: 'customer_id, month', value: 'C1, 2025-03-01' });
  });

  it('refuses ids already in the store when appending, and replaces them in replace mode', async () => {
    const file = responsesCsv('R1,C1,,2025-01-01,9,,,');
    const error = await refused({ file });
    expect(error.problems[0]!.message).toBe('Line 2, column response_id: R1 is already in the store. Import in replace mode to replace all responses, or leave the row out.');
    const more = await refused({ file: responsesCsv('R1,C1,,2025-01-01,9,,,', 'R77,C1,,2025-01-01,99,,,') });
    expect(more.problems.map((p) => p.kind)).toEqual(['DUPLICATE_IN_STORE', 'SCORE_OUT_OF_RANGE']);
  });

  it('lists the first 100 problems, then counts all of them per kind', async () => {
    const lines = Array.from({ length: 250 }, (_, i) => `X${i},C1,,2025-01-01,${i % 2 ? 11 : 'x'},,,`);
    const error = await refused({ file: responsesCsv(...lines) });
    expect(error.problems).toHaveLength(100);
    expect(error.problems[99]!.line).toBe(101);
    expect(error.totalProblems).toBe(250);
    expect(error.counts).toEqual([{ kind: 'SCORE_OUT_OF_RANGE', field: 'ltr', count: 250 }]);
    expect(error.message).toContain('responses.csv has 250 problems; nothing was imported.');
    expect(error.message).toContain('... and 150 more.');
    expect(error.message).toContain('ltr: 250 × score out of range');
  });

  it('reports problems of wide files at the touchpoint column they came from', async () => {
    const mapping = { format: 'wide', wide: { 'ltr_{touchpoint}': 'ltr', 'sat_{touchpoint}': 'satisfaction' } };
    const unknown = writeFile(dir, 'w1.csv', 'customer_id,responded_at,ltr_TP_WEB_QUOTE,ltr_TP_WEBQUOTE\nC1,2025-01-01,9,9\n');
    const header = await refused({ file: unknown, mapping }, 'IMPORT_MISSING_COLUMNS');
    expect(header.problems).toEqual([
      {
        kind: 'UNKNOWN_CODE',
        line: 1,
        column: 'ltr_TP_WEBQUOTE',
        value: 'TP_WEBQUOTE',
        message: 'Line 1, column ltr_TP_WEBQUOTE: TP_WEBQUOTE is not a known touchpoint code. Did you mean TP_WEB_QUOTE? Known touchpoint codes: TP_CLAIM, TP_PHONE_SALES, TP_WEB_QUOTE.',
      },
    ]);
    const rows = writeFile(dir, 'w2.csv', 'customer_id,responded_at,ltr_TP_WEB_QUOTE,sat_TP_WEB_QUOTE,ltr_TP_CLAIM\nC1,2025-01-01,,4,12\n');
    const error = await refused({ file: rows, mapping });
    expect(error.problems.map((p) => p.message)).toEqual([
      // ltr_TP_WEB_QUOTE is empty but sat_TP_WEB_QUOTE carries a rating: a valid attribute-rating answer.
      'Line 2, column ltr_TP_CLAIM: 12 is not a 0-10 score.',
    ]);
  });

  it('lists a wrong constant from the mapping once', async () => {
    const file = responsesCsv('R9,C1,,2025-01-01,9,,,', 'R10,C1,,2025-01-01,9,,,');
    const error = await refused({ file, mapping: { columns: { touchpoint_code: 'comment' }, constants: { touchpoint_code: 'TP_GONE' } } });
    expect(error.problems.map((p) => [p.line, p.column, p.value])).toEqual([[2, '(constant touchpoint_code)', 'TP_GONE']]);
    expect(error.totalProblems).toBe(2);
  });
});

describe('mapping mistakes', () => {
  it('names every mistake in the mapping', async () => {
    const file = responsesCsv('R9,C1,,2025-01-01,9,,,');
    const error = await refused({ file, mapping: { columns: { Dato: 'responed_at' }, wide: { ltr_x: 'ltr' }, unknownKey: 1 } }, 'IMPORT_BAD_MAPPING');
    expect(error.message).toContain('mapping: Unrecognized key: "unknownKey"');
    const fields = await refused({ file, mapping: { columns: { Dato: 'responed_at' }, format: 'wide', wide: { ltr_x: 'ltr', 'ovr_{touchpoint}': 'overall' } } }, 'IMPORT_BAD_MAPPING');
    expect(fields.message).toContain('mapping.columns["Dato"]: "responed_at" is not a responses field');
    expect(fields.message).toContain('mapping.wide["ltr_x"]: a pattern needs {touchpoint} once');
    expect(fields.message).toContain('mapping.wide["ovr_{touchpoint}"]: "overall" is not an answer field');
  });

  it('refuses wide format for anything but responses, and bad date formats', async () => {
    const customers = customersCsv('C9,FAMILY,,2024-01-01,,10');
    const wide = await refused({ kind: 'customers', file: customers, mapping: { format: 'wide' } }, 'IMPORT_BAD_MAPPING');
    expect(wide.message).toContain('"wide" is for responses only');
    const format = await refused({ kind: 'customers', file: customers, mapping: { dateFormat: '%Q/%d' } }, 'IMPORT_BAD_MAPPING');
    expect(format.message).toContain('mapping.dateFormat: "%Q/%d" is not a valid strptime format');
  });
});
