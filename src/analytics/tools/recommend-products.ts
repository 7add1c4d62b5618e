import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { productRowFields, productTitle, type CatalogProduct } from '../../models/recommendations/product-catalog.ts';
import { DEFAULT_TOP_K, recommendForProduct, recommendForUser, type Recommendation, type RecommendationResult } from '../../models/recommendations/recommend.ts';
import { RecommendationError } from '../../models/recommendations/recommendation-error.ts';
import type { SelectEncoder } from '../../models/recommendations/recommender-store.ts';
import { DEFAULT_CONTENT_WEIGHT } from '../../models/recommendations/recommender.ts';

export const recommendProductsParameters = z.object({
  user_id: z.number().int().optional().describe('Recommend for this shopper (analyst use): from their purchases, carts, favourites and recent views'),
  product_id: z.number().int().optional().describe('Recommend products that go with / resemble this product id'),
  product_title: z.string().trim().min(1).optional().describe('Or name the product by part of its English or Chinese title, e.g. "AirPods Pro" or "跑步鞋"'),
  top_k: z.number().int().min(1).max(50).default(DEFAULT_TOP_K).describe('How many products to return'),
  category: z.string().trim().min(1).optional().describe('Only recommend products of this category, English or Chinese name, e.g. "Headphones" or "耳机"'),
});

const COLUMNS = [
  { id: 'product', label_en: 'Product', label_zh: '商品', unit: 'text', role: 'dimension' },
  { id: 'category', label_en: 'Category', label_zh: '品类', unit: 'text', role: 'dimension' },
  { id: 'price', label_en: 'Price', label_zh: '价格', unit: 'currency', role: 'metric' },
  { id: 'score', label_en: 'Score', label_zh: '推荐分', unit: 'number', role: 'metric' },
  { id: 'reason', label_en: 'Why', label_zh: '推荐理由', unit: 'text', role: 'dimension' },
] as const;

export interface RecommendProductsToolOptions {
  /** Which text encoder embeds product titles; defaults to the process-wide selection (docs/embeddings.md). */
  selectEncoder?: SelectEncoder;
}

function round(value: number, digits = 4): number {
  return Number(value.toFixed(digits));
}

function reasonText(item: Recommendation, language: 'en' | 'zh'): string {
  const anchor = item.anchor ? productTitle(item.anchor, language) : null;
  if (item.reason === 'seen_before') return language === 'zh' ? '浏览、加购或收藏过，尚未购买' : 'Viewed, carted or favourited before, not bought yet';
  if (item.reason === 'bought_with' && anchor) return language === 'zh' ? `常与「${anchor}」一起购买或加购` : `Often bought with ${anchor}`;
  if (item.reason === 'similar_to' && anchor) return language === 'zh' ? `与「${anchor}」相似` : `Similar to ${anchor}`;
  if (item.reason === 'bought_with') return language === 'zh' ? '常被一起购买' : 'Often bought together with your items';
  if (item.reason === 'similar_to') return language === 'zh' ? '与浏览和购买过的商品相似' : 'Similar to what you viewed and bought';
  const category = language === 'zh' ? item.product.categoryZh ?? item.product.category : item.product.category;
  return language === 'zh' ? (category ? `${category}热销商品` : '热销商品') : (category ? `Best seller in ${category}` : 'Best seller');
}

function describeProduct(product: CatalogProduct) {
  return { product_id: product.productId, title_en: product.titleEn, title_zh: product.titleZh, category_en: product.category, category_zh: product.categoryZh };
}

export function createRecommendProductsTool(options: RecommendProductsToolOptions = {}) {
  return defineTool({
    name: 'recommend_products',
    description: [
      'Product recommendations. Give user_id (an analyst looking at one shopper) OR product_id OR product_title (products that go with',
      'or resemble it). Scores blend item-to-item co-occurrence (shoppers who bought, carted or favourited one also did the other;',
      `cosine, normalised for popularity) with title similarity from text embeddings (weight ${DEFAULT_CONTENT_WEIGHT}); products a shopper already`,
      'bought are left out; products they viewed or carted stay in. Returns products with English and Chinese titles, price, category, score',
      'and a reason ("often bought with X", "similar to Y", "viewed before", "best seller"), plus the encoder used. Optional category limits the results. Use for cross-sell, "猜你喜欢", "推荐".',
    ].join(' '),
    parameters: recommendProductsParameters,
    async execute(argumentsValue, context) {
      const parameters = recommendProductsParameters.parse(argumentsValue);
      const given = [parameters.user_id, parameters.product_id, parameters.product_title].filter((value) => value !== undefined).length;
      if (given !== 1) {
        throw new RecommendationError('Pass exactly one of user_id, product_id or product_title.', { kind: 'bad_parameter', parameter: given === 0 ? 'user_id' : 'product_id' });
      }
      const request = { topK: parameters.top_k, category: parameters.category, selectEncoder: options.selectEncoder, training: { onProgress: context.onProgress, signal: context.signal } };
      const result: RecommendationResult = parameters.user_id !== undefined
        ? await recommendForUser(context.warehouse, parameters.user_id, request)
        : await recommendForProduct(context.warehouse, parameters.product_id ?? (parameters.product_title as string), request);
      const language = context.language;
      const basis = result.basis.kind === 'user'
        ? { kind: 'user', user_id: result.basis.userId, seed_products: result.basis.seeds, purchased_products: result.basis.purchased }
        : { kind: 'product', ...describeProduct(result.basis.product), other_matches: result.basis.alternatives.map(describeProduct) };
      const personalised = result.items.filter((item) => item.reason !== 'popular').length;
      return {
        basis,
        category: result.category,
        encoder: result.encoder.id,
        encoder_kind: result.encoder.kind,
        encoder_note: result.encoder.note,
        method: `co-occurrence (shrunk cosine over purchases 1, carts and favourites 0.5) × ${1 - DEFAULT_CONTENT_WEIGHT} + title similarity × ${DEFAULT_CONTENT_WEIGHT}`,
        columns: COLUMNS,
        rows: result.items.map((item) => ({
          ...productRowFields(item.product, item.productId, language),
          category_en: item.product.category,
          category_zh: item.product.categoryZh,
          brand: item.product.brand,
          price: item.product.price,
          score: round(item.score),
          co_occurrence_score: round(item.coOccurrenceScore),
          content_score: round(item.contentScore),
          reason: reasonText(item, language),
          reason_en: reasonText(item, 'en'),
          reason_zh: reasonText(item, 'zh'),
          reason_kind: item.reason,
          anchor_product_id: item.anchor?.productId ?? null,
        })),
        note: personalised === 0
          ? (language === 'zh' ? '没有足够的行为数据做个性化推荐，以下为热销商品。' : 'Not enough behaviour to personalise: these are best sellers.')
          : null,
      };
    },
  });
}

export const recommendProductsTool = createRecommendProductsTool();
