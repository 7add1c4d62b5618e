import type { ChartSpec } from '../../../src/analytics/answer/chart-spec.ts';
import type { ChartChoice } from '../../../src/server/web/workspace-api-schemas.ts';

/** A pie with more slices than this is unreadable; the answer keeps bar, line, area and table. */
const MAX_PIE_SLICES = 12;

type Series = ChartSpec['option']['series'][number];

const KEEPS_ITS_OWN_CHART = new Set<string>(['forecast', 'horizontal-bar']);

/** The switchable type a chart was drawn as (bar or line), or null for funnels, heatmaps and anything else. */
export function chartChoiceOf(spec: ChartSpec | null): 'bar' | 'line' | null {
  // A forecast's shaded band and horizontal bars ranked by probability are drawn for their data: not switchable.
  if (!spec || KEEPS_ITS_OWN_CHART.has(spec.kind)) return null;
  const types = new Set(spec.option.series.map((series) => series.type));
  if (spec.option.xAxis?.type !== 'category' || types.size !== 1) return null;
  if (types.has('bar')) return 'bar';
  if (types.has('line')) return 'line';
  return null;
}

function plainNumbers(series: Series): number[] | null {
  const values: number[] = [];
  for (const point of series.data) {
    if (typeof point !== 'number') return null;
    values.push(point);
  }
  return values;
}

/**
 * The chart types this answer's data allows, the table always among them. Categories against values can be bars,
 * lines or areas; a pie needs one series of parts of a whole (non-negative, not a trend over time, few slices).
 * Funnels and heatmaps keep their own chart (and the table).
 */
export function allowedChartKinds(spec: ChartSpec | null): ChartChoice[] {
  const drawn = chartChoiceOf(spec);
  if (!spec || !drawn) return ['table'];
  const kinds: ChartChoice[] = ['bar', 'line', 'area'];
  const [only, ...more] = spec.option.series;
  const values = only && more.length === 0 ? plainNumbers(only) : null;
  const categories = spec.option.xAxis?.data?.length ?? 0;
  const overTime = spec.kind === 'line' || spec.kind === 'multi-line';
  if (values && !overTime && categories >= 2 && categories <= MAX_PIE_SLICES && values.every((value) => value >= 0) && values.some((value) => value > 0)) kinds.push('pie');
  return [...kinds, 'table'];
}

/**
 * The (decorated) ECharts option redrawn as another type. Bars, lines and areas keep axes and series; a pie turns
 * the one series into named slices. 'table' has no chart, so it is not a kind here.
 */
export function optionAs(option: Record<string, unknown>, kind: Exclude<ChartChoice, 'table'>): Record<string, unknown> {
  const series = (option.series as Record<string, unknown>[]) ?? [];
  if (kind === 'pie') {
    const categories = ((option.xAxis as { data?: string[] } | undefined)?.data ?? []).map(String);
    const first = series[0] ?? {};
    const data = ((first.data as unknown[]) ?? []).map((value, index) => ({ name: categories[index] ?? String(index + 1), value }));
    const { xAxis: _xAxis, yAxis: _yAxis, grid: _grid, ...rest } = option;
    // Each slice is labelled with its category, so no legend (at phone width it would sit on the labels).
    return { ...rest, tooltip: { trigger: 'item' }, legend: { show: false }, series: [{ ...first, type: 'pie', radius: ['30%', '60%'], center: ['50%', '50%'], data, yAxisIndex: undefined, smooth: undefined }] };
  }
  const type = kind === 'area' ? 'line' : kind;
  return {
    ...option,
    series: series.map((entry) => ({ ...entry, type, areaStyle: kind === 'area' ? { opacity: 0.35 } : undefined, smooth: type === 'line' ? true : undefined })),
  };
}
