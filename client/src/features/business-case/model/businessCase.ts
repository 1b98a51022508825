import { withTable } from '../../../components/charts/table';
import { CHART_COLORS, type ChartOption } from '../../../components/charts/types';
import { t } from '../../../shared/i18n';
import type { BusinessCaseFieldsFragment, ChurnValuation, EconomicsInput } from '../../../graphql/generated';
import type { CsvValue } from '../../../shared/csv';
import { currency, formatCompact, formatCount, formatMoney, formatPercent } from '../../../shared/format';
import { cumulativeByMonth } from '../../../../../analytics/businessCase/payback';
import { churnValuationLabel, groupLabel, inputLabel, lineItemLabel } from './labels';
import { formatPayback, GROUP_LABELS, INPUT_LABELS, LINE_ITEM_LABELS, waterfallSteps, type WaterfallStep } from './report';

export { formatPayback, formatPercent, GROUP_LABELS, INPUT_LABELS, LINE_ITEM_LABELS, waterfallSteps, type WaterfallStep };

export type BusinessCase = BusinessCaseFieldsFragment;
export type LineItem = BusinessCase['lineItems'][number];
export type Assumption = BusinessCase['assumptions'][number];

/** The ways churn can be valued, in the order the scenario editor offers them (words: churnValuationLabel). */
export const CHURN_VALUATIONS: readonly ChurnValuation[] = ['LOST_MARGIN', 'REPLACEMENT_COST'];

/** The business case's own words for the CSV and the charts, in the reader's language. */
const caseWord = (key: string, values: Record<string, unknown> = {}): string => t(`businessCase.caseCsv.${key}`, values);

/** The waterfall's steps with their labels in the reader's language (report.ts's words stay the board pack's). */
const localSteps = (bc: BusinessCase): WaterfallStep[] => waterfallSteps(bc, lineItemLabel, caseWord('npv'));

export const formatCustomers = (v: number) => formatCount(v);

/** An assumption's value in its unit: churn as a share, the others as money. */
export function formatAssumption(input: EconomicsInput, v: number | null): string {
  return input === 'CHURN_12M' ? formatPercent(v, 1) : formatMoney(v);
}

const axisMoney = (v: number) => formatCompact(v);

export function waterfallOption(bc: BusinessCase): ChartOption {
  const steps = localSteps(bc);
  const color = (s: WaterfallStep) => (s.total ? CHART_COLORS.accent : s.to >= s.from ? CHART_COLORS.success : CHART_COLORS.danger);
  return withTable({
    animation: false,
    grid: { left: 64, right: 16, top: 24, bottom: 64 },
    xAxis: { type: 'category', data: steps.map((s) => s.label), axisLabel: { interval: 0, width: 90, overflow: 'break', fontSize: 11, lineHeight: 13 } },
    yAxis: { type: 'value', name: currency.value, axisLabel: { formatter: axisMoney }, splitLine: { lineStyle: { color: CHART_COLORS.border } } },
    tooltip: {
      trigger: 'item',
      formatter(params: unknown) {
        if (typeof params !== 'object' || params === null || !('dataIndex' in params) || typeof params.dataIndex !== 'number') return '';
        const s = steps[params.dataIndex];
        return s ? `${s.label}: ${formatMoney(s.to - s.from)}` : '';
      },
    },
    series: [
      // An invisible bar lifts each step to where the previous one ended.
      { type: 'bar', stack: 'w', silent: true, itemStyle: { color: 'transparent' }, data: steps.map((s) => Math.min(s.from, s.to)) },
      {
        type: 'bar',
        stack: 'w',
        barMaxWidth: 56,
        data: steps.map((s) => ({ value: Math.abs(s.to - s.from), itemStyle: { color: color(s) } })),
        label: { show: true, position: 'top', fontSize: 11, color: CHART_COLORS.text, formatter: (p: { dataIndex: number }) => axisMoney((steps[p.dataIndex]?.to ?? 0) - (steps[p.dataIndex]?.from ?? 0)) },
      },
    ],
  }, () => ({
    columns: [t('charts.table.item'), t('charts.table.amount')],
    rows: steps.map((s) => [s.label, formatMoney(s.to - s.from)]),
    numeric: [1],
  }));
}

export function cumulativeOption(bc: BusinessCase): ChartOption {
  const points = cumulativeByMonth(bc.oneOffCost, bc.netPerYear);
  return {
    animation: false,
    grid: { left: 64, right: 16, top: 32, bottom: 44 },
    xAxis: { type: 'category', data: points.map((_, m) => String(m)), name: caseWord('month'), nameLocation: 'middle', nameGap: 28, axisLabel: { interval: 11 } },
    yAxis: { type: 'value', name: currency.value, axisLabel: { formatter: axisMoney }, splitLine: { lineStyle: { color: CHART_COLORS.border } } },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatMoney(v) : '') },
    series: [
      {
        type: 'line',
        name: caseWord('cumulative'),
        data: points,
        showSymbol: false,
        lineStyle: { color: CHART_COLORS.accent, width: 2 },
        areaStyle: { color: CHART_COLORS.accentSoft },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: CHART_COLORS.textMuted },
          label: { formatter: (p: { name?: string }) => p.name ?? '', color: CHART_COLORS.textMuted },
          data: [{ yAxis: 0, name: '' }, ...(bc.paybackMonth === null ? [] : [{ xAxis: String(bc.paybackMonth), name: caseWord('paybackMark', { month: bc.paybackMonth }) }])],
        },
      },
    ],
  };
}

/** One file for a whole case: the headline, its line items, the assumptions and the moves. */
export const caseCsvHeader = (): string[] =>
  (['section', 'item', 'value', 'low', 'high', 'n', 'perYear', 'countedOrOverridden', 'formulaOrSource', 'inputs'] as const).map((column) => caseWord(column));

export function caseCsvRows(bc: BusinessCase): CsvValue[][] {
  const summary = (item: string, value: CsvValue, low: CsvValue = null, high: CsvValue = null, note: CsvValue = null): CsvValue[] => [caseWord('summary'), item, value, low, high, null, null, null, note, null];
  return [
    summary(caseWord('case'), bc.title, null, null, caseWord('computedOn', { asOf: bc.asOf })),
    summary(caseWord('npv'), bc.netPresentValue, bc.range.low, bc.range.high, bc.range.method),
    summary(caseWord('netPerYear'), bc.netPerYearAverage),
    summary(caseWord('roi'), bc.roi),
    summary(caseWord('payback'), bc.paybackMonth),
    summary(caseWord('horizon'), bc.horizonYears),
    summary(caseWord('discountRate'), bc.discountRate),
    summary(caseWord('churnValuedAs'), churnValuationLabel(bc.churnValuation)),
    ...bc.lineItems.map((l): CsvValue[] => [caseWord('lineItem'), lineItemLabel(l.kind), l.value, null, null, null, l.perYear.join('; '), caseWord(l.counted ? 'counted' : 'notCounted'), l.formula, l.inputs.join('; ')]),
    ...bc.assumptions.map((a): CsvValue[] => [
      caseWord('assumption'),
      `${groupLabel(a.group)}: ${inputLabel(a.input)}`,
      a.value,
      a.low,
      a.high,
      a.n,
      null,
      caseWord(a.overridden ? 'overridden' : 'measured'),
      a.source,
      null,
    ]),
    ...bc.moves.map((m): CsvValue[] => [caseWord('move'), `${groupLabel(m.from)} → ${groupLabel(m.to)}`, m.customers, null, null, null, null, null, m.basis, null]),
  ];
}
