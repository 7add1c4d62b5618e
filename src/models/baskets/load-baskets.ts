import { behaviourDialect, behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { BasketAnalysisError } from './basket-error.ts';

export type BasketLevel = 'product' | 'category';

export interface BasketItem {
  id: number;
  name_en: string;
  name_zh: string;
  category: string | null;
  category_zh: string | null;
}

export interface Baskets {
  level: BasketLevel;
  /** One transaction per paid order: its distinct products (or categories), as item ids. */
  transactions: number[][];
  items: Map<number, BasketItem>;
  /** Order date of each transaction (YYYY-MM-DD), for hold-out splits. */
  dates: string[];
}

/** Importers mark postage, fees and discounts with this category (docs/importers.md): never "bought together". */
export const NON_MERCHANDISE_CATEGORY = 'non_merchandise';

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Paid orders (orders.paid_at IS NOT NULL, as in the semantic layer) as transactions. Non-merchandise lines
 * (postage, fees) are left out. At category level, products without a category are left out of their order
 * too (an order of only such products has no items, but still counts as an order).
 */
export async function loadBaskets(warehouse: Warehouse, level: BasketLevel): Promise<Baskets> {
  // Written for DuckDB and ClickHouse alike (the behaviour tables may live in either); one query after the other.
  const reader = behaviourReader(warehouse);
  const dialect = behaviourDialect(warehouse);
  if (level === 'product') {
    const merchandise = `(p.category IS NULL OR p.category <> '${NON_MERCHANDISE_CATEGORY}')`;
    const orders = await reader.query(`
        SELECT o.order_id AS order_id, CAST(min(o.created_at) AS DATE) AS day, ${dialect.sortedDistinctListWhere('i.product_id', merchandise)} AS items
        FROM orders o JOIN order_items i ON i.order_id = o.order_id LEFT JOIN products p ON p.product_id = i.product_id WHERE o.paid_at IS NOT NULL
        GROUP BY o.order_id ORDER BY o.order_id`);
    const products = await reader.query(`SELECT product_id, title_en, title_zh, sku, category, category_zh FROM products`);
    const items = new Map<number, BasketItem>();
    for (const row of products.rows) {
      const id = Number(row.product_id);
      const english = text(row.title_en) ?? text(row.title_zh) ?? text(row.sku) ?? `product ${id}`;
      items.set(id, { id, name_en: english, name_zh: text(row.title_zh) ?? english, category: text(row.category), category_zh: text(row.category_zh) });
    }
    return finish(level, orders.rows, items);
  }
  const categorised = `p.category IS NOT NULL AND p.category <> '${NON_MERCHANDISE_CATEGORY}'`;
  const orders = await reader.query(`
    SELECT o.order_id AS order_id, CAST(min(o.created_at) AS DATE) AS day, ${dialect.sortedDistinctListWhere('p.category', categorised)} AS items
    FROM orders o JOIN order_items i ON i.order_id = o.order_id JOIN products p ON p.product_id = i.product_id WHERE o.paid_at IS NOT NULL
    GROUP BY o.order_id ORDER BY o.order_id`);
  // min() rather than any value: the same Chinese name on every engine when a category has several.
  const categories = await reader.query(
    `SELECT category, min(category_zh) AS category_zh FROM products WHERE category IS NOT NULL AND category <> '${NON_MERCHANDISE_CATEGORY}' GROUP BY category ORDER BY category`,
  );
  if (categories.rows.length === 0) {
    throw new BasketAnalysisError('The products have no categories (typical for Online Retail imports). Use level "product" instead.', { kind: 'no_data', parameter: 'level', allowed: ['product'] });
  }
  const idByName = new Map<string, number>();
  const items = new Map<number, BasketItem>();
  categories.rows.forEach((row, id) => {
    const name = String(row.category);
    idByName.set(name, id);
    items.set(id, { id, name_en: name, name_zh: text(row.category_zh) ?? name, category: name, category_zh: text(row.category_zh) });
  });
  const rows = orders.rows.map((row) => ({ ...row, items: Array.isArray(row.items) ? row.items.map((name) => idByName.get(String(name)) as number) : [] }));
  return finish(level, rows, items);
}

function finish(level: BasketLevel, rows: readonly Record<string, unknown>[], items: Map<number, BasketItem>): Baskets {
  if (rows.length === 0) {
    throw new BasketAnalysisError('There are no paid orders to analyse. Seed or import data first ("shoplens seed" or "shoplens import").', { kind: 'no_data' });
  }
  return {
    level,
    transactions: rows.map((row) => (Array.isArray(row.items) ? row.items.map(Number) : [])),
    dates: rows.map((row) => String(row.day)),
    items,
  };
}
