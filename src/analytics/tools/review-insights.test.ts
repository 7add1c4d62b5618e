import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SentimentError } from '../../models/sentiment/sentiment-error.ts';
import { seedDemo } from '../../seed/seed-demo.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { reviewInsightsParameters, reviewInsightsTool } from './review-insights.ts';

let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await Warehouse.open({ path: ':memory:' });
  await seedDemo(warehouse, { users: 1500, days: 30 });
});

afterAll(() => warehouse?.close());

type Result = {
  reviews_analysed: number;
  reviews_with_mentions: number;
  overall_sentiment: Record<string, number>;
  model: { sentiment_model: string; aspect_lexicon: string };
  columns: { id: string }[];
  rows: { aspect: string; aspect_id: string; reviews: number; share: number; negative: number; examples: { review_id: number; product: string; rating: number }[] }[];
};

const run = async (argumentsValue: unknown, language: 'en' | 'zh' = 'en') =>
  (await reviewInsightsTool.execute(reviewInsightsParameters.parse(argumentsValue), { warehouse, language, asOf: '2025-11-30' })) as unknown as Result;

async function scalar(sql: string): Promise<number> {
  const { rows } = await warehouse.query(sql);
  return Number(Object.values(rows[0] ?? {})[0]);
}

describe('review_insights', () => {
  it('answers "what do customers complain about in headphones?" from headphone reviews only', async () => {
    const result = await run({ category: '耳机', top_k: 3 }, 'zh');
    console.log('headphone complaints:', JSON.stringify(result.rows.map((row) => [row.aspect, row.reviews, row.share])), JSON.stringify(result.overall_sentiment));
    expect(result.reviews_analysed).toBe(await scalar(`SELECT count(*) FROM reviews r JOIN products p USING (product_id) WHERE p.category = 'Headphones' AND trim(coalesce(r.review_text, '')) <> ''`));
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.rows.length).toBeLessThanOrEqual(3);
    expect(result.model.sentiment_model).toMatch(/naive-bayes/);
    for (const row of result.rows) {
      expect(row.reviews).toBe(row.negative);
      expect(row.share).toBeCloseTo(row.reviews / result.reviews_with_mentions, 3);
      expect(row.examples.length).toBeGreaterThan(0);
      expect(row.examples.length).toBeLessThanOrEqual(3);
      for (const column of result.columns) expect(row).toHaveProperty(column.id);
      const ids = row.examples.map((example) => example.review_id).join(', ');
      expect(await scalar(`SELECT count(*) FROM reviews r JOIN products p USING (product_id) WHERE r.review_id IN (${ids}) AND p.category = 'Headphones'`)).toBe(row.examples.length);
    }
    const reviewCounts = result.rows.map((row) => row.reviews);
    expect(reviewCounts).toEqual([...reviewCounts].sort((left, right) => right - left));
  });

  it('reports star shares that match SQL and model shares that add up', async () => {
    const result = await run({ category: 'Headphones', polarity: 'all' });
    const negativeStars = await scalar(`SELECT avg(CASE WHEN rating <= 2 THEN 1 ELSE 0 END) FROM reviews r JOIN products p USING (product_id) WHERE p.category = 'Headphones' AND trim(coalesce(r.review_text, '')) <> ''`);
    expect(result.overall_sentiment.stars_negative_share).toBeCloseTo(negativeStars, 4);
    expect((result.overall_sentiment.model_positive_share as number) + (result.overall_sentiment.model_negative_share as number)).toBeCloseTo(1, 3);
  });

  it('finds the Soundpeak earbuds\' connection complaint by the brand\'s Chinese name', async () => {
    const result = await run({ brand: '声浪', top_k: 5 });
    expect(result.rows.map((row) => row.aspect_id)).toContain('connectivity');
  });

  it('rejects an unknown category with the valid names', async () => {
    await expect(run({ category: 'Spaceships' })).rejects.toThrow(SentimentError);
    await expect(run({ category: 'Spaceships' })).rejects.toThrow(/Headphones \/ 耳机/);
  });
});
