import { addDays } from '../time/calendar-date.ts';
import type { Fixture, FixtureEvent, FixtureOrder, FixtureOrderItem, FixtureProduct, FixtureReview, FixtureSupportEvent, FixtureUser } from './semantic-fixture.ts';

/** mulberry32: tiny seeded PRNG so that every generated fixture is reproducible from its seed. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

export const FIXTURE_PRODUCTS: FixtureProduct[] = [
  { product_id: 101, title_en: 'Redmi Note 14', title_zh: '红米 Note 14', category: 'Phones', category_zh: '手机', brand: 'Xiaomi', price: 1299 },
  { product_id: 102, title_en: 'iPhone 17', title_zh: 'iPhone 17', category: 'Phones', category_zh: '手机', brand: 'Apple', price: 5999 },
  { product_id: 103, title_en: 'Wool Coat', title_zh: '羊毛大衣', category: "Women's Clothing", category_zh: '女装', brand: 'UR', price: 899 },
  { product_id: 104, title_en: 'Silk Dress', title_zh: '真丝连衣裙', category: "Women's Clothing", category_zh: '女装', brand: 'UR', price: 459 },
  { product_id: 105, title_en: 'Mixed Nuts', title_zh: '每日坚果', category: 'Snacks', category_zh: '零食', brand: 'Three Squirrels', price: 59 },
  { product_id: 106, title_en: 'Beef Jerky', title_zh: '牛肉干', category: 'Snacks', category_zh: '零食', brand: 'Bestore', price: 35 },
];

export const FIXTURE_START = '2025-10-20';
export const FIXTURE_DAYS = 42;

const CITIES = [
  { city: 'Beijing', tier: 'tier1' },
  { city: 'Shanghai', tier: 'tier1' },
  { city: 'Chengdu', tier: 'new_tier1' },
  { city: 'Wuhan', tier: 'new_tier1' },
  { city: 'Luoyang', tier: 'tier3' },
] as const;
const DEVICES = ['ios', 'android', 'mobile_web', 'pc', 'mini_program'];
const CHANNELS = ['organic', 'search_ads', 'social', 'livestream', 'referral', 'email'];
const PAYMENT_METHODS = ['alipay', 'wechat_pay', 'credit_card'];
const EVENT_TYPES: FixtureEvent['event_type'][] = ['view', 'view', 'view', 'search', 'cart', 'fav', 'like', 'share', 'purchase'];

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function timestamp(date: string, minuteOfDay: number): string {
  return `${date} ${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}:00`;
}

export function buildRandomFixture(seed: number, userCount = 40): Fixture {
  const random = randomSource(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const users: FixtureUser[] = [];
  for (let index = 1; index <= userCount; index += 1) {
    const place = random() < 0.1 ? null : pick(CITIES);
    users.push({
      user_id: index,
      gender: random() < 0.1 ? null : pick(['male', 'female', 'unknown'] as const),
      age: random() < 0.15 ? null : 15 + Math.floor(random() * 45),
      city: place?.city ?? null,
      city_tier: place?.tier ?? null,
      channel: random() < 0.1 ? null : pick(CHANNELS),
    });
  }
  const events: FixtureEvent[] = [];
  const orders: FixtureOrder[] = [];
  const items: FixtureOrderItem[] = [];
  const reviews: FixtureReview[] = [];
  let sessionId = 1000;
  const addOrder = (userId: number | null, date: string, minute: number, lines: { product: FixtureProduct; quantity: number }[], device: string | null) => {
    const orderId = orders.length + 1;
    const roll = random();
    const status: FixtureOrder['status'] =
      roll < 0.1 ? 'pending' : roll < 0.2 ? 'cancelled' : roll < 0.3 ? 'returned' : pick(['paid', 'shipped', 'delivered'] as const);
    // Some cancellations happen after payment; pending orders are never paid.
    const paid = status === 'pending' ? false : status === 'cancelled' ? random() < 0.5 : true;
    const createdAt = timestamp(date, minute);
    orders.push({
      order_id: orderId,
      user_id: userId,
      status,
      created_at: createdAt,
      paid_at: paid ? timestamp(date, Math.min(minute + 1, 1439)) : null,
      returned_at: status === 'returned' ? timestamp(addDays(date, 3), 600) : null,
      payment_method: random() < 0.1 ? null : pick(PAYMENT_METHODS),
      device,
    });
    lines.forEach((line, index) => {
      items.push({
        order_id: orderId,
        line_no: index + 1,
        product_id: line.product.product_id,
        quantity: line.quantity,
        unit_price: line.product.price,
        amount: line.product.price * line.quantity,
      });
    });
  };
  for (const user of users) {
    const sessionCount = Math.floor(random() * 7);
    for (let session = 0; session < sessionCount; session += 1) {
      sessionId += 1;
      const date = addDays(FIXTURE_START, Math.floor(random() * FIXTURE_DAYS));
      let minute = Math.floor(random() * 1380);
      const device = random() < 0.05 ? null : pick(DEVICES);
      const eventCount = 1 + Math.floor(random() * 6);
      for (let index = 0; index < eventCount; index += 1) {
        minute = Math.min(minute + 1 + Math.floor(random() * 5), 1439);
        const type = index === 0 ? pick(['view', 'search'] as const) : pick(EVENT_TYPES);
        const product = type === 'search' ? null : pick(FIXTURE_PRODUCTS);
        events.push({
          event_id: events.length + 1,
          user_id: user.user_id,
          session_id: sessionId,
          product_id: product?.product_id ?? null,
          event_type: type,
          event_time: timestamp(date, minute),
          dwell_seconds: type === 'view' && random() < 0.8 ? Math.round(random() * 120) : null,
          device,
        });
        if (type === 'purchase' && product) {
          const lines = [{ product, quantity: 1 + Math.floor(random() * 3) }];
          if (random() < 0.3) lines.push({ product: pick(FIXTURE_PRODUCTS.filter((other) => other !== product)), quantity: 1 });
          addOrder(user.user_id, date, minute, lines, device);
        }
        if (type === 'like' && product && random() < 0.5) {
          reviews.push({
            review_id: reviews.length + 1,
            user_id: user.user_id,
            product_id: product.product_id,
            rating: 1 + Math.floor(random() * 5),
            language: random() < 0.1 ? null : pick(['zh', 'en'] as const),
            created_at: timestamp(date, minute),
          });
        }
      }
    }
  }
  // Guest orders (no user) still count towards orders and GMV but never towards buyers.
  for (let index = 0; index < 3; index += 1) {
    addOrder(null, addDays(FIXTURE_START, Math.floor(random() * FIXTURE_DAYS)), 600, [{ product: pick(FIXTURE_PRODUCTS), quantity: 1 }], 'pc');
  }
  return { users, products: FIXTURE_PRODUCTS, events, orders, items, reviews, supportEvents: buildSupportEvents(random) };
}

const SUPPORT_INTENTS = ['order_status', 'cancel_order', 'return', 'exchange', 'change_address', 'faq', 'greeting', 'confirmation', 'other', 'handoff'];
const TURN_OUTCOMES = ['answered', 'answered', 'clarify', 'not_understood', 'denied', 'awaiting_confirmation', null];
const DENIAL_CODES = ['return_window_passed', 'already_shipped', 'item_already_returned'];

/**
 * Support chats drawn after the commerce data (so the other tables do not depend on them): turns, policy
 * denials and hand-offs, a few conversation-less rows, and conversations that straddle the test windows.
 * Times within a conversation are strictly increasing, so "the latest earlier turn" is never a tie.
 */
function buildSupportEvents(random: () => number): FixtureSupportEvent[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const rows: FixtureSupportEvent[] = [];
  const add = (at: string, conversation: string | null, type: string, intent: string | null, outcome: string | null, language: FixtureSupportEvent['language']) => {
    rows.push({ event_id: `se${rows.length + 1}`, occurred_at: at, conversation_id: conversation, event_type: type, intent, outcome, language });
  };
  for (let index = 1; index <= 60; index += 1) {
    const conversation = `c${index}`;
    const language = random() < 0.1 ? null : pick(['zh', 'en'] as const);
    let date = addDays(FIXTURE_START, Math.floor(random() * FIXTURE_DAYS));
    let minute = Math.floor(random() * 1200);
    const turns = 1 + Math.floor(random() * 5);
    for (let turn = 0; turn < turns; turn += 1) {
      // Some conversations resume the next day, across a window boundary.
      if (random() < 0.15) date = addDays(date, 1);
      minute += 1 + Math.floor(random() * 20);
      if (minute > 1400) {
        date = addDays(date, 1);
        minute -= 1400;
      }
      const intent = random() < 0.05 ? null : pick(SUPPORT_INTENTS);
      add(timestamp(date, minute), conversation, 'turn', intent, intent === 'handoff' ? 'handoff' : pick(TURN_OUTCOMES), language);
      if (intent && ['cancel_order', 'return', 'exchange', 'change_address'].includes(intent) && random() < 0.4) {
        minute += 1;
        add(timestamp(date, minute), conversation, 'policy_denial', intent, pick(DENIAL_CODES), language);
      }
      if (intent === 'handoff' || random() < 0.08) {
        minute += 1;
        add(timestamp(date, minute), conversation, 'handoff_requested', 'handoff', 'queued', language);
        if (random() < 0.5) {
          add(timestamp(date, minute + 1), conversation, 'handoff_taken', 'handoff', 'human', null);
          // The shopper rates the chat the agent resolved; no random draw, so the rest of the fixture is unchanged.
          rows.push({ event_id: `se${rows.length + 1}`, occurred_at: timestamp(date, minute + 2), conversation_id: conversation, event_type: 'csat_rating', intent: null, outcome: null, language, rating: 1 + (index % 5) });
        }
        break;
      }
    }
  }
  for (let index = 0; index < 4; index += 1) {
    add(timestamp(addDays(FIXTURE_START, Math.floor(random() * FIXTURE_DAYS)), 600 + index), null, pick(['policy_denial', 'turn']), 'return', 'return_window_passed', null);
  }
  return rows;
}
