import { formatNumber } from '../../shared/format';
import { t } from '../../shared/i18n';
import type { ChartOption } from './types';

/**
 * A chart's data as a table: its text alternative (issue 23: every chart has one, reachable by keyboard
 * and screen reader). Cells are already formatted for the reader's language.
 */
export interface ChartTable {
  columns: string[];
  rows: string[][];
  /** Indexes of columns holding numbers (aligned right). */
  numeric?: number[];
}

/**
 * A table an option builder knows better than the generic reading of the option (e.g. a band drawn as
 * a stacked height): attached to the option object, read by BaseChart. A WeakMap so the option stays a
 * plain ECharts option and the table goes when the option does.
 */
const tables = new WeakMap<object, () => ChartTable>();
export function withTable<T extends ChartOption>(option: T, table: () => ChartTable): T {
  tables.set(option, table);
  return option;
}

/** The attached table, or one read from the option's axes and series. */
export function chartTable(option: ChartOption): ChartTable {
  return tables.get(option)?.() ?? tableFromOption(option);
}

function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.getOwnPropertyDescriptor(value, key)?.value;
}
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null);

/** A data item's value: a number, [x, y, …], or { value }. */
function itemValue(item: unknown): unknown {
  const value = field(item, 'value');
  return value === undefined ? item : value;
}
function cell(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? formatNumber(value) : '—';
  return text(value) ?? '—';
}

/**
 * The generic reading: decorations (a band, an invisible lift, a marker) are `silent` series and left
 * out. A category axis gives one row per category and a column per series; scatter series one row per
 * point (its name, x, y); [x, y] lines one row per x.
 */
export function tableFromOption(option: ChartOption): ChartTable {
  const xAxis = list(field(option, 'xAxis'))[0];
  const yAxis = list(field(option, 'yAxis'))[0];
  const series = list(field(option, 'series')).filter((s) => field(s, 'silent') !== true);
  const valueName = text(field(yAxis, 'name')) ?? t('charts.table.value');
  const seriesName = (s: unknown) => text(field(s, 'name')) ?? valueName;
  const categories = field(xAxis, 'data');
  if (Array.isArray(categories)) {
    return {
      columns: [text(field(xAxis, 'name')) ?? t('charts.table.category'), ...series.map(seriesName)],
      rows: categories.map((category, i) => [text(itemValue(category)) ?? '—', ...series.map((s) => cell(itemValue(list(field(s, 'data'))[i])))]),
      numeric: series.map((_, i) => i + 1),
    };
  }
  const xName = text(field(xAxis, 'name')) ?? t('charts.table.x');
  if (series.length > 0 && series.every((s) => field(s, 'type') === 'scatter')) {
    const several = series.length > 1;
    const rows = series.flatMap((s) =>
      list(field(s, 'data')).map((item) => {
        const [x, y] = list(itemValue(item));
        return [text(field(item, 'name')) ?? '—', ...(several ? [seriesName(s)] : []), cell(x), cell(y)];
      }),
    );
    return { columns: [t('charts.table.name'), ...(several ? [t('charts.table.group')] : []), xName, valueName], rows, numeric: several ? [2, 3] : [1, 2] };
  }
  const xs: string[] = [];
  const values = series.map((s) => {
    const byX = new Map<string, unknown>();
    for (const item of list(field(s, 'data'))) {
      const [x, y] = list(itemValue(item));
      const key = text(x);
      if (key === null) continue;
      if (!xs.includes(key)) xs.push(key);
      byX.set(key, y);
    }
    return byX;
  });
  xs.sort();
  return {
    columns: [xName, ...series.map(seriesName)],
    rows: xs.map((x) => [x, ...values.map((byX) => cell(byX.get(x)))]),
    numeric: series.map((_, i) => i + 1),
  };
}
