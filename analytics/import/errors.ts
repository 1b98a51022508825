/**
 * Import errors: one class, a stable code for programs (the server maps every one to BAD_USER_INPUT
 * with the code as `reason`) and a message for people.
 */

export type ImportErrorCode =
  /** Rows with wrong values: see `problems` and `counts`. */
  | 'IMPORT_INVALID_ROWS'
  /** Required columns are missing, or the header names unknown touchpoints. */
  | 'IMPORT_MISSING_COLUMNS'
  /** Not readable as CSV/Parquet: bad quoting, wrong encoding, truncated or ragged lines, binary data. */
  | 'IMPORT_UNREADABLE_FILE'
  | 'IMPORT_EMPTY_FILE'
  | 'IMPORT_FILE_NOT_FOUND'
  | 'IMPORT_UNSUPPORTED_FORMAT'
  | 'IMPORT_BAD_MAPPING'
  /** The server was asked for a file outside its import directory. */
  | 'IMPORT_PATH_OUTSIDE'
  /** Another process (the server) holds the DuckDB file. */
  | 'IMPORT_STORE_LOCKED'
  /** Undo refused: the import is not the latest of its table, or later data depends on it. */
  | 'IMPORT_UNDO_REFUSED';

export type ProblemKind =
  | 'MISSING_COLUMN'
  | 'MISSING_VALUE'
  | 'BAD_NUMBER'
  | 'SCORE_OUT_OF_RANGE'
  | 'NUMBER_OUT_OF_RANGE'
  | 'BAD_DATE'
  | 'BAD_TIMESTAMP'
  | 'NOT_FIRST_OF_MONTH'
  | 'UNKNOWN_CODE'
  | 'DUPLICATE_IN_FILE'
  | 'DUPLICATE_IN_STORE'
  | 'UNKNOWN_CUSTOMER'
  /** Rows of one customer (a file of answers that also creates customers) that disagree on an attribute. */
  | 'CONFLICTING_VALUE'
  | 'OUT_OF_ORDER'
  | 'BAD_FILE';

/** One thing wrong in the file. `line` as an editor shows it (header = line 1); Parquet: the row number. */
export interface ImportProblem {
  kind: ProblemKind;
  line: number;
  column: string | null;
  /** Wide files: the touchpoint the column is mapped to (absent or null otherwise). */
  touchpoint?: string | null;
  value: string | null;
  /** A full sentence: "Line 17, column ltr: 11 is not a 0-10 score." */
  message: string;
}

/** How many problems of a kind a field has (all of them, not only the ones listed). */
export interface ProblemCount {
  kind: ProblemKind;
  /** The field (a wide file's per-touchpoint columns count under their field, e.g. ltr). */
  field: string;
  count: number;
}

/**
 * Problems with one cause, counted once: one rule failing in one source column (and, when the failing
 * values are few, one value), e.g. "column `Seat comfort` (touchpoint TP_SEAT): 1,203 values are 0".
 */
export interface ProblemGroup {
  kind: ProblemKind;
  /** The source column as the file names it. */
  column: string | null;
  /** Wide files: the touchpoint the column is mapped to. */
  touchpoint: string | null;
  field: string;
  /** The value all problems of the group share; null when they differ (see examples). */
  value: string | null;
  examples: string[];
  count: number;
  firstLine: number | null;
  message: string;
  /** What to do, when something obvious fits (a missing-value code, a value map); null otherwise. */
  suggestion: string | null;
}

/** At most this many problems are listed; `counts` covers all. */
export const MAX_PROBLEMS = 100;

export class ImportError extends Error {
  override readonly name = 'ImportError';

  constructor(
    readonly code: ImportErrorCode,
    message: string,
    /** The first MAX_PROBLEMS problems, in file order. */
    readonly problems: readonly ImportProblem[] = [],
    /** Counts per kind and column, of every problem found. */
    readonly counts: readonly ProblemCount[] = [],
    readonly totalProblems: number = problems.length,
    /** Every problem grouped by cause (largest first). */
    readonly groups: readonly ProblemGroup[] = [],
  ) {
    super(message);
  }
}

const KIND_LABEL: Record<ProblemKind, string> = {
  MISSING_COLUMN: 'missing column',
  MISSING_VALUE: 'empty value',
  BAD_NUMBER: 'not a number',
  SCORE_OUT_OF_RANGE: 'score out of range',
  NUMBER_OUT_OF_RANGE: 'number out of range',
  BAD_DATE: 'not a date',
  BAD_TIMESTAMP: 'not a date and time',
  NOT_FIRST_OF_MONTH: 'not the first of a month',
  UNKNOWN_CODE: 'unknown code',
  DUPLICATE_IN_FILE: 'duplicate in the file',
  DUPLICATE_IN_STORE: 'already in the store',
  UNKNOWN_CUSTOMER: 'unknown customer',
  CONFLICTING_VALUE: 'rows of one customer disagree',
  OUT_OF_ORDER: 'dates in the wrong order',
  BAD_FILE: 'unreadable file',
};

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** The error for rows with problems: a summary, the listed problems, then a count per kind. */
export function invalidRows(file: string, problems: readonly ImportProblem[], counts: readonly ProblemCount[], groups: readonly ProblemGroup[] = []): ImportError {
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const lines = [`${file} has ${plural(total, 'problem')}; nothing was imported. Fix them and import again.`];
  if (groups.length) {
    lines.push('By cause:', ...groups.map((g) => `  ${g.message}${g.suggestion ? ` ${g.suggestion}` : ''}`), 'First problems:');
  }
  lines.push(...problems.map((p) => `  ${p.message}`));
  if (total > problems.length) lines.push(`  ... and ${(total - problems.length).toLocaleString('en-US')} more.`);
  lines.push('By kind:', ...describeCounts(counts).map((c) => `  ${c}`));
  return new ImportError('IMPORT_INVALID_ROWS', lines.join('\n'), problems, counts, total, groups);
}

/** "ltr: 3 × score out of range", most frequent first. */
export function describeCounts(counts: readonly ProblemCount[]): string[] {
  return [...counts].sort((a, b) => b.count - a.count).map((c) => `${c.field}: ${c.count.toLocaleString('en-US')} × ${KIND_LABEL[c.kind]}`);
}

/** "Line 17, column ltr: " (or "Row 17" for Parquet, where there are no lines). */
export function where(line: number, column: string | null, rows: 'line' | 'row'): string {
  const place = `${rows === 'line' ? 'Line' : 'Row'} ${line}`;
  return column === null ? `${place}: ` : `${place}, column ${column}: `;
}
