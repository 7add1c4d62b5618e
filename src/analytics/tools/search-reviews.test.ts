import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddingTable } from '../../models/embeddings/embedding-cache.ts';
import { EmbeddingToolError } from '../../models/embeddings/embedding-tool-error.ts';
import { selectEncoder } from '../../models/embeddings/select-encoder.ts';
import type { EncoderSelection } from '../../models/embeddings/text-encoder.ts';
import { seedDemo } from '../../seed/seed-demo.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { createSearchReviewsTool } from './search-reviews.ts';

// The fallback encoder, selected exactly as in production when SHOPLENS_EMBED_MODEL is unset.
let selection: EncoderSelection;
let warehouse: Warehouse;
const context = () => ({ warehouse, language: 'zh' as const, asOf: '2025-11-30' });
const tool = createSearchReviewsTool({ selectEncoder: async () => selection });
const LOGISTICS = /物流|快递|发货|配送|deliver|shipping|arriv|tracking/i;

beforeAll(async () => {
  selection = await selectEncoder({ environment: {} });
  warehouse = await Warehouse.open({ path: ':memory:' });
  await seedDemo(warehouse, { users: 400, days: 20 });
});

afterAll(() => warehouse.close());

describe('search_reviews with the fallback encoder on the seeded demo', () => {
  it('finds logistics complaints for 物流太慢 and says which encoder it used', async () => {
    const result = await tool.execute({ query: '物流太慢', limit: 10 }, context());
    expect(result.encoder).toBe('hashing-ngram-v1');
    expect(result.encoder_kind).toBe('fallback');
    expect(result.encoder_note).toContain('SHOPLENS_EMBED_MODEL is not set');
    expect(result.rows).toHaveLength(10);
    const aboutLogistics = result.rows.filter((row) => LOGISTICS.test(row.review_text));
    expect(aboutLogistics.length).toBeGreaterThanOrEqual(8);
    // Complaints rank first: the top three are low-rated reviews about slow delivery.
    expect(result.rows.slice(0, 3).every((row) => LOGISTICS.test(row.review_text) && row.rating <= 3)).toBe(true);
    const similarities = result.rows.map((row) => row.similarity);
    expect([...similarities].sort((left, right) => right - left)).toEqual(similarities);
    const { rows } = await warehouse.query(`SELECT count(*) AS reviews FROM reviews WHERE review_text IS NOT NULL`);
    expect(result.searched_reviews).toBe(rows[0]?.reviews);
  });

  it('finds Chinese logistics complaints for an English query too', async () => {
    const result = await tool.execute({ query: 'the delivery took ages', limit: 5 }, context());
    expect(result.rows.filter((row) => LOGISTICS.test(row.review_text)).length).toBeGreaterThanOrEqual(4);
    expect(result.rows.some((row) => row.language === 'zh' && LOGISTICS.test(row.review_text))).toBe(true);
  });

  it('applies category (English or Chinese name), rating, date and language filters', async () => {
    const byChinese = await tool.execute({ query: '音质', category: '耳机', limit: 50 }, context());
    const byEnglish = await tool.execute({ query: '音质', category: 'headphones', limit: 50 }, context());
    expect(byChinese.rows.length).toBeGreaterThan(0);
    expect(byChinese.rows).toEqual(byEnglish.rows);
    expect(byChinese.rows.every((row) => row.category === '耳机')).toBe(true);

    const complaints = await tool.execute({ query: '质量', max_rating: 2, limit: 50 }, context());
    expect(complaints.rows.length).toBeGreaterThan(0);
    expect(complaints.rows.every((row) => row.rating <= 2)).toBe(true);

    const range = { start: '2025-11-20', end: '2025-11-25' };
    const dated = await tool.execute({ query: '质量', date_range: range, limit: 50 }, context());
    expect(dated.rows.every((row) => row.created_date >= range.start && row.created_date <= range.end)).toBe(true);
    const { rows } = await warehouse.query(
      `SELECT count(*) AS reviews FROM reviews WHERE created_at >= DATE '2025-11-20' AND created_at < DATE '2025-11-26'`,
    );
    expect(dated.searched_reviews).toBe(rows[0]?.reviews);

    const english = await tool.execute({ query: 'quality', language: 'en', limit: 50 }, context());
    expect(english.rows.every((row) => row.language === 'en')).toBe(true);
  });

  it('restricts to one product', async () => {
    const { rows } = await warehouse.query(`SELECT product_id FROM reviews GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    const productId = Number(rows[0]?.product_id);
    const result = await tool.execute({ query: '好评', product_id: productId, limit: 50 }, context());
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.rows.every((row) => row.product_id === productId)).toBe(true);
  });

  it('caches review and query embeddings: a repeated search embeds nothing new', async () => {
    await tool.execute({ query: '包装破损', limit: 3 }, context());
    const again = await tool.execute({ query: '包装破损', limit: 3 }, context());
    expect(again.embedded_now).toBe(0);
    const table = await embeddingTable(warehouse);
    const { rows } = await warehouse.query(
      `SELECT count(*) AS cached FROM ${table} WHERE encoder = 'hashing-ngram-v1'
         AND text_hash IN (SELECT sha256(review_text) FROM reviews UNION SELECT sha256('包装破损'))`,
    );
    const { rows: distinct } = await warehouse.query(`SELECT count(DISTINCT review_text) + 1 AS texts FROM reviews`);
    expect(rows[0]?.cached).toBe(distinct[0]?.texts);
  });

  it('rejects an unknown category with the valid names', async () => {
    const error = await tool.execute({ query: '质量', category: '玩具', limit: 5 }, context()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmbeddingToolError);
    expect((error as EmbeddingToolError).parameter).toBe('category');
    expect((error as EmbeddingToolError).allowed).toContain('Headphones / 耳机');
    expect((error as Error).message).toMatch(/No product category is called "玩具"\. Use one of: .*Snacks \/ 零食/);
  });
});
