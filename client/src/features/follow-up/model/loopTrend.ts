import { CHART_COLORS, type ChartOption } from '../../../components/charts/types';
import type { FollowUpLoopTrendQuery } from '../../../graphql/generated';
import { formatCount, formatDecimal, formatMonth } from '../../../shared/format';
import { t } from '../../../shared/i18n';

export type LoopTrendRow = FollowUpLoopTrendQuery['followUpLoopTrend'][number];
export type LoopTrendMonth = LoopTrendRow['months'][number];

/** What the chart draws per person and month; the server computes every figure (loop-trend.ts). */
export const LOOP_MEASURES = ['medianHoursAfterDue', 'medianHoursToContact', 'assigned', 'contacted', 'contactedOnTime', 'resolved', 'overdue'] as const;
export type LoopMeasure = (typeof LOOP_MEASURES)[number];
const HOURS: readonly LoopMeasure[] = ['medianHoursAfterDue', 'medianHoursToContact'];

/** A person's name, or the cases nobody is assigned to. */
export const personName = (row: LoopTrendRow) => row.person?.name ?? t('followUp.loopTrend.nobody');

/** Hours as people read them: "5 h", "3.5 days", signed when measured against the due date. */
export function formatHours(h: number | null | undefined, signed = false): string {
  if (h === null || h === undefined) return '—';
  const abs = Math.abs(h);
  const text = abs < 48 ? t('followUp.loopTrend.hours', { n: formatCount(abs) }) : t('followUp.loopTrend.days', { n: formatDecimal(abs / 24, 1) });
  if (!signed || Math.round(abs) === 0) return text;
  return h < 0 ? t('followUp.loopTrend.beforeDue', { time: text }) : t('followUp.loopTrend.afterDue', { time: text });
}

/** A month's figure as a cell of the table alternative. */
export function measureCell(m: LoopTrendMonth, measure: LoopMeasure): string {
  if (measure === 'medianHoursAfterDue') return formatHours(m.medianHoursAfterDue, true);
  if (measure === 'medianHoursToContact') return formatHours(m.medianHoursToContact);
  return formatCount(m[measure]);
}

/** The chart's value: hours rounded to one decimal, counts as they are; null (a gap) without a figure. */
const chartValue = (m: LoopTrendMonth, measure: LoopMeasure): number | null => {
  const v = m[measure];
  return v === null ? null : HOURS.includes(measure) ? Math.round(v * 10) / 10 : v;
};

const PALETTE = [CHART_COLORS.accent, '#c2412d', '#2f855a', '#8a5cf6', '#b7791f', '#1f6f8b', '#d53f8c', '#4a5568'];

/** One line per person over the months (the unassigned cases dashed); a zero line marks the due date for hours after it. */
export function loopTrendOption(rows: readonly LoopTrendRow[], measure: LoopMeasure): ChartOption {
  const months = rows[0]?.months.map((m) => m.month) ?? [];
  const hours = HOURS.includes(measure);
  return {
    animation: false,
    grid: { left: 52, right: 16, top: 40, bottom: 28 },
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: months.map((m) => formatMonth(m)) },
    yAxis: {
      type: 'value',
      name: hours ? t('followUp.loopTrend.axisHours') : t('followUp.loopTrend.axisCases'),
      minInterval: hours ? undefined : 1,
      splitLine: { lineStyle: { color: CHART_COLORS.border } },
    },
    series: rows.map((row, i) => ({
      name: personName(row),
      type: 'line' as const,
      data: row.months.map((m) => chartValue(m, measure)),
      connectNulls: false,
      symbolSize: 7,
      itemStyle: { color: PALETTE[i % PALETTE.length] },
      // Colour is not the only signal: the unassigned cases are dashed, and the legend and table name every line.
      lineStyle: { width: 2, type: row.person ? ('solid' as const) : ('dashed' as const), color: PALETTE[i % PALETTE.length] },
      ...(i === 0 && measure === 'medianHoursAfterDue'
        ? { markLine: { silent: true, symbol: 'none', data: [{ yAxis: 0, name: t('followUp.loopTrend.due') }], label: { formatter: t('followUp.loopTrend.due'), position: 'insideEndTop' as const }, lineStyle: { color: CHART_COLORS.warning, type: 'dashed' as const } } }
        : {}),
    })),
  };
}
