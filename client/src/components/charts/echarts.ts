/**
 * The one place ECharts is configured. Tree-shaken: only the chart types and components the views
 * use are registered (add one here when a view needs it). Imported only by BaseChart.vue, which views
 * load lazily, so ECharts never lands in the initial bundle.
 */
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([CanvasRenderer, LineChart, ScatterChart, BarChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, MarkAreaComponent]);
