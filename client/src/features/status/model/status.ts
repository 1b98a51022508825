import type { TrendMetric, TargetsQuery, LoyaltyBySatisfactionQuery, LoyaltyGroupName, StatusProgramme, TargetStatus, UnitVariable, UnitsQuery } from '../../../graphql/generated';
import type { CsvValue } from '../../../shared/csv';
import { formatCount, formatDecimal, formatMoney, formatShare, formatSigned } from '../../../shared/format';
import { t } from '../../../shared/i18n';
import { CHART_COLORS, type ChartOption } from '../../../components/charts/types';

/** What each programme means, in the words an executive reads (getters: in the user's language when shown). */
export const PROGRAMMES: Record<StatusProgramme, { readonly title: string; readonly advice: string; tone: 'bad' | 'warn' | 'good' | 'none' }> = {
  STOP_CHURN: programme('STOP_CHURN', 'bad'),
  REVITALISE_CUSTOMER_FOCUS: programme('REVITALISE_CUSTOMER_FOCUS', 'warn'),
  DIFFERENTIATE: programme('DIFFERENTIATE', 'good'),
  INSUFFICIENT_DATA: programme('INSUFFICIENT_DATA', 'none'),
};
function programme(key: StatusProgramme, tone: 'bad' | 'warn' | 'good' | 'none') {
  return {
    get title() {
      return t(`status.programmes.${key}.title`);
    },
    get advice() {
      return t(`status.programmes.${key}.advice`);
    },
    tone,
  };
}

/** A target's status in words, with what it means. */
export const TARGET_STATUS: Record<TargetStatus, { readonly label: string; readonly hint: string }> = {
  ON_TRACK: labelled('targetStatus.ON_TRACK'),
  AT_RISK: labelled('targetStatus.AT_RISK'),
  OFF_TRACK: labelled('targetStatus.OFF_TRACK'),
  UNKNOWN: labelled('targetStatus.UNKNOWN'),
};
function labelled(key: string) {
  return {
    get label() {
      return t(`status.${key}.label`);
    },
    get hint() {
      return t(`status.${key}.hint`);
    },
  };
}

/** A loyalty group and a unit variable in words, in the user's language. */
export const groupLabel = (group: LoyaltyGroupName): string => t(`status.loyalty.groups.${group}`);
export const variableLabel = (variable: UnitVariable): string => t(`status.units.variables.${variable}`);

type LoyaltyGroup = LoyaltyBySatisfactionQuery['loyaltyBySatisfaction']['byNps'][number];
export { formatMoney, formatShare as formatPct };
export const signed = formatSigned;

/** A CSV header in the reader's language from its columns' keys under status.csv. */
const csvHeader = (columns: readonly string[]): string[] => columns.map((column) => t(`status.csv.${column}`));

export const loyaltyCsvHeader = (): string[] => csvHeader(['group', 'customers', 'churn', 'churnLow', 'churnHigh', 'annualMargin', 'clv', 'clvLow', 'clvHigh', 'acquisitionCost']);
export function loyaltyCsvRows(groups: readonly LoyaltyGroup[]): CsvValue[][] {
  return groups.map((g) => [
    groupLabel(g.group),
    g.customers,
    g.churn.share,
    g.churn.ciLow,
    g.churn.ciHigh,
    g.annualMargin.mean,
    g.lifetimeValue.value,
    g.lifetimeValue.low,
    g.lifetimeValue.high,
    g.acquisitionCost.mean,
  ]);
}

/** Churn (bars, %) and annual margin (line, right axis) per group: loyal customers are worth more. */
export function loyaltyOption(groups: readonly LoyaltyGroup[]): ChartOption {
  return {
    animation: false,
    grid: { left: 44, right: 64, top: 28, bottom: 28 },
    legend: { top: 0, data: [t('status.loyalty.series.churn'), t('status.loyalty.series.margin')] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: groups.map((g) => groupLabel(g.group)) },
    yAxis: [
      { type: 'value', axisLabel: { formatter: '{value}%' }, splitLine: { lineStyle: { color: CHART_COLORS.border } } },
      { type: 'value', axisLabel: { formatter: (v: number) => formatMoney(v) }, splitLine: { show: false } },
    ],
    series: [
      {
        name: t('status.loyalty.series.churn'),
        type: 'bar',
        data: groups.map((g) => (g.churn.share === null ? null : Math.round(g.churn.share * 1000) / 10)),
        itemStyle: { color: CHART_COLORS.danger, opacity: 0.8 },
        barMaxWidth: 48,
        label: { show: true, position: 'top', formatter: '{c}%', fontSize: 11 },
      },
      {
        name: t('status.loyalty.series.margin'),
        type: 'line',
        yAxisIndex: 1,
        data: groups.map((g) => (g.annualMargin.mean === null ? null : Math.round(g.annualMargin.mean))),
        itemStyle: { color: CHART_COLORS.accent },
        lineStyle: { color: CHART_COLORS.accent, width: 2 },
        symbolSize: 8,
      },
    ],
  };
}

type Unit = UnitsQuery['units']['units'][number];
export const unitsCsvHeader = (): string[] => csvHeader(['unit', 'code', 'customers', 'managementQuality', 'employeeSatisfaction', 'nps', 'npsN', 'marginPerCustomer']);
export function unitsCsvRows(units: readonly Unit[]): CsvValue[][] {
  return units.map((u) => [u.name, u.unitCode, u.customers, u.managementQuality.mean, u.employeeSatisfaction.mean, u.nps.nps, u.nps.n, u.marginPerCustomer.mean]);
}

/** Employee satisfaction (x) against NPS (y) per unit, point size by customers, named. */
export function unitsOption(units: readonly Unit[]): ChartOption {
  const pts = units.filter((u) => u.employeeSatisfaction.mean !== null && u.nps.nps !== null);
  const maxCustomers = Math.max(1, ...pts.map((u) => u.customers));
  return {
    animation: false,
    grid: { left: 48, right: 72, top: 16, bottom: 44 },
    xAxis: { type: 'value', scale: true, name: t('status.units.xAxis'), nameLocation: 'middle', nameGap: 28, splitLine: { lineStyle: { color: CHART_COLORS.border } } },
    yAxis: { type: 'value', scale: true, name: t('status.units.yAxis'), nameLocation: 'middle', nameGap: 34, splitLine: { lineStyle: { color: CHART_COLORS.border } } },
    tooltip: {
      trigger: 'item',
      formatter(params: unknown) {
        if (typeof params !== 'object' || params === null || !('dataIndex' in params) || typeof params.dataIndex !== 'number') return '';
        const u = pts[params.dataIndex];
        return u
          ? `<strong>${u.name.replace(/[<>&]/g, '')}</strong><br>${t('status.units.tooltip', { satisfaction: formatDecimal(u.employeeSatisfaction.mean, 1), nps: signed(u.nps.nps), n: formatCount(u.nps.n), customers: formatCount(u.customers) })}`
          : '';
      },
    },
    series: [
      {
        type: 'scatter',
        data: pts.map((u) => ({ value: [Math.round((u.employeeSatisfaction.mean ?? 0) * 10) / 10, Math.round((u.nps.nps ?? 0) * 10) / 10], name: u.name })),
        symbolSize: (_: unknown, params: { dataIndex: number }) => 8 + 16 * Math.sqrt((pts[params.dataIndex]?.customers ?? 0) / maxCustomers),
        itemStyle: { color: CHART_COLORS.accent, opacity: 0.8 },
        label: { show: true, formatter: '{b}', position: 'right', fontSize: 11, color: CHART_COLORS.text },
        labelLayout: { hideOverlap: true },
      },
    ],
  };
}

type Correlation = UnitsQuery['units']['correlations'][number];
export const correlationsCsvHeader = (): string[] => csvHeader(['variableA', 'variableB', 'r', 'rLow', 'rHigh', 'units', 'p', 'significant']);
export function correlationCsvRows(rows: readonly Correlation[]): CsvValue[][] {
  return rows.map((c) => [variableLabel(c.a), variableLabel(c.b), c.r, c.ciLow, c.ciHigh, c.n, c.pValue, c.significant]);
}

type TargetRow = TargetsQuery['targets'][number];

/**
 * How a target's numbers read: shares (unit "(0..1)": retention, promoter share) times 100 in percent;
 * a share target stored in percent (scale 100) is in percent already; other metrics as they are.
 */
export function targetDisplay(progress: { unit: string; scale: number }): { factor: number; percent: boolean } {
  if (progress.scale === 1 && progress.unit.includes('(0..1)')) return { factor: 100, percent: true };
  return { factor: 1, percent: progress.scale === 100 || progress.unit.includes('%') };
}
export const targetsCsvHeader = (): string[] =>
  csvHeader(['target', 'metric', 'scope', 'measured', 'status', 'baseline', 'baselineDate', 'now', 'nowBucket', 'targetValue', 'due', 'projected', 'projectedLow', 'projectedHigh', 'shareOfWay']);
export function targetsCsvRows(targets: readonly TargetRow[]): CsvValue[][] {
  return targets.map((t) => [
    t.name,
    t.metric,
    t.scope,
    t.progress.measured,
    TARGET_STATUS[t.progress.status].label,
    t.progress.baseline,
    t.progress.baselineDate,
    t.progress.now?.value,
    t.progress.now?.bucket,
    t.progress.targetValue,
    t.progress.dueDate,
    t.progress.projection?.value,
    t.progress.projection?.ciLow,
    t.progress.projection?.ciHigh,
    t.progress.achieved,
  ]);
}

/** The metrics `trend` offers: label (in the user's language), display scale (100 turns shares into percent) and decimals. */
function trendMetric(key: TrendMetric, scale: number, digits: number): { readonly label: string; scale: number; digits: number } {
  return {
    get label() {
      return t(`status.trend.metrics.${key}`);
    },
    scale,
    digits,
  };
}
export const TREND_METRICS: Record<TrendMetric, { readonly label: string; scale: number; digits: number }> = {
  NPS: trendMetric('NPS', 1, 1),
  CSAT: trendMetric('CSAT', 1, 2),
  PROMOTER_SHARE: trendMetric('PROMOTER_SHARE', 100, 1),
  CHURN: trendMetric('CHURN', 100, 1),
  RETENTION: trendMetric('RETENTION', 100, 1),
};
