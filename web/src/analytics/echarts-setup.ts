/**
 * ECharts, tree-shaken to what ShopLens answers use (chart-spec.ts emits line, bar, funnel and heatmap with title,
 * tooltip, legend, grid and visualMap; analysts may switch a chart to area or pie). Loaded on demand by chart-view.ts, so the page paints before it arrives.
 */
import { BarChart, FunnelChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapContinuousComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, BarChart, FunnelChart, HeatmapChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapContinuousComponent, CanvasRenderer]);

export { init };
