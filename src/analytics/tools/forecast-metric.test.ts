import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForecastError } from '../../models/forecast/forecast-error.ts';
import { seedDemo } from '../../seed/seed-demo.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { forecastMetricParameters, forecastMetricTool } from './forecast-metric.ts';

const AS_OF = '2025-06-30';
let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await Warehouse.open({ path: ':memory:' });
  await seedDemo(warehouse, { users: 400, days: 45, seed: 9, endDate: AS_OF });
});
afterAll(() => warehouse.close());

const context = () => ({ warehouse, language: 'en' as const, asOf: AS_OF });
type Result = Record<string, unknown> & { rows: Record<string, unknown>[]; forecast: { date: string; forecast: number; lower: number; upper: number }[] };

describe('forecast_metric tool', () => {
  it('returns the recent history as stored, then `horizon` forecast days with ordered bounds', async () => {
    const result = (await forecastMetricTool.execute(forecastMetricParameters.parse({ metric: 'gmv', horizon: 10 }), context())) as Result;
    expect(result.forecast.map((day) => day.date)).toEqual(['2025-07-01', '2025-07-02', '2025-07-03', '2025-07-04', '2025-07-05', '2025-07-06', '2025-07-07', '2025-07-08', '2025-07-09', '2025-07-10']);
    for (const day of result.forecast) {
      expect(day.lower).toBeLessThanOrEqual(day.forecast);
      expect(day.forecast).toBeLessThanOrEqual(day.upper);
      expect(day.lower).toBeGreaterThanOrEqual(0);
    }
    const expected = await warehouse.query(`
      SELECT CAST(o.created_at AS DATE)::VARCHAR AS day, round(sum(i.amount), 2) AS gmv FROM orders o JOIN order_items i USING (order_id)
      WHERE o.paid_at IS NOT NULL AND o.created_at >= DATE '2025-06-03' GROUP BY 1 ORDER BY 1`);
    const history = result.rows.filter((row) => row.actual !== null);
    expect(history).toHaveLength(28);
    expect(history.map((row) => [row.date, row.actual])).toEqual(expected.rows.map((row) => [row.day, row.gmv]));
    const backtest = result.backtest as { days: number; mape: number; baseline_mape: number };
    expect(backtest.days).toBe(14);
    expect(backtest.mape).toBeGreaterThan(0);
    // 618 is in this window: it must be reported, not silently averaged in.
    expect((result.notes as string[]).some((note) => note.includes('2025-06-18'))).toBe(true);
  });

  it('filters by category in English or Chinese and explains an unknown category', async () => {
    const english = (await forecastMetricTool.execute(forecastMetricParameters.parse({ metric: 'units', horizon: 7, category: 'Snacks' }), context())) as Result;
    const chinese = (await forecastMetricTool.execute(forecastMetricParameters.parse({ metric: 'units', horizon: 7, category: '零食' }), context())) as Result;
    expect(chinese.forecast).toEqual(english.forecast);
    expect(english.category).toBe('Snacks');
    const all = (await forecastMetricTool.execute(forecastMetricParameters.parse({ metric: 'units', horizon: 7 }), context())) as Result;
    const lastActual = (result: Result) => result.rows.filter((row) => row.actual !== null).reduce((sum, row) => sum + Number(row.actual), 0);
    expect(lastActual(english)).toBeLessThan(lastActual(all));
    await expect(forecastMetricTool.execute(forecastMetricParameters.parse({ metric: 'uv', horizon: 7, category: 'Cars' }), context())).rejects.toThrow(ForecastError);
    await expect(forecastMetricTool.execute(forecastMetricParameters.parse({ metric: 'uv', horizon: 7, category: 'Cars' }), context())).rejects.toThrow(/Snacks/);
    expect(() => forecastMetricParameters.parse({ metric: 'gmv', horizon: 61 })).toThrow();
  });
});
