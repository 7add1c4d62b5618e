/**
 * What a mapping may write: the warehouse tables and columns of src/sql/schema.sql with their types and
 * allowed values (a test keeps this in step with the schema). Ids are resolved by the importer itself.
 */

export type TargetTable = 'users' | 'products' | 'orders' | 'order_items' | 'events' | 'reviews';
export const TARGET_TABLES: readonly TargetTable[] = ['users', 'products', 'orders', 'order_items', 'events', 'reviews'];

export type ValueKind = 'key' | 'integer' | 'decimal' | 'double' | 'timestamp' | 'date' | 'text';

export interface TargetColumn {
  kind: ValueKind;
  /** Which entity a key column identifies (its values are source keys, resolved to warehouse ids). */
  entity?: 'user' | 'product' | 'order';
  required?: boolean;
  allowed?: readonly string[];
  minimum?: number;
  maximum?: number;
  /** The importer fills it when the mapping does not (derived sessions, computed amounts, line numbers). */
  derived?: boolean;
  /** Always assigned by the importer; a mapping may not set it. */
  generated?: boolean;
}

const EVENT_TYPES = ['view', 'search', 'cart', 'fav', 'purchase', 'like', 'share'] as const;
const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'returned'] as const;

export const TARGETS: Record<TargetTable, Record<string, TargetColumn>> = {
  users: {
    user_id: { kind: 'key', entity: 'user', required: true },
    external_id: { kind: 'text' },
    user_name: { kind: 'text' },
    email: { kind: 'text' },
    phone: { kind: 'text' },
    signup_date: { kind: 'date' },
    gender: { kind: 'text', allowed: ['male', 'female', 'unknown'] },
    age: { kind: 'integer', minimum: 0, maximum: 120 },
    country: { kind: 'text' },
    province: { kind: 'text' },
    city: { kind: 'text' },
    city_tier: { kind: 'text', allowed: ['tier1', 'new_tier1', 'tier2', 'tier3', 'tier4'] },
    preferred_device: { kind: 'text', allowed: ['ios', 'android', 'mobile_web', 'pc', 'mini_program'] },
    channel: { kind: 'text' },
  },
  products: {
    product_id: { kind: 'key', entity: 'product', required: true },
    sku: { kind: 'text' },
    title_zh: { kind: 'text' },
    title_en: { kind: 'text' },
    category: { kind: 'text' },
    category_zh: { kind: 'text' },
    brand: { kind: 'text' },
    price: { kind: 'decimal', minimum: 0 },
    launch_date: { kind: 'date' },
    // Variants of one product share a group; options and stock serve customer service (exchanges, availability).
    product_group: { kind: 'integer', minimum: 0 },
    option_en: { kind: 'text' },
    option_zh: { kind: 'text' },
    stock: { kind: 'integer', minimum: 0 },
  },
  orders: {
    order_id: { kind: 'key', entity: 'order', required: true },
    order_no: { kind: 'text', derived: true },
    user_id: { kind: 'key', entity: 'user' },
    status: { kind: 'text', required: true, allowed: ORDER_STATUSES },
    created_at: { kind: 'timestamp', required: true },
    paid_at: { kind: 'timestamp' },
    shipped_at: { kind: 'timestamp' },
    delivered_at: { kind: 'timestamp' },
    cancelled_at: { kind: 'timestamp' },
    returned_at: { kind: 'timestamp' },
    items_amount: { kind: 'decimal', derived: true },
    discount_amount: { kind: 'decimal', derived: true },
    shipping_fee: { kind: 'decimal', derived: true },
    total_amount: { kind: 'decimal', derived: true },
    payment_method: { kind: 'text' },
    shipping_name: { kind: 'text' },
    shipping_phone: { kind: 'text' },
    shipping_address: { kind: 'text' },
    shipping_city: { kind: 'text' },
    shipping_country: { kind: 'text' },
    carrier: { kind: 'text' },
    tracking_number: { kind: 'text' },
    device: { kind: 'text' },
    exchange_count: { kind: 'integer', minimum: 0, derived: true },
    cancel_reason: { kind: 'text' },
    shipping_postal_code: { kind: 'text' },
  },
  order_items: {
    order_id: { kind: 'key', entity: 'order', required: true },
    line_no: { kind: 'integer', derived: true },
    product_id: { kind: 'key', entity: 'product', required: true },
    quantity: { kind: 'integer', required: true },
    unit_price: { kind: 'decimal', required: true },
    amount: { kind: 'decimal', derived: true },
    returned_quantity: { kind: 'integer', minimum: 0, derived: true },
  },
  events: {
    event_id: { kind: 'integer', generated: true },
    user_id: { kind: 'key', entity: 'user', required: true },
    // A source session key (any text), renumbered to new ids; without it sessions follow the inactivity rule.
    session_id: { kind: 'text', derived: true },
    product_id: { kind: 'key', entity: 'product' },
    event_type: { kind: 'text', required: true, allowed: EVENT_TYPES },
    search_query: { kind: 'text' },
    event_time: { kind: 'timestamp', required: true },
    dwell_seconds: { kind: 'double' },
    device: { kind: 'text' },
    page: { kind: 'text' },
  },
  reviews: {
    review_id: { kind: 'integer', generated: true },
    user_id: { kind: 'key', entity: 'user', required: true },
    product_id: { kind: 'key', entity: 'product', required: true },
    order_id: { kind: 'key', entity: 'order' },
    rating: { kind: 'integer', required: true, minimum: 1, maximum: 5 },
    review_text: { kind: 'text' },
    language: { kind: 'text', allowed: ['zh', 'en'] },
    created_at: { kind: 'timestamp', required: true },
    likes: { kind: 'integer', minimum: 0, derived: true },
  },
};
