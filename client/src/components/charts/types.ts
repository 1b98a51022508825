import type { BarSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, MarkAreaComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/** Options for the registered parts only: a chart type not registered in echarts.ts fails typecheck. */
export type ChartOption = ComposeOption<
  LineSeriesOption | ScatterSeriesOption | BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | MarkLineComponentOption | MarkAreaComponentOption
>;

/** Colours shared by the charts (the CSS variables of styles/base.css, which canvas cannot read). */
export const CHART_COLORS = {
  accent: '#1f6f8b',
  accentSoft: '#e3f0f5',
  accentMid: '#6aaec4',
  muted: '#8593a2',
  text: '#1d2733',
  textMuted: '#5b6877',
  border: '#dde3e9',
  danger: '#b42318',
  warning: '#a15c07',
  success: '#1e7a4c',
} as const;
