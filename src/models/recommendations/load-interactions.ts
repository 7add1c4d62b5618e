import { behaviourDialect, behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import type { Interaction, InteractionKind } from './interactions.ts';
import { NON_MERCHANDISE_CATEGORY } from './product-catalog.ts';

/** How many of a shopper's most recently viewed products count as seeds. */
export const MAX_VIEWED_SEEDS = 20;

/**
 * Every purchase (order lines of paid orders, without postage and fees), cart and favourite as rows
 * (user_id, owner, product_id, kind, at). Guest orders (no user) are their own owner 'o<order_id>'. Runs on DuckDB
 * and ClickHouse alike (the behaviour tables may live in either).
 */
export const INTERACTION_ROWS_SQL = `
  SELECT o.user_id AS user_id, CASE WHEN o.user_id IS NULL THEN 'o' || CAST(o.order_id AS VARCHAR) ELSE 'u' || CAST(o.user_id AS VARCHAR) END AS owner,
         i.product_id AS product_id, 'purchase' AS kind, o.created_at AS happened_at
  FROM orders o JOIN order_items i ON i.order_id = o.order_id LEFT JOIN products p ON p.product_id = i.product_id
  WHERE o.paid_at IS NOT NULL AND (p.category IS NULL OR p.category <> '${NON_MERCHANDISE_CATEGORY}')
  UNION ALL
  SELECT user_id, 'u' || CAST(user_id AS VARCHAR), product_id, event_type, event_time
  FROM events WHERE event_type IN ('cart', 'fav') AND product_id IS NOT NULL`;

export function toInteractions(rows: readonly Record<string, unknown>[]): Interaction[] {
  return rows.map((row) => ({ owner: String(row.owner), productId: Number(row.product_id), kind: String(row.kind) as InteractionKind, time: Number(row.last_at) }));
}

/** All interactions, one row per (owner, product, kind) with its latest time: what the served model learns from. */
export async function loadAllInteractions(warehouse: Warehouse): Promise<Interaction[]> {
  const dialect = behaviourDialect(warehouse);
  const { rows } = await behaviourReader(warehouse).query(`
    SELECT owner, product_id, kind, ${dialect.epochMilliseconds('max(happened_at)')} AS last_at FROM (${INTERACTION_ROWS_SQL}) interactions
    GROUP BY owner, product_id, kind ORDER BY owner, product_id, kind`);
  return toInteractions(rows);
}

/** One shopper's purchases, carts, favourites and most recent views: their seeds and what they already bought. */
export async function loadUserInteractions(warehouse: Warehouse, userId: number): Promise<Interaction[]> {
  const dialect = behaviourDialect(warehouse);
  const user = dialect.parameter('user', 'integer');
  const { rows } = await behaviourReader(warehouse).query(
    `SELECT * FROM (
       SELECT owner, product_id, kind, ${dialect.epochMilliseconds('max(happened_at)')} AS last_at FROM (${INTERACTION_ROWS_SQL}) interactions
       WHERE user_id = ${user} GROUP BY owner, product_id, kind
       UNION ALL
       SELECT * FROM (SELECT 'u' || CAST(${user} AS VARCHAR) AS owner, product_id, 'view' AS kind, ${dialect.epochMilliseconds('max(event_time)')} AS last_at FROM events
        WHERE user_id = ${user} AND event_type = 'view' AND product_id IS NOT NULL
        GROUP BY product_id ORDER BY last_at DESC, product_id LIMIT ${MAX_VIEWED_SEEDS}) views
     ) seeds ORDER BY kind, product_id`,
    { user: userId },
  );
  return toInteractions(rows);
}

/** Changes when orders, order lines, events or products change: the served model is rebuilt then. */
export async function interactionsFingerprint(warehouse: Warehouse): Promise<string> {
  const dialect = behaviourDialect(warehouse);
  const { rows } = await behaviourReader(warehouse).query(`
    SELECT (SELECT count(*) FROM orders) AS orders, (SELECT coalesce(max(order_id), 0) FROM orders) AS max_order,
           (SELECT count(*) FROM order_items) AS lines, (SELECT count(*) FROM events) AS events,
           (SELECT coalesce(max(event_id), 0) FROM events) AS max_event, (SELECT count(*) FROM products) AS products,
           (SELECT ${dialect.castText(`coalesce(sum(${dialect.hashOf(['product_id', 'title_en', 'title_zh', 'category'])}), 0)`)} FROM products) AS catalogue`);
  return JSON.stringify(rows[0] ?? {});
}
