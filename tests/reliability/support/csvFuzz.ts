import type { ImportKind } from '../../../analytics/import/kinds.js';

type ColumnType = 'key' | 'customer' | 'persona' | 'unit' | 'touchpoint' | 'number' | 'amount' | 'score' | 'date' | 'month' | 'timestamp' | 'text';
interface Column {
  name: string;
  type: ColumnType;
  required: boolean;
}

/** `name:type`, `!` for required: the columns per kind (analytics/import/README.md). */
const SPEC: Record<ImportKind, string> = {
  customers: 'customer_id:key! persona_code:persona! unit_code:unit acquired_at:date churned_at:date acquisition_cost:amount',
  // ltr is required on relationship answers and on touchpoint answers without a rating; these rows all have satisfaction.
  responses: 'response_id:key! customer_id:customer! touchpoint_code:touchpoint responded_at:timestamp! ltr:score satisfaction:score comment:text',
  profitability: 'customer_id:customer! month:month! revenue:number! cost:amount!',
  unit_metrics: 'unit_code:unit! period:date! management_quality:score! employee_satisfaction:score!',
  touchpoint_kpis: 'touchpoint_code:touchpoint! date:date! kpi:text! value:number!',
  units: 'unit_code:key! name:text!',
};
/** Valid for tests/fixtures/import/store.ts's makeImportStore() (see validValue). */
const KINDS = Object.fromEntries(
  Object.entries(SPEC).map(([kind, spec]) => [
    kind,
    spec.split(' ').map((c): Column => {
      const [name, type] = c.replace('!', '').split(':') as [string, ColumnType];
      return { name, type, required: c.endsWith('!') };
    }),
  ]),
) as Record<ImportKind, Column[]>;
export const CSV_KINDS = Object.keys(KINDS) as ImportKind[];

/** A valid value of column `c` on data row `i` (keys, and key-like months and dates, are unique per row). */
function validValue(kind: ImportKind, c: Column, i: number): string {
  const month = String((i % 12) + 1).padStart(2, '0');
  const year = 2000 + Math.floor(i / 12);
  switch (c.type) {
    case 'key':
      return `FZ${i}`;
    case 'customer':
      return kind === 'profitability' ? 'C1' : ['C1', 'C2', 'C3'][i % 3]!;
    case 'persona':
      return ['FAMILY', 'SENIOR'][i % 2]!;
    case 'unit':
      return kind === 'unit_metrics' ? 'CPH' : ['CPH', 'AAR', ''][i % 3]!;
    case 'touchpoint':
      return kind === 'touchpoint_kpis' ? 'TP_CLAIM' : ['TP_WEB_QUOTE', 'TP_CLAIM', ''][i % 3]!;
    case 'number':
      return String(((i * 37) % 1000) / 4);
    case 'amount':
      return String(((i * 53) % 500) + 0.25);
    case 'score':
      return String(kind === 'unit_metrics' ? (i * 7) % 101 : c.name === 'ltr' ? i % 11 : 1 + (i % 5));
    case 'date':
      return c.name === 'churned_at' ? '' : `${year}-${month}-01`;
    case 'month':
      return `${year}-${month}`;
    case 'timestamp':
      return `2025-${month}-0${1 + (i % 9)} 1${i % 10}:30:00`;
    case 'text':
      return kind === 'touchpoint_kpis' ? 'answer_seconds' : `value ${i}`;
  }
}

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

export interface CsvCase {
  kind: ImportKind;
  mode: 'append' | 'replace';
  /** What was broken, for the report. */
  broken: string;
  bytes: Buffer;
}

/** The rows of a valid file of `kind` (header first). */
export function validRows(kind: ImportKind, rows: number): string[][] {
  const columns = KINDS[kind];
  return [columns.map((c) => c.name), ...Array.from({ length: rows }, (_, i) => columns.map((c) => validValue(kind, c, i)))];
}

const toCsv = (rows: string[][], eol = '\n') => rows.map((r) => r.map(quote).join(',')).join(eol) + eol;

/**
 * Case `index` of `seed`: a valid file of a random kind with one thing broken that must make the
 * import fail (bad quoting, wrong encoding or BOM, binary data, truncated or ragged lines, huge
 * fields, wrong or missing headers, wrong types, values out of range, unknown codes, duplicate keys).
 */
export function csvCase(makeRandom: (seed: number) => () => number, seed: number, index: number): CsvCase {
  const random = makeRandom(seed * 1_000_003 + index);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const kind = pick(CSV_KINDS);
  const columns = KINDS[kind];
  const rows = validRows(kind, 1 + int(30));
  const row = 1 + int(rows.length - 1);
  const colOf = (types: ColumnType[]) => {
    const candidates = columns.map((c, i) => (types.includes(c.type) ? i : -1)).filter((i) => i >= 0);
    return candidates.length ? pick(candidates) : -1;
  };
  const eol = random() < 0.2 ? '\r\n' : '\n';
  const bom = random() < 0.15 ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0); // a UTF-8 BOM alone is fine
  const text = (r: string[][]) => Buffer.concat([bom, Buffer.from(toCsv(r, eol))]);

  const numberColumn = colOf(['number', 'amount', 'score']);
  const required = columns.map((c, i) => (c.required ? i : -1)).filter((i) => i >= 0);
  const mutations: [string, () => Buffer][] = [
    [
      'wrong type',
      () => {
        if (numberColumn < 0) return Buffer.alloc(0);
        rows[row]![numberColumn]! = pick(['abc', 'NaN', 'Infinity', '-inf', '1,5', '12abc', '0x1F', '--1', '1e999', 'true', '', ' ']);
        if (!columns[numberColumn]!.required && rows[row]![numberColumn]!.trim() === '') rows[row]![numberColumn] = 'x';
        return text(rows);
      },
    ],
    [
      'out of range',
      () => {
        if (numberColumn < 0) return Buffer.alloc(0);
        const c = columns[numberColumn]!;
        rows[row]![numberColumn] = c.type === 'score' ? pick(['-1', '11', '101', '2.5', '99999999999999999999']) : c.type === 'amount' ? pick(['-0.01', '-1e9']) : pick(['1e400', '-1e400']);
        if (c.type === 'score' && kind === 'unit_metrics') rows[row]![numberColumn] = pick(['-1', '100.5', '1000']);
        if (c.type === 'score' && kind !== 'unit_metrics' && c.name === 'ltr' && rows[row]![numberColumn] === '2.5') rows[row]![numberColumn] = '10.5';
        return text(rows);
      },
    ],
    [
      'bad date',
      () => {
        const d = colOf(['date', 'month', 'timestamp']);
        if (d < 0) return Buffer.alloc(0);
        rows[row]![d] = pick(['2025-13-01', '2025-02-30', '31/12/2025', 'yesterday', '1800-01-01', '2200-01-01', '2025-01-01T25:00:00', '0000-00-00', '2025']);
        if (columns[d]!.type === 'month' && rows[row]![d] === '2025') rows[row]![d] = '2025-00';
        return text(rows);
      },
    ],
    [
      'missing required value',
      () => {
        rows[row]![pick(required)] = '';
        return text(rows);
      },
    ],
    [
      'unknown code',
      () => {
        const c = colOf(['persona', 'unit', 'touchpoint', 'customer']);
        if (c < 0) return Buffer.alloc(0);
        rows[row]![c] = pick(['NOPE', 'tp_web_quote ', 'family', 'C999', '\u00e6\u00f8\u00e5']);
        return text(rows);
      },
    ],
    [
      'duplicate key',
      () => {
        if (rows.length < 3) rows.push([...rows[1]!]);
        else rows[row === 1 ? 2 : row] = [...rows[1]!];
        return text(rows);
      },
    ],
    [
      'missing column',
      () => {
        const c = pick(required);
        return text(rows.map((r) => r.filter((_, i) => i !== c)));
      },
    ],
    [
      'wrong header',
      () => {
        const c = pick(required);
        rows[0]![c] = pick([`${rows[0]![c]}_x`, 'Kundenummer', '', rows[0]![c === 0 ? 1 : 0]!, `"${rows[0]![c]}`]);
        return text(rows);
      },
    ],
    [
      'broken quoting',
      () => {
        const lines = toCsv(rows, eol).split(eol);
        const at = 1 + int(lines.length - 2);
        const cells = lines[at]!.split(',');
        const c = int(cells.length);
        cells[c] = pick([`"${cells[c]}`, `"${cells[c]}"x`]);
        lines[at] = cells.join(',');
        return Buffer.concat([bom, Buffer.from(lines.join(eol))]);
      },
    ],
    [
      'truncated line',
      () => {
        const lines = toCsv(rows, eol).split(eol);
        const at = 1 + int(lines.length - 2);
        const commas = [...lines[at]!.matchAll(/,/g)].map((m) => m.index);
        lines[at] = lines[at]!.slice(0, pick(commas)); // drops the last value(s)
        return Buffer.concat([bom, Buffer.from(lines.join(eol))]);
      },
    ],
    [
      'truncated file',
      () => {
        const full = toCsv(rows, eol);
        const last = full.lastIndexOf(eol, full.length - eol.length - 1) + eol.length;
        const commas = [...full.slice(last).matchAll(/,/g)].map((m) => last + m.index);
        return Buffer.concat([bom, Buffer.from(full.slice(0, pick(commas)))]);
      },
    ],
    [
      'extra values',
      () => {
        rows[row]!.push(...Array.from({ length: 1 + int(3) }, () => 'extra'));
        return text(rows);
      },
    ],
    [
      'huge field',
      () => {
        if (numberColumn < 0) return Buffer.alloc(0);
        rows[row]![numberColumn] = pick(['9', 'x', '1.']).repeat(pick([100_000, 2_100_000]));
        return text(rows);
      },
    ],
    [
      'latin-1',
      () => {
        const t = Math.max(0, colOf(['text', 'key']));
        rows[row]![t] = `${rows[row]![t]} Ærø Å æøå`;
        return Buffer.from(toCsv(rows, eol), 'latin1');
      },
    ],
    [
      'UTF-16',
      () => {
        const le = random() < 0.5;
        const body = Buffer.from(toCsv(rows, eol), 'utf16le');
        if (!le) body.swap16();
        // UTF-16 LE with its byte-order mark is a supported encoding (csvScan.ts); without it, or big-endian, it is not.
        return Buffer.concat([!le && random() < 0.7 ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), body]);
      },
    ],
    [
      'binary',
      () => {
        const magic = pick([Buffer.from('PK\x03\x04'), Buffer.from('%PDF-1.7\n'), Buffer.from('PAR1'), Buffer.from([0x1f, 0x8b, 0x08]), Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(0)]);
        return Buffer.concat([magic, Buffer.from(Array.from({ length: 64 + int(4000) }, () => int(256)))]);
      },
    ],
    [
      'NUL bytes',
      () => {
        const t = Buffer.from(toCsv(rows, eol));
        const at = t.indexOf(10) + 1 + int(Math.max(1, t.length - t.indexOf(10) - 2));
        return Buffer.concat([bom, t.subarray(0, at), Buffer.alloc(1 + int(8)), t.subarray(at)]);
      },
    ],
    ['empty', () => Buffer.concat([bom, Buffer.from(pick(['', '\n', '\n\n\n', '   ', eol.repeat(3)]))])],
  ];
  let [broken, make] = pick(mutations);
  let bytes = make();
  if (bytes.length === 0 && broken !== 'empty') [broken, bytes] = ['empty', Buffer.alloc(0)];
  return { kind, mode: random() < 0.5 ? 'append' : 'replace', broken, bytes };
}
