import { behaviourDialect, behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { loadUserInteractions } from './load-interactions.ts';
import type { CatalogProduct } from './product-catalog.ts';
import { RecommendationError } from './recommendation-error.ts';
import { recommendFromSeeds, type RecommenderModel, type ScoredProduct } from './recommender.ts';
import { recommenderFor, type RecommenderRunOptions, type SelectEncoder } from './recommender-store.ts';
import { shopperSeeds } from './user-seeds.ts';

export interface RecommendationRequestOptions {
  topK?: number;
  /** English or Chinese category name: only products of it are recommended. */
  category?: string;
  contentWeight?: number;
  selectEncoder?: SelectEncoder;
  /** Progress and cancellation of the co-occurrence training when it is needed (see recommender-store.ts). */
  training?: RecommenderRunOptions;
}

export interface Recommendation extends ScoredProduct {
  product: CatalogProduct;
  anchor: CatalogProduct | null;
}

export interface RecommendationResult {
  items: Recommendation[];
  /** What the recommendations start from. */
  basis: { kind: 'user'; userId: number; seeds: number; purchased: number } | { kind: 'product'; product: CatalogProduct; alternatives: CatalogProduct[] };
  /** Stored category name the results were limited to. */
  category: string | null;
  encoder: { id: string; kind: string; note: string };
  model: { interactions: number; buildSeconds: number };
}

export const DEFAULT_TOP_K = 10;

function resolveCategory(model: RecommenderModel, category: string | undefined): string | undefined {
  if (category === undefined) return undefined;
  const wanted = category.trim().toLowerCase();
  const pairs = new Map<string, string | null>();
  for (const product of model.catalog.values()) if (product.category && product.recommendable) pairs.set(product.category, product.categoryZh);
  for (const [name, nameZh] of pairs) if (name.toLowerCase() === wanted || nameZh === category.trim()) return name;
  const allowed = [...pairs].map(([name, nameZh]) => (nameZh ? `${name} / ${nameZh}` : name)).sort();
  throw new RecommendationError(
    allowed.length === 0
      ? `The products in this warehouse have no categories (typical for Online Retail imports), so "${category}" cannot be used. Leave category out.`
      : `No product category is called "${category}". Use one of: ${allowed.join(', ')} (English or Chinese name), or leave category out.`,
    { kind: 'not_found', parameter: 'category', allowed },
  );
}

function finish(model: RecommenderModel, scored: ScoredProduct[]): Recommendation[] {
  return scored.map((entry) => ({
    ...entry,
    product: model.catalog.get(entry.productId) as CatalogProduct,
    anchor: entry.anchorProductId === null ? null : model.catalog.get(entry.anchorProductId) ?? null,
  }));
}

/**
 * Recommendations for one shopper: seeds from their purchases, carts, favourites and recent views (recent
 * ones count more), scored by co-occurrence and title similarity; products they already bought are left out.
 * A shopper with no history at all gets the best sellers (reason 'popular'). In customer-service chat the
 * user id must come from the authenticated session, never from the model.
 */
export async function recommendForUser(warehouse: Warehouse, userId: number, options: RecommendationRequestOptions = {}): Promise<RecommendationResult> {
  const served = await recommenderFor(warehouse, options.selectEncoder, options.training);
  const category = resolveCategory(served.model, options.category);
  const interactions = await loadUserInteractions(warehouse, userId);
  if (interactions.length === 0) {
    const user = behaviourDialect(warehouse).parameter('user', 'integer');
    const known = await behaviourReader(warehouse).query(`SELECT 1 AS known FROM users WHERE user_id = ${user} UNION ALL SELECT 1 AS known FROM orders WHERE user_id = ${user} LIMIT 1`, { user: userId });
    if (known.rows.length === 0) {
      throw new RecommendationError(`There is no shopper with user id ${userId}. Check the id (users.user_id), or recommend from a product instead.`, { kind: 'not_found', parameter: 'user_id' });
    }
  }
  const { seeds, purchased } = shopperSeeds(interactions);
  const scored = recommendFromSeeds(served.model, seeds, { topK: options.topK ?? DEFAULT_TOP_K, exclude: purchased, category, contentWeight: options.contentWeight });
  return {
    items: finish(served.model, scored),
    basis: { kind: 'user', userId, seeds: seeds.length, purchased: purchased.size },
    category: category ?? null,
    encoder: { id: served.encoder.encoder.id, kind: served.encoder.kind, note: served.encoder.reason },
    model: { interactions: served.interactions, buildSeconds: served.buildSeconds },
  };
}

/**
 * The product meant by an id, or by (part of) its English or Chinese title or its SKU; several matches resolve
 * to the most bought one, and the others are returned as alternatives.
 */
export function resolveProduct(model: RecommenderModel, product: number | string): { product: CatalogProduct; alternatives: CatalogProduct[] } {
  if (typeof product === 'number') {
    const found = model.catalog.get(product);
    if (!found) throw new RecommendationError(`There is no product with id ${product}. Pass an existing product id or part of the product's title.`, { kind: 'not_found', parameter: 'product_id' });
    return { product: found, alternatives: [] };
  }
  const wanted = product.trim().toLowerCase();
  const matches = [...model.catalog.values()].filter((candidate) =>
    [candidate.titleEn, candidate.titleZh, candidate.sku].some((name) => name !== null && name.toLowerCase().includes(wanted)));
  if (matches.length === 0) {
    throw new RecommendationError(`No product title or SKU contains "${product}". Try a shorter part of the title (English or Chinese) or pass product_id.`, { kind: 'not_found', parameter: 'product_title' });
  }
  const buyers = (candidate: CatalogProduct) => model.coOccurrence.buyers.get(candidate.productId) ?? 0;
  matches.sort((left, right) => buyers(right) - buyers(left) || left.productId - right.productId);
  return { product: matches[0] as CatalogProduct, alternatives: matches.slice(1, 6) };
}

/** "Often bought with / similar to this product": the product itself is the only seed and is left out. */
export async function recommendForProduct(warehouse: Warehouse, product: number | string, options: RecommendationRequestOptions = {}): Promise<RecommendationResult> {
  const served = await recommenderFor(warehouse, options.selectEncoder, options.training);
  const category = resolveCategory(served.model, options.category);
  const resolved = resolveProduct(served.model, product);
  const scored = recommendFromSeeds(served.model, [{ productId: resolved.product.productId, weight: 1 }], {
    topK: options.topK ?? DEFAULT_TOP_K,
    exclude: new Set([resolved.product.productId]),
    category,
    contentWeight: options.contentWeight,
  });
  return {
    items: finish(served.model, scored),
    basis: { kind: 'product', product: resolved.product, alternatives: resolved.alternatives },
    category: category ?? null,
    encoder: { id: served.encoder.encoder.id, kind: served.encoder.kind, note: served.encoder.reason },
    model: { interactions: served.interactions, buildSeconds: served.buildSeconds },
  };
}
