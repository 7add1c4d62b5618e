import { behaviourDialect, behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { SqlDialect } from '../../sql/engine/sql-dialect.ts';
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
 * Written for DuckDB and ClickHouse alike: amounts are cast to DOUBLE before dividing (ClickHouse would keep the
 * decimal scale of the operands), and every selected column is named (ClickHouse keeps table prefixes otherwise).
 */
export const customerBehaviourSql = (dialect: SqlDialect): string => {
  const end = `${dialect.parameter('as_of', 'date')} + INTERVAL 1 DAY`;
  const asOf = dialect.parameter('as_of', 'date');
  return `
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
    FROM events WHERE event_time < ${end} GROUP BY user_id),
  shop_rate AS (SELECT sum(carts) / nullif(sum(views), 0) AS cart_rate FROM activity),
  order_totals AS (
    SELECT o.order_id AS order_id, o.user_id AS user_id, o.created_at AS created_at, o.paid_at AS paid_at,
           o.items_amount AS items_amount, o.discount_amount AS discount_amount, sum(i.amount) AS amount
    FROM orders o JOIN order_items i ON i.order_id = o.order_id
    WHERE o.user_id IS NOT NULL AND o.created_at < ${end}
    GROUP BY o.order_id, o.user_id, o.created_at, o.paid_at, o.items_amount, o.discount_amount),
  placed AS (SELECT user_id, min(created_at) AS first_order, max(created_at) AS last_any_order FROM order_totals GROUP BY user_id),
  paid AS (
    SELECT user_id, count(*) AS purchases, sum(amount) AS spend, max(created_at) AS last_order,
           CAST(sum(discount_amount) AS DOUBLE) / nullif(CAST(sum(items_amount) AS DOUBLE), 0) AS discount_share
    FROM order_totals WHERE paid_at IS NOT NULL GROUP BY user_id),
  touched AS (
    SELECT e.user_id AS user_id, p.category AS category FROM events e JOIN products p ON p.product_id = e.product_id
    WHERE p.category IS NOT NULL AND e.event_time < ${end}
    UNION
    SELECT o.user_id AS user_id, p.category AS category FROM order_totals o JOIN order_items i ON i.order_id = o.order_id JOIN products p ON p.product_id = i.product_id
    WHERE p.category IS NOT NULL),
  categories AS (SELECT user_id, count(*) AS distinct_categories FROM touched GROUP BY user_id),
  population AS (SELECT user_id FROM activity UNION SELECT user_id FROM placed)
  SELECT pop.user_id AS user_id,
         coalesce(a.sessions, 0) AS sessions,
         coalesce(p.purchases, 0) AS purchases,
         CAST(p.spend AS DOUBLE) / p.purchases AS average_order_value,
         date_diff('day', CAST(${greatest('a.last_event', 'pl.last_any_order')} AS DATE), ${asOf}) AS recency_days,
         date_diff('day', CAST(${least('a.first_event', 'pl.first_order')} AS DATE), ${asOf}) AS tenure_days,
         CAST(p.discount_share AS DOUBLE) AS discount_share,
         (a.carts + ${CART_RATE_PRIOR_VIEWS} * s.cart_rate) / (a.views + ${CART_RATE_PRIOR_VIEWS}) AS cart_rate,
         CAST(coalesce(p.spend, 0) AS DOUBLE) AS spend,
         a.views / nullif(a.sessions, 0) AS views_per_session,
         a.favs / nullif(a.views, 0) AS fav_rate,
         a.avg_dwell_seconds AS avg_dwell_seconds,
         coalesce(c.distinct_categories, 0) AS distinct_categories,
         a.app_share AS app_share,
         date_diff('day', CAST(p.last_order AS DATE), ${asOf}) AS order_recency_days
  FROM population pop
  LEFT JOIN activity a ON a.user_id = pop.user_id LEFT JOIN placed pl ON pl.user_id = pop.user_id LEFT JOIN paid p ON p.user_id = pop.user_id
  LEFT JOIN categories c ON c.user_id = pop.user_id CROSS JOIN shop_rate s
  ORDER BY pop.user_id`;
};

/** The later (earlier) of two times, the other when one is NULL (DuckDB's greatest/least skip NULLs; spelt out for ClickHouse). */
function greatest(left: string, right: string): string {
  return `CASE WHEN ${left} IS NULL THEN ${right} WHEN ${right} IS NULL OR ${left} >= ${right} THEN ${left} ELSE ${right} END`;
}
function least(left: string, right: string): string {
  return `CASE WHEN ${left} IS NULL THEN ${right} WHEN ${right} IS NULL OR ${left} <= ${right} THEN ${left} ELSE ${right} END`;
}

function numberOrNull(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value !== '') return Number(value);
  return null;
}

export async function loadCustomerBehaviour(warehouse: Warehouse, asOf: string): Promise<CustomerBehaviour[]> {
  const { rows } = await behaviourReader(warehouse).query(customerBehaviourSql(behaviourDialect(warehouse)), { as_of: asOf });
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
