import { dotProduct } from '../embeddings/text-encoder.ts';
import type { Interaction } from './interactions.ts';
import { itemCoOccurrence, type ItemCoOccurrence } from './item-cooccurrence.ts';
import type { CatalogProduct } from './product-catalog.ts';

/**
 * Share of a product's score that comes from title similarity; the rest comes from co-occurrence:
 * score = (1 − w)·co-occurrence + w·content. Chosen on the default demo's leave-last-out evaluation
 * (docs/models-sentiment-recommendations.md), where co-occurrence alone and titles alone both score lower.
 */
export const DEFAULT_CONTENT_WEIGHT = 0.3;

export interface RecommenderModel {
  catalog: ReadonlyMap<number, CatalogProduct>;
  coOccurrence: ItemCoOccurrence;
  /** Unit-length title embeddings; products without one get no content score. */
  vectors: ReadonlyMap<number, Float32Array>;
  /** Recommendable products, most bought first (ties: more owners, then smaller id). */
  popularity: readonly number[];
  /** The text encoder behind `vectors`, or null when titles were not embedded. */
  encoderId: string | null;
  /** Catalogue order, and the title vectors packed row by row in that order (zeros where missing): fast scoring. */
  productIds: readonly number[];
  packedVectors: Float32Array;
  dimension: number;
  /** Position of each product in `popularity` (for tie-breaks). */
  popularityRank: ReadonlyMap<number, number>;
  /** Co-occurrence neighbours as catalogue rows and similarities: scoring adds them into a dense array. */
  neighbourRows: ReadonlyMap<number, { rows: Int32Array; similarities: Float64Array }>;
  /** Title similarity of a product with every catalogue row, computed the first time it is a seed. */
  contentRows: Map<number, Float32Array>;
}

export function buildRecommender(
  catalog: ReadonlyMap<number, CatalogProduct>,
  interactions: Iterable<Interaction>,
  vectors: ReadonlyMap<number, Float32Array>,
  encoderId: string | null,
): RecommenderModel {
  return assembleRecommender(catalog, itemCoOccurrence(interactions), vectors, encoderId);
}

/** The model from its learnt part (co-occurrence, which is what takes seconds) and the catalogue and title vectors. */
export function assembleRecommender(
  catalog: ReadonlyMap<number, CatalogProduct>,
  coOccurrence: ItemCoOccurrence,
  vectors: ReadonlyMap<number, Float32Array>,
  encoderId: string | null,
): RecommenderModel {
  const popularity = [...catalog.values()]
    .filter((product) => product.recommendable && (coOccurrence.owners.get(product.productId) ?? 0) > 0)
    .map((product) => product.productId)
    .sort((left, right) =>
      (coOccurrence.buyers.get(right) ?? 0) - (coOccurrence.buyers.get(left) ?? 0) ||
      (coOccurrence.owners.get(right) ?? 0) - (coOccurrence.owners.get(left) ?? 0) ||
      left - right);
  const productIds = [...catalog.keys()];
  const dimension = vectors.values().next().value?.length ?? 0;
  const packedVectors = new Float32Array(productIds.length * dimension);
  productIds.forEach((productId, row) => {
    const vector = vectors.get(productId);
    if (vector) packedVectors.set(vector, row * dimension);
  });
  const popularityRank = new Map(popularity.map((productId, index) => [productId, index]));
  const rowOf = new Map(productIds.map((productId, row) => [productId, row]));
  const neighbourRows = new Map<number, { rows: Int32Array; similarities: Float64Array }>();
  // Straight into typed arrays: no pair arrays per neighbour (≈180k on the demo: most of a warm open's time and garbage).
  for (const [productId, neighbours] of coOccurrence.neighbours) {
    const rows = new Int32Array(neighbours.size);
    const similarities = new Float64Array(neighbours.size);
    let known = 0;
    for (const [neighbour, similarity] of neighbours) {
      const row = rowOf.get(neighbour);
      if (row === undefined) continue;
      rows[known] = row;
      similarities[known] = similarity;
      known += 1;
    }
    neighbourRows.set(productId, known === neighbours.size ? { rows, similarities } : { rows: rows.slice(0, known), similarities: similarities.slice(0, known) });
  }
  return { catalog, coOccurrence, vectors, popularity, encoderId, productIds, packedVectors, dimension, popularityRank, neighbourRows, contentRows: new Map() };
}

const MAX_CACHED_SIMILARITIES = 25_000_000;

/**
 * A product's title similarity with every catalogue row (dot products of unit vectors), or undefined without
 * a title vector. Memoised on the model: each product's row is computed once however many shoppers it seeds;
 * only its non-zero coordinates are visited (hashed vectors are sparse).
 */
function contentRow(model: RecommenderModel, productId: number): Float32Array | undefined {
  const cached = model.contentRows.get(productId);
  if (cached) return cached;
  const vector = model.vectors.get(productId);
  if (!vector) return undefined;
  const coordinates: number[] = [];
  for (let index = 0; index < vector.length; index++) if (vector[index] !== 0) coordinates.push(index);
  const dimension = model.dimension;
  const packed = model.packedVectors;
  const row = new Float32Array(model.productIds.length);
  for (let other = 0; other < row.length; other++) {
    const offset = other * dimension;
    let dot = 0;
    for (const index of coordinates) dot += (vector[index] as number) * (packed[offset + index] as number);
    row[other] = dot;
  }
  // Bounded memory: a catalogue of n products keeps at most MAX_CACHED_SIMILARITIES / n rows.
  if ((model.contentRows.size + 1) * row.length > MAX_CACHED_SIMILARITIES) model.contentRows.clear();
  model.contentRows.set(productId, row);
  return row;
}

/** A product that speaks for what the shopper wants, and how strongly (purchase > cart > view, recent > old). */
export interface Seed {
  productId: number;
  weight: number;
}

export interface RecommendOptions {
  topK: number;
  /** Never recommended (the seed product itself, what the shopper already bought). */
  exclude?: ReadonlySet<number>;
  /** Only products of this stored category name. */
  category?: string;
  contentWeight?: number;
  /** Find the seed behind each recommendation (default true; evaluations skip it). */
  explain?: boolean;
}

/**
 * bought_with: mostly co-occurrence with a seed; similar_to: mostly title similarity with a seed; seen_before:
 * the shopper viewed, carted or favourited the product without buying it (it stays a candidate: on the demo
 * most of the gain over popularity comes from such products); popular: best-seller fill.
 */
export type ReasonKind = 'bought_with' | 'similar_to' | 'seen_before' | 'popular';

export interface ScoredProduct {
  productId: number;
  score: number;
  /** Seed-weighted mean co-occurrence similarity with the seeds (0 … 1). */
  coOccurrenceScore: number;
  /** Title similarity with the seeds' weighted mean title vector, negatives clipped to 0. */
  contentScore: number;
  /** Which part explains the product, and the seed that contributed most to it (null for popularity fill). */
  reason: ReasonKind;
  anchorProductId: number | null;
}

function candidateFilter(model: RecommenderModel, options: RecommendOptions): (productId: number) => boolean {
  return (productId) => {
    const product = model.catalog.get(productId);
    return product !== undefined && product.recommendable && !options.exclude?.has(productId) &&
      (options.category === undefined || product.category === options.category);
  };
}

/**
 * Scores every allowed product against the seeds: (1 − w)·Σ_s weight_s·cos(s, c) / Σ_s weight_s plus
 * w·max(0, mean seed title vector · title vector of c). Products with no score at all are filled in from the
 * popularity ranking (reason 'popular') so a shopper with little history still gets top_k answers.
 */
export function recommendFromSeeds(model: RecommenderModel, seeds: readonly Seed[], options: RecommendOptions): ScoredProduct[] {
  const contentWeight = options.contentWeight ?? DEFAULT_CONTENT_WEIGHT;
  const allowed = candidateFilter(model, options);
  const totalWeight = seeds.reduce((sum, seed) => sum + seed.weight, 0);
  const coOccurrence = new Float64Array(model.productIds.length);
  // Σ_s weight_s · (title_s · title_c) / Σ_s weight_s, i.e. the mean seed title vector dotted with each title.
  let content: Float64Array | undefined;
  if (totalWeight > 0) {
    for (const seed of seeds) {
      const scale = seed.weight / totalWeight;
      const neighbours = model.neighbourRows.get(seed.productId);
      if (neighbours) {
        for (let position = 0; position < neighbours.rows.length; position++) {
          const row = neighbours.rows[position] as number;
          coOccurrence[row] = (coOccurrence[row] as number) + (neighbours.similarities[position] as number) * scale;
        }
      }
      const similarities = contentWeight > 0 ? contentRow(model, seed.productId) : undefined;
      if (similarities) {
        content ??= new Float64Array(model.productIds.length);
        for (let row = 0; row < similarities.length; row++) content[row] = (content[row] as number) + (similarities[row] as number) * scale;
      }
    }
  }
  const productIds = model.productIds;
  const seedIds = new Set(seeds.map((seed) => seed.productId));
  const scored: ScoredProduct[] = [];
  for (let row = 0; row < productIds.length; row++) {
    const productId = productIds[row] as number;
    if (!allowed(productId)) continue;
    const coOccurrenceScore = coOccurrence[row] as number;
    const contentScore = content ? Math.max(0, content[row] as number) : 0;
    const score = (1 - contentWeight) * coOccurrenceScore + contentWeight * contentScore;
    if (score <= 1e-12) continue;
    const reason: ReasonKind = seedIds.has(productId)
      ? 'seen_before'
      : (1 - contentWeight) * coOccurrenceScore >= contentWeight * contentScore ? 'bought_with' : 'similar_to';
    scored.push({ productId, score, coOccurrenceScore, contentScore, reason, anchorProductId: reason === 'seen_before' ? productId : null });
  }
  const popularityRank = (productId: number) => model.popularityRank.get(productId) ?? Number.MAX_SAFE_INTEGER;
  scored.sort((left, right) => right.score - left.score || popularityRank(left.productId) - popularityRank(right.productId) || left.productId - right.productId);
  const top = scored.slice(0, options.topK);
  if (options.explain ?? true) for (const entry of top) if (entry.reason !== 'seen_before') entry.anchorProductId = anchorOf(model, seeds, entry);
  const chosen = new Set(top.map((entry) => entry.productId));
  for (const productId of model.popularity) {
    if (top.length >= options.topK) break;
    if (chosen.has(productId) || !allowed(productId)) continue;
    top.push({ productId, score: 0, coOccurrenceScore: 0, contentScore: 0, reason: 'popular', anchorProductId: null });
  }
  return top;
}

/** The seed that contributed most to the product's main reason. */
function anchorOf(model: RecommenderModel, seeds: readonly Seed[], entry: ScoredProduct): number | null {
  let best: number | null = null;
  let bestContribution = 0;
  const vector = model.vectors.get(entry.productId);
  for (const seed of seeds) {
    if (seed.productId === entry.productId) continue;
    let contribution = 0;
    if (entry.reason === 'bought_with') contribution = seed.weight * (model.coOccurrence.neighbours.get(seed.productId)?.get(entry.productId) ?? 0);
    else {
      const seedVector = model.vectors.get(seed.productId);
      contribution = vector && seedVector ? seed.weight * dotProduct(seedVector, vector) : 0;
    }
    if (contribution > bestContribution) {
      best = seed.productId;
      bestContribution = contribution;
    }
  }
  return best;
}
