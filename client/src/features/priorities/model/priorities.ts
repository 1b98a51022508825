import type { ScatterSeriesOption } from 'echarts/charts';
import { withTable } from '../../../components/charts/table';
import { CHART_COLORS, type ChartOption } from '../../../components/charts/types';
import type { PerformanceMeasure, PrioritiesQuery, PriorityQuadrant } from '../../../graphql/generated';
import type { CsvValue } from '../../../shared/csv';
import { formatCount, formatDate, formatDecimal, formatMoney, formatNps, formatShare, formatSigned } from '../../../shared/format';
import { t } from '../../../shared/i18n';

export type Priorities = PrioritiesQuery['priorities'];
export type PriorityRow = Priorities['touchpoints'][number];

/** Each quadrant's name and hint in the user's language (getters: read when shown), and its colour. */
function quadrant(q: PriorityQuadrant, color: string): { readonly label: string; readonly hint: string; color: string } {
  return {
    get label() {
      return t(`priorities.quadrants.${q}.label`);
    },
    get hint() {
      return t(`priorities.quadrants.${q}.hint`);
    },
    color,
  };
}
export const QUADRANTS: Record<PriorityQuadrant, { readonly label: string; readonly hint: string; color: string }> = {
  FIX_FIRST: quadrant('FIX_FIRST', '#c2412d'),
  KEEP_UP: quadrant('KEEP_UP', '#2f855a'),
  POSSIBLE_OVERKILL: quadrant('POSSIBLE_OVERKILL', '#1f6f8b'),
  LOW_PRIORITY: quadrant('LOW_PRIORITY', '#8593a2'),
};
const ORDER: PriorityQuadrant[] = ['FIX_FIRST', 'KEEP_UP', 'POSSIBLE_OVERKILL', 'LOW_PRIORITY'];

export { formatMoney, formatNps, formatShare };

/**
 * A touchpoint's active NPS-drop alert in one line, e.g. "NPS drop alert: −30 (n 100) in 3 Jun 2026 to
 * 30 Jun 2026 against +33 before (z −5.8)": a recent collapse the 12-month quadrant does not show yet.
 */
export function alertSummary(alert: NonNullable<PriorityRow['activeAlert']>): string {
  const e = alert.evidence;
  const z = e.z === null ? '' : t('priorities.alert.z', { z: formatSigned(e.z, 1) });
  return t(alert.status === 'ACKNOWLEDGED' ? 'priorities.alert.summaryAcknowledged' : 'priorities.alert.summary', {
    recent: formatNps(e.recent.nps.nps),
    n: formatCount(e.recent.nps.n),
    from: formatDate(e.recent.from),
    to: formatDate(e.recent.to),
    baseline: formatNps(e.baseline.nps.nps),
    z,
  });
}

/** How the performance axis is named: the server says which measure the cut is read by. */
export const MEASURE_NAMES: Record<PerformanceMeasure, string> = { NPS: 'NPS', CSAT: 'CSAT' };
const measureAxis = (m: PerformanceMeasure) => t(m === 'CSAT' ? 'priorities.scatter.yAxisCsat' : 'priorities.scatter.yAxisNps');
export const measureName = (p: Pick<Priorities, 'performanceMeasure'>) => MEASURE_NAMES[p.performanceMeasure ?? 'NPS'];

/** A value on the cut's measure: NPS signed and whole, CSAT with two decimals. */
export function formatPerformance(measure: PerformanceMeasure | null, v: number | null | undefined): string {
  if (measure !== 'CSAT') return formatNps(v);
  return formatDecimal(v, 2);
}

/** What performanceCell reads of a row (the overview asks for no more). */
type IntervalOf = { n: number; ciLow: number | null; ciHigh: number | null };
export type PerformanceFigures = Pick<PriorityRow, 'performance'> & { nps: IntervalOf; csat: IntervalOf };

/** A touchpoint's performance with its interval and n, on the cut's measure. */
export function performanceCell(p: Pick<Priorities, 'performanceMeasure'>, t: PerformanceFigures): { value: string; interval: string; n: number } {
  const m = p.performanceMeasure;
  const source = m === 'CSAT' ? { low: t.csat.ciLow, high: t.csat.ciHigh, n: t.csat.n } : { low: t.nps.ciLow, high: t.nps.ciHigh, n: t.nps.n };
  return { value: formatPerformance(m, t.performance), interval: `${formatPerformance(m, source.low)}…${formatPerformance(m, source.high)}`, n: source.n };
}

/** The top of the ranked list: what to fix first. */
export function topTouchpoint(p: Priorities): PriorityRow | undefined {
  return [...p.touchpoints].filter((t) => t.valueRank !== null).sort((a, b) => (a.valueRank ?? 0) - (b.valueRank ?? 0))[0];
}

/** Each term of value at stake, as the server multiplies them. */
export function valueTerms(row: PriorityRow): { importance: string; gap: string; customers: string; margin: string; value: string } {
  const csat = row.measure === 'CSAT' || (row.gapNps === null && row.gap !== null);
  return {
    importance: formatShare(row.importance),
    gap: row.gap === null ? '—' : csat ? t('priorities.ranked.gapCsatPoints', { gap: formatDecimal(row.gap, 2) }) : t('priorities.ranked.gapPoints', { gap: formatCount(row.gap) }),
    customers: formatCount(row.customersReached),
    margin: formatMoney(row.annualMarginPerCustomer),
    value: formatMoney(row.valueAtStake),
  };
}

const CSV_COLUMNS = [
  'valueRank', 'touchpoint', 'code', 'phase', 'quadrant', 'importance', 'performanceMeasure', 'performance', 'target', 'gap',
  'nps', 'npsLow', 'npsHigh', 'npsN', 'targetNps', 'targetSource', 'gapNps', 'customersReached', 'margin', 'valueAtStake',
  'critical', 'difficult', 'difficultBecause', 'notEstimatedBecause', 'activeAlert',
] as const;

/** The ranking's CSV header in the reader's language (keys priorities.csv.*), one per csvRows column. */
export const csvHeader = (): string[] => CSV_COLUMNS.map((column) => t(`priorities.csv.${column}`));

export function csvRows(p: Priorities): CsvValue[][] {
  return p.touchpoints.map((t) => [
    t.valueRank,
    t.touchpointName,
    t.touchpointCode,
    t.phaseName,
    t.quadrant ? QUADRANTS[t.quadrant].label : null,
    t.importance,
    p.performanceMeasure,
    t.performance,
    t.target,
    t.gap,
    t.nps.nps,
    t.nps.ciLow,
    t.nps.ciHigh,
    t.nps.n,
    t.targetNps,
    t.targetSource,
    t.gapNps,
    t.customersReached,
    t.annualMarginPerCustomer,
    t.valueAtStake,
    t.critical,
    t.difficultMeasured,
    t.difficultReasons.join('; '),
    t.notEstimatedReason,
    t.activeAlert ? alertSummary(t.activeAlert) : null,
  ]);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const shortName = (name: string, max = 26) => (name.length > max ? `${name.slice(0, max - 1)}…` : name);

/**
 * Importance (x, % of explained variance) against performance (y, NPS), one series per quadrant,
 * the split lines dashed, each quadrant named in its corner. The `labelled` touchpoints (the top of
 * the ranking and the selected one) carry their name; the others show it on hover.
 */
export function priorityScatterOption(p: Priorities, selectedCode: string | null, labelled = 8): ChartOption {
  const csat = p.performanceMeasure === 'CSAT';
  const points = p.touchpoints.filter((t) => t.importance !== null && t.performance !== null && t.quadrant !== null);
  const xMax = Math.max(5, Math.ceil((Math.max(0, ...points.map((t) => t.importance ?? 0)) * 100 * 1.1) / 5) * 5);
  const values = points.map((t) => t.performance ?? 0);
  // NPS on -100..100 in steps of 20; CSAT on its 1-5 scale in steps of 0.5.
  const yMin = csat ? 1 : Math.max(-100, Math.floor((Math.min(0, ...values) - 5) / 20) * 20);
  const yMax = csat ? 5 : Math.min(100, Math.ceil((Math.max(0, ...values) + 5) / 20) * 20);
  const xSplit = (p.importanceSplit ?? 0) * 100;
  const ySplit = p.performanceSplitValue ?? p.defaultTarget ?? (csat ? 3 : 0);
  const named = new Set(
    [...points]
      .sort((a, b) => (a.valueRank ?? 999) - (b.valueRank ?? 999))
      .slice(0, labelled)
      .map((t) => t.touchpointCode),
  );
  if (selectedCode) named.add(selectedCode);
  type AreaItem = NonNullable<NonNullable<ScatterSeriesOption['markArea']>['data']>[number];
  const area = (q: PriorityQuadrant, from: [number, number], to: [number, number], position: 'insideTopLeft' | 'insideTopRight' | 'insideBottomLeft' | 'insideBottomRight'): AreaItem => [
    {
      name: QUADRANTS[q].label,
      coord: from,
      itemStyle: { color: QUADRANTS[q].color, opacity: 0.05 },
      label: { show: true, position, color: QUADRANTS[q].color, fontSize: 11, fontWeight: 700 as const },
    },
    { coord: to },
  ];
  return withTable({
    animation: false,
    grid: { left: 48, right: 24, top: 24, bottom: 44 },
    xAxis: {
      type: 'value',
      min: 0,
      max: xMax,
      name: t('priorities.scatter.xAxis'),
      nameLocation: 'middle',
      nameGap: 28,
      axisLabel: { formatter: '{value}%' },
      splitLine: { lineStyle: { color: CHART_COLORS.border } },
    },
    yAxis: {
      type: 'value',
      min: yMin,
      max: yMax,
      interval: csat ? 0.5 : 20,
      name: measureAxis(p.performanceMeasure ?? 'NPS'),
      nameLocation: 'middle',
      nameGap: 34,
      splitLine: { lineStyle: { color: CHART_COLORS.border } },
    },
    tooltip: {
      trigger: 'item',
      formatter(params: unknown) {
        if (typeof params !== 'object' || params === null || !('data' in params) || !Array.isArray(params.data)) return '';
        const code = params.data[2];
        const row = p.touchpoints.find((x) => x.touchpointCode === code);
        if (!row) return '';
        return [
          `<strong>${escapeHtml(row.touchpointName)}</strong>`,
          `${escapeHtml(row.phaseName ?? '')}`,
          t('priorities.scatter.tooltipFigures', { importance: formatShare(row.importance), measure: measureName(p), value: formatPerformance(p.performanceMeasure, row.performance), n: formatCount(performanceCell(p, row).n) }),
          row.quadrant ? QUADRANTS[row.quadrant].label : '',
          row.valueRank ? t('priorities.scatter.tooltipRank', { rank: row.valueRank, value: formatMoney(row.valueAtStake) }) : '',
        ]
          .filter(Boolean)
          .join('<br>');
      },
    },
    series: ORDER.map((q, i) => ({
      name: QUADRANTS[q].label,
      type: 'scatter' as const,
      data: points
        .filter((t) => t.quadrant === q)
        .map((t) => ({
          value: [(t.importance ?? 0) * 100, t.performance ?? 0, t.touchpointCode, t.touchpointName],
          symbolSize: t.touchpointCode === selectedCode ? 18 : t.critical ? 12 : 10,
          itemStyle: t.touchpointCode === selectedCode ? { borderColor: CHART_COLORS.text, borderWidth: 2 } : {},
          // Names point inwards near the right edge so they are not cut off.
          label: {
            show: named.has(t.touchpointCode),
            formatter: shortName(t.touchpointName),
            position: (t.importance ?? 0) * 100 > xMax * 0.7 ? ('left' as const) : ('right' as const),
            fontSize: 11,
            color: CHART_COLORS.text,
          },
        })),
      itemStyle: { color: QUADRANTS[q].color, opacity: 0.85 },
      emphasis: { focus: 'self' as const, label: { show: true } },
      labelLayout: { hideOverlap: true },
      cursor: 'pointer',
      ...(i === 0
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { type: 'dashed' as const, color: CHART_COLORS.textMuted },
              label: { show: false },
              data: [{ xAxis: xSplit }, { yAxis: ySplit }],
            },
            markArea: {
              silent: true,
              data: [
                area('FIX_FIRST', [xSplit, yMin], [xMax, ySplit], 'insideBottomRight'),
                area('KEEP_UP', [xSplit, ySplit], [xMax, yMax], 'insideTopRight'),
                area('POSSIBLE_OVERKILL', [0, ySplit], [xSplit, yMax], 'insideTopLeft'),
                area('LOW_PRIORITY', [0, yMin], [xSplit, ySplit], 'insideBottomLeft'),
              ],
            },
          }
        : {}),
    })),
  }, () => ({
    columns: [t('charts.table.touchpoint'), t('charts.table.quadrant'), t('charts.table.importance'), measureName(p), t('charts.table.answers')],
    rows: points.map((x) => [x.touchpointName, x.quadrant ? QUADRANTS[x.quadrant].label : '—', formatShare(x.importance), formatPerformance(p.performanceMeasure, x.performance), formatCount(performanceCell(p, x).n)]),
    numeric: [2, 3, 4],
  }));
}
