import type { Warehouse } from '../../warehouse.ts';

/**
 * Small, fully known warehouse contents for the semantic-layer tests, plus a loader. The random builder is
 * seeded so failures reproduce; expected values in tests are computed from these arrays in plain JS.
 */
export interface FixtureUser {
  user_id: number;
  gender: 'male' | 'female' | 'unknown' | null;
  age: number | null;
  city: string | null;
  city_tier: 'tier1' | 'new_tier1' | 'tier2' | 'tier3' | 'tier4' | null;
  channel: string | null;
}

export interface FixtureProduct {
  product_id: number;
  title_en: string;
  title_zh: string;
  category: string;
  category_zh: string;
  brand: string;
  price: number;
}

export interface FixtureEvent {
  event_id: number;
  user_id: number;
  session_id: number;
  product_id: number | null;
  event_type: 'view' | 'search' | 'cart' | 'fav' | 'purchase' | 'like' | 'share';
  event_time: string;
  dwell_seconds: number | null;
  device: string | null;
}

export interface FixtureOrder {
  order_id: number;
  user_id: number | null;
  status: 'pending' | 'paid' | 'shipped' | 'delivered' | 'cancelled' | 'returned';
  created_at: string;
  paid_at: string | null;
  returned_at: string | null;
  payment_method: string | null;
  device: string | null;
}

export interface FixtureOrderItem {
  order_id: number;
  line_no: number;
  product_id: number;
  quantity: number;
  unit_price: number;
  amount: number;
}

export interface FixtureReview {
  review_id: number;
  user_id: number;
  product_id: number;
  rating: number;
  language: 'zh' | 'en' | null;
  created_at: string;
}

/** One support_events row (customer-service chats); only the columns the semantic layer reads. */
export interface FixtureSupportEvent {
  event_id: string;
  occurred_at: string;
  conversation_id: string | null;
  event_type: string;
  intent: string | null;
  outcome: string | null;
  language: 'zh' | 'en' | null;
  /** 1–5 on 'csat_rating' rows only. */
  rating?: number | null;
}

export interface Fixture {
  users: FixtureUser[];
  products: FixtureProduct[];
  events: FixtureEvent[];
  orders: FixtureOrder[];
  items: FixtureOrderItem[];
  reviews: FixtureReview[];
  supportEvents?: FixtureSupportEvent[];
}

function literal(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  return `'${value.replaceAll("'", "''")}'`;
}

async function insert(warehouse: Warehouse, table: string, columns: string[], rows: (string | number | null)[][]) {
  if (rows.length === 0) return;
  for (let offset = 0; offset < rows.length; offset += 500) {
    const values = rows.slice(offset, offset + 500).map((row) => `(${row.map(literal).join(', ')})`);
    await warehouse.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`);
  }
}

export async function loadFixture(warehouse: Warehouse, fixture: Fixture): Promise<void> {
  await insert(warehouse, 'users', ['user_id', 'gender', 'age', 'city', 'city_tier', 'channel'],
    fixture.users.map((user) => [user.user_id, user.gender, user.age, user.city, user.city_tier, user.channel]));
  await insert(warehouse, 'products', ['product_id', 'title_en', 'title_zh', 'category', 'category_zh', 'brand', 'price'],
    fixture.products.map((product) => [product.product_id, product.title_en, product.title_zh, product.category, product.category_zh, product.brand, product.price]));
  await insert(warehouse, 'events', ['event_id', 'user_id', 'session_id', 'product_id', 'event_type', 'event_time', 'dwell_seconds', 'device'],
    fixture.events.map((event) => [event.event_id, event.user_id, event.session_id, event.product_id, event.event_type, event.event_time, event.dwell_seconds, event.device]));
  const orderTotals = new Map<number, number>();
  for (const item of fixture.items) orderTotals.set(item.order_id, (orderTotals.get(item.order_id) ?? 0) + item.amount);
  await insert(warehouse, 'orders',
    ['order_id', 'order_no', 'user_id', 'status', 'created_at', 'paid_at', 'returned_at', 'cancelled_at', 'items_amount', 'total_amount', 'payment_method', 'device'],
    fixture.orders.map((order) => {
      const total = orderTotals.get(order.order_id) ?? 0;
      const cancelledAt = order.status === 'cancelled' ? order.created_at : null;
      return [order.order_id, `NO${order.order_id}`, order.user_id, order.status, order.created_at, order.paid_at, order.returned_at, cancelledAt, total, total, order.payment_method, order.device];
    }));
  await insert(warehouse, 'order_items', ['order_id', 'line_no', 'product_id', 'quantity', 'unit_price', 'amount'],
    fixture.items.map((item) => [item.order_id, item.line_no, item.product_id, item.quantity, item.unit_price, item.amount]));
  await insert(warehouse, 'reviews', ['review_id', 'user_id', 'product_id', 'rating', 'language', 'created_at'],
    fixture.reviews.map((review) => [review.review_id, review.user_id, review.product_id, review.rating, review.language, review.created_at]));
  await insert(warehouse, 'support_events', ['event_id', 'occurred_at', 'conversation_id', 'event_type', 'intent', 'outcome', 'language', 'rating'],
    (fixture.supportEvents ?? []).map((event) => [event.event_id, event.occurred_at, event.conversation_id, event.event_type, event.intent, event.outcome, event.language, event.rating ?? null]));
}
