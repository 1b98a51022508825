/**
 * A staged file's first rows, as the import will read them, with what was detected: delimiter and
 * encoding (CSV), header rows (Qualtrics exports have three: field ids, question text, ImportId JSON),
 * the sheets of a workbook, and per column its type and most frequent values. Writes nothing.
 */
import path from 'node:path';
import type { Store } from '../store.js';
import { ImportError } from './errors.js';
import { KINDS, type ImportKind } from './kinds.js';
import { MappingSchema, type Mapping } from './mapping.js';
import { readSheet } from './excel.js';
import { duckMessage, formatOf, openSource, type FileFormat } from './source.js';

export type ColumnType = 'EMPTY' | 'INTEGER' | 'NUMBER' | 'DATE' | 'TIMESTAMP' | 'BOOLEAN' | 'TEXT';

export interface PreviewColumn {
  name: string;
  label: string | null;
  importId: string | null;
  /** A touchpoint the column seems to be about: its code appears in the column name, or the name (or question text) is the touchpoint's name. */
  touchpoint: string | null;
  type: ColumnType;
  empty: number;
  values: string[];
  minimum: number | null;
  maximum: number | null;
}

export interface FilePreview {
  format: FileFormat;
  delimiter: string | null;
  encoding: string | null;
  headerRows: number;
  qualtrics: boolean;
  sheets: string[];
  sheet: string | null;
  columns: PreviewColumn[];
  rows: (string | null)[][];
  totalRows: number;
  suggestedMapping: Record<string, unknown>;
}

/** Rows read to judge types and frequent values (more than are shown). */
const SAMPLE_ROWS = 1000;
const TOP_VALUES = 12;

/** Qualtrics' metadata columns and the response fields they fill. */
const QUALTRICS_FIELDS: Record<string, string> = { responseid: 'response_id', recordeddate: 'responded_at', enddate: 'responded_at' };

const IMPORT_ID = /^\s*\{\s*"ImportId"\s*:\s*"([^"]*)"/;

export async function previewFile(store: Store, file: string, mappingInput: Record<string, unknown> | undefined, rows: number, kind?: ImportKind): Promise<FilePreview> {
  const parsed = MappingSchema.safeParse(mappingInput ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${['mapping', ...issue.path.map(String)].join('.')}: ${issue.message}`);
    throw new ImportError('IMPORT_BAD_MAPPING', `The mapping is not right:\n  ${lines.join('\n  ')}`);
  }
  const explicitHeaderRows = mappingInput !== undefined && 'headerRows' in mappingInput;
  const mapping: Mapping = { ...parsed.data, headerRows: 1 };
  const format = formatOf(file);
  const source = await openSource(store, file, format, mapping);
  try {
    let records: (string | null)[][];
    let total: number;
    try {
      const texts = source.columns.map((c, i) => `${source.text(c)} AS c${i}`).join(', ');
      const read = await store.all(`SELECT ${texts} FROM ${source.relation} LIMIT ${SAMPLE_ROWS + 2}`);
      records = read.map((r) => source.columns.map((_, i) => {
        const v = r[`c${i}`];
        return v === null || v === undefined ? null : String(v);
      }));
      const [count] = await store.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${source.relation}`);
      total = count?.n ?? 0;
    } catch (error) {
      if (/CSV|Invalid Input|unicode|parquet|Conversion|line size/i.test(duckMessage(error))) throw await source.readError(error);
      throw error;
    }
    const qualtrics = format !== 'parquet' && records.length >= 2 && records[1]!.filter((v) => v !== null && IMPORT_ID.test(v)).length >= Math.max(1, source.columns.length / 2);
    const headerRows = explicitHeaderRows ? parsed.data.headerRows : qualtrics ? 3 : 1;
    const extra = headerRows - 1;
    const data = records.slice(extra);
    const touchpoints = await store.all<{ code: string; name: string }>(`SELECT code, name FROM dim_touchpoints WHERE code IS NOT NULL ORDER BY length(code) DESC, code`);
    const columns = source.columns.map((name, i): PreviewColumn => {
      const label = qualtrics && extra >= 1 ? (records[0]?.[i] ?? null) : null;
      const importId = qualtrics && extra >= 2 ? (IMPORT_ID.exec(records[1]?.[i] ?? '')?.[1] ?? null) : null;
      return { name, label, importId, touchpoint: touchpointOf(name, label, touchpoints), ...describeValues(data.map((r) => r[i] ?? null)) };
    });
    let sheets: string[] = [];
    let sheet: string | null = null;
    if (format === 'excel') ({ sheets, sheet } = await readSheet(file, mapping.sheet, 1));
    return {
      format,
      delimiter: source.dialect?.delimiter ?? null,
      encoding: source.dialect?.encoding ?? null,
      headerRows,
      qualtrics,
      sheets,
      sheet,
      columns,
      rows: data.slice(0, rows),
      totalRows: Math.max(0, total - extra),
      suggestedMapping: suggestMapping({ format, source: source.columns, headerRows, qualtrics, sheet, delimiter: source.dialect?.delimiter ?? null, kind, file }),
    };
  } finally {
    await source.close();
  }
}

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;
const DATE = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})$/;
const TIMESTAMP = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?$/i;
const BOOLEAN = /^(true|false|yes|no)$/i;
const DATE_OR_TIMESTAMP = { test: (v: string) => DATE.test(v) || TIMESTAMP.test(v) };

/** A column's type, empties, most frequent values and numeric range, from its previewed values. */
export function describeValues(values: (string | null)[]): Omit<PreviewColumn, 'name' | 'label' | 'importId' | 'touchpoint'> {
  const present = values.map((v) => (v === null ? '' : v.trim())).filter((v) => v !== '');
  const counts = new Map<string, number>();
  for (const v of present) counts.set(v, (counts.get(v) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_VALUES).map(([v]) => v);
  const all = (re: { test(v: string): boolean }) => present.length > 0 && present.every((v) => re.test(v));
  const type: ColumnType =
    present.length === 0
      ? 'EMPTY'
      : all(INTEGER)
        ? 'INTEGER'
        : all(NUMBER)
          ? 'NUMBER'
          : all(DATE)
            ? 'DATE'
            : all(DATE_OR_TIMESTAMP) // a time at midnight is often written as the date alone
              ? 'TIMESTAMP'
              : all(BOOLEAN)
                ? 'BOOLEAN'
                : 'TEXT';
  const numbers = present.map((v) => Number(v.replace(',', '.'))).filter((n) => Number.isFinite(n) && present.length > 0);
  const numeric = type === 'INTEGER' || type === 'NUMBER';
  return {
    type,
    empty: values.length - present.length,
    values: top,
    minimum: numeric && numbers.length ? Math.min(...numbers) : null,
    maximum: numeric && numbers.length ? Math.max(...numbers) : null,
  };
}

const norm = (s: string) => s.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** The touchpoint whose code is a whole word of the column name (sat_TP_SEAT), or whose name is the column name or ends the question text. */
function touchpointOf(column: string, label: string | null, touchpoints: readonly { code: string; name: string }[]): string | null {
  // Codes are tried longest first, so TP_SEAT_BACK wins over TP_SEAT in "sat_TP_SEAT_BACK".
  const padded = `_${column.toLowerCase().replace(/[^a-z0-9]+/g, '_')}_`;
  for (const t of touchpoints) if (padded.includes(`_${t.code.toLowerCase().replace(/[^a-z0-9]+/g, '_')}_`)) return t.code;
  const byName = (text: string) => touchpoints.find((t) => norm(t.name) === norm(text) || norm(text).endsWith(`_${norm(t.name)}`))?.code ?? null;
  return byName(column) ?? (label ? byName(label) : null);
}

/** A first mapping: how to read the file, and (for a kind) the columns named like its fields. */
function suggestMapping(o: { format: FileFormat; source: string[]; headerRows: number; qualtrics: boolean; sheet: string | null; delimiter: string | null; kind?: ImportKind; file: string }): Record<string, unknown> {
  const mapping: Record<string, unknown> = {};
  if (o.headerRows > 1) mapping.headerRows = o.headerRows;
  if (o.format === 'excel' && o.sheet) mapping.sheet = o.sheet;
  if (o.delimiter && o.delimiter !== ',' && path.extname(o.file).toLowerCase() !== '.tsv') mapping.csv = { delimiter: o.delimiter };
  if (o.qualtrics && o.source.some((c) => c.toLowerCase() === 'finished')) mapping.skipUnfinished = true;
  if (o.kind) {
    const fields = new Set(KINDS[o.kind].fields.map((f) => f.name));
    const columns: Record<string, string> = {};
    const taken = new Set<string>();
    for (const column of o.source) {
      const field = fields.has(norm(column)) ? norm(column) : o.kind === 'responses' && o.qualtrics ? QUALTRICS_FIELDS[column.toLowerCase()] : undefined;
      if (field && !taken.has(field)) {
        taken.add(field);
        if (column !== field) columns[column] = field;
      }
    }
    if (Object.keys(columns).length) mapping.columns = columns;
  }
  return mapping;
}
