import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { literal, quoteIdent } from '../sql.js';
import type { Queryable } from '../store.js';
import { readCsvHeader, scanCsv, type CsvDialect } from './csvScan.js';
import { ImportError } from './errors.js';
import { sheetToCsv } from './excel.js';
import type { Mapping } from './mapping.js';

export type FileFormat = 'csv' | 'parquet' | 'excel';

/** A column the CSV reader may parse itself (Source.typedRelation). */
export type TypedColumn = 'DOUBLE' | 'TIMESTAMP';

/** A file opened for import: its columns and the DuckDB table function that reads it. */
export interface Source {
  file: string;
  format: FileFormat;
  columns: string[];
  /** `read_csv(...)` / `read_parquet(...)`, every column as it should be staged. */
  relation: string;
  /**
   * CSV: the same reader with some columns parsed by it (DOUBLE, or TIMESTAMP written exactly
   * 'YYYY-MM-DD HH:MM:SS'): a value it cannot parse fails the whole read, and the import then reads the
   * file as text (validate.ts typedColumns). Null for other formats.
   */
  typedRelation: ((types: ReadonlyMap<string, TypedColumn>) => string) | null;
  /** CSV: the first data record's values by column, when known (whether a typed reading is worth trying). */
  firstValues: ReadonlyMap<string, string> | null;
  /** SQL for a column's raw text (Parquet values are cast to VARCHAR so one validator serves both). */
  text(column: string): string;
  /** "line" for CSV (as an editor shows it, header = 1), "row" for Parquet. */
  unit: 'line' | 'row';
  /** Line (or row) numbers of data records (0-based indexes), for problem reports. */
  linesOf(records: readonly number[]): Promise<Map<number, number>>;
  /** Turns DuckDB's read error into a clear ImportError. */
  readError(error: unknown): Promise<ImportError>;
  /** Records after the header row that are more header (Qualtrics' question text and ImportId rows). */
  skipRecords: number;
  /** CSV: what was read with; null for other formats. */
  dialect: CsvDialect | null;
  /** Removes temporary files (an Excel sheet's CSV). */
  close(): Promise<void>;
}

const EXTENSIONS: Record<string, FileFormat> = { '.csv': 'csv', '.tsv': 'csv', '.txt': 'csv', '.parquet': 'parquet', '.pq': 'parquet', '.xlsx': 'excel' };

export function formatOf(file: string, format?: FileFormat): FileFormat {
  if (format) return format;
  const ext = path.extname(file).toLowerCase();
  const found = EXTENSIONS[ext];
  if (found) return found;
  const hint = ext === '.xls' ? ' Old .xls workbooks are not read: save it as .xlsx or CSV (UTF-8) first.' : '';
  throw new ImportError(
    'IMPORT_UNSUPPORTED_FORMAT',
    `Cannot tell the format of ${path.basename(file)} from its name: use a .csv, .xlsx or .parquet file, or pass the format.${hint}`,
  );
}

export async function openSource(db: Queryable, file: string, format: FileFormat, mapping: Mapping): Promise<Source> {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) throw new ImportError('IMPORT_FILE_NOT_FOUND', `${file} does not exist or is not a file.`);
  if (format === 'excel') return openExcel(file, mapping);
  const source = format === 'csv' ? await openCsv(file, mapping) : await openParquet(db, file);
  if (format === 'parquet' && mapping.headerRows > 1) {
    throw new ImportError('IMPORT_BAD_MAPPING', `mapping.headerRows: a Parquet file has its column names in its schema, not in header rows; leave headerRows out.`);
  }
  return source;
}

async function openExcel(file: string, mapping: Mapping): Promise<Source> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'touchpoint-xlsx-'));
  const csv = path.join(dir, 'sheet.csv');
  try {
    const { rowNumbers } = await sheetToCsv(file, mapping.sheet, csv);
    const source = await openCsv(csv, { ...mapping, csv: { delimiter: ',', quote: '"', encoding: 'utf-8' } });
    const name = path.basename(file);
    return {
      ...source,
      file,
      format: 'excel',
      unit: 'row',
      // Record i is sheet row rowNumbers[i]: empty rows are left out, so rows are not simply i + 2.
      async linesOf(records) {
        return new Map(records.map((r) => [r, rowNumbers[r] ?? r + 2]));
      },
      async readError(error) {
        const message = `The sheet could not be read (${duckMessage(error)}).`;
        return new ImportError('IMPORT_UNREADABLE_FILE', `${name}: ${message}`, [{ kind: 'BAD_FILE', line: 0, column: null, value: null, message }]);
      },
      async close() {
        await fs.rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function openCsv(file: string, mapping: Mapping): Promise<Source> {
  const header = await readCsvHeader(file, { delimiter: mapping.csv.delimiter, quote: mapping.csv.quote, encoding: mapping.csv.encoding });
  const name = path.basename(file);
  if ('message' in header) {
    const code = header.message.startsWith('The file is empty') ? 'IMPORT_EMPTY_FILE' : 'IMPORT_UNREADABLE_FILE';
    throw new ImportError(code, `${name}: ${header.message}`, [{ kind: 'BAD_FILE', line: header.line, column: null, value: null, message: header.message }]);
  }
  const seen = new Set<string>();
  for (const column of header.columns) {
    if (seen.has(column)) {
      const message = `Line ${header.leadingBlankLines + 1}: the header names the column "${column}" twice; every column needs its own name.`;
      throw new ImportError('IMPORT_UNREADABLE_FILE', `${name}: ${message}`, [{ kind: 'BAD_FILE', line: header.leadingBlankLines + 1, column, value: column, message }]);
    }
    seen.add(column);
  }
  const dialect: CsvDialect = { delimiter: header.delimiter, quote: mapping.csv.quote, encoding: header.encoding };
  const read = (typed: ReadonlyMap<string, TypedColumn>) => {
    const types = `{${header.columns.map((c) => `${literal(c)}: '${typed.get(c) ?? 'VARCHAR'}'`).join(', ')}}`;
    // One exact layout (what DuckDB, PostgreSQL and most exports write): any other, or an offset, fails the read.
    const timestamps = [...typed.values()].includes('TIMESTAMP') ? `timestampformat = '%Y-%m-%d %H:%M:%S', ` : '';
    return (
      `read_csv(${literal(file)}, header = true, auto_detect = false, columns = ${types}, ${timestamps}delim = ${literal(dialect.delimiter)}, ` +
      `quote = ${literal(dialect.quote)}, escape = ${literal(dialect.quote)}, strict_mode = true, encoding = ${literal(dialect.encoding)}, ` +
      `skip = ${header.leadingBlankLines}, max_line_size = 16777216)`
    );
  };
  return {
    file,
    format: 'csv',
    columns: header.columns,
    relation: read(new Map()),
    typedRelation: read,
    firstValues: header.firstRecord && new Map(header.columns.map((c, i) => [c, header.firstRecord?.[i] ?? ''])),
    text: (column) => quoteIdent(column),
    unit: 'line',
    skipRecords: mapping.headerRows - 1,
    dialect,
    async close() {},
    async linesOf(records) {
      const { lines } = await scanCsv(file, dialect, { records: new Set(records) });
      return lines;
    },
    async readError(error) {
      // DuckDB's own line numbers count records, not lines; the scanner finds the physical line.
      const { fault } = await scanCsv(file, dialect, { faults: true });
      const duck = duckMessage(error);
      const message = fault?.message ?? `DuckDB could not read it: ${duck}`;
      const problem = { kind: 'BAD_FILE' as const, line: fault?.line ?? 0, column: null, value: null, message };
      return new ImportError('IMPORT_UNREADABLE_FILE', `${name} is not a readable CSV file; nothing was imported.\n  ${message}`, [problem]);
    },
  };
}

async function openParquet(db: Queryable, file: string): Promise<Source> {
  const name = path.basename(file);
  const relation = `read_parquet(${literal(file)})`;
  let columns: string[];
  try {
    columns = (await db.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${relation}`)).map((r) => r.column_name);
  } catch (error) {
    const message = `This is not a readable Parquet file (${duckMessage(error)}). Export it again, or use CSV.`;
    throw new ImportError('IMPORT_UNREADABLE_FILE', `${name}: ${message}`, [{ kind: 'BAD_FILE', line: 0, column: null, value: null, message }]);
  }
  return {
    file,
    format: 'parquet',
    columns,
    relation,
    typedRelation: null,
    firstValues: null,
    text: (column) => `CAST(${quoteIdent(column)} AS VARCHAR)`,
    unit: 'row',
    skipRecords: 0,
    dialect: null,
    async close() {},
    async linesOf(records) {
      return new Map(records.map((r) => [r, r + 1]));
    },
    async readError(error) {
      const message = `The Parquet file could not be read to the end (${duckMessage(error)}): it may be truncated.`;
      return new ImportError('IMPORT_UNREADABLE_FILE', `${name}: ${message}`, [{ kind: 'BAD_FILE', line: 0, column: null, value: null, message }]);
    },
  };
}

/** DuckDB's message without its multi-line "possible fixes" advice, which names options we control. */
export function duckMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const main = (lines[0] ?? text).replace(/^[A-Za-z ]+Error: /, '');
  const detail = lines.find((l, i) => i > 0 && !l.startsWith('Possible') && !l.startsWith('*') && !l.includes(' = ') && !l.startsWith('LINE'));
  return detail && !main.includes(detail) ? `${main} ${detail}` : main;
}
