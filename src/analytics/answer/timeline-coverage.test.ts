import { describe, expect, it } from 'vitest';
import type { ResultTable } from '../../presentation/result-table.ts';
import { withinDataTimeline } from './timeline-coverage.ts';

const monthly: ResultTable = {
  shape: 'trend', sql: 'SELECT …', assumptions: [],
  columns: [
    { id: 'month', label_en: 'Month', label_zh: '月', unit: 'text', role: 'dimension' },
    { id: 'orders', label_en: 'Paid orders', label_zh: '支付订单数', unit: 'count', role: 'metric' },
  ],
  rows: [{ month: '2025-07-01', orders: 0 }, { month: '2025-08-01', orders: 0 }, { month: '2025-09-01', orders: 11262 }, { month: '2025-10-01', orders: 10726 }],
};

describe('withinDataTimeline', () => {
  it('keeps only the buckets that overlap the data: a month begun before the data stays, months wholly before go', () => {
    const kept = withinDataTimeline(monthly, { start: '2025-09-02', asOf: '2025-10-31' });
    expect(kept?.rows.map((row) => row.month)).toEqual(['2025-09-01', '2025-10-01']);
  });

  it('leaves tables without a day, week or month column, and timelines inside the data, as they are', () => {
    const byCity: ResultTable = { ...monthly, columns: [{ ...monthly.columns[0]!, id: 'city' }, monthly.columns[1]!], rows: [{ city: 'Beijing', orders: 3 }] };
    expect(withinDataTimeline(byCity, { start: '2025-09-02', asOf: '2025-10-31' })).toBe(byCity);
    expect(withinDataTimeline(monthly, { start: '2025-01-01', asOf: '2025-12-31' })).toBe(monthly);
  });
});
