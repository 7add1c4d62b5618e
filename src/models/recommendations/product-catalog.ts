import { behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { Warehouse } from '../../sql/warehouse.ts';

/** Importers mark postage, fees and discounts with this category (docs/importers.md): never recommended. */
export const NON_MERCHANDISE_CATEGORY = 'non_merchandise';

export interface CatalogProduct {
  productId: number;
  titleEn: string | null;
  titleZh: string | null;
  sku: string | null;
  category: string | null;
  categoryZh: string | null;
  brand: string | null;
  price: number | null;
  /** False for postage, fees and the like: they can be seeds' neighbours in the data, never recommendations. */
  recommendable: boolean;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export async function loadCatalog(warehouse: Warehouse): Promise<Map<number, CatalogProduct>> {
  const { rows } = await behaviourReader(warehouse).query('SELECT product_id, title_en, title_zh, sku, category, category_zh, brand, price FROM products ORDER BY product_id');
  return new Map(rows.map((row) => {
    const productId = Number(row.product_id);
    const category = text(row.category);
    return [productId, {
      productId,
      titleEn: text(row.title_en),
      titleZh: text(row.title_zh),
      sku: text(row.sku),
      category,
      categoryZh: text(row.category_zh),
      brand: text(row.brand),
      price: row.price === null || row.price === undefined ? null : Number(row.price),
      recommendable: category !== NON_MERCHANDISE_CATEGORY,
    }];
  }));
}

/** A product's name in a language, falling back to the other language, the SKU, then the id. */
export function productTitle(product: CatalogProduct | undefined, language: 'en' | 'zh', productId?: number): string {
  const preferred = language === 'zh' ? product?.titleZh ?? product?.titleEn : product?.titleEn ?? product?.titleZh;
  return preferred ?? product?.sku ?? `product ${product?.productId ?? productId ?? '?'}`;
}

/** The columns every recommendation table shows of a product, titled and categorised in the answer's language. */
export function productRowFields(product: CatalogProduct, productId: number, language: 'en' | 'zh') {
  return {
    product_id: productId,
    product: productTitle(product, language),
    title_en: product.titleEn,
    title_zh: product.titleZh,
    category: (language === 'zh' ? product.categoryZh ?? product.category : product.category) ?? null,
  };
}

/** The text whose embedding stands for a product: both titles (one when they are equal or one is missing). */
export function titleText(product: CatalogProduct): string {
  const titles = [...new Set([product.titleZh, product.titleEn].filter((title): title is string => title !== null))];
  return titles.length > 0 ? titles.join(' / ') : product.sku ?? '';
}
