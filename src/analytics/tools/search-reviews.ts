import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { defaultEncoderSelection } from '../../models/embeddings/default-encoder.ts';
import { searchReviews } from '../../models/embeddings/review-search.ts';
import type { EncoderSelection } from '../../models/embeddings/text-encoder.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

export const searchReviewsParameters = z.object({
  query: z.string().trim().min(1).max(500).describe('What the reviews should be about, in Chinese or English, e.g. "物流太慢", "left earbud disconnects"'),
  product_id: z.number().int().positive().optional().describe('Only reviews of this product id'),
  category: z.string().trim().min(1).optional().describe('Only this product category, English or Chinese name, e.g. "Headphones" or "耳机"'),
  min_rating: z.number().int().min(1).max(5).optional().describe('Lowest star rating to include (1–5)'),
  max_rating: z.number().int().min(1).max(5).optional().describe('Highest star rating to include (1–5), e.g. 2 for complaints'),
  date_range: z.object({ start: isoDate, end: isoDate }).optional().describe('Review dates, inclusive, resolved against the data\'s latest date'),
  language: z.enum(['zh', 'en']).optional().describe('Only reviews written in this language'),
  limit: z.number().int().min(1).max(50).default(10).describe('How many matches to return'),
});

export interface EmbeddingToolOptions {
  /** Which encoder to use; defaults to the process-wide selection from SHOPLENS_EMBED_* (docs/embeddings.md). */
  selectEncoder?: () => Promise<EncoderSelection>;
}

const COLUMNS = [
  { id: 'review_text', label_en: 'Review', label_zh: '评价内容', unit: 'text', role: 'dimension' },
  { id: 'product', label_en: 'Product', label_zh: '商品', unit: 'text', role: 'dimension' },
  { id: 'category', label_en: 'Category', label_zh: '品类', unit: 'text', role: 'dimension' },
  { id: 'rating', label_en: 'Rating', label_zh: '评分', unit: 'integer', role: 'metric' },
  { id: 'similarity', label_en: 'Similarity', label_zh: '相似度', unit: 'score', role: 'metric' },
  { id: 'created_date', label_en: 'Date', label_zh: '日期', unit: 'date', role: 'dimension' },
] as const;

export function createSearchReviewsTool(options: EmbeddingToolOptions = {}) {
  return defineTool({
    name: 'search_reviews',
    description: [
      'Semantic search over product review texts (Chinese and English): returns the reviews closest in meaning to the query with',
      'review text, rating, product title, category, date and cosine similarity. Optional filters: product_id, category, rating range,',
      'date range, language. Identical texts are shown once with same_text_reviews. The result names the text encoder; with the',
      'fallback encoder (no model installed) matching relies on shared wording plus a small thesaurus, so say so when it matters.',
    ].join(' '),
    parameters: searchReviewsParameters,
    async execute(argumentsValue, context) {
      const parameters = searchReviewsParameters.parse(argumentsValue);
      const selection = await (options.selectEncoder ?? defaultEncoderSelection)();
      const result = await searchReviews(context.warehouse, selection.encoder, {
        query: parameters.query,
        productId: parameters.product_id,
        category: parameters.category,
        minRating: parameters.min_rating,
        maxRating: parameters.max_rating,
        dateRange: parameters.date_range,
        language: parameters.language,
        limit: parameters.limit,
      });
      const chinese = context.language === 'zh';
      return {
        encoder: result.encoder,
        encoder_kind: selection.kind,
        encoder_note: selection.reason,
        query: parameters.query,
        searched_reviews: result.searchedReviews,
        embedded_now: result.embeddedNow,
        columns: COLUMNS,
        rows: result.matches.map((match) => ({
          review_id: match.reviewId,
          product_id: match.productId,
          product: (chinese ? match.titleZh ?? match.titleEn : match.titleEn ?? match.titleZh) ?? `#${match.productId}`,
          category: (chinese ? match.categoryZh ?? match.category : match.category) ?? null,
          rating: match.rating,
          similarity: Number(match.similarity.toFixed(4)),
          review_text: match.reviewText,
          language: match.language,
          created_date: match.createdDate,
          likes: match.likes,
          same_text_reviews: match.sameTextReviews,
        })),
        note: result.matches.length === 0 ? 'No review with text matches these filters. Widen the filters (date range, rating, category).' : undefined,
      };
    },
  });
}

export const searchReviewsTool = createSearchReviewsTool();
