import { defineAsyncComponent } from 'vue';
import ChartPlaceholder from './ChartPlaceholder.vue';

/** The chart component, loaded on first use: ECharts (~300 kB) stays out of the initial bundle. */
export const Chart = defineAsyncComponent({
  loader: () => import('./BaseChart.vue'),
  loadingComponent: ChartPlaceholder,
  errorComponent: ChartPlaceholder,
  delay: 0,
});

export type { ChartOption } from './types';
export { CHART_COLORS } from './types';
export { withTable, chartTable, type ChartTable } from './table';
