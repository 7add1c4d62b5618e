import { describe, expect, it } from 'vitest';
import type { ResultTable } from '../../presentation/result-table.ts';
import { countSentence, countTable } from './count-values.ts';

const byCountry: ResultTable = {
  shape: 'breakdown',
  sql: 'SELECT …',
  assumptions: [],
  columns: [
    { id: 'country', label_en: 'Country', label_zh: '国家', unit: 'text', role: 'dimension' },
    { id: 'orders', label_en: 'Paid orders', label_zh: '支付订单数', unit: 'count', role: 'metric' },
  ],
  rows: [
    { country: 'United Kingdom', orders: 1003 },
    { country: 'Germany', orders: 18 },
    { country: 'Iceland', orders: 0 },
  ],
};

describe('counting the values of a dimension', () => {
  it('answers "how many countries" with one row: the values whose metric is above zero', () => {
    expect(countTable(byCountry, 'country')).toMatchObject({ shape: 'single', columns: [{ id: 'country_count', unit: 'count', label_zh: '有支付订单数的国家数' }], rows: [{ country_count: 2 }] });
    expect(countSentence(byCountry, 'country', 'en')).toBe('2 countries had Paid orders above zero; the most is United Kingdom (1,003).');
  });

  it('gives no exact count from a list cut at the row limit', () => {
    expect(countTable({ ...byCountry, truncated: true }, 'country')).toBeUndefined();
  });
});
