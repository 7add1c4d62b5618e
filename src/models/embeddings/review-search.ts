import type { DuckDBValue } from '@duckdb/node-api';
import type { Warehouse } from '../../sql/warehouse.ts';
import { cacheTextsOfQuery } from './cache-texts-of-query.ts';
import { embedTexts, embeddingTable } from './embedding-cache.ts';
import { EmbeddingToolError } from './embedding-tool-error.ts';
import type { TextEncoder } from './text-encoder.ts';
import { vectorLiteral } from './text-hash.ts';

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

function filterSql(filters: ReviewFilters): { where: string; parameters: Record<string, DuckDBValue> } {
  const conditions = ['r.review_text IS NOT NULL', "trim(r.review_text) <> ''"];
  const parameters: Record<string, DuckDBValue> = {};
  if (filters.productId !== undefined) {
    conditions.push('r.product_id = $product_id');
    parameters.product_id = filters.productId;
  }
  if (filters.category !== undefined) {
    conditions.push('(lower(p.category) = lower($category) OR p.category_zh = $category)');
    parameters.category = filters.category;
  }
  if (filters.minRating !== undefined) {
    conditions.push('r.rating >= $min_rating');
    parameters.min_rating = filters.minRating;
  }
  if (filters.maxRating !== undefined) {
    conditions.push('r.rating <= $max_rating');
    parameters.max_rating = filters.maxRating;
  }
  if (filters.dateRange) {
    conditions.push('r.created_at >= CAST($start_date AS DATE) AND r.created_at < CAST($end_date AS DATE) + INTERVAL 1 DAY');
    parameters.start_date = filters.dateRange.start;
    parameters.end_date = filters.dateRange.end;
  }
  if (filters.language !== undefined) {
    conditions.push('r.language = $language');
    parameters.language = filters.language;
  }
  return { where: conditions.join(' AND '), parameters };
}

async function checkCategory(warehouse: Warehouse, category: string): Promise<void> {
  const known = await warehouse.query(
    `SELECT DISTINCT category, category_zh FROM products WHERE category IS NOT NULL ORDER BY category`,
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

/**
 * Semantic search over review texts: embeds (and caches) every review text under the filters that is not
 * cached yet, embeds the query, and ranks by cosine similarity inside DuckDB (array_cosine_similarity).
 * Identical texts are collapsed to their most-liked review.
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

  const { where, parameters } = filterSql(request);
  const from = 'FROM reviews AS r LEFT JOIN products AS p ON p.product_id = r.product_id';
  const report = await cacheTextsOfQuery(warehouse, encoder, `SELECT r.review_text ${from} WHERE ${where}`, parameters);
  const [queryVector] = await embedTexts(warehouse, encoder, [query]);
  if (!queryVector || queryVector.every((value) => value === 0)) {
    throw new EmbeddingToolError(`The query "${query}" has no letters or characters ${encoder.id} can use. Rephrase it with words.`, { parameter: 'query' });
  }
  const table = await embeddingTable(warehouse);
  const dimension = encoder.dimension;
  const result = await warehouse.query(
    `WITH candidates AS (
       SELECT r.review_id, r.product_id, r.rating, r.review_text, r.language, r.created_at, r.likes,
              p.title_zh, p.title_en, p.category, p.category_zh
       ${from} WHERE ${where}
     ), scored AS (
       SELECT c.*,
              array_cosine_similarity(e.embedding::FLOAT[${dimension}], CAST($query_vector AS FLOAT[${dimension}])) AS similarity,
              count(*) OVER () AS searched_reviews,
              count(*) OVER (PARTITION BY c.review_text) AS same_text_reviews,
              row_number() OVER (PARTITION BY c.review_text ORDER BY c.likes DESC, c.review_id) AS text_rank
       FROM candidates AS c
       JOIN ${table} AS e ON e.encoder = $encoder AND e.text_hash = sha256(c.review_text)
     )
     SELECT review_id, product_id, title_zh, title_en, category, category_zh, rating, review_text, language,
            strftime(created_at, '%Y-%m-%d') AS created_date, likes, similarity, same_text_reviews, searched_reviews
     FROM scored WHERE text_rank = 1
     ORDER BY similarity DESC NULLS LAST, review_id
     LIMIT $limit`,
    { ...parameters, query_vector: vectorLiteral(queryVector), encoder: encoder.id, limit: request.limit ?? 10 },
  );
  const matches = result.rows.map((row) => ({
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
    likes: Number(row.likes),
    similarity: Number(row.similarity),
    sameTextReviews: Number(row.same_text_reviews),
  }));
  const searchedReviews = result.rows.length > 0 ? Number(result.rows[0]?.searched_reviews) : 0;
  return { matches, searchedReviews, embeddedNow: report.encoded, encoder: encoder.id };
}
