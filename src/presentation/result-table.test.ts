import { describe, expect, it } from 'vitest';
import { metricColumn, withCurrency, withTimeZone } from './result-table.ts';

describe('shop settings on tool results', () => {
  const result = { columns: [metricColumn('gmv', 'GMV', '成交额', 'currency'), metricColumn('orders', 'Orders', '订单数', 'count')], rows: [], assumptions: [{ en: 'Window.', zh: '窗口。' }] };

  it('stamps the currency on amount columns only', () => {
    const stamped = withCurrency(result, 'GBP');
    expect(stamped.columns.map((column) => (column as { currency?: string }).currency)).toEqual(['GBP', undefined]);
  });

  it("states the shop's time zone in both languages, after the existing assumptions", () => {
    const stated = withTimeZone(result, 'Europe/London');
    expect(stated.assumptions).toEqual([
      { en: 'Window.', zh: '窗口。' },
      { en: "Dates and hours are the shop's local time (Europe/London).", zh: '日期与小时均为店铺当地时间(Europe/London)。' },
    ]);
    expect(withTimeZone(result, undefined)).toBe(result);
    expect(withTimeZone('text', 'Asia/Shanghai')).toBe('text');
  });
});
