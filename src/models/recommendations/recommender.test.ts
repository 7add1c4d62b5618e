import { describe, expect, it } from 'vitest';
import type { Interaction } from './interactions.ts';
import type { CatalogProduct } from './product-catalog.ts';
import { buildRecommender, recommendFromSeeds } from './recommender.ts';

const product = (productId: number, category: string): CatalogProduct => ({
  productId, titleEn: `P${productId}`, titleZh: null, sku: null, category, categoryZh: null, brand: null, price: 10, recommendable: category !== 'non_merchandise',
});

// A, B, C as in item-cooccurrence.test.ts; D is never bought together with anything; E is postage.
const catalog = new Map([product(1, 'Toys'), product(2, 'Toys'), product(3, 'Books'), product(4, 'Books'), product(5, 'non_merchandise')].map((entry) => [entry.productId, entry]));
const interactions: Interaction[] = [
  ['u1', 1, 'purchase'], ['u1', 2, 'purchase'], ['u2', 1, 'purchase'], ['u2', 2, 'purchase'], ['u2', 3, 'cart'],
  ['u3', 2, 'purchase'], ['u3', 3, 'fav'], ['o9', 1, 'purchase'], ['o9', 3, 'purchase'], ['u4', 4, 'purchase'],
  ['u5', 4, 'purchase'], ['u6', 4, 'purchase'], ['u7', 4, 'purchase'],
].map(([owner, productId, kind]) => ({ owner: owner as string, productId: productId as number, kind: kind as Interaction['kind'], time: 0 }));
// Title vectors (unit length): B is 0.6 similar to A, C orthogonal, D = A's direction.
const vectors = new Map([[1, [1, 0]], [2, [0.6, 0.8]], [3, [0, 1]], [4, [1, 0]]].map(([id, vector]) => [id as number, Float32Array.from(vector as number[])]));
const model = buildRecommender(catalog, interactions, vectors, 'test-encoder');
const SIMILARITY_AB = 1 / 3;
const SIMILARITY_AC = (1.5 / Math.sqrt(4.5)) * 0.5;

describe('recommendFromSeeds', () => {
  it('ranks by co-occurrence alone with content weight 0, then fills with best sellers', () => {
    const ranked = recommendFromSeeds(model, [{ productId: 1, weight: 1 }], { topK: 3, exclude: new Set([1]), contentWeight: 0 });
    expect(ranked.map((entry) => [entry.productId, entry.reason])).toEqual([[3, 'bought_with'], [2, 'bought_with'], [4, 'popular']]);
    expect(ranked[0]?.score).toBeCloseTo(SIMILARITY_AC, 6);
    expect(ranked[1]?.score).toBeCloseTo(SIMILARITY_AB, 6);
    expect(ranked[0]?.anchorProductId).toBe(1);
    expect(model.popularity).toEqual([4, 1, 2, 3]);
  });

  it('blends in title similarity: (1 − w)·co-occurrence + w·max(0, mean seed vector · title)', () => {
    const ranked = recommendFromSeeds(model, [{ productId: 1, weight: 1 }], { topK: 3, exclude: new Set([1]), contentWeight: 0.5 });
    const byId = new Map(ranked.map((entry) => [entry.productId, entry]));
    expect(byId.get(2)?.score).toBeCloseTo(0.5 * SIMILARITY_AB + 0.5 * 0.6, 6);
    expect(byId.get(3)?.score).toBeCloseTo(0.5 * SIMILARITY_AC, 6);
    expect(byId.get(4)?.score).toBeCloseTo(0.5 * 1, 6);
    expect([byId.get(4)?.reason, byId.get(4)?.anchorProductId]).toEqual(['similar_to', 1]);
    expect(ranked.map((entry) => entry.productId)).toEqual([4, 2, 3]); // 0.5 > 0.467 > 0.177
  });

  it('weights seeds and averages them: two seeds with weights 3 and 1', () => {
    const ranked = recommendFromSeeds(model, [{ productId: 1, weight: 3 }, { productId: 3, weight: 1 }], { topK: 5, exclude: new Set([1, 3]), contentWeight: 0 });
    const similarityCB = (1 / Math.sqrt(4.5)) * 0.5;
    expect(ranked[0]?.productId).toBe(2);
    expect(ranked[0]?.score).toBeCloseTo((3 * SIMILARITY_AB + 1 * similarityCB) / 4, 6);
  });

  it('keeps to the category, never recommends excluded or non-merchandise products', () => {
    const ranked = recommendFromSeeds(model, [{ productId: 1, weight: 1 }], { topK: 10, exclude: new Set([1]), category: 'Books' });
    expect(ranked.map((entry) => entry.productId).sort()).toEqual([3, 4]);
    const all = recommendFromSeeds(model, [{ productId: 1, weight: 1 }], { topK: 10, exclude: new Set([1]) });
    expect(all.map((entry) => entry.productId)).not.toContain(5);
    expect(all.map((entry) => entry.productId)).not.toContain(1);
  });

  it('marks a seed the shopper has not bought as seen before', () => {
    const ranked = recommendFromSeeds(model, [{ productId: 1, weight: 1 }, { productId: 2, weight: 0.3 }], { topK: 2, exclude: new Set([1]), contentWeight: 0 });
    expect(ranked.find((entry) => entry.productId === 2)?.reason).toBe('seen_before');
  });
});
