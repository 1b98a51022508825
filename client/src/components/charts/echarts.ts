/**
 * The one place ECharts is configured. Tree-shaken: only the chart types and components the views
 * use are registered (add one here when a view needs it). Imported only by BaseChart.vue, which views
 * load lazily, so ECharts never lands in the initial bundle.
 */
import { LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([CanvasRenderer, LineChart, ScatterChart, GridComponent, TooltipComponent, MarkLineComponent, MarkAreaComponent]);
