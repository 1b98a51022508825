/**
 * A small CSV scanner in TypeScript that sees the file the way DuckDB's strict reader does (RFC 4180
 * quoting, blank lines skipped). DuckDB reads and validates the data; this scanner only answers what
 * DuckDB cannot: the header before reading, the physical line each record starts on (a quoted value may
 * span lines, blank lines are skipped, so record n is not line n + 2), and where exactly a broken file
 * breaks. It runs on the header, and over the file only when something is wrong.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';

export type CsvEncoding = 'utf-8' | 'utf-16' | 'latin-1';

export interface CsvDialect {
  delimiter: string;
  quote: string;
  encoding: CsvEncoding;
}

export interface CsvHeader {
  columns: string[];
  delimiter: string;
  encoding: CsvEncoding;
  /** Blank lines before the header (DuckDB must skip them itself). */
  leadingBlankLines: number;
  /** The values of the record after the header, when it lies in the first MiB (how the data looks). */
  firstRecord: string[] | null;
}

export interface CsvFault {
  line: number;
  message: string;
}

const HEAD_BYTES = 1 << 20;
const DELIMITERS = [',', ';', '\t', '|'];

/** What a file that is not text looks like, by its first bytes. */
const SIGNATURES: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive or an Excel workbook (.xlsx): save it as CSV first' },
  { bytes: [0x50, 0x41, 0x52, 0x31], what: 'a Parquet file: give it a .parquet name (or format "parquet")' },
  { bytes: [0x1f, 0x8b], what: 'gzip-compressed: decompress it first' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document, not data' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel workbook (.xls): save it as CSV first' },
];

function decoderLabel(encoding: CsvEncoding): string {
  return encoding === 'utf-16' ? 'utf-16le' : encoding === 'latin-1' ? 'latin1' : 'utf-8';
}

/**
 * Reads the header record: column names, the delimiter (the most frequent of , ; tab | outside quotes
 * unless given) and the encoding (UTF-16 by its byte-order mark unless given). Returns a fault for files
 * that are empty or not text at all.
 */
export async function readCsvHeader(file: string, options: { delimiter?: string; quote: string; encoding?: CsvEncoding }): Promise<CsvHeader | CsvFault> {
  const handle = await fsp.open(file, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (head.length === 0) return { line: 1, message: 'The file is empty: it has no header line and no rows.' };
  for (const { bytes, what } of SIGNATURES) {
    if (bytes.every((b, i) => head[i] === b)) return { line: 1, message: `This is not a CSV file: it looks like ${what}.` };
  }
  const utf16Bom = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (utf16Bom && head[0] === 0xfe) return { line: 1, message: 'The file is UTF-16 big-endian; save it as UTF-8 (or UTF-16 little-endian).' };
  const encoding = options.encoding ?? (utf16Bom ? 'utf-16' : 'utf-8');
  if (encoding !== 'utf-16' && head.subarray(0, 8192).includes(0)) {
    return { line: 1, message: 'This is not a CSV file: it contains binary data (NUL bytes). Export the data as CSV text.' };
  }
  const text = new TextDecoder(decoderLabel(encoding)).decode(head);
  let start = 0;
  let leadingBlankLines = 0;
  while (start < text.length && (text[start] === '\n' || text[start] === '\r')) {
    if (text[start] === '\n') leadingBlankLines++;
    start++;
  }
  if (start >= text.length) return { line: 1, message: 'The file is empty: it has only blank lines.' };
  const end = headerEnd(text, start, options.quote);
  if (end === -1 && head.length === HEAD_BYTES) {
    return { line: leadingBlankLines + 1, message: 'The first line is longer than 1 MiB: this does not look like a CSV file with a header.' };
  }
  const line = text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
  const delimiter = options.delimiter ?? guessDelimiter(line, options.quote);
  const columns = splitRecord(line, delimiter, options.quote).map((c, i) => c.trim() || `column${i + 1}`);
  const next = end === -1 ? -1 : headerEnd(text, end + 1, options.quote);
  const firstRecord = next === -1 ? null : splitRecord(text.slice(end + 1, next).replace(/\r$/, ''), delimiter, options.quote);
  return { columns, delimiter, encoding, leadingBlankLines, firstRecord };
}

/** Index of the newline ending the record that starts at `start` (quotes respected), or -1. */
function headerEnd(text: string, start: number, quote: string): number {
  let inQuotes = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === quote) inQuotes = !inQuotes;
    else if (c === '\n' && !inQuotes) return i;
  }
  return -1;
}

function guessDelimiter(line: string, quote: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = splitRecord(line, d, quote).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

function splitRecord(line: string, delimiter: string, quote: string): string[] {
  const values: string[] = [];
  let current = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (inQuotes) {
      if (c === quote && line[i + 1] === quote) {
        current += quote;
        i++;
      } else if (c === quote) inQuotes = false;
      else current += c;
    } else if (c === quote && current === '') inQuotes = true;
    else if (c === delimiter) {
      values.push(current);
      current = '';
    } else current += c;
  }
  values.push(current);
  return values;
}

interface ScanGoal {
  /** Data record indexes (0 = first row after the header) whose start line is wanted. */
  records?: ReadonlySet<number>;
  /** Find the first structural fault (wrong value count, bad quoting, invalid UTF-8). */
  faults?: boolean;
}

export interface ScanResult {
  lines: Map<number, number>;
  fault: CsvFault | null;
}

/**
 * Streams the file once, stopping as soon as the goal is met: the start line of the wanted records,
 * and/or the first structural fault.
 */
export async function scanCsv(file: string, dialect: CsvDialect, goal: ScanGoal): Promise<ScanResult> {
  const scanner = new Scanner(dialect, goal);
  const decoder = new TextDecoder(decoderLabel(dialect.encoding));
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) {
      if (!(chunk instanceof Buffer)) continue;
      if (scanner.feed(decoder.decode(chunk, { stream: true }))) break;
    }
    if (!scanner.done()) scanner.feed(decoder.decode());
    scanner.finish();
  } finally {
    stream.destroy();
  }
  return { lines: scanner.lines, fault: scanner.fault };
}

class Scanner {
  readonly lines = new Map<number, number>();
  fault: CsvFault | null = null;
  private line = 1;
  /** -1 while in the header; then the index of the current data record. */
  private record = -2;
  private recordOpen = false;
  private recordLine = 1;
  private inQuotes = false;
  private quotePending = false;
  private afterClosingQuote = false;
  private fieldStart = true;
  private fields = 0;
  private headerFields = 0;
  private readonly wanted: number;
  private readonly lastWanted: number;

  constructor(
    private readonly dialect: CsvDialect,
    private readonly goal: ScanGoal,
  ) {
    this.wanted = goal.records?.size ?? 0;
    this.lastWanted = goal.records?.size ? Math.max(...goal.records) : -1;
  }

  done(): boolean {
    const linesDone = this.lines.size >= this.wanted || this.record > this.lastWanted;
    return linesDone && (!this.goal.faults || this.fault !== null);
  }

  /** Feeds decoded text; true when the goal is met and the rest of the file is not needed. */
  feed(text: string): boolean {
    const { delimiter, quote } = this.dialect;
    const checkUnicode = this.goal.faults && this.dialect.encoding === 'utf-8';
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (checkUnicode && c === '\uFFFD' && !this.fault) {
        this.fail(
          this.line,
          `Line ${this.line} is not valid UTF-8 text. The file is probably Latin-1 / Windows-1252: save it as UTF-8, or set "csv": { "encoding": "latin-1" } in the mapping.`,
        );
      }
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === quote) continue; // "" inside quotes is one quote
          this.inQuotes = false;
          this.afterClosingQuote = true;
        } else {
          if (c === quote) this.quotePending = true;
          else if (c === '\n') this.line++;
          continue;
        }
      }
      if (!this.recordOpen) {
        if (c === '\n') {
          this.line++; // a blank line: DuckDB skips it, so do we
          continue;
        }
        if (c === '\r') continue;
        this.openRecord();
        if (this.done()) return true;
      }
      if (c === '\n') {
        this.closeRecord();
        this.line++;
      } else if (c === '\r') {
        // part of \r\n
      } else if (c === delimiter) {
        this.fields++;
        this.fieldStart = true;
        this.afterClosingQuote = false;
      } else if (c === quote && this.fieldStart) {
        this.inQuotes = true;
        this.fieldStart = false;
      } else {
        if (this.afterClosingQuote) {
          this.fail(this.line, `Line ${this.line} has text after a closing quote (${JSON.stringify(c)}): a quote inside a quoted value must be doubled ("").`);
          this.afterClosingQuote = false;
        }
        this.fieldStart = false;
      }
    }
    return this.done();
  }

  finish(): void {
    if (this.inQuotes && !this.quotePending) {
      this.fail(this.recordLine, `Line ${this.recordLine} opens a quoted value that never closes: the file may be truncated, or a quote is missing.`);
      return;
    }
    if (this.recordOpen) this.closeRecord();
  }

  private openRecord(): void {
    this.recordOpen = true;
    this.record++;
    this.recordLine = this.line;
    this.fields = 1;
    this.fieldStart = true;
    this.afterClosingQuote = false;
    if (this.record >= 0 && this.goal.records?.has(this.record)) this.lines.set(this.record, this.line);
  }

  private closeRecord(): void {
    this.recordOpen = false;
    this.afterClosingQuote = false;
    if (this.record < 0) {
      this.headerFields = this.fields;
      return;
    }
    if (this.fields !== this.headerFields) {
      const cause =
        this.fields < this.headerFields
          ? 'the line may be cut short (a truncated file or a line break inside an unquoted value)'
          : `a value may contain the delimiter ${JSON.stringify(this.dialect.delimiter)} without quotes`;
      this.fail(this.recordLine, `Line ${this.recordLine} has ${this.fields} values but the header has ${this.headerFields} columns: ${cause}.`);
    }
  }

  private fail(line: number, message: string): void {
    if (this.goal.faults && !this.fault) this.fault = { line, message };
  }
}
