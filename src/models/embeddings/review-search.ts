import { behaviourDialect, behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { NamedParameters } from '../../sql/engine/warehouse-engine.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { cacheEmbeddings, cachedSimilarities, embedTexts } from './embedding-cache.ts';
import { EmbeddingToolError } from './embedding-tool-error.ts';
import type { TextEncoder } from './text-encoder.ts';
import { textHash } from './text-hash.ts';

export interface ReviewFilters {
  productId?: number;
  /** English (Headphones) or Chinese (耳机) category name, case-insensitive for English. */
  category?: string;
  minRating?: number;
  maxRating?: number;
  /** Inclusive dates, YYYY-MM-DD. */
  dateRange?: { start: string; end: string };
  language?: 'zh' | 'en';
}

export interface ReviewSearchRequest extends ReviewFilters {
  query: string;
  limit?: number;
}

export interface ReviewMatch {
  reviewId: number;
  productId: number;
  titleZh: string | null;
  titleEn: string | null;
  category: string | null;
  categoryZh: string | null;
  rating: number;
  reviewText: string;
  language: string | null;
  createdDate: string;
  likes: number;
  similarity: number;
  /** Reviews with exactly this text under the filters (demo and template texts repeat); one is shown. */
  sameTextReviews: number;
}

export interface ReviewSearchResult {
  matches: ReviewMatch[];
  /** Reviews with text that passed the filters and were compared. */
  searchedReviews: number;
  /** Distinct review texts embedded during this call (0 once the cache is warm). */
  embeddedNow: number;
  encoder: string;
}

function filterSql(warehouse: Warehouse, filters: ReviewFilters): { where: string; parameters: NamedParameters } {
  const dialect = behaviourDialect(warehouse);
  const conditions = ['r.review_text IS NOT NULL', "trim(r.review_text) <> ''"];
  const parameters: NamedParameters = {};
  if (filters.productId !== undefined) {
    conditions.push(`r.product_id = ${dialect.parameter('product_id', 'integer')}`);
    parameters.product_id = filters.productId;
  }
  if (filters.category !== undefined) {
    const category = dialect.parameter('category', 'text');
    conditions.push(`(${dialect.lower('p.category')} = ${dialect.lower(category)} OR p.category_zh = ${category})`);
    parameters.category = filters.category;
  }
  if (filters.minRating !== undefined) {
    conditions.push(`r.rating >= ${dialect.parameter('min_rating', 'integer')}`);
    parameters.min_rating = filters.minRating;
  }
  if (filters.maxRating !== undefined) {
    conditions.push(`r.rating <= ${dialect.parameter('max_rating', 'integer')}`);
    parameters.max_rating = filters.maxRating;
  }
  if (filters.dateRange) {
    conditions.push(`r.created_at >= ${dialect.parameter('start_date', 'date')} AND r.created_at < ${dialect.parameter('end_date', 'date')} + INTERVAL 1 DAY`);
    parameters.start_date = filters.dateRange.start;
    parameters.end_date = filters.dateRange.end;
  }
  if (filters.language !== undefined) {
    conditions.push(`r.language = ${dialect.parameter('language', 'text')}`);
    parameters.language = filters.language;
  }
  return { where: conditions.join(' AND '), parameters };
}

async function checkCategory(warehouse: Warehouse, category: string): Promise<void> {
  const known = await behaviourReader(warehouse).query(
    `SELECT DISTINCT category, category_zh FROM products WHERE category IS NOT NULL ORDER BY category, category_zh`,
  );
  const matches = known.rows.some((row) =>
    String(row.category).toLowerCase() === category.toLowerCase() || row.category_zh === category);
  if (!matches) {
    const allowed = known.rows.map((row) => (row.category_zh ? `${String(row.category)} / ${String(row.category_zh)}` : String(row.category)));
    throw new EmbeddingToolError(
      `No product category is called "${category}". Use one of: ${allowed.join(', ')} (English or Chinese name), or leave category out.`,
      { parameter: 'category', allowed },
    );
  }
}

type Candidate = Omit<ReviewMatch, 'similarity' | 'sameTextReviews'>;

/**
 * Reviews with text under the filters, with their product, in review_id order: the data query of the search, run
 * where the behaviour tables are (DuckDB or ClickHouse) with its values as parameters.
 */
export async function loadReviewCandidates(warehouse: Warehouse, filters: ReviewFilters): Promise<Candidate[]> {
  const { where, parameters } = filterSql(warehouse, filters);
  const { rows } = await behaviourReader(warehouse).query(
    `SELECT r.review_id AS review_id, r.product_id AS product_id, r.rating AS rating, r.review_text AS review_text, r.language AS language,
            CAST(r.created_at AS DATE) AS created_date, r.likes AS likes, p.title_zh AS title_zh, p.title_en AS title_en,
            p.category AS category, p.category_zh AS category_zh
     FROM reviews AS r LEFT JOIN products AS p ON p.product_id = r.product_id WHERE ${where} ORDER BY r.review_id`,
    parameters,
  );
  return rows.map((row) => ({
    reviewId: Number(row.review_id),
    productId: Number(row.product_id),
    titleZh: (row.title_zh as string | null) ?? null,
    titleEn: (row.title_en as string | null) ?? null,
    category: (row.category as string | null) ?? null,
    categoryZh: (row.category_zh as string | null) ?? null,
    rating: Number(row.rating),
    reviewText: String(row.review_text),
    language: (row.language as string | null) ?? null,
    createdDate: String(row.created_date),
    likes: Number(row.likes ?? 0),
  }));
}

/**
 * Semantic search over review texts: loads the reviews under the filters from the behaviour tables, embeds (and
 * caches, in the DuckDB file) every distinct text not cached yet, embeds the query, and ranks the texts by cosine
 * similarity computed in DuckDB (array_cosine_similarity) over the cached vectors. Identical texts are collapsed to
 * their most-liked review (then the lowest id); texts the encoder cannot place (a zero vector) rank last.
 */
export async function searchReviews(warehouse: Warehouse, encoder: TextEncoder, request: ReviewSearchRequest): Promise<ReviewSearchResult> {
  const query = request.query.trim();
  if (query === '') throw new EmbeddingToolError('The search query is empty. Pass the words to look for, e.g. "物流太慢" or "battery drains fast".', { parameter: 'query' });
  if (request.minRating !== undefined && request.maxRating !== undefined && request.minRating > request.maxRating) {
    throw new EmbeddingToolError(`min_rating ${request.minRating} is above max_rating ${request.maxRating}. Swap them.`, { parameter: 'min_rating' });
  }
  if (request.dateRange && request.dateRange.start > request.dateRange.end) {
    throw new EmbeddingToolError(`date_range starts (${request.dateRange.start}) after it ends (${request.dateRange.end}). Swap them.`, { parameter: 'date_range' });
  }
  if (request.category !== undefined) await checkCategory(warehouse, request.category);

  const candidates = await loadReviewCandidates(warehouse, request);
  const report = await cacheEmbeddings(warehouse, encoder, candidates.map((candidate) => candidate.reviewText));
  const [queryVector] = await embedTexts(warehouse, encoder, [query]);
  if (!queryVector || queryVector.every((value) => value === 0)) {
    throw new EmbeddingToolError(`The query "${query}" has no letters or characters ${encoder.id} can use. Rephrase it with words.`, { parameter: 'query' });
  }
  const byText = new Map<string, { best: Candidate; count: number; hash: string }>();
  for (const candidate of candidates) {
    const group = byText.get(candidate.reviewText);
    if (!group) byText.set(candidate.reviewText, { best: candidate, count: 1, hash: textHash(candidate.reviewText) });
    else {
      group.count += 1;
      // Candidates arrive in review_id order, so a tie on likes keeps the lower id.
      if (candidate.likes > group.best.likes) group.best = candidate;
    }
  }
  const similarities = await cachedSimilarities(warehouse, encoder, queryVector, [...byText.values()].map((group) => group.hash));
  const scored = [...byText.values()].filter((group) => similarities.has(group.hash));
  const searchedReviews = scored.reduce((sum, group) => sum + group.count, 0);
  const rank = (similarity: number) => (Number.isNaN(similarity) ? Number.NEGATIVE_INFINITY : similarity);
  const matches = scored
    .map((group): ReviewMatch => ({ ...group.best, similarity: similarities.get(group.hash) as number, sameTextReviews: group.count }))
    .sort((left, right) => rank(right.similarity) - rank(left.similarity) || left.reviewId - right.reviewId)
    .slice(0, request.limit ?? 10);
  return { matches, searchedReviews, embeddedNow: report.encoded, encoder: encoder.id };
}
