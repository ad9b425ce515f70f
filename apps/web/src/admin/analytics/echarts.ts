/**
 * ECharts from `echarts/core` with only what the analytics pages draw (bar, line, scatter; grid,
 * tooltip, legend; canvas). Imported dynamically by `Chart`, so it is its own chunk, never in a first load.
 */
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
