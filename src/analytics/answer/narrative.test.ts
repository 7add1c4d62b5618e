import { describe, expect, it } from 'vitest';
import { chartFor, ChartSpecSchema } from './chart-spec.ts';
import { formatSignedPercent, formatValue } from '../../presentation/format-value.ts';
import { narrate } from './narrative.ts';
import type { ResultTable } from '../../presentation/result-table.ts';
import { ungroundedNumbers } from './verify-narrative.ts';

const ranking: ResultTable = {
  shape: 'ranking',
  sql: 'SELECT …',
  assumptions: [],
  direction: 'desc',
  columns: [
    { id: 'category', label_en: 'Category', label_zh: '品类', unit: 'text', role: 'dimension' },
    { id: 'conversion_rate', label_en: 'Conversion rate', label_zh: '转化率', unit: 'ratio', role: 'metric' },
  ],
  rows: [
    { category: 'Snacks', conversion_rate: 0.1191 },
    { category: 'Phones', conversion_rate: 0.0734 },
    { category: 'Laptops', conversion_rate: 0.0312 },
  ],
};

describe('formatValue', () => {
  it('formats each unit the same way everywhere', () => {
    expect(formatValue(1234567.891, 'currency', 'en', 'CNY')).toBe('¥1,234,567.89');
    expect(formatValue(-12.5, 'currency', 'zh', 'CNY')).toBe('-¥12.50');
    // The shop's own currency, never a default one: pounds, reais, a code without a sign, none recorded.
    expect(formatValue(1234.5, 'currency', 'en', 'GBP')).toBe('£1,234.50');
    expect(formatValue(1234.5, 'currency', 'zh', 'BRL')).toBe('R$1,234.50');
    expect(formatValue(7, 'currency', 'en', 'XAU')).toBe('XAU 7.00');
    expect(formatValue(7, 'currency', 'en', null)).toBe('7.00');
    expect(formatValue(0.1191, 'ratio', 'en')).toBe('11.91%');
    expect(formatValue(4327, 'count', 'zh')).toBe('4,327');
    expect(formatValue(42.25, 'seconds', 'zh')).toBe('42.3 秒');
    expect(formatValue(null, 'count', 'en')).toBe('n/a');
    expect(formatSignedPercent(-0.0029)).toBe('-0.29%');
  });
});

describe('narrate', () => {
  it('names the top rows with their values, in both languages, with only grounded numbers', () => {
    const english = narrate(ranking, { language: 'en', periodLabel: '2025-11-17 to 2025-11-23' });
    expect(english).toBe('From 2025-11-17 to 2025-11-23, Snacks had the highest Conversion rate (11.91%), followed by Phones (7.34%) and Laptops (3.12%).');
    const chinese = narrate(ranking, { language: 'zh', periodLabel: '2025-11-17 至 2025-11-23' });
    expect(chinese).toContain('转化率最高的是 Snacks(11.91%)');
    for (const text of [english, chinese]) expect(ungroundedNumbers(text, ranking.rows, ['2025-11-17', '2025-11-23'])).toEqual([]);
  });

  it('says there is no data instead of narrating an empty result', () => {
    expect(narrate({ ...ranking, rows: [] }, { language: 'en' })).toMatch(/no data/);
    expect(narrate({ ...ranking, rows: [] }, { language: 'zh' })).toMatch(/没有/);
  });

  it('the grounding check catches invented numbers', () => {
    expect(ungroundedNumbers('Snacks converted at 11.91%, about 5,000 buyers.', ranking.rows)).toEqual(['5,000']);
  });
});

describe('chartFor', () => {
  it('draws a bar chart for a ranking and validates it', () => {
    const chart = chartFor(ranking, 'en');
    expect(chart?.kind).toBe('bar');
    expect(ChartSpecSchema.parse(chart)).toEqual(chart);
    expect(chart?.option.xAxis?.data).toEqual(['Snacks', 'Phones', 'Laptops']);
  });

  it('draws a line for a trend and nothing for a single number', () => {
    const trend: ResultTable = { ...ranking, shape: 'trend', columns: [{ id: 'day', label_en: 'Day', label_zh: '日期', unit: 'date', role: 'dimension' }, { id: 'orders', label_en: 'Orders', label_zh: '订单数', unit: 'count', role: 'metric' }], rows: [{ day: '2025-11-01', orders: 3 }, { day: '2025-11-02', orders: 5 }] };
    expect(chartFor(trend, 'zh')?.kind).toBe('line');
    expect(chartFor({ ...trend, shape: 'single', columns: [trend.columns[1] as never], rows: [{ orders: 8 }] }, 'en')).toBeNull();
  });
});

describe('narrate: one group and a running total', () => {
  it('states one group’s value without calling it the highest', () => {
    const one: ResultTable = { ...ranking, shape: 'breakdown', rows: [{ category: 'Snacks', conversion_rate: 0.1191 }] };
    expect(narrate(one, { language: 'en' })).toBe('Conversion rate for Snacks was 11.91%.');
    expect(narrate(one, { language: 'zh' })).toBe('Snacks的转化率为 11.91%。');
  });

  it('names no peak when a series ends on its highest value', () => {
    const running: ResultTable = {
      shape: 'trend', sql: 'SELECT …', assumptions: [],
      columns: [
        { id: 'day', label_en: 'Day', label_zh: '日期', unit: 'text', role: 'dimension' },
        { id: 'gmv', label_en: 'Cumulative GMV', label_zh: '累计成交额', unit: 'count', role: 'metric' },
      ],
      rows: [{ day: '2025-11-01', gmv: 10 }, { day: '2025-11-02', gmv: 25 }],
    };
    expect(narrate(running, { language: 'en' })).toBe('Cumulative GMV went from 10 on 2025-11-01 to 25 on 2025-11-02, its highest.');
    expect(narrate(running, { language: 'zh' })).toBe('累计成交额从 2025-11-01 的 10 变为 2025-11-02 的 25,为期间最高。');
  });
});
