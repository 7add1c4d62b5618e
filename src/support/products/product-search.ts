import { z } from 'zod';
import { segmentWords } from '../../text/word-segmenter.ts';
import { normalizeQuestion } from '../../text/normalize-question.ts';
import type { SqlRunner } from '../sql-runner.ts';

export const ProductFactSchema = z.object({
  product_id: z.number().int(),
  title_en: z.string().nullable(),
  title_zh: z.string().nullable(),
  brand: z.string().nullable(),
  category: z.string().nullable(),
  category_zh: z.string().nullable(),
  price: z.coerce.number().nullable(),
  launch_date: z.string().nullable(),
});
export type ProductFact = z.infer<typeof ProductFactSchema>;

export interface ProductMatch {
  product: ProductFact;
  score: number;
  /** When the shopper last viewed, carted, favourited or bought it (their own history), if ever. */
  lastSeenAt: string | null;
}

/** Words that ask about a product rather than name it. */
const QUESTION_WORDS = new Set([
  '多少钱', '多少', '钱', '价格', '价钱', '售价', '几块', '块', '元', '这款', '这个', '那个', '那款', '款', '个', '的', '是', '吗', '呢', '什么', '牌子', '哪个', '品牌', '请问', '一下', '现在', '卖', '我', '想', '问', '看', '看看',
  'how', 'much', 'is', 'the', 'a', 'an', 'price', 'prices', 'cost', 'costs', 'does', 'do', 'of', 'what', 'which', 'brand', 'this', 'that', 'these', 'those', 'one', 'for', 'it', 'please', 'tell', 'me', 'i', 'want', 'know', 'about', 'are', 'sell', 'you',
]);

/** The words of a product question that can name a product: brand, model, category, colour. */
export function productQueryTerms(query: string): string[] {
  const normalized = normalizeQuestion(query);
  const terms = new Set<string>();
  for (const word of normalized.match(/[a-z0-9][a-z0-9-]*/g) ?? []) if (!QUESTION_WORDS.has(word)) terms.add(word);
  for (const run of normalized.match(/\p{Script=Han}+/gu) ?? []) {
    for (const word of segmentWords(run)) if (!QUESTION_WORDS.has(word) && word.length >= 1) terms.add(word);
  }
  return [...terms].filter((term) => term.length >= 2 || /\d/.test(term));
}

function searchableText(product: ProductFact): string {
  return normalizeQuestion([product.title_en, product.title_zh, product.brand, product.category, product.category_zh].filter(Boolean).join(' | '));
}

/**
 * Products a question names, ranked by how many (and how rare) of its terms they contain; among equals, the ones
 * the shopper viewed or bought most recently first, so "这款耳机多少钱" finds the headphones they were looking at.
 * Every fact returned comes from the products table.
 */
export async function searchProducts(runner: SqlRunner, query: string, options: { customerId: number; limit?: number; productId?: number }): Promise<{ terms: string[]; matches: ProductMatch[] }> {
  const productsResult = await runner.query('SELECT product_id, title_en, title_zh, brand, category, category_zh, price, launch_date FROM products ORDER BY product_id LIMIT 50000');
  const products = productsResult.rows.map((row) => ProductFactSchema.parse(row));
  const seenResult = await runner.query(
    `SELECT product_id, max(seen_at) AS last_seen_at FROM (
       SELECT product_id, event_time AS seen_at FROM events WHERE user_id = $customer AND product_id IS NOT NULL AND event_type IN ('view', 'cart', 'fav', 'purchase')
       UNION ALL
       SELECT i.product_id, o.created_at AS seen_at FROM orders o JOIN order_items i USING (order_id) WHERE o.user_id = $customer)
     GROUP BY product_id`,
    { customer: options.customerId },
  );
  const lastSeen = new Map(seenResult.rows.map((row) => [Number(row.product_id), String(row.last_seen_at)]));
  const limit = options.limit ?? 5;
  if (options.productId !== undefined) {
    const product = products.find((candidate) => candidate.product_id === options.productId);
    return { terms: [], matches: product ? [{ product, score: 1, lastSeenAt: lastSeen.get(product.product_id) ?? null }] : [] };
  }
  const terms = productQueryTerms(query);
  if (terms.length === 0) return { terms, matches: [] };
  const texts = products.map(searchableText);
  const weights = new Map(terms.map((term) => {
    const frequency = texts.filter((text) => text.includes(term)).length;
    return [term, frequency === 0 ? 0 : Math.log(1 + products.length / frequency)];
  }));
  const matches = products
    .map((product, index) => {
      const text = texts[index] ?? '';
      const score = terms.reduce((sum, term) => sum + (text.includes(term) ? (weights.get(term) ?? 0) : 0), 0);
      return { product, score, lastSeenAt: lastSeen.get(product.product_id) ?? null };
    })
    .filter((match) => match.score > 0);
  const best = Math.max(0, ...matches.map((match) => match.score));
  return {
    terms,
    matches: matches
      // Only the best-matching tier: a question naming "AirPods Pro" should not list every Apple product.
      .filter((match) => match.score >= best - 1e-9)
      .sort((left, right) => (right.lastSeenAt ?? '').localeCompare(left.lastSeenAt ?? '') || left.product.product_id - right.product.product_id)
      .slice(0, limit),
  };
}
