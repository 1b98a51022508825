import { withTable, type ChartTable } from '../../../components/charts/table';
import { CHART_COLORS, type ChartOption } from '../../../components/charts/types';
import { formatCount, formatDecimal, formatLanguage, formatMonth, formatNumber } from '../../../shared/format';
import { t } from '../../../shared/i18n';

export interface TrendInputPoint {
  bucket: string;
  value: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  n: number;
  complete: boolean;
  /** Days in the bucket and days of it inside the data: fewer in a partial bucket (the current month). */
  days?: number;
  daysWithData?: number;
}

export interface TrendChartInput {
  points: readonly TrendInputPoint[];
  /** Multiply values for display (100 turns shares into percent). */
  scale?: number;
  unit: string;
  target?: { value: number; label: string };
  /** A reference level (e.g. the churn or NPS threshold of the status rule). */
  reference?: { value: number; label: string };
  projection?: { date: string; value: number; ciLow: number | null; ciHigh: number | null } | null;
  from?: { date: string; value: number } | null;
  color?: string;
}

/** 1, 2 or 5 times a power of ten: axis steps people read easily. */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
}

/** An axis or tooltip value: at most one decimal, "%" for shares. */
const fmt = (v: number, unit: string) => {
  const rounded = Math.round(v * 10) / 10;
  return `${formatDecimal(rounded, Number.isInteger(rounded) ? 0 : 1)}${unit === '%' ? '%' : ''}`;
};

/** A bucket in words: "December 2026", "Q4 2026" or "the week of 2026-11-30". */
export function bucketName(bucket: string, days?: number): string {
  const d = new Date(`${bucket}T00:00:00Z`);
  if (days !== undefined && days <= 7) return t('status.trend.weekOf', { date: bucket });
  if (days !== undefined && days > 31) return t('status.trend.quarter', { q: Math.floor(d.getUTCMonth() / 3) + 1, year: d.getUTCFullYear() });
  return formatMonth(bucket);
}

/** "partial: 6 of 31 days" for a bucket the data covers only in part; '' for a whole one. */
export function partialLabel(p: TrendInputPoint): string {
  if (p.complete) return '';
  return p.days !== undefined && p.daysWithData !== undefined ? t('status.trend.partialDays', { days: p.daysWithData, total: p.days }) : t('status.trend.partial');
}

/**
 * The text alternative's sentence about partial buckets (the current month, a first month that starts
 * mid-way): they are drawn dashed and hollow and are not whole months, so a jump there is no trend.
 */
export function partialNote(points: readonly TrendInputPoint[]): string {
  const partial = points.filter((p) => !p.complete && p.value !== null);
  if (!partial.length) return '';
  const words = partial.map((p) =>
    p.days !== undefined && p.daysWithData !== undefined ? t('status.trend.partialWord', { name: bucketName(p.bucket, p.days), days: p.daysWithData, total: p.days }) : bucketName(p.bucket, p.days),
  );
  const list = partial.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} ${t('common.and')} ${words.at(-1)}`;
  return t('status.trend.partialNote', { list }, partial.length);
}

/**
 * A metric over time with its 95% band (stacked: the low edge, then the band's height), partial
 * buckets (the current month) hollow, dashed and labelled "partial" so a short month reads as no trend, optional target and reference lines, and the projection to a due date dashed with
 * its interval.
 */
export function trendOption(input: TrendChartInput): ChartOption {
  const k = input.scale ?? 1;
  const s = (v: number | null) => (v === null ? null : Math.round(v * k * 100) / 100);
  const pts = input.points.filter((p) => p.value !== null);
  const color = input.color ?? CHART_COLORS.accent;
  const values = pts.flatMap((p) => [s(p.ciLow ?? p.value), s(p.ciHigh ?? p.value)]).filter((v): v is number => v !== null);
  const extra = [input.target?.value, input.reference?.value, input.projection?.ciLow, input.projection?.ciHigh, input.projection?.value]
    .filter((v): v is number => typeof v === 'number')
    .map((v) => v * k);
  const all = [...values, ...extra];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = Math.max(0.5, (hi - lo) * 0.08);
  const step = niceStep((hi - lo + 2 * pad) / 5);
  const marks = [
    ...(input.target ? [{ yAxis: input.target.value * k, name: input.target.label, lineStyle: { color: CHART_COLORS.success, type: 'solid' as const, width: 2 }, label: { formatter: input.target.label, position: 'insideEndTop' as const, color: CHART_COLORS.success } }] : []),
    ...(input.reference ? [{ yAxis: input.reference.value * k, name: input.reference.label, lineStyle: { color: CHART_COLORS.warning, type: 'dashed' as const }, label: { formatter: input.reference.label, position: 'insideEndTop' as const, color: CHART_COLORS.warning } }] : []),
  ];
  const projection = input.projection;
  return withTable({
    animation: false,
    grid: { left: 44, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'time', axisLabel: { hideOverlap: true }, splitLine: { show: false } },
    yAxis: {
      type: 'value',
      min: Math.floor((lo - pad) / step) * step,
      max: Math.ceil((hi + pad) / step) * step,
      interval: step,
      axisLabel: { formatter: (v: number) => fmt(v, input.unit) },
      splitLine: { lineStyle: { color: CHART_COLORS.border } },
    },
    tooltip: {
      trigger: 'axis',
      formatter(params: unknown) {
        const first = Array.isArray(params) ? params[0] : params;
        const i = typeof first === 'object' && first !== null && 'dataIndex' in first && typeof first.dataIndex === 'number' ? first.dataIndex : -1;
        const p = pts[i];
        if (!p || p.value === null) return '';
        const band = p.ciLow !== null && p.ciHigh !== null ? t('status.trend.intervalTooltip', { low: fmt(p.ciLow * k, input.unit), high: fmt(p.ciHigh * k, input.unit) }) : '';
        return `${p.bucket}${p.complete ? '' : ` (${partialLabel(p)})`}<br><strong>${fmt(p.value * k, input.unit)}</strong>${band}<br>n = ${formatCount(p.n)}`;
      },
    },
    series: [
      // stackStrategy 'all': the band sits on the low edge also where values are negative (NPS).
      { name: 'low', type: 'line', stack: 'ci', stackStrategy: 'all', data: pts.map((p) => [p.bucket, s(p.ciLow ?? p.value)]), lineStyle: { opacity: 0 }, symbol: 'none', silent: true, tooltip: { show: false } },
      {
        name: '95% interval',
        type: 'line',
        stack: 'ci',
        stackStrategy: 'all',
        data: pts.map((p) => [p.bucket, p.ciHigh !== null && p.ciLow !== null ? Math.round((p.ciHigh - p.ciLow) * k * 100) / 100 : 0]),
        lineStyle: { opacity: 0 },
        areaStyle: { color, opacity: 0.15 },
        symbol: 'none',
        silent: true,
        tooltip: { show: false },
      },
      {
        name: 'value',
        type: 'line',
        // A partial bucket breaks the solid line: the 'partial' series draws it dashed from its neighbour.
        data: pts.map((p) => ({ value: [p.bucket, p.complete ? s(p.value) : null], symbol: 'circle' })),
        symbolSize: 5,
        lineStyle: { color, width: 2 },
        itemStyle: { color },
        markLine: marks.length ? { silent: true, symbol: 'none', data: marks } : undefined,
      },
      {
        name: 'partial',
        type: 'line',
        data: pts.map((p, i) => {
          const before = pts[i - 1];
          const after = pts[i + 1];
          const shown = !p.complete || (before !== undefined && !before.complete) || (after !== undefined && !after.complete);
          return {
            value: [p.bucket, shown ? s(p.value) : null],
            symbol: p.complete ? 'none' : 'emptyCircle',
            label: p.complete ? { show: false } : { show: true, position: 'top' as const, formatter: t('status.trend.partial'), color: CHART_COLORS.textMuted, fontSize: 10 },
          };
        }),
        symbolSize: 7,
        lineStyle: { color, width: 2, type: 'dashed' as const },
        itemStyle: { color },
        tooltip: { show: false },
      },
      ...(projection && input.from
        ? [
            {
              name: 'projection',
              type: 'line' as const,
              data: [
                [input.from.date, s(input.from.value)],
                [projection.date, s(projection.value)],
              ],
              lineStyle: { color, type: 'dashed' as const, width: 2 },
              itemStyle: { color },
              symbol: 'none',
              silent: true,
              tooltip: { show: false },
            },
            {
              name: 'projection interval',
              type: 'line' as const,
              data:
                projection.ciLow !== null && projection.ciHigh !== null
                  ? [
                      [projection.date, s(projection.ciLow)],
                      [projection.date, s(projection.ciHigh)],
                    ]
                  : [],
              lineStyle: { color, width: 6, opacity: 0.35 },
              symbol: 'none',
              silent: true,
              tooltip: { show: false },
            },
          ]
        : []),
    ],
  }, () => trendTable(input));
}

/** The trend's text alternative: one row per period with its value, 95% interval, answers and whether it is partial. */
export function trendTable(input: TrendChartInput): ChartTable {
  const k = input.scale ?? 1;
  const v = (x: number | null) => (x === null ? '—' : `${formatNumber(x * k, 1)}${input.unit !== '%' ? '' : formatLanguage.value === 'da' ? ' %' : '%'}`);
  return {
    columns: [t('charts.table.period'), t('charts.table.value'), t('charts.table.low'), t('charts.table.high'), t('charts.table.answers'), t('charts.table.note')],
    rows: input.points.filter((p) => p.value !== null).map((p) => [bucketName(p.bucket, p.days), v(p.value), v(p.ciLow), v(p.ciHigh), formatCount(p.n), partialLabel(p)]),
    numeric: [1, 2, 3, 4],
  };
}
