import type { DuckDBConnection } from '@duckdb/node-api';
import { CITIES } from './geography.ts';

/**
 * Fills the profile and money tables (customer_addresses, payment_methods, payments) from the seeded users and
 * orders, in SQL and without randomness of its own: the choices hang on user_id / order_id arithmetic, so the same
 * seed gives the same rows and the tables seeded before (users, orders …) are left exactly as they were.
 */
export const SHOPPER_MONEY_TABLES = ['customer_addresses', 'payment_methods', 'payments'] as const;

/** Share (in percent) of shoppers who hold a ShopLens gift card in the demo. */
const GIFT_CARD_PERCENT = 35;

export async function seedShopperMoney(connection: DuckDBConnection): Promise<Record<(typeof SHOPPER_MONEY_TABLES)[number], number>> {
  for (const table of SHOPPER_MONEY_TABLES) await connection.run(`DELETE FROM ${table}`);
  const provinces = CITIES.map((city) => `(${sqlText(city.name)}, ${sqlText(city.province)})`).join(', ');
  // One saved address per shipping address a shopper used; the one of their latest order is the default.
  await connection.run(`
    INSERT INTO customer_addresses (address_id, user_id, recipient, phone, street, city, province, postal_code, country,
      full_address, is_default, created_at, updated_at)
    WITH used AS (
      SELECT user_id, shipping_name, shipping_phone, shipping_address, shipping_city,
        min(created_at) AS first_used, max(created_at) AS last_used, min(order_id) AS first_order
      FROM orders WHERE user_id IS NOT NULL AND shipping_address IS NOT NULL
      GROUP BY ALL
    ), ranked AS (
      SELECT *, row_number() OVER (PARTITION BY user_id ORDER BY last_used DESC, first_order DESC) AS recency FROM used
    )
    SELECT row_number() OVER (ORDER BY user_id, first_order), user_id, shipping_name, shipping_phone,
      coalesce(nullif(trim(coalesce(regexp_extract(shipping_address, '(?:区|县)([^区县]+)$', 1), '')), ''),
               nullif(trim(coalesce(regexp_extract(shipping_address, '市([^市]+)$', 1), '')), ''), shipping_address),
      shipping_city, cities.province, NULL, 'China', shipping_address, recency = 1, first_used, last_used
    FROM ranked LEFT JOIN (VALUES ${provinces}) AS cities(city, province) ON cities.city = ranked.shipping_city`);
  // Saved methods: each method a shopper paid with (cash on delivery is not a saved method), plus a gift card for
  // some shoppers. Cards get a last4 from the user id, never a real number.
  await connection.run(`
    INSERT INTO payment_methods (method_id, user_id, kind, last4, balance, is_default, created_at)
    WITH used AS (
      SELECT user_id, payment_method AS kind, min(created_at) AS first_used, count(*) AS times
      FROM orders WHERE user_id IS NOT NULL AND payment_method IN ('credit_card', 'union_pay', 'alipay', 'wechat_pay')
      GROUP BY ALL
    ), cards AS (
      SELECT u.user_id, 'gift_card' AS kind, u.signup_date::TIMESTAMP AS first_used, 0 AS times
      FROM users u WHERE u.user_id % 100 < ${GIFT_CARD_PERCENT}
    ), saved AS (SELECT * FROM used UNION ALL SELECT * FROM cards)
    SELECT row_number() OVER (ORDER BY user_id, kind), user_id, kind,
      CASE WHEN kind IN ('credit_card', 'union_pay') THEN lpad(((user_id * 7919 + length(kind) * 131) % 10000)::VARCHAR, 4, '0') END,
      CASE WHEN kind = 'gift_card' THEN ((user_id * 37) % 50) * 10 + 20 END,
      kind <> 'gift_card' AND row_number() OVER (PARTITION BY user_id ORDER BY kind = 'gift_card', times DESC, kind) = 1,
      first_used
    FROM saved`);
  // A charge per paid order; a refund when a paid order was cancelled, returned, or had items returned.
  await connection.run(`
    INSERT INTO payments (payment_id, order_id, kind, method, method_id, amount, created_at, reason)
    WITH returned AS (
      SELECT order_id, sum(returned_quantity * unit_price) AS amount FROM order_items GROUP BY order_id
    ), moves AS (
      SELECT order_id, 1 AS step, 'charge' AS kind, payment_method AS method, total_amount AS amount, paid_at AS at, 'order' AS reason
      FROM orders WHERE paid_at IS NOT NULL
      UNION ALL
      SELECT order_id, 2, 'refund', payment_method, total_amount, cancelled_at, 'cancel'
      FROM orders WHERE paid_at IS NOT NULL AND cancelled_at IS NOT NULL
      UNION ALL
      SELECT o.order_id, 2, 'refund', o.payment_method,
        CASE WHEN o.status = 'returned' THEN o.total_amount ELSE least(o.total_amount, r.amount) END,
        coalesce(o.returned_at, o.delivered_at), 'return'
      FROM orders o JOIN returned r USING (order_id)
      WHERE o.paid_at IS NOT NULL AND o.cancelled_at IS NULL AND (o.status = 'returned' OR r.amount > 0)
    )
    SELECT row_number() OVER (ORDER BY order_id, step), m.order_id, m.kind, m.method, pm.method_id, m.amount, m.at, m.reason
    FROM moves m JOIN orders o USING (order_id)
      LEFT JOIN payment_methods pm ON pm.user_id = o.user_id AND pm.kind = m.method`);
  const counts = {} as Record<(typeof SHOPPER_MONEY_TABLES)[number], number>;
  for (const table of SHOPPER_MONEY_TABLES) {
    const reader = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${table}`);
    counts[table] = Number(reader.getRowObjects()[0]?.n ?? 0);
  }
  return counts;
}

function sqlText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
