import { idList, keyedRead, type SqlRunner } from '../sql-runner.ts';

/** The other variants of each item's product (one query for the whole order): option names, price and stock. */
export async function otherOptionsOf(runner: SqlRunner, productIds: readonly number[]) {
  const options = new Map<number, { product_id: number; option_en: string | null; option_zh: string | null; price: number | null; in_stock: boolean | null }[]>();
  if (productIds.length === 0) return options;
  // Kept per product; the products of shoppers asking in the same tick are read by one statement.
  const byProduct = await keyedRead(runner, {
    family: 'product-options',
    keyColumn: 'own_id',
    tables: ['products'],
    load: (ids) =>
      runner.query(
        `SELECT own.product_id AS own_id, other.product_id, other.option_en, other.option_zh, other.price::DOUBLE AS price, other.stock
           FROM products own JOIN products other ON other.product_group = own.product_group AND other.product_id <> own.product_id
          WHERE list_contains($ids::BIGINT[], own.product_id)`,
        { ids: idList(ids) },
      ),
  }, productIds);
  const rows = [...byProduct.values()].flat();
  // Sorted here, by product then option: DuckDB's ORDER BY costs more than the join on an order's few items.
  const sorted = [...rows].sort((left, right) => Number(left.own_id) - Number(right.own_id) || Number(left.product_id) - Number(right.product_id));
  for (const row of sorted) {
    const list = options.get(Number(row.own_id)) ?? [];
    list.push({ product_id: Number(row.product_id), option_en: row.option_en === null ? null : String(row.option_en), option_zh: row.option_zh === null ? null : String(row.option_zh), price: row.price === null ? null : Number(row.price), in_stock: row.stock === null ? null : Number(row.stock) > 0 });
    options.set(Number(row.own_id), list);
  }
  return options;
}
