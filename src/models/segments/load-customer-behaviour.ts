import type { Warehouse } from '../../sql/warehouse.ts';
import { BEHAVIOUR_FEATURES } from './behaviour-features.ts';
import type { RfmCustomer } from './rfm-scores.ts';

export interface CustomerBehaviour {
  userId: number;
  /** RFM inputs, or null for users without a paid order. */
  rfm: RfmCustomer | null;
  /** Values in BEHAVIOUR_FEATURES order; null where the feature is undefined (no views, no orders). */
  features: (number | null)[];
}

/** Add-to-cart rates are shrunk towards the shop-wide rate as if each user had this many extra views, so three views and one cart do not read as "33 % cart rate". */
export const CART_RATE_PRIOR_VIEWS = 20;

/**
 * Paid orders follow the semantic layer's definition (orders.paid_at IS NOT NULL, whatever happened
 * later) and spend is the sum of their line amounts, so "GMV by segment" adds up to GMV.
 * The population is every user id seen in events or orders up to $as_of; users with neither are not
 * segmented. Rates are NULL where undefined (no views, no orders) and later imputed as average, never zero.
 */
export const CUSTOMER_BEHAVIOUR_SQL = `
  WITH activity AS (
    SELECT user_id,
           count(DISTINCT session_id) AS sessions,
           count(*) FILTER (WHERE event_type = 'view') AS views,
           count(*) FILTER (WHERE event_type = 'cart') AS carts,
           count(*) FILTER (WHERE event_type = 'fav') AS favs,
           avg(dwell_seconds) FILTER (WHERE event_type = 'view' AND dwell_seconds IS NOT NULL) AS avg_dwell_seconds,
           avg(CASE WHEN device IN ('ios', 'android') THEN 1.0 WHEN device IS NULL THEN NULL ELSE 0.0 END) AS app_share,
           min(event_time) AS first_event,
           max(event_time) AS last_event
    FROM events WHERE event_time < CAST($as_of AS DATE) + INTERVAL 1 DAY GROUP BY user_id),
  shop_rate AS (SELECT sum(carts) / nullif(sum(views), 0) AS cart_rate FROM activity),
  order_totals AS (
    SELECT o.order_id, o.user_id, o.created_at, o.paid_at, o.items_amount, o.discount_amount, sum(i.amount) AS amount
    FROM orders o JOIN order_items i USING (order_id)
    WHERE o.user_id IS NOT NULL AND o.created_at < CAST($as_of AS DATE) + INTERVAL 1 DAY
    GROUP BY ALL),
  placed AS (SELECT user_id, min(created_at) AS first_order, max(created_at) AS last_any_order FROM order_totals GROUP BY user_id),
  paid AS (
    SELECT user_id, count(*) AS purchases, sum(amount) AS spend, max(created_at) AS last_order,
           sum(discount_amount) / nullif(sum(items_amount), 0) AS discount_share
    FROM order_totals WHERE paid_at IS NOT NULL GROUP BY user_id),
  touched AS (
    SELECT e.user_id, p.category FROM events e JOIN products p USING (product_id)
    WHERE p.category IS NOT NULL AND e.event_time < CAST($as_of AS DATE) + INTERVAL 1 DAY
    UNION
    SELECT o.user_id, p.category FROM order_totals o JOIN order_items i USING (order_id) JOIN products p USING (product_id)
    WHERE p.category IS NOT NULL),
  categories AS (SELECT user_id, count(*) AS distinct_categories FROM touched GROUP BY user_id),
  population AS (SELECT user_id FROM activity UNION SELECT user_id FROM placed)
  SELECT pop.user_id,
         coalesce(a.sessions, 0) AS sessions,
         coalesce(p.purchases, 0) AS purchases,
         (p.spend / p.purchases)::DOUBLE AS average_order_value,
         date_diff('day', CAST(greatest(a.last_event, pl.last_any_order) AS DATE), CAST($as_of AS DATE)) AS recency_days,
         date_diff('day', CAST(least(a.first_event, pl.first_order) AS DATE), CAST($as_of AS DATE)) AS tenure_days,
         p.discount_share::DOUBLE AS discount_share,
         (a.carts + ${CART_RATE_PRIOR_VIEWS} * s.cart_rate) / (a.views + ${CART_RATE_PRIOR_VIEWS}) AS cart_rate,
         coalesce(p.spend, 0)::DOUBLE AS spend,
         a.views / nullif(a.sessions, 0) AS views_per_session,
         a.favs / nullif(a.views, 0) AS fav_rate,
         a.avg_dwell_seconds,
         coalesce(c.distinct_categories, 0) AS distinct_categories,
         a.app_share,
         date_diff('day', CAST(p.last_order AS DATE), CAST($as_of AS DATE)) AS order_recency_days
  FROM population pop
  LEFT JOIN activity a USING (user_id) LEFT JOIN placed pl USING (user_id) LEFT JOIN paid p USING (user_id)
  LEFT JOIN categories c USING (user_id) CROSS JOIN shop_rate s
  ORDER BY pop.user_id`;

function numberOrNull(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value !== '') return Number(value);
  return null;
}

export async function loadCustomerBehaviour(warehouse: Warehouse, asOf: string): Promise<CustomerBehaviour[]> {
  const { rows } = await warehouse.query(CUSTOMER_BEHAVIOUR_SQL, { as_of: asOf });
  return rows.map((row) => {
    const userId = Number(row.user_id);
    const purchases = Number(row.purchases);
    const orderRecency = numberOrNull(row.order_recency_days);
    return {
      userId,
      rfm: purchases > 0 && orderRecency !== null ? { userId, recencyDays: orderRecency, frequency: purchases, monetary: Number(row.spend) } : null,
      features: BEHAVIOUR_FEATURES.map((feature) => numberOrNull(row[feature.id])),
    };
  });
}
