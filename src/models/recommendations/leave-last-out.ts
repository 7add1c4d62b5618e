import { behaviourDialect, behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import type { Interaction } from './interactions.ts';
import { INTERACTION_ROWS_SQL, MAX_VIEWED_SEEDS, toInteractions } from './load-interactions.ts';
import { NON_MERCHANDISE_CATEGORY } from './product-catalog.ts';

/**
 * The leave-last-out cases, as SQL common table expressions ending in `cases(user_id, held_out_product,
 * held_out_order, cutoff)`:
 * - shoppers with at least two paid orders (merchandise lines only);
 * - the held-out product is the last line of their last order (latest created_at, then highest order_id) that
 *   they had not bought in an earlier order: the recommender never suggests what a shopper already bought,
 *   so a pure re-buy could never be hit and is not a fair test (such shoppers are counted, not scored);
 * - the cutoff is the start of the session in which that purchase was made (its checkout events), or the
 *   order time when there are no events: everything the shopper did from then on, including the rest of the
 *   last order and the cart click just before checkout, is hidden from training and from their seeds.
 */
export const LEAVE_LAST_OUT_CTES = `
  merchandise_purchases AS (
    SELECT o.user_id AS user_id, o.order_id AS order_id, o.created_at AS created_at, i.line_no AS line_no, i.product_id AS product_id
    FROM orders o JOIN order_items i ON i.order_id = o.order_id LEFT JOIN products p ON p.product_id = i.product_id
    WHERE o.paid_at IS NOT NULL AND o.user_id IS NOT NULL AND (p.category IS NULL OR p.category <> '${NON_MERCHANDISE_CATEGORY}')),
  user_orders AS (
    SELECT user_id, order_id, min(created_at) AS created_at FROM merchandise_purchases GROUP BY user_id, order_id),
  last_orders AS (
    SELECT user_id, order_id, created_at, orders FROM (
      SELECT user_id, order_id, created_at, count(*) OVER (PARTITION BY user_id) AS orders,
             row_number() OVER (PARTITION BY user_id ORDER BY created_at DESC, order_id DESC) AS position
      FROM user_orders) ranked_orders
    WHERE position = 1),
  eligible AS (SELECT user_id, order_id, created_at, orders FROM last_orders WHERE orders >= 2),
  product_orders AS (
    SELECT user_id, product_id, count(DISTINCT order_id) AS orders FROM merchandise_purchases GROUP BY user_id, product_id),
  held_out AS (
    SELECT user_id, order_id, created_at, product_id FROM (
      SELECT p.user_id AS user_id, p.order_id AS order_id, p.created_at AS created_at, p.product_id AS product_id,
             row_number() OVER (PARTITION BY p.user_id ORDER BY p.line_no DESC) AS position
      FROM merchandise_purchases p
      JOIN eligible e ON e.user_id = p.user_id AND e.order_id = p.order_id
      JOIN product_orders b ON b.user_id = p.user_id AND b.product_id = p.product_id
      WHERE b.orders = 1) ranked_lines
    WHERE position = 1),
  session_start AS (
    SELECT h.user_id AS user_id, min(s.event_time) AS started_at
    FROM held_out h
    JOIN events e ON e.user_id = h.user_id AND e.product_id = h.product_id AND e.event_time = h.created_at
    JOIN events s ON s.user_id = e.user_id AND s.session_id = e.session_id
    WHERE e.event_type = 'purchase'
    GROUP BY h.user_id),
  cases AS (
    SELECT h.user_id AS user_id, h.product_id AS held_out_product, h.order_id AS held_out_order,
           least(h.created_at, coalesce(st.started_at, h.created_at)) AS cutoff
    FROM held_out h LEFT JOIN session_start st ON st.user_id = h.user_id)`;

export interface LeaveLastOutCase {
  userId: number;
  heldOutProduct: number;
  heldOutOrder: number;
  /** Epoch ms: the shopper's interactions at or after it are hidden. */
  cutoff: number;
}

export interface LeaveLastOutSplit {
  cases: LeaveLastOutCase[];
  /** Shoppers with ≥ 2 paid orders. */
  eligibleShoppers: number;
  /** Of those, shoppers whose last order only re-bought earlier products (not scored). */
  rebuyOnlyShoppers: number;
  /** Training interactions: everybody's, minus each case shopper's from their cutoff on. */
  training: Interaction[];
  /** Each case shopper's most recent views before their cutoff (seeds only). */
  viewsBeforeCutoff: Interaction[];
}

export async function leaveLastOutSplit(warehouse: Warehouse): Promise<LeaveLastOutSplit> {
  const reader = behaviourReader(warehouse);
  const epochMs = behaviourDialect(warehouse).epochMilliseconds;
  const casesResult = await reader.query(`
    WITH ${LEAVE_LAST_OUT_CTES}
    SELECT user_id, held_out_product, held_out_order, ${epochMs('cutoff')} AS cutoff
    FROM cases ORDER BY user_id`);
  const eligibleResult = await reader.query(`WITH ${LEAVE_LAST_OUT_CTES} SELECT count(*) AS eligible FROM eligible`);
  const training = await reader.query(`
    WITH ${LEAVE_LAST_OUT_CTES}
    SELECT x.owner AS owner, x.product_id AS product_id, x.kind AS kind, ${epochMs('max(x.happened_at)')} AS last_at
    FROM (${INTERACTION_ROWS_SQL}) x LEFT JOIN cases c ON c.user_id = x.user_id
    WHERE c.cutoff IS NULL OR x.happened_at < c.cutoff
    GROUP BY x.owner, x.product_id, x.kind
    ORDER BY owner, product_id, kind`);
  const views = await reader.query(`
    WITH ${LEAVE_LAST_OUT_CTES},
    viewed AS (
      SELECT e.user_id AS user_id, e.product_id AS product_id, max(e.event_time) AS last_time
      FROM events e JOIN cases c ON c.user_id = e.user_id
      WHERE e.event_type = 'view' AND e.product_id IS NOT NULL AND e.event_time < c.cutoff
      GROUP BY e.user_id, e.product_id)
    SELECT 'u' || CAST(user_id AS VARCHAR) AS owner, product_id, 'view' AS kind, ${epochMs('last_time')} AS last_at FROM (
      SELECT user_id, product_id, last_time, row_number() OVER (PARTITION BY user_id ORDER BY last_time DESC, product_id) AS position FROM viewed) ranked_views
    WHERE position <= ${MAX_VIEWED_SEEDS}
    ORDER BY user_id, product_id`);
  const cases = casesResult.rows.map((row) => ({
    userId: Number(row.user_id),
    heldOutProduct: Number(row.held_out_product),
    heldOutOrder: Number(row.held_out_order),
    cutoff: Number(row.cutoff),
  }));
  const eligibleShoppers = Number(eligibleResult.rows[0]?.eligible ?? 0);
  return {
    cases,
    eligibleShoppers,
    rebuyOnlyShoppers: eligibleShoppers - cases.length,
    training: toInteractions(training.rows),
    viewsBeforeCutoff: toInteractions(views.rows),
  };
}
