import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { reviewInsights } from '../../models/sentiment/review-insights.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

export const reviewInsightsParameters = z.object({
  category: z.string().trim().min(1).optional().describe('Only reviews of this product category, English or Chinese name, e.g. "Headphones" or "耳机"'),
  brand: z.string().trim().min(1).optional().describe('Only reviews of this brand, e.g. "Huawei" or "华为"'),
  product_id: z.number().int().positive().optional().describe('Only reviews of this product id'),
  date_range: z.object({ start: isoDate, end: isoDate }).optional().describe("Review dates, inclusive, resolved against the data's latest date"),
  polarity: z.enum(['negative', 'positive', 'all']).default('negative').describe('negative = complaints (default), positive = praise, all = every mention'),
  top_k: z.number().int().min(1).max(20).default(5).describe('How many aspects to return'),
});

const COLUMNS = [
  { id: 'aspect', label_en: 'Aspect', label_zh: '方面', unit: 'text', role: 'dimension' },
  { id: 'reviews', label_en: 'Reviews', label_zh: '评价数', unit: 'count', role: 'metric' },
  { id: 'share', label_en: 'Share of reviews with such mentions', label_zh: '占相关评价比例', unit: 'ratio', role: 'metric' },
  { id: 'share_of_all_reviews', label_en: 'Share of all reviews', label_zh: '占全部评价比例', unit: 'ratio', role: 'metric' },
  { id: 'negative', label_en: 'Negative mentions', label_zh: '负面提及', unit: 'count', role: 'metric' },
  { id: 'positive', label_en: 'Positive mentions', label_zh: '正面提及', unit: 'count', role: 'metric' },
  { id: 'average_rating', label_en: 'Average rating', label_zh: '平均评分', unit: 'number', role: 'metric' },
] as const;

function round(value: number, digits = 4): number {
  return Number(value.toFixed(digits));
}

export const reviewInsightsTool = defineTool({
  name: 'review_insights',
  description: [
    'What customers complain about or praise, by aspect (quality, price, delivery, service, packaging, size/fit, material, comfort,',
    'battery, sound, connectivity, screen, performance, taste, freshness, beauty effect, smell, appearance), from review texts in',
    'Chinese and English. Each review is split into clauses (但是/不过/but/however …), each clause tagged by a bilingual aspect',
    "lexicon and scored by a sentiment classifier trained on this shop's own reviews (star ratings as labels). Returns aspects with",
    'review counts and shares, 2–3 example reviews each (text, rating, product), overall sentiment shares and the model used.',
    'Filters: category, brand, product_id, date_range; polarity negative (default: complaints) | positive | all.',
  ].join(' '),
  parameters: reviewInsightsParameters,
  async execute(argumentsValue, context) {
    const parameters = reviewInsightsParameters.parse(argumentsValue);
    const insights = await reviewInsights(context.warehouse, {
      category: parameters.category,
      brand: parameters.brand,
      productId: parameters.product_id,
      dateRange: parameters.date_range,
      polarity: parameters.polarity,
      topK: parameters.top_k,
      language: context.language,
      onProgress: context.onProgress,
      signal: context.signal,
    });
    const chinese = context.language === 'zh';
    const title = (review: { titleEn: string | null; titleZh: string | null; productId: number }) =>
      (chinese ? review.titleZh ?? review.titleEn : review.titleEn ?? review.titleZh) ?? `#${review.productId}`;
    const overall = insights.overall;
    return {
      polarity: insights.polarity,
      filters: {
        category: insights.filters.category ?? null,
        brand: insights.filters.brand ?? null,
        product_id: insights.filters.productId ?? null,
        date_range: insights.filters.dateRange ?? null,
      },
      reviews_analysed: insights.reviews,
      reviews_with_mentions: insights.reviewsWithMentions,
      overall_sentiment: {
        model_positive_share: round(overall.modelPositive),
        model_negative_share: round(overall.modelNegative),
        mixed_share: round(overall.mixed),
        stars_positive_share: round(overall.starsPositive),
        stars_neutral_share: round(overall.starsNeutral),
        stars_negative_share: round(overall.starsNegative),
        average_rating: round(overall.averageRating, 2),
      },
      model: {
        sentiment_model: insights.model.id,
        aspect_lexicon: insights.model.aspectLexicon,
        aspects_in_lexicon: insights.model.aspects,
        trained_on_reviews: insights.model.trainedOnReviews,
        labels: 'star ratings: 1–2 negative, 4–5 positive, 3 left out',
        note: 'Aspects come from a keyword lexicon (what a clause is about); polarity from a naive Bayes classifier trained on this shop\'s rated reviews. Shares count reviews, not clauses.',
      },
      columns: COLUMNS,
      rows: insights.aspects.map((insight) => ({
        aspect: chinese ? insight.aspect.label_zh : insight.aspect.label_en,
        aspect_id: insight.aspect.id,
        aspect_en: insight.aspect.label_en,
        aspect_zh: insight.aspect.label_zh,
        reviews: insight.reviews,
        share: round(insight.share),
        share_of_all_reviews: round(insight.shareOfAllReviews),
        negative: insight.negative,
        positive: insight.positive,
        neutral: insight.neutral,
        average_rating: round(insight.averageRating, 2),
        examples: insight.examples.map((example) => ({
          review_id: example.review.reviewId,
          text: example.review.text,
          clause: example.clause,
          polarity: example.polarity,
          rating: example.review.rating,
          product_id: example.review.productId,
          product: title(example.review),
          product_en: example.review.titleEn,
          product_zh: example.review.titleZh,
          created_date: example.review.createdDate,
        })),
      })),
      note: insights.reviews === 0
        ? (chinese ? '没有符合条件的带文字评价。可放宽筛选条件（日期、品类、品牌）。' : 'No review with text matches these filters. Widen the filters (date range, category, brand).')
        : insights.aspects.length === 0
          ? (chinese ? '评价中没有识别到该倾向的方面。' : 'No aspect with this polarity was found in these reviews.')
          : null,
    };
  },
});
