/**
 * Excel workbooks (.xlsx, read with exceljs): one sheet becomes a CSV file the importer reads like any
 * other, with every sheet row's number kept so problems name the row Excel shows. DuckDB has no Excel
 * reader offline, and a CSV keeps one validation path for every format. exceljs holds the workbook in
 * memory: for files of hundreds of megabytes, export CSV or Parquet instead (analytics/import/README.md).
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { ImportError } from './errors.js';

export interface SheetInfo {
  sheets: string[];
  sheet: string;
}

type CellValue = ExcelJS.CellValue;

/** A cell as text: numbers as written, dates as ISO (date only at midnight), formulas by their result. */
export function cellText(value: CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return 'result' in value && value.result !== undefined ? cellText(value.result as CellValue) : null;
  if ('hyperlink' in value) return value.text;
  if ('error' in value) return String(value.error);
  return null;
}

async function openWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new ImportError('IMPORT_UNREADABLE_FILE', `${file.split('/').pop()}: this is not a readable Excel workbook (.xlsx): ${error instanceof Error ? error.message : String(error)}. Save it again as .xlsx, or export CSV.`);
  }
  return workbook;
}

function pickSheet(workbook: ExcelJS.Workbook, wanted: string | undefined): ExcelJS.Worksheet {
  const sheets = workbook.worksheets;
  if (sheets.length === 0) throw new ImportError('IMPORT_EMPTY_FILE', 'The workbook has no sheets.');
  if (wanted === undefined) return sheets[0]!;
  const found = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase());
  if (!found) {
    throw new ImportError('IMPORT_BAD_MAPPING', `mapping.sheet: the workbook has no sheet "${wanted}"; its sheets are ${sheets.map((s) => `"${s.name}"`).join(', ')}.`);
  }
  return found;
}

/** The sheet's non-empty rows as text, with their row numbers (the first is the header). */
export async function readSheet(file: string, wanted: string | undefined, limit = Infinity): Promise<SheetInfo & { rows: { number: number; values: (string | null)[] }[] }> {
  const workbook = await openWorkbook(file);
  const sheet = pickSheet(workbook, wanted);
  const rows: { number: number; values: (string | null)[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (rows.length >= limit) return;
    // exceljs row.values is 1-based (index 0 is empty).
    const values = Array.isArray(row.values) ? row.values.slice(1).map((v) => cellText(v ?? null)) : [];
    if (values.some((v) => v !== null && v.trim() !== '')) rows.push({ number, values });
  });
  return { sheets: workbook.worksheets.map((s) => s.name), sheet: sheet.name, rows };
}

const csvValue = (v: string | null) => (v === null ? '' : `"${v.replaceAll('"', '""')}"`);

/** Writes the sheet as a UTF-8 CSV (every value quoted); returns the sheet row number of each data record. */
export async function sheetToCsv(file: string, wanted: string | undefined, out: string): Promise<SheetInfo & { rowNumbers: number[] }> {
  const { sheets, sheet, rows } = await readSheet(file, wanted);
  if (rows.length === 0) throw new ImportError('IMPORT_EMPTY_FILE', `The sheet "${sheet}" is empty: it has no header row and no rows.`);
  const width = Math.max(...rows.map((r) => r.values.length));
  const stream = fs.createWriteStream(out);
  for (const row of rows) {
    const values = Array.from({ length: width }, (_, i) => row.values[i] ?? null);
    if (!stream.write(`${values.map(csvValue).join(',')}\n`)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { sheets, sheet, rowNumbers: rows.slice(1).map((r) => r.number) };
}
