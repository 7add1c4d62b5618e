import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../sql/warehouse.ts';
import { createDemoWarehouseFile } from '../../testing/demo-warehouse.ts';
import { loadPropensityFeatures, loadPurchaseLabels } from './load-propensity-features.ts';
import { BEHAVIOUR_FEATURE_IDS, PROPENSITY_FEATURES } from './propensity-features.ts';
import { loadShopperTexts } from './shopper-texts.ts';

const CUTOFF = '2025-11-20';
const KNOWN_USER = 900_001;
const LATE_USER = 900_002;
const UNPAID_USER = 900_003;

let demo: { path: string; remove: () => void };
let warehouse: Warehouse;

function featuresOf(table: Awaited<ReturnType<typeof loadPropensityFeatures>>, userId: number): Record<string, number | null> | undefined {
  const index = table.userIds.indexOf(userId);
  if (index < 0) return undefined;
  return Object.fromEntries(PROPENSITY_FEATURES.map((feature, column) => [feature.id, table.values[index]?.[column] ?? null]));
}

/** One hand-made shopper whose every feature can be counted by hand (see the expectations below). */
async function insertKnownShoppers(): Promise<void> {
  await warehouse.run(`INSERT INTO users (user_id, gender, age, city_tier, preferred_device, signup_date) VALUES
    (${KNOWN_USER}, 'female', 28, 'tier1', 'ios', DATE '2025-10-01'),
    (${LATE_USER}, 'male', 50, 'tier4', 'pc', DATE '2025-10-15'),
    (${UNPAID_USER}, 'male', 40, 'tier2', 'android', DATE '2025-10-15')`);
  await warehouse.run(`INSERT INTO events (event_id, user_id, session_id, product_id, event_type, search_query, event_time, dwell_seconds, device, page) VALUES
    (990001, ${KNOWN_USER}, 990001, 1, 'view', NULL, TIMESTAMP '2025-11-18 10:00:00', 30, 'ios', 'product'),
    (990002, ${KNOWN_USER}, 990001, 1, 'view', NULL, TIMESTAMP '2025-11-18 10:01:00', 10, 'ios', 'product'),
    (990003, ${KNOWN_USER}, 990001, 1, 'cart', NULL, TIMESTAMP '2025-11-18 10:02:00', NULL, 'ios', 'product'),
    (990004, ${KNOWN_USER}, 990002, NULL, 'search', 'nike running shoes', TIMESTAMP '2025-11-05 09:00:00', NULL, 'ios', 'search'),
    (990005, ${KNOWN_USER}, 990002, 2, 'view', NULL, TIMESTAMP '2025-11-05 09:01:00', 20, 'ios', 'product'),
    (990006, ${KNOWN_USER}, 990003, 3, 'view', NULL, TIMESTAMP '2025-11-20 23:59:00', 40, 'ios', 'product'),
    -- From here on: at or after the end of the cutoff day, so invisible to the features.
    (990007, ${KNOWN_USER}, 990004, 3, 'view', NULL, TIMESTAMP '2025-11-21 00:00:00', 500, 'ios', 'product'),
    (990008, ${KNOWN_USER}, 990004, 3, 'cart', NULL, TIMESTAMP '2025-11-21 00:01:00', NULL, 'ios', 'product'),
    (990009, ${KNOWN_USER}, 990004, 3, 'fav', NULL, TIMESTAMP '2025-11-21 00:02:00', NULL, 'ios', 'product'),
    (990010, ${LATE_USER}, 990005, 4, 'view', NULL, TIMESTAMP '2025-11-22 12:00:00', 15, 'pc', 'product'),
    (990011, ${LATE_USER}, 990005, 4, 'cart', NULL, TIMESTAMP '2025-11-22 12:01:00', NULL, 'pc', 'product')`);
  await warehouse.run(`INSERT INTO orders (order_id, order_no, user_id, status, created_at, paid_at, items_amount, total_amount) VALUES
    (990001, 'T990001', ${KNOWN_USER}, 'delivered', TIMESTAMP '2025-11-01 10:00:00', TIMESTAMP '2025-11-01 10:05:00', 100, 100),
    (990002, 'T990002', ${KNOWN_USER}, 'delivered', TIMESTAMP '2025-11-11 10:00:00', TIMESTAMP '2025-11-11 10:02:00', 50, 50),
    -- Placed before the cutoff ends but paid after it: not yet a paid order at the cutoff, and not in the label window either.
    (990003, 'T990003', ${KNOWN_USER}, 'paid', TIMESTAMP '2025-11-20 23:50:00', TIMESTAMP '2025-11-21 00:10:00', 70, 70),
    (990004, 'T990004', ${KNOWN_USER}, 'paid', TIMESTAMP '2025-11-22 08:00:00', TIMESTAMP '2025-11-22 08:01:00', 90, 90),
    (990005, 'T990005', ${LATE_USER}, 'paid', TIMESTAMP '2025-11-23 09:00:00', TIMESTAMP '2025-11-23 09:03:00', 60, 60),
    (990006, 'T990006', ${UNPAID_USER}, 'cancelled', TIMESTAMP '2025-11-22 09:00:00', NULL, 60, 60)`);
  await warehouse.run(`INSERT INTO reviews (review_id, user_id, product_id, order_id, rating, review_text, language, created_at) VALUES
    (990001, ${KNOWN_USER}, 1, 990001, 5, 'good', 'en', TIMESTAMP '2025-11-19 12:00:00'),
    (990002, ${KNOWN_USER}, 2, 990002, 4, 'ok', 'en', TIMESTAMP '2025-11-25 12:00:00')`);
}

beforeAll(async () => {
  demo = await createDemoWarehouseFile({ users: 500, days: 30, seed: 7 });
  warehouse = await Warehouse.open({ path: demo.path, mode: 'read-write' });
  await insertKnownShoppers();
}, 60_000);

afterAll(() => {
  warehouse?.close();
  demo?.remove();
});

describe('propensity features', () => {
  it('counts a hand-made shopper exactly, ignoring everything from the end of the cutoff day on', async () => {
    const table = await loadPropensityFeatures(warehouse, CUTOFF);
    expect(featuresOf(table, KNOWN_USER)).toEqual({
      sessions_7d: 2, // 11-18 and 11-20 23:59 (window starts 11-14)
      sessions_30d: 3,
      active_days_30d: 3,
      views_30d: 4,
      searches_30d: 1,
      avg_dwell_seconds: 25, // (30 + 10 + 20 + 40) / 4
      events_per_session: 2, // (3 + 2 + 1) / 3
      deepest_session: 3,
      days_since_last_visit: 0,
      paid_orders: 2, // the 11-20 23:50 order was paid after the cutoff
      paid_orders_30d: 2,
      monetary: 150,
      purchase_cycle_days: 10,
      days_since_last_purchase: 9,
      carts_7d: 1,
      carts_30d: 1,
      favourites_30d: 0,
      reviews_written: 1,
      likes_30d: 0,
      shares_30d: 0,
      age_under_25: 0, age_25_34: 1, age_35_44: 0, age_45_plus: 0,
      gender_female: 1, gender_male: 0,
      city_tier1: 1, city_new_tier1: 0, city_tier2: 0, city_tier3: 0, city_tier4: 0,
      device_ios: 1, device_android: 0, device_mobile_web: 0, device_pc: 0, device_mini_program: 0,
      tenure_days: 50,
    });
  });

  it('gives a shopper whose only activity is after the cutoff no behaviour at all', async () => {
    const late = featuresOf(await loadPropensityFeatures(warehouse, CUTOFF), LATE_USER);
    expect(late).toBeDefined();
    for (const id of BEHAVIOUR_FEATURE_IDS) expect([0, null]).toContain(late?.[id]);
    expect(late?.days_since_last_visit).toBeNull();
    expect(late?.days_since_last_purchase).toBeNull();
    expect(late?.age_45_plus).toBe(1);
  });

  it('labels paid orders placed in the horizon after the cutoff day, and nothing else', async () => {
    const labels = await loadPurchaseLabels(warehouse, CUTOFF, 7);
    expect(labels.has(KNOWN_USER)).toBe(true);
    expect(labels.has(LATE_USER)).toBe(true);
    expect(labels.has(UNPAID_USER)).toBe(false);
    // The known user's 11-22 order falls outside a one-day window (11-21 only).
    expect((await loadPurchaseLabels(warehouse, CUTOFF, 1)).has(KNOWN_USER)).toBe(false);
    const independent = await warehouse.query(`SELECT count(DISTINCT user_id) AS buyers FROM orders
      WHERE paid_at IS NOT NULL AND user_id IS NOT NULL AND CAST(created_at AS DATE) BETWEEN DATE '2025-11-21' AND DATE '2025-11-27'`);
    expect(labels.size).toBe(Number(independent.rows[0]?.buyers));
  });

  it('writes the text-route line from profile and searches before the cutoff only', async () => {
    const texts = await loadShopperTexts(warehouse, CUTOFF, [KNOWN_USER, LATE_USER, 123_456_789]);
    expect(texts).toEqual([
      'female, aged 25–34, tier1, ios, searched: nike running shoes',
      'male, aged 45 or over, tier4, pc, no searches',
      'unknown shopper, no searches',
    ]);
  });

  it('does not change when every row after the cutoff is deleted (no leakage)', async () => {
    const before = await loadPropensityFeatures(warehouse, CUTOFF);
    const future = await warehouse.query(`SELECT
      (SELECT count(*) FROM events WHERE event_time >= TIMESTAMP '2025-11-21') AS events,
      (SELECT count(*) FROM orders WHERE created_at >= TIMESTAMP '2025-11-21' OR paid_at >= TIMESTAMP '2025-11-21') AS orders`);
    // The check is only meaningful if there is a future to delete.
    expect(Number(future.rows[0]?.events)).toBeGreaterThan(1000);
    expect(Number(future.rows[0]?.orders)).toBeGreaterThan(10);
    await warehouse.transaction(async (connection) => {
      await connection.run(`DELETE FROM events WHERE event_time >= TIMESTAMP '2025-11-21'`);
      await connection.run(`DELETE FROM reviews WHERE created_at >= TIMESTAMP '2025-11-21'`);
      await connection.run(`DELETE FROM order_items WHERE order_id IN (SELECT order_id FROM orders WHERE created_at >= TIMESTAMP '2025-11-21')`);
      await connection.run(`DELETE FROM orders WHERE created_at >= TIMESTAMP '2025-11-21'`);
      // A payment after the cutoff is a future fact too: as of the cutoff the order was still unpaid.
      await connection.run(`UPDATE orders SET paid_at = NULL WHERE paid_at >= TIMESTAMP '2025-11-21'`);
      await connection.run(`DELETE FROM users WHERE signup_date > DATE '${CUTOFF}'`);
    });
    const after = await loadPropensityFeatures(warehouse, CUTOFF);
    expect(after.userIds).toEqual(before.userIds);
    expect(after.values).toEqual(before.values);
  });
});
