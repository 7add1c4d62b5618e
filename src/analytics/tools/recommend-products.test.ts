import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashingEncoder } from '../../models/embeddings/hashing-encoder.ts';
import { RecommendationError } from '../../models/recommendations/recommendation-error.ts';
import { listStoredModels, readStoredModel } from '../../models/model-store/stored-model.ts';
import { unpackCoOccurrence } from '../../models/recommendations/packed-co-occurrence.ts';
import { seedDemo } from '../../seed/seed-demo.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { createRecommendProductsTool, recommendProductsParameters } from './recommend-products.ts';

let warehouse: Warehouse;
let buyer: number;
const tool = createRecommendProductsTool({ selectEncoder: async () => ({ encoder: new HashingEncoder(), kind: 'fallback', reason: 'test encoder' }) });

type Row = { product_id: number; category_en: string; title_en: string; title_zh: string; price: number; score: number; reason: string; reason_kind: string };
type Result = { rows: Row[]; encoder: string; basis: { kind: string; product_id?: number }; columns: { id: string }[] };

const run = async (argumentsValue: unknown, language: 'en' | 'zh' = 'en') =>
  (await tool.execute(recommendProductsParameters.parse(argumentsValue), { warehouse, language, asOf: '2025-11-30' })) as unknown as Result;

beforeAll(async () => {
  warehouse = await Warehouse.open({ path: ':memory:' });
  await seedDemo(warehouse, { users: 1500, days: 30 });
  const { rows } = await warehouse.query('SELECT user_id FROM orders WHERE paid_at IS NOT NULL GROUP BY user_id ORDER BY count(*) DESC, user_id LIMIT 1');
  buyer = Number(rows[0]?.user_id);
});

afterAll(() => warehouse?.close());

describe('recommend_products', () => {
  it('recommends for a shopper without anything they already bought, with bilingual titles and reasons', async () => {
    const result = await run({ user_id: buyer, top_k: 10 });
    console.log(`recommendations for user ${buyer}:`, result.rows.map((row) => `${row.title_en} (${row.reason})`).join('; '));
    expect(result.rows).toHaveLength(10);
    expect(result.encoder).toBe('hashing-ngram-v1');
    // The learnt co-occurrence is kept in the cache schema for later questions and restarts.
    const stored = (await listStoredModels(warehouse)).find((model) => model.model === 'recommender_co_occurrence');
    expect(stored?.metrics.interactions).toBeGreaterThan(0);
    // What is stored parses back (otherwise every restart would silently retrain).
    const payload = (await readStoredModel(warehouse, 'recommender_co_occurrence', stored?.parameters ?? ''))?.payload;
    expect(unpackCoOccurrence(payload)?.interactions).toBe(stored?.metrics.interactions);
    const { rows } = await warehouse.query(`SELECT DISTINCT i.product_id FROM orders o JOIN order_items i USING (order_id) WHERE o.user_id = ${buyer} AND o.paid_at IS NOT NULL`);
    const bought = new Set(rows.map((row) => Number(row.product_id)));
    expect(bought.size).toBeGreaterThan(0);
    for (const row of result.rows) {
      expect(bought.has(row.product_id)).toBe(false);
      expect(row.title_en).toBeTruthy();
      expect(row.title_zh).toBeTruthy();
      expect(row.reason).not.toBe('');
      for (const column of result.columns) expect(row).toHaveProperty(column.id);
    }
    const scores = result.rows.map((row) => row.score);
    expect(scores).toEqual([...scores].sort((left, right) => right - left));
  });

  it('returns only products of the requested category, by English or Chinese name', async () => {
    const english = await run({ user_id: buyer, category: 'Headphones', top_k: 8 });
    const chinese = await run({ user_id: buyer, category: '耳机', top_k: 8 }, 'zh');
    expect(english.rows.length).toBe(8);
    expect(english.rows.every((row) => row.category_en === 'Headphones')).toBe(true);
    expect(chinese.rows.map((row) => row.product_id)).toEqual(english.rows.map((row) => row.product_id));
    const byProduct = await run({ product_title: 'iPhone 16', category: 'Snacks', top_k: 5 });
    expect(byProduct.rows.every((row) => row.category_en === 'Snacks')).toBe(true);
  });

  it('recommends from a product named by title, never the product itself', async () => {
    const result = await run({ product_title: 'AirPods Pro', top_k: 5 });
    expect(result.basis.kind).toBe('product');
    const { rows } = await warehouse.query(`SELECT title_en FROM products WHERE product_id = ${result.basis.product_id}`);
    expect(String(rows[0]?.title_en)).toContain('AirPods Pro');
    expect(result.rows.map((row) => row.product_id)).not.toContain(result.basis.product_id);
    expect(result.rows).toHaveLength(5);
  });

  it('rejects ambiguous or unknown requests with errors that say what to do', async () => {
    await expect(run({ top_k: 5 })).rejects.toThrow(/exactly one of user_id, product_id or product_title/);
    await expect(run({ user_id: buyer, product_id: 1 })).rejects.toThrow(RecommendationError);
    await expect(run({ user_id: 987654321 })).rejects.toThrow(/no shopper with user id 987654321/);
    await expect(run({ product_title: 'no such thing anywhere' })).rejects.toThrow(/No product title/);
    await expect(run({ user_id: buyer, category: 'Spaceships' })).rejects.toThrow(/Headphones \/ 耳机/);
  });
});
