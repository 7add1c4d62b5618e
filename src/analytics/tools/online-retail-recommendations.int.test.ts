import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../importers/run-import.ts';
import { temporaryFolder } from '../../importers/test-files.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { createRecommendProductsTool, recommendProductsParameters } from './recommend-products.ts';
import { HashingEncoder } from '../../models/embeddings/hashing-encoder.ts';
import { evaluateRecommendations } from '../../models/recommendations/evaluate-recommendations.ts';
import { RecommendationError } from '../../models/recommendations/recommendation-error.ts';

/** The real UCI Online Retail sample beside the repository (never copied into it). */
const SAMPLE = path.resolve(process.cwd(), '../shared/data/online_retail_sample.csv');
const selectEncoder = async () => ({ encoder: new HashingEncoder(), kind: 'fallback' as const, reason: 'test encoder' });

let folder: string;
let warehouse: Warehouse;

beforeAll(async () => {
  if (!existsSync(SAMPLE)) return;
  folder = temporaryFolder('recommendations-retail');
  warehouse = await Warehouse.open({ path: path.join(folder, 'retail.duckdb') });
  await runImport(warehouse, { format: 'online-retail', files: [SAMPLE] });
});

afterAll(() => {
  warehouse?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function scalar(sql: string): Promise<number> {
  const { rows } = await warehouse.query(sql);
  return Number(Object.values(rows[0] ?? {})[0]);
}

describe.skipIf(!existsSync(SAMPLE))('recommendations on the imported UCI Online Retail sample (orders only, no events)', () => {
  it('evaluates leave-last-out hit rate@10 against popularity', async () => {
    const report = await evaluateRecommendations(warehouse, { selectEncoder, contentWeights: [0.3, 0, 1] });
    console.log('UCI Online Retail sample:', JSON.stringify(report.metrics), '\n', report.details.join('\n '));
    const repeatCustomers = await scalar(`
      SELECT count(*) FROM (SELECT o.user_id FROM orders o JOIN order_items i USING (order_id) JOIN products p USING (product_id)
        WHERE o.paid_at IS NOT NULL AND o.user_id IS NOT NULL AND p.category IS DISTINCT FROM 'non_merchandise'
        GROUP BY o.user_id HAVING count(DISTINCT o.order_id) >= 2)`);
    expect(report.metrics.eligible_shoppers).toBe(repeatCustomers);
    expect(report.metrics.cases).toBe(repeatCustomers - (report.metrics.rebuy_only_shoppers as number));
    expect(report.metrics.cases).toBeGreaterThan(0);
    expect(report.model).toContain('hashing-ngram-v1');
  });

  it('recommends products bought together with a stock item, and refuses a category the data does not have', async () => {
    const tool = createRecommendProductsTool({ selectEncoder });
    const context = { warehouse, language: 'en' as const, asOf: '2010-12-14' };
    const popular = await warehouse.query(`
      SELECT i.product_id FROM order_items i JOIN orders o USING (order_id) JOIN products p USING (product_id)
      WHERE o.paid_at IS NOT NULL AND p.category IS NULL GROUP BY i.product_id ORDER BY count(DISTINCT o.order_id) DESC, i.product_id LIMIT 1`);
    const productId = Number(popular.rows[0]?.product_id);
    const result = (await tool.execute(recommendProductsParameters.parse({ product_id: productId, top_k: 5 }), context)) as unknown as { rows: { product_id: number; reason_kind: string; title_en: string }[] };
    console.log('with product', productId, ':', result.rows.map((row) => `${row.title_en} (${row.reason_kind})`).join('; '));
    expect(result.rows).toHaveLength(5);
    expect(result.rows.map((row) => row.product_id)).not.toContain(productId);
    expect(result.rows.some((row) => row.reason_kind === 'bought_with')).toBe(true);
    await expect(tool.execute(recommendProductsParameters.parse({ product_id: productId, category: 'Toys' }), context)).rejects.toThrow(RecommendationError);
  });
});
