import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasketAnalysisError } from '../../models/baskets/basket-error.ts';
import { seedDemo } from '../../seed/seed-demo.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { frequentlyBoughtTogetherParameters, frequentlyBoughtTogetherTool } from './frequently-bought-together.ts';

let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await Warehouse.open({ path: ':memory:' });
  await seedDemo(warehouse, { users: 1500, days: 60, seed: 3 });
});
afterAll(() => warehouse.close());

const context = () => ({ warehouse, language: 'en' as const, asOf: '2025-11-30' });
type Rule = Record<string, unknown> & { antecedent_ids: number[]; consequent_ids: number[]; orders: number; confidence: number; lift: number; support: number };
type Result = Record<string, unknown> & { rows: Rule[] };
const run = async (input: Record<string, unknown>, language: 'en' | 'zh' = 'en') =>
  (await frequentlyBoughtTogetherTool.execute(frequentlyBoughtTogetherParameters.parse(input), { ...context(), language })) as Result;

/** Paid orders containing all the given products, counted in SQL (independent of the FP-tree). */
async function ordersWith(products: number[]): Promise<number> {
  const { rows } = await warehouse.query(`
    SELECT count(*) AS n FROM (
      SELECT o.order_id FROM orders o JOIN order_items i USING (order_id)
      WHERE o.paid_at IS NOT NULL AND i.product_id IN (${products.join(', ')})
      GROUP BY o.order_id HAVING count(DISTINCT i.product_id) = ${products.length})`);
  return Number(rows[0]?.n);
}

describe('frequently_bought_together tool', () => {
  it('returns product rules whose counts, confidence and lift match SQL counts', async () => {
    const result = await run({ min_support: 0.001, top_k: 5 });
    expect(result.rows.length).toBeGreaterThan(0);
    const { rows } = await warehouse.query('SELECT count(*) AS n FROM orders WHERE paid_at IS NOT NULL');
    const total = Number(rows[0]?.n);
    expect(result.paid_orders).toBe(total);
    for (const rule of result.rows) {
      const both = await ordersWith([...rule.antecedent_ids, ...rule.consequent_ids]);
      const antecedent = await ordersWith(rule.antecedent_ids);
      const consequent = await ordersWith(rule.consequent_ids);
      expect(rule.orders).toBe(both);
      expect(both).toBeGreaterThanOrEqual(Math.max(3, Math.ceil(0.001 * total)));
      expect(rule.confidence).toBeCloseTo(both / antecedent, 4);
      expect(rule.lift).toBeCloseTo(both / antecedent / (consequent / total), 2);
      expect(String(rule.antecedent_zh)).toMatch(/[\u4e00-\u9fff]/);
    }
    const lifts = result.rows.map((rule) => rule.lift);
    expect(lifts).toEqual([...lifts].sort((left, right) => right - left));
  });

  it('narrows to one product found by title text, and to categories', async () => {
    const best = await warehouse.query(`
      SELECT i.product_id, any_value(p.title_en) AS title FROM orders o JOIN order_items i USING (order_id) JOIN products p USING (product_id)
      WHERE o.paid_at IS NOT NULL GROUP BY i.product_id ORDER BY count(DISTINCT o.order_id) DESC, i.product_id LIMIT 1`);
    const productId = Number(best.rows[0]?.product_id);
    const byText = await run({ product: String(best.rows[0]?.title) });
    expect(byText.sort_by).toBe('confidence');
    expect((byText.matched as { id: number }[])[0]?.id).toBe(productId);
    expect(byText.rows.length).toBeGreaterThan(0);
    for (const rule of byText.rows) expect(rule.antecedent_ids).toEqual([productId]);
    const confidences = byText.rows.map((rule) => rule.confidence);
    expect(confidences).toEqual([...confidences].sort((left, right) => right - left));
    expect((await run({ product: productId, sort_by: 'confidence' })).rows).toEqual(byText.rows);

    const categories = await run({ level: 'category', category: '零食', min_confidence: 0 }, 'zh');
    expect(categories.rows.length).toBeGreaterThan(0);
    for (const rule of categories.rows) expect(String(rule.antecedent)).toContain('零食');

    const phones = await run({ category: 'Phones', min_support: 0.0005, min_confidence: 0 });
    const phoneIds = new Set((await warehouse.query(`SELECT product_id FROM products WHERE category = 'Phones'`)).rows.map((row) => Number(row.product_id)));
    for (const rule of phones.rows) expect(rule.antecedent_ids.some((id) => phoneIds.has(id))).toBe(true);

    await expect(run({ product: 'no such thing xyz' })).rejects.toThrow(BasketAnalysisError);
    await expect(run({ category: 'Cars' })).rejects.toThrow(/Snacks/);
  });
});
