import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../importers/run-import.ts';
import { temporaryFolder } from '../../importers/test-files.ts';
import { loadAsOfDate } from '../../sql/semantic/index.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { forecastMetricParameters, forecastMetricTool } from './forecast-metric.ts';
import { frequentlyBoughtTogetherParameters, frequentlyBoughtTogetherTool } from './frequently-bought-together.ts';
import { segmentCustomersTool } from './segment-customers.ts';
import { ForecastError } from '../../models/forecast/forecast-error.ts';
import { computeSegmentation } from '../../models/segments/compute-segmentation.ts';
import { BasketAnalysisError } from '../../models/baskets/basket-error.ts';

/** The real UCI Online Retail sample beside the repository (never copied into it). */
const SAMPLE = path.resolve(process.cwd(), '../shared/data/online_retail_sample.csv');

let folder: string;
let warehouse: Warehouse;
let asOf: string;

beforeAll(async () => {
  if (!existsSync(SAMPLE)) return;
  folder = temporaryFolder('models-retail');
  warehouse = await Warehouse.open({ path: path.join(folder, 'retail.duckdb') });
  await runImport(warehouse, { format: 'online-retail', files: [SAMPLE] });
  asOf = await loadAsOfDate(warehouse);
});

afterAll(() => {
  warehouse?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const context = () => ({ warehouse, language: 'en' as const, asOf });

async function scalar(sql: string): Promise<number> {
  const { rows } = await warehouse.query(sql);
  return Number(Object.values(rows[0] ?? {})[0]);
}

describe.skipIf(!existsSync(SAMPLE))('behaviour models on the imported UCI Online Retail sample (orders only, no events)', () => {
  it('segments customers from orders alone: RFM matches SQL, browsing features are dropped', async () => {
    const segmentation = await computeSegmentation(warehouse, asOf);
    expect(segmentation.model.buyers).toBe(await scalar('SELECT count(DISTINCT user_id) FROM orders WHERE paid_at IS NOT NULL AND user_id IS NOT NULL'));
    expect(segmentation.model.users).toBe(await scalar('SELECT count(DISTINCT user_id) FROM orders WHERE user_id IS NOT NULL'));
    expect(segmentation.model.featuresDropped).toEqual(expect.arrayContaining(['sessions', 'cart_rate', 'app_share']));
    expect(segmentation.model.featuresUsed).toEqual(expect.arrayContaining(['purchases', 'average_order_value', 'recency_days']));
    const top = (await warehouse.query(`
      SELECT o.user_id, sum(i.amount) AS spend, count(DISTINCT o.order_id) AS orders,
             date_diff('day', max(o.created_at)::DATE, DATE '${asOf}') AS recency
      FROM orders o JOIN order_items i USING (order_id) WHERE o.paid_at IS NOT NULL AND o.user_id IS NOT NULL
      GROUP BY o.user_id ORDER BY spend DESC, o.user_id LIMIT 1`)).rows[0];
    const user = segmentation.users.find((candidate) => candidate.userId === Number(top?.user_id));
    expect(user?.monetary).toBeCloseTo(Number(top?.spend), 2);
    expect([user?.frequency, user?.recencyDays, user?.monetaryScore]).toEqual([Number(top?.orders), Number(top?.recency), 5]);

    const tool = (await segmentCustomersTool.execute({ method: 'both', recompute: true }, context())) as { rows: { users: number }[] };
    expect(tool.rows.reduce((sum, row) => sum + row.users, 0)).toBe(segmentation.model.users);
  });

  it('forecasts GMV from two weeks of history without a back-test, and explains why UV cannot be forecast', async () => {
    const days = await scalar(`SELECT date_diff('day', min(created_at)::DATE, max(created_at)::DATE) + 1 FROM orders`);
    const input = forecastMetricParameters.parse({ metric: 'gmv', horizon: 7 });
    if (days < 14) {
      await expect(forecastMetricTool.execute(input, context())).rejects.toThrow(ForecastError);
    } else {
      const result = (await forecastMetricTool.execute(input, context())) as { forecast: { lower: number; upper: number }[]; backtest: unknown; model: { history_days: number } };
      expect(result.forecast).toHaveLength(7);
      expect(result.model.history_days).toBe(days);
      if (days < 21) expect(result.backtest).toBeNull();
    }
    await expect(forecastMetricTool.execute(forecastMetricParameters.parse({ metric: 'uv', horizon: 7 }), context())).rejects.toThrow(/no events|no Unique visitors/i);
  });

  it('finds product rules on real invoices whose counts match SQL, and no category rules (the data has no categories)', async () => {
    const result = (await frequentlyBoughtTogetherTool.execute(frequentlyBoughtTogetherParameters.parse({ min_support: 0.01, top_k: 5 }), context())) as {
      rows: { antecedent_ids: number[]; consequent_ids: number[]; orders: number; antecedent_en: string }[];
      paid_orders: number;
    };
    expect(result.paid_orders).toBe(await scalar('SELECT count(*) FROM orders WHERE paid_at IS NOT NULL'));
    expect(result.rows.length).toBeGreaterThan(0);
    for (const rule of result.rows) {
      const ids = [...rule.antecedent_ids, ...rule.consequent_ids];
      const together = await scalar(`
        SELECT count(*) FROM (SELECT o.order_id FROM orders o JOIN order_items i USING (order_id)
          WHERE o.paid_at IS NOT NULL AND i.product_id IN (${ids.join(', ')}) GROUP BY o.order_id HAVING count(DISTINCT i.product_id) = ${ids.length})`);
      expect(rule.orders).toBe(together);
      expect(rule.antecedent_en).toMatch(/[A-Z]/);
    }
    await expect(frequentlyBoughtTogetherTool.execute(frequentlyBoughtTogetherParameters.parse({ level: 'category' }), context())).rejects.toThrow(BasketAnalysisError);
  });
});
