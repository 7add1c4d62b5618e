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
    SELECT o.user_id, o.order_id, o.created_at, i.line_no, i.product_id
    FROM orders o JOIN order_items i USING (order_id) LEFT JOIN products p USING (product_id)
    WHERE o.paid_at IS NOT NULL AND o.user_id IS NOT NULL AND p.category IS DISTINCT FROM '${NON_MERCHANDISE_CATEGORY}'),
  user_orders AS (
    SELECT user_id, order_id, min(created_at) AS created_at FROM merchandise_purchases GROUP BY user_id, order_id),
  last_orders AS (
    SELECT user_id, order_id, created_at, count(*) OVER (PARTITION BY user_id) AS orders FROM user_orders
    QUALIFY row_number() OVER (PARTITION BY user_id ORDER BY created_at DESC, order_id DESC) = 1),
  eligible AS (SELECT * FROM last_orders WHERE orders >= 2),
  held_out AS (
    SELECT p.user_id, p.order_id, p.created_at, p.product_id
    FROM merchandise_purchases p JOIN eligible e ON e.user_id = p.user_id AND e.order_id = p.order_id
    WHERE NOT EXISTS (SELECT 1 FROM merchandise_purchases q WHERE q.user_id = p.user_id AND q.order_id <> p.order_id AND q.product_id = p.product_id)
    QUALIFY row_number() OVER (PARTITION BY p.user_id ORDER BY p.line_no DESC) = 1),
  session_start AS (
    SELECT h.user_id, min(s.event_time) AS started_at
    FROM held_out h
    JOIN events e ON e.user_id = h.user_id AND e.event_type = 'purchase' AND e.product_id = h.product_id AND e.event_time = h.created_at
    JOIN events s ON s.user_id = e.user_id AND s.session_id = e.session_id
    GROUP BY h.user_id),
  cases AS (
    SELECT h.user_id, h.product_id AS held_out_product, h.order_id AS held_out_order,
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
  const casesResult = await warehouse.query(`
    WITH ${LEAVE_LAST_OUT_CTES}
    SELECT user_id, held_out_product, held_out_order, epoch_ms(cutoff) AS cutoff
    FROM cases ORDER BY user_id`);
  const eligibleResult = await warehouse.query(`WITH ${LEAVE_LAST_OUT_CTES} SELECT count(*) AS eligible FROM eligible`);
  const training = await warehouse.query(`
    WITH ${LEAVE_LAST_OUT_CTES}
    SELECT x.owner, x.product_id, x.kind, epoch_ms(max(x.happened_at)) AS last_at
    FROM (${INTERACTION_ROWS_SQL}) x LEFT JOIN cases c ON c.user_id = x.user_id
    WHERE c.cutoff IS NULL OR x.happened_at < c.cutoff
    GROUP BY x.owner, x.product_id, x.kind`);
  const views = await warehouse.query(`
    WITH ${LEAVE_LAST_OUT_CTES}
    SELECT 'u' || e.user_id AS owner, e.product_id, 'view' AS kind, epoch_ms(max(e.event_time)) AS last_at
    FROM events e JOIN cases c ON c.user_id = e.user_id
    WHERE e.event_type = 'view' AND e.product_id IS NOT NULL AND e.event_time < c.cutoff
    GROUP BY e.user_id, e.product_id
    QUALIFY row_number() OVER (PARTITION BY e.user_id ORDER BY max(e.event_time) DESC, e.product_id) <= ${MAX_VIEWED_SEEDS}`);
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
