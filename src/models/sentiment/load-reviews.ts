import { BRAND_NAMES_ZH } from '../../sql/semantic/catalogue/brand-names.ts';
import { behaviourDialect, behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { NamedParameters } from '../../sql/engine/warehouse-engine.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { SentimentError } from './sentiment-error.ts';

export interface ReviewFilters {
  /** English (Headphones) or Chinese (耳机) category name; English is case-insensitive. */
  category?: string;
  /** Brand as stored (Huawei) or its Chinese name (华为). */
  brand?: string;
  productId?: number;
  /** Inclusive dates, YYYY-MM-DD. */
  dateRange?: { start: string; end: string };
}

export interface ReviewRecord {
  reviewId: number;
  productId: number;
  rating: number;
  text: string;
  language: string | null;
  createdDate: string;
  likes: number;
  titleEn: string | null;
  titleZh: string | null;
  category: string | null;
  categoryZh: string | null;
  brand: string | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The stored category name for an English or Chinese one, or a SentimentError listing the valid names. */
async function resolveCategory(warehouse: Warehouse, category: string): Promise<string> {
  const { rows } = await behaviourReader(warehouse).query('SELECT DISTINCT category, category_zh FROM products WHERE category IS NOT NULL ORDER BY category, category_zh');
  const wanted = category.trim().toLowerCase();
  const match = rows.find((row) => String(row.category).toLowerCase() === wanted || row.category_zh === category.trim());
  if (match) return String(match.category);
  const allowed = rows.map((row) => (row.category_zh ? `${String(row.category)} / ${String(row.category_zh)}` : String(row.category)));
  throw new SentimentError(`No product category is called "${category}". Use one of: ${allowed.join(', ') || '(no categories in this warehouse)'} (English or Chinese name), or leave category out.`, {
    kind: 'not_found',
    parameter: 'category',
    allowed,
  });
}

async function resolveBrand(warehouse: Warehouse, brand: string): Promise<string> {
  const { rows } = await behaviourReader(warehouse).query('SELECT DISTINCT brand FROM products WHERE brand IS NOT NULL ORDER BY brand');
  const wanted = brand.trim().toLowerCase();
  const match = rows.find((row) => String(row.brand).toLowerCase() === wanted || BRAND_NAMES_ZH[String(row.brand)] === brand.trim());
  if (match) return String(match.brand);
  const allowed = rows.map((row) => String(row.brand));
  throw new SentimentError(`No brand is called "${brand}". Use one of: ${allowed.slice(0, 60).join(', ') || '(no brands in this warehouse)'}, or leave brand out.`, {
    kind: 'not_found',
    parameter: 'brand',
    allowed: allowed.slice(0, 60),
  });
}

/** Checks the filters against the catalogue (unknown names fail with the valid ones) and returns stored names. */
export async function resolveReviewFilters(warehouse: Warehouse, filters: ReviewFilters): Promise<ReviewFilters> {
  if (filters.dateRange && filters.dateRange.start > filters.dateRange.end) {
    throw new SentimentError(`date_range starts (${filters.dateRange.start}) after it ends (${filters.dateRange.end}). Swap them.`, { kind: 'bad_parameter', parameter: 'date_range' });
  }
  return {
    ...filters,
    category: filters.category === undefined ? undefined : await resolveCategory(warehouse, filters.category),
    brand: filters.brand === undefined ? undefined : await resolveBrand(warehouse, filters.brand),
  };
}

/**
 * Reviews with text under already-resolved filters, with their product's titles, category and brand, in
 * review_id order. Runs where the behaviour tables are (DuckDB or ClickHouse), values as parameters.
 */
export async function loadReviews(warehouse: Warehouse, filters: ReviewFilters = {}): Promise<ReviewRecord[]> {
  const dialect = behaviourDialect(warehouse);
  const conditions = ['r.review_text IS NOT NULL', "trim(r.review_text) <> ''"];
  const parameters: NamedParameters = {};
  if (filters.category !== undefined) {
    conditions.push(`p.category = ${dialect.parameter('category', 'text')}`);
    parameters.category = filters.category;
  }
  if (filters.brand !== undefined) {
    conditions.push(`p.brand = ${dialect.parameter('brand', 'text')}`);
    parameters.brand = filters.brand;
  }
  if (filters.productId !== undefined) {
    conditions.push(`r.product_id = ${dialect.parameter('product_id', 'integer')}`);
    parameters.product_id = filters.productId;
  }
  if (filters.dateRange) {
    conditions.push(`r.created_at >= ${dialect.parameter('start_date', 'date')} AND r.created_at < ${dialect.parameter('end_date', 'date')} + INTERVAL 1 DAY`);
    parameters.start_date = filters.dateRange.start;
    parameters.end_date = filters.dateRange.end;
  }
  const { rows } = await behaviourReader(warehouse).query(
    `SELECT r.review_id, r.product_id, r.rating, r.review_text, r.language, CAST(r.created_at AS DATE) AS created_date, r.likes,
            p.title_en, p.title_zh, p.category, p.category_zh, p.brand
     FROM reviews r LEFT JOIN products p ON p.product_id = r.product_id
     WHERE ${conditions.join(' AND ')} ORDER BY r.review_id`,
    parameters,
  );
  return rows.map((row) => ({
    reviewId: Number(row.review_id),
    productId: Number(row.product_id),
    rating: Number(row.rating),
    text: String(row.review_text),
    language: text(row.language),
    createdDate: String(row.created_date),
    likes: Number(row.likes),
    titleEn: text(row.title_en),
    titleZh: text(row.title_zh),
    category: text(row.category),
    categoryZh: text(row.category_zh),
    brand: text(row.brand),
  }));
}

/** Changes whenever a review is added, removed or edited: the trained model is reused until then. */
export async function reviewsFingerprint(warehouse: Warehouse): Promise<string> {
  const dialect = behaviourDialect(warehouse);
  const { rows } = await behaviourReader(warehouse).query(
    `SELECT count(*) AS reviews, coalesce(max(review_id), 0) AS max_id,
            ${dialect.castText(`coalesce(sum(${dialect.hashOf(['review_id', 'rating', 'review_text'])}), 0)`)} AS checksum FROM reviews`,
  );
  const row = rows[0] ?? {};
  return `${String(row.reviews)}:${String(row.max_id)}:${String(row.checksum)}`;
}
