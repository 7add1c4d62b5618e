import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seed/seed-demo.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { tagAspects } from './aspect-tagger.ts';
import { evaluateSentiment } from './evaluate-sentiment.ts';
import { reviewInsights } from './review-insights.ts';
import { sentimentModelFor } from './sentiment-model-store.ts';

/** The seeded demo as it is, and the same demo plus one test product with hand-written reviews. */
let demo: Warehouse;
let warehouse: Warehouse;

/** Hand-written reviews with the aspects and polarities a person reads in them. */
const HAND_WRITTEN: { text: string; rating: number; aspects: Record<string, 'positive' | 'negative'> }[] = [
  { text: '质量不错但是物流太慢', rating: 3, aspects: { quality: 'positive', logistics: 'negative' } },
  { text: '物流很快，包装也很严实，好评', rating: 5, aspects: { logistics: 'positive', packaging: 'positive' } },
  { text: '客服态度很差，不会再买了', rating: 1, aspects: { service: 'negative' } },
  { text: '价格偏贵，不过做工精细', rating: 4, aspects: { price: 'negative', quality: 'positive' } },
  { text: 'Customer service was helpful, but the battery life is poor.', rating: 3, aspects: { service: 'positive', battery: 'negative' } },
  { text: 'Delivery was slow and the box arrived crushed.', rating: 2, aspects: { logistics: 'negative', packaging: 'negative' } },
  { text: '尺码偏小，穿着不舒服', rating: 2, aspects: { size_fit: 'negative', comfort: 'negative' } },
  { text: 'Poor quality, the fabric pills. Overpriced.', rating: 1, aspects: { quality: 'negative', material: 'negative', price: 'negative' } },
  { text: '味道很好，很新鲜', rating: 5, aspects: { taste: 'positive', freshness: 'positive' } },
  { text: '电池不耐用，充电也慢', rating: 2, aspects: { battery: 'negative' } },
  { text: '收到了，还没用', rating: 4, aspects: {} },
  { text: 'Quality is not bad at all', rating: 4, aspects: { quality: 'positive' } },
  { text: '质量不好', rating: 1, aspects: { quality: 'negative' } },
  { text: '手机屏幕很清晰，但是发热严重', rating: 3, aspects: { screen: 'positive', performance: 'negative' } },
];
const PRODUCT_ID = 990001;

beforeAll(async () => {
  demo = await Warehouse.open({ path: ':memory:' });
  await seedDemo(demo, { users: 500, days: 30 });
  warehouse = await Warehouse.open({ path: ':memory:' });
  await seedDemo(warehouse, { users: 500, days: 30 });
  await warehouse.run(`INSERT INTO products (product_id, title_en, title_zh, category, category_zh, brand, price) VALUES (${PRODUCT_ID}, 'Test gadget', '测试商品', 'Test Gadgets', '测试品类', 'Testbrand', 10)`);
  for (const [index, review] of HAND_WRITTEN.entries()) {
    await warehouse.run(
      `INSERT INTO reviews (review_id, user_id, product_id, rating, review_text, language, created_at) VALUES ($id, 1, ${PRODUCT_ID}, $rating, $text, $language, TIMESTAMP '2025-11-01 10:00:00')`,
      { id: 990001 + index, rating: review.rating, text: review.text, language: /\p{Script=Han}/u.test(review.text) ? 'zh' : 'en' },
    );
  }
});

afterAll(() => {
  demo?.close();
  warehouse?.close();
});

describe('review sentiment on a small seeded demo (500 users × 30 days)', () => {
  it('beats the majority-class baseline on held-out reviews (macro F1)', async () => {
    const report = await evaluateSentiment(demo);
    console.log('sentiment on the 500 × 30 demo:', JSON.stringify(report.metrics), '\n', report.details.join('\n '));
    expect(report.metrics.held_out_reviews).toBeGreaterThan(10);
    expect(report.metrics.macro_f1).toBeGreaterThan(report.metrics.baseline_macro_f1 as number);
  });

  it('flips polarity under negation', async () => {
    const { model } = await sentimentModelFor(demo);
    expect(model.clausePolarity('好').evidence).toBeGreaterThan(0);
    expect(model.clausePolarity('不好').evidence).toBeLessThan(0);
    expect(model.clausePolarity('bad').evidence).toBeLessThan(0);
    expect(model.clausePolarity('not bad').evidence).toBeGreaterThan(0);
  });

  it('splits a mixed opinion into quality positive and logistics negative', async () => {
    const { model } = await sentimentModelFor(demo);
    expect(tagAspects('质量不错但是物流太慢', model).map((mention) => [mention.aspect, mention.polarity])).toEqual([
      ['quality', 'positive'],
      ['logistics', 'negative'],
    ]);
  });

  it('counts aspects on hand-written reviews exactly as a person reads them', async () => {
    const expected = new Map<string, { reviews: number; positive: number; negative: number }>();
    for (const review of HAND_WRITTEN) {
      for (const [aspect, polarity] of Object.entries(review.aspects)) {
        const entry = expected.get(aspect) ?? { reviews: 0, positive: 0, negative: 0 };
        entry.reviews += 1;
        entry[polarity] += 1;
        expected.set(aspect, entry);
      }
    }
    const all = await reviewInsights(warehouse, { productId: PRODUCT_ID, polarity: 'all', topK: 20 });
    expect(all.reviews).toBe(HAND_WRITTEN.length);
    const found = new Map(all.aspects.map((insight) => [insight.aspect.id, { reviews: insight.reviews, positive: insight.positive, negative: insight.negative }]));
    expect(found).toEqual(expected);

    const complaints = await reviewInsights(warehouse, { productId: PRODUCT_ID, polarity: 'negative', topK: 20 });
    const withComplaint = HAND_WRITTEN.filter((review) => Object.values(review.aspects).includes('negative')).length;
    expect(complaints.reviewsWithMentions).toBe(withComplaint);
    for (const insight of complaints.aspects) {
      const negative = expected.get(insight.aspect.id)?.negative ?? 0;
      expect([insight.aspect.id, insight.reviews, insight.share]).toEqual([insight.aspect.id, negative, negative / withComplaint]);
      for (const example of insight.examples) expect(HAND_WRITTEN.find((review) => review.text === example.review.text)?.aspects[insight.aspect.id]).toBe('negative');
    }
    expect(complaints.aspects.map((insight) => insight.aspect.id).sort()).toEqual([...expected].filter(([, entry]) => entry.negative > 0).map(([aspect]) => aspect).sort());
  });
});
