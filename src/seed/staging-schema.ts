import { DOUBLE, INTEGER, UTINYINT, USMALLINT, VARCHAR } from '@duckdb/node-api';
import {
  CARRIERS,
  CHANNELS,
  DEVICES,
  EVENT_TYPES,
  ORDER_STATUSES,
  PAGES,
  PAYMENT_METHODS,
} from './behaviour-factors.ts';
import { formatEpochDay } from './calendar.ts';
import { CATEGORIES } from './catalogue.ts';
import { CITIES } from './geography.ts';
import type { StagingColumn } from './staging-table.ts';

/**
 * Staging tables hold compact rows (small-integer codes, seconds from the window start, cents) that the
 * generator can append quickly; one INSERT … SELECT per table expands them into the warehouse schema.
 */
export const STAGING_COLUMNS = {
  stage_products: [
    column('product_id', INTEGER), column('sku', VARCHAR), column('title_zh', VARCHAR), column('title_en', VARCHAR),
    column('category', UTINYINT), column('brand', VARCHAR), column('price_cents', INTEGER), column('launch_day', INTEGER),
    column('product_group', INTEGER), column('option_en', VARCHAR), column('option_zh', VARCHAR), column('stock', INTEGER),
  ],
  stage_users: [
    column('user_id', INTEGER), column('user_name', VARCHAR), column('email', VARCHAR), column('phone', VARCHAR),
    column('signup_day', INTEGER), column('gender', UTINYINT), column('age', UTINYINT), column('city', UTINYINT),
    column('device', UTINYINT), column('channel', UTINYINT),
  ],
  stage_events: [
    column('event_id', INTEGER), column('user_id', INTEGER), column('session_id', INTEGER), column('product_id', USMALLINT),
    column('event_type', UTINYINT), column('query', USMALLINT), column('second', INTEGER), column('dwell', DOUBLE),
    column('device', UTINYINT), column('page', UTINYINT),
  ],
  stage_orders: [
    column('order_id', INTEGER), column('order_no', VARCHAR), column('user_id', INTEGER), column('status', UTINYINT),
    column('created', INTEGER), column('paid', INTEGER), column('shipped', INTEGER), column('delivered', INTEGER),
    column('cancelled', INTEGER), column('returned', INTEGER), column('items_cents', INTEGER),
    column('discount_cents', INTEGER), column('shipping_cents', INTEGER), column('total_cents', INTEGER),
    column('payment', UTINYINT), column('shipping_name', VARCHAR), column('shipping_phone', VARCHAR),
    column('shipping_address', VARCHAR), column('city', UTINYINT), column('carrier', UTINYINT),
    column('tracking_number', VARCHAR), column('device', UTINYINT), column('exchange_count', UTINYINT),
  ],
  stage_order_items: [
    column('order_id', INTEGER), column('line_no', UTINYINT), column('product_id', INTEGER), column('quantity', UTINYINT),
    column('unit_cents', INTEGER), column('amount_cents', INTEGER), column('returned_quantity', UTINYINT),
  ],
  stage_reviews: [
    column('review_id', INTEGER), column('user_id', INTEGER), column('product_id', INTEGER), column('order_id', INTEGER),
    column('rating', UTINYINT), column('review_text', VARCHAR), column('language', UTINYINT), column('created', INTEGER),
    column('likes', INTEGER),
  ],
} as const satisfies Record<string, readonly StagingColumn[]>;

export type StagingTableName = keyof typeof STAGING_COLUMNS;

export const GENDERS = ['male', 'female', 'unknown'] as const;
export const LANGUAGES = ['zh', 'en'] as const;

/** The behaviour tables a seed replaces, in load order. */
export const SEEDED_TABLES = ['products', 'users', 'events', 'orders', 'order_items', 'reviews'] as const;
export type SeededTable = (typeof SEEDED_TABLES)[number];

/** INSERT … SELECT statements that expand each staging table into its warehouse table. */
export function loadStatements(startEpochDay: number, queries: readonly string[]): Record<SeededTable, string> {
  const start = formatEpochDay(startEpochDay);
  const timestamp = (name: string): string => `TIMESTAMP '${start} 00:00:00' + to_seconds(${name})`;
  const money = (name: string): string => `CAST(${name} / 100 AS DECIMAL(12, 2))`;
  const cities = CITIES.map((city) => city.name);
  return {
    products: `INSERT INTO products (product_id, sku, title_zh, title_en, category, category_zh, brand, price, launch_date, source,
        product_group, option_en, option_zh, stock)
      SELECT product_id, sku, title_zh, title_en, ${lookup(CATEGORIES.map((c) => c.name), 'category')},
        ${lookup(CATEGORIES.map((c) => c.nameZh), 'category')}, brand, ${money('price_cents')},
        DATE '${start}' + launch_day, 'demo', product_group, option_en, option_zh, stock
      FROM stage_products`,
    users: `INSERT INTO users (user_id, external_id, user_name, email, phone, signup_date, gender, age, country, province,
        city, city_tier, preferred_device, channel, source)
      SELECT user_id, NULL, user_name, email, phone, DATE '${start}' + signup_day, ${lookup(GENDERS, 'gender')}, age,
        'China', ${lookup(CITIES.map((c) => c.province), 'city')}, ${lookup(cities, 'city')},
        ${lookup(CITIES.map((c) => c.tier), 'city')}, ${lookup(DEVICES, 'device')}, ${lookup(CHANNELS, 'channel')}, 'demo'
      FROM stage_users`,
    events: `INSERT INTO events (event_id, user_id, session_id, product_id, event_type, search_query, event_time,
        dwell_seconds, device, page)
      SELECT event_id, user_id, session_id, product_id, ${lookup(EVENT_TYPES, 'event_type')}, ${lookup(queries, 'query')},
        ${timestamp('second')}, dwell, ${lookup(DEVICES, 'device')}, ${lookup(PAGES, 'page')}
      FROM stage_events`,
    orders: `INSERT INTO orders (order_id, order_no, user_id, status, created_at, paid_at, shipped_at, delivered_at,
        cancelled_at, returned_at, items_amount, discount_amount, shipping_fee, total_amount, payment_method,
        shipping_name, shipping_phone, shipping_address, shipping_city, carrier, tracking_number, device,
        exchange_count, source)
      SELECT order_id, order_no, user_id, ${lookup(ORDER_STATUSES, 'status')}, ${timestamp('created')},
        ${timestamp('paid')}, ${timestamp('shipped')}, ${timestamp('delivered')}, ${timestamp('cancelled')},
        ${timestamp('returned')}, ${money('items_cents')}, ${money('discount_cents')}, ${money('shipping_cents')},
        ${money('total_cents')}, ${lookup(PAYMENT_METHODS, 'payment')}, shipping_name, shipping_phone,
        shipping_address, ${lookup(cities, 'city')}, ${lookup(CARRIERS, 'carrier')}, tracking_number,
        ${lookup(DEVICES, 'device')}, exchange_count, 'demo'
      FROM stage_orders`,
    order_items: `INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, amount, returned_quantity)
      SELECT order_id, line_no, product_id, quantity, ${money('unit_cents')}, ${money('amount_cents')}, returned_quantity
      FROM stage_order_items`,
    reviews: `INSERT INTO reviews (review_id, user_id, product_id, order_id, rating, review_text, language, created_at, likes)
      SELECT review_id, user_id, product_id, order_id, rating, review_text, ${lookup(LANGUAGES, 'language')},
        ${timestamp('created')}, likes
      FROM stage_reviews`,
  };
}

function column(name: string, type: StagingColumn['type']): StagingColumn {
  return { name, type };
}

/** `['a','b'][code + 1]`: a code → string lookup that DuckDB folds into a constant list; NULL stays NULL. */
function lookup(values: readonly string[], code: string): string {
  return `(${sqlList(values)})[${code} + 1]`;
}

function sqlList(values: readonly string[]): string {
  return `[${values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', ')}]::VARCHAR[]`;
}
