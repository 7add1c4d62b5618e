import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../../src/analytics/answer/chart-spec.ts';
import type { ResultColumn } from '../../../src/presentation/result-table.ts';
import { axisTickText, decorateOption, unitOfName } from './chart-units.ts';

const columns: ResultColumn[] = [
  { id: 'city_tier', label_en: 'City tier', label_zh: '城市等级', unit: 'text', role: 'dimension' },
  { id: 'gmv', label_en: 'GMV', label_zh: '成交额', unit: 'currency', role: 'metric', currency: 'CNY' },
  { id: 'conversion_rate', label_en: 'Conversion rate', label_zh: '转化率', unit: 'ratio', role: 'metric' },
];

const option: ChartSpec['option'] = {
  tooltip: { trigger: 'axis' },
  xAxis: { type: 'category', data: ['tier1', 'tier2'] },
  yAxis: [
    { type: 'value', name: 'GMV' },
    { type: 'value', name: 'Conversion rate', axisLabel: { formatter: '{value}' } },
  ],
  series: [
    { type: 'bar', name: 'GMV', data: [1000, 500] },
    { type: 'bar', name: 'Conversion rate', data: [0.25, 0.125], yAxisIndex: 1 },
  ],
};

describe('chart units', () => {
  it('finds a series’ unit by its label in either language', () => {
    expect(unitOfName('转化率', columns)).toBe('ratio');
    expect(unitOfName('City tier', columns)).toBeUndefined();
  });

  it('writes axis ticks as percents for ratios and the column currency for money', () => {
    expect(axisTickText(0.25, 'ratio')).toBe('25%');
    expect(axisTickText(0.1234, 'ratio')).toBe('12.3%');
    expect(axisTickText(12345.6, 'currency', 'CNY')).toBe('¥12,346');
    expect(axisTickText(12345.6, 'currency', 'GBP')).toBe('£12,346');
    expect(axisTickText(12345.6, 'currency', null)).toBe('12,346');
  });

  it('adds unit-aware tooltips and tick formatters without touching the data', () => {
    const decorated = decorateOption(option, columns, 'en') as { yAxis: { axisLabel: { formatter: (value: number) => string } }[]; series: { data: unknown; tooltip: { valueFormatter: (value: unknown) => string } }[] };
    expect(decorated.yAxis[0]?.axisLabel.formatter(2000)).toBe('¥2,000');
    expect(decorated.yAxis[1]?.axisLabel.formatter(0.5)).toBe('50%');
    expect(decorated.series[0]?.tooltip.valueFormatter(1000)).toBe('¥1,000.00');
    expect(decorated.series[1]?.tooltip.valueFormatter(0.125)).toBe('12.50%');
    expect(decorated.series[1]?.data).toEqual([0.25, 0.125]);
    expect((decorated as unknown as { xAxis: { axisLabel: unknown } }).xAxis.axisLabel).toEqual({ interval: 0, rotate: 0 });
  });

  it('uses the last element of heatmap cells and the sole metric for grouped series', () => {
    const heatmap: ChartSpec['option'] = { tooltip: { trigger: 'item' }, series: [{ type: 'heatmap', name: 'Retention', data: [[0, 1, 0.5]] }] };
    const retention: ResultColumn[] = [{ id: 'retention_rate', label_en: 'Retention rate', label_zh: '留存率', unit: 'ratio', role: 'metric' }];
    const decorated = decorateOption(heatmap, retention, 'zh') as { series: { tooltip: { valueFormatter: (value: unknown) => string } }[] };
    expect(decorated.series[0]?.tooltip.valueFormatter([0, 1, 0.5])).toBe('50.00%');
  });

  it('formats a value x axis (horizontal bars) by the unit of the metric it is named after', () => {
    const horizontal: ChartSpec['option'] = {
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', name: 'Conversion rate' },
      yAxis: { type: 'category', data: ['tier1', 'tier2'] },
      series: [{ type: 'bar', name: 'Conversion rate', data: [0.25, 0.125] }],
    };
    const decorated = decorateOption(horizontal, columns, 'en') as { xAxis: { axisLabel: { formatter: (value: number) => string } } };
    expect(decorated.xAxis.axisLabel.formatter(0.4)).toBe('40%');
  });
});
