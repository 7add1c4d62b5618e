import { describe, expect, it } from 'vitest';
import { ChartSpecSchema, type ChartSpec } from '../../../src/analytics/answer/chart-spec.ts';
import { allowedChartKinds, chartChoiceOf, optionAs } from './chart-kinds.ts';

const spec = (kind: string, option: unknown): ChartSpec => ChartSpecSchema.parse({ library: 'echarts', kind, option });
const categories = spec('bar', {
  tooltip: { trigger: 'axis' },
  xAxis: { type: 'category', data: ['Phones', 'Shoes', 'Books'] },
  yAxis: { type: 'value', name: 'GMV' },
  series: [{ type: 'bar', name: 'GMV', data: [120, 45, 10] }],
});

describe('chart kinds', () => {
  it('offers a pie only for one series of non-negative parts that is not a trend', () => {
    expect(allowedChartKinds(categories)).toEqual(['bar', 'line', 'area', 'pie', 'table']);
    const trend = spec('line', { ...categories.option, series: [{ type: 'line', name: 'GMV', data: [1, 2, 3] }] });
    expect(allowedChartKinds(trend)).toEqual(['bar', 'line', 'area', 'table']);
    const change = spec('bar', { ...categories.option, series: [{ type: 'bar', name: 'Change', data: [5, -3, 2] }] });
    expect(allowedChartKinds(change)).not.toContain('pie');
    const twoSeries = spec('bar', { ...categories.option, series: [{ type: 'bar', name: 'A', data: [1, 2, 3] }, { type: 'bar', name: 'B', data: [1, 2, 3] }] });
    expect(allowedChartKinds(twoSeries)).not.toContain('pie');
  });

  it('keeps funnels and heatmaps as they are (table only besides)', () => {
    const funnel = spec('funnel', { tooltip: { trigger: 'item' }, series: [{ type: 'funnel', name: 'Users', data: [{ name: 'view', value: 10 }] }] });
    expect(chartChoiceOf(funnel)).toBeNull();
    expect(allowedChartKinds(funnel)).toEqual(['table']);
    expect(allowedChartKinds(null)).toEqual(['table']);
  });

  it('redraws the option as area and as pie slices named by category', () => {
    const area = optionAs(categories.option, 'area');
    expect(area.series).toEqual([expect.objectContaining({ type: 'line', areaStyle: { opacity: 0.35 }, data: [120, 45, 10] })]);
    expect(area.xAxis).toEqual(categories.option.xAxis);
    const pie = optionAs(categories.option, 'pie');
    expect(pie.xAxis).toBeUndefined();
    expect(pie.series).toEqual([expect.objectContaining({ type: 'pie', data: [{ name: 'Phones', value: 120 }, { name: 'Shoes', value: 45 }, { name: 'Books', value: 10 }] })]);
  });
});
