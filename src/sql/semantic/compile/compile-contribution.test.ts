import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse.ts';
import { addDays } from '../time/calendar-date.ts';
import { compileContribution } from './compile-contribution.ts';
import { buildRandomFixture } from '../testing/random-fixture.ts';
import { SemanticQueryError } from '../semantic-error.ts';
import { loadFixture } from '../testing/semantic-fixture.ts';

const CURRENT = { start: '2025-11-10', end: '2025-11-30' };
const PREVIOUS = { start: '2025-10-20', end: '2025-11-09' };
const bind = (range: { start: string; end: string }) => ({ start: range.start, end: addDays(range.end, 1) });

describe('compileContribution', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open({ path: ':memory:' });
    await loadFixture(warehouse, buildRandomFixture(11, 150));
  });
  afterAll(() => warehouse.close());

  it('splits the change of an additive metric by each candidate dimension', async () => {
    const compiled = compileContribution({ metric: 'gmv', dimensions: ['category', 'city'], timeRange: CURRENT, compareTo: PREVIOUS, limitPerDimension: 50 });
    const { rows } = await warehouse.query(compiled.sql);
    const gmvByCategory = async (range: { start: string; end: string }) =>
      Object.fromEntries(
        (
          await warehouse.query(
            `SELECT p.category, SUM(oi.amount) AS gmv FROM order_items oi JOIN orders o USING (order_id) JOIN products p USING (product_id)
             WHERE o.paid_at IS NOT NULL AND o.created_at >= $start AND o.created_at < $end GROUP BY 1`,
            bind(range),
          )
        ).rows.map((row) => [row.category, Number(row.gmv)]),
      );
    const now = await gmvByCategory(CURRENT);
    const before = await gmvByCategory(PREVIOUS);
    const categories = rows.filter((row) => row.dimension === 'category');
    for (const row of categories) {
      expect(row.value_current).toBeCloseTo(now[String(row.dimension_value)] ?? 0, 6);
      expect(row.value_previous).toBeCloseTo(before[String(row.dimension_value)] ?? 0, 6);
      expect(row.change).toBeCloseTo(Number(row.value_current) - Number(row.value_previous), 6);
    }
    const total = (values: Record<string, number>) => Object.values(values).reduce((sum, value) => sum + value, 0);
    for (const dimension of ['category', 'city']) {
      const group = rows.filter((row) => row.dimension === dimension);
      expect(group.reduce((sum, row) => sum + Number(row.contribution), 0)).toBeCloseTo(total(now) - total(before), 6);
      expect(group.reduce((sum, row) => sum + Number(row.share_of_total_change), 0)).toBeCloseTo(1, 9);
      // Every row carries the dimension's totals, so an answer can state the change it decomposes.
      for (const row of group) {
        expect(row.total_current).toBeCloseTo(total(now), 6);
        expect(row.total_previous).toBeCloseTo(total(before), 6);
        expect(row.total_change).toBeCloseTo(total(now) - total(before), 6);
        expect(row.total_change_pct).toBeCloseTo((total(now) - total(before)) / total(before), 9);
      }
      const sizes = group.map((row) => Math.abs(Number(row.contribution)));
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      expect(group.map((row) => row.rank_in_dimension)).toEqual(group.map((_, index) => index + 1));
    }
  });

  it('decomposes a ratio into mix and rate effects that add up to the overall change', async () => {
    const compiled = compileContribution({ metric: 'conversion_rate', dimensions: ['city', 'gender'], timeRange: CURRENT, compareTo: PREVIOUS, limitPerDimension: 50 });
    const { rows } = await warehouse.query(compiled.sql);
    const conversion = async (range: { start: string; end: string }) => {
      const { rows: result } = await warehouse.query(
        `SELECT (SELECT COUNT(DISTINCT o.user_id) FROM orders o SEMI JOIN order_items oi ON oi.order_id = o.order_id
                 WHERE o.paid_at IS NOT NULL AND o.created_at >= $start AND o.created_at < $end)
              / (SELECT COUNT(DISTINCT user_id) FROM events WHERE event_time >= $start AND event_time < $end) AS rate`,
        bind(range),
      );
      return Number(result[0]?.rate);
    };
    const overallChange = (await conversion(CURRENT)) - (await conversion(PREVIOUS));
    for (const dimension of ['city', 'gender']) {
      const group = rows.filter((row) => row.dimension === dimension);
      const sum = (key: string) => group.reduce((total, row) => total + Number(row[key]), 0);
      expect(sum('contribution')).toBeCloseTo(overallChange, 12);
      for (const row of group) expect(row.total_change).toBeCloseTo(overallChange, 12);
      for (const row of group) {
        const weightNow = Number(row.denominator_current) / sum('denominator_current');
        const weightBefore = Number(row.denominator_previous) / sum('denominator_previous');
        const rateNow = Number(row.numerator_current) / Number(row.denominator_current) || 0;
        const rateBefore = Number(row.numerator_previous) / Number(row.denominator_previous) || 0;
        expect(Number(row.mix_effect) + Number(row.rate_effect)).toBeCloseTo(weightNow * rateNow - weightBefore * rateBefore, 12);
        expect(row.contribution).toBeCloseTo(Number(row.mix_effect) + Number(row.rate_effect), 12);
      }
    }
    expect(compiled.columns.map((column) => column.id)).toContain('mix_effect');
    expect(compiled.assumptions.some((assumption) => assumption.zh.includes('结构效应'))).toBe(true);
  });

  it('keeps rows without a value as "(none)" so totals stay complete, and limits rows per dimension', async () => {
    const { rows } = await warehouse.query(
      compileContribution({ metric: 'uv', dimensions: ['category', 'device'], timeRange: CURRENT, compareTo: PREVIOUS, limitPerDimension: 2, language: 'zh' }).sql,
    );
    expect(rows.filter((row) => row.dimension === 'category')).toHaveLength(2);
    expect(rows.filter((row) => row.dimension === 'device')).toHaveLength(2);
    const all = await warehouse.query(
      compileContribution({ metric: 'uv', dimensions: ['category'], timeRange: CURRENT, compareTo: PREVIOUS, language: 'zh' }).sql,
    );
    expect(all.rows.map((row) => row.dimension_value)).toContain('(无)');
  });

  it('refuses calendar dimensions, which cannot line up two periods', () => {
    expect(() => compileContribution({ metric: 'gmv', dimensions: ['day'], timeRange: CURRENT, compareTo: PREVIOUS })).toThrow(SemanticQueryError);
  });
});
