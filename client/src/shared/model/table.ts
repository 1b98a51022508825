import type { CsvValue } from '../csv';

/** One column of a list: its label, its value (shown, searched, sorted and exported), how to sort it. */
export interface TableColumn<T> {
  key: string;
  label: string;
  value: (row: T) => CsvValue;
  /** Sort key when it differs from the value (e.g. a date's ISO string under a formatted label). */
  sortValue?: (row: T) => string | number | null;
  numeric?: boolean;
  /** Not exported (e.g. an actions column). */
  noCsv?: boolean;
}

export interface TableSort {
  key: string;
  direction: 'asc' | 'desc';
}

const text = (v: CsvValue) => (v === null || v === undefined ? '' : String(v));

/** The rows a search keeps: every word must appear in some column (case- and accent-insensitive). */
export function searchRows<T>(rows: readonly T[], columns: readonly TableColumn<T>[], query: string): T[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return [...rows];
  return rows.filter((row) => {
    const haystack = fold(columns.map((c) => text(c.value(row))).join(' '));
    return words.every((w) => haystack.includes(w));
  });
}

/** Sorted copy; empty values last whatever the direction; ties keep their order. */
export function sortRows<T>(rows: readonly T[], columns: readonly TableColumn<T>[], sort: TableSort | null): T[] {
  const column = sort && columns.find((c) => c.key === sort.key);
  if (!sort || !column) return [...rows];
  const key = (row: T) => (column.sortValue ? column.sortValue(row) : column.value(row));
  const sign = sort.direction === 'asc' ? 1 : -1;
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return rows
    .map((row, index) => ({ row, index, k: key(row) }))
    .sort((a, b) => {
      const ae = a.k === null || a.k === undefined || a.k === '';
      const be = b.k === null || b.k === undefined || b.k === '';
      if (ae || be) return ae === be ? a.index - b.index : ae ? 1 : -1;
      const c = typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : collator.compare(String(a.k), String(b.k));
      return c === 0 ? a.index - b.index : sign * c;
    })
    .map((r) => r.row);
}

/** Clicking a header: ascending first, then descending, then back to the list's own order. */
export function nextSort(current: TableSort | null, key: string): TableSort | null {
  if (!current || current.key !== key) return { key, direction: 'asc' };
  return current.direction === 'asc' ? { key, direction: 'desc' } : null;
}

export function csvOf<T>(rows: readonly T[], columns: readonly TableColumn<T>[]): { header: string[]; rows: CsvValue[][] } {
  const exported = columns.filter((c) => !c.noCsv);
  return { header: exported.map((c) => c.label), rows: rows.map((row) => exported.map((c) => c.value(row))) };
}
