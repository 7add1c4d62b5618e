import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonRow } from '../sql/json-values.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { seedDemo } from './seed-demo.ts';

/**
 * Statistical checks of every built-in pattern on a modest seed (3000 users × 60 days, window
 * 2025-10-02 … 2025-11-30, so it contains the Double 11 warm-up, peak and dip). Thresholds leave room for
 * sampling noise; the numbers measured on the full default demo are in docs/seed-data.md.
 */
let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await Warehouse.open({ path: ':memory:', mode: 'read-write' });
  await seedDemo(warehouse, { users: 3000, days: 60, seed: 42 });
});
afterAll(() => warehouse.close());

async function rows(sql: string): Promise<JsonRow[]> {
  return (await warehouse.query(sql)).rows;
}

async function scalar(sql: string): Promise<number> {
  return Number(Object.values((await rows(sql))[0] ?? {})[0]);
}

/** key column → numeric value column, from a two-column query. */
async function keyed(sql: string): Promise<Record<string, number>> {
  return Object.fromEntries((await rows(sql)).map((row) => { const [key, value] = Object.values(row); return [String(key), Number(value)]; }));
}

const SESSIONS = `(SELECT session_id, any_value(user_id) AS user_id, any_value(device) AS device, min(event_time) AS started,
  max(event_type = 'purchase')::INT AS bought FROM events GROUP BY session_id)`;
/** Ordinary days: outside the Double 11 warm-up, peak and dip. */
const ORDINARY = `(started::DATE < DATE '2025-11-01' OR started::DATE > DATE '2025-11-18')`;

describe('demo data patterns', () => {
  it('has a realistic funnel mix', async () => {
    const share = await keyed(`SELECT event_type, count(*) / sum(count(*)) OVER () FROM events GROUP BY ALL`);
    expect(share.view).toBeGreaterThan(0.7);
    expect(share.view).toBeLessThan(0.82);
    expect(share.search).toBeGreaterThan(0.07);
    expect(share.search).toBeLessThan(0.11);
    expect(share.cart).toBeGreaterThan(0.03);
    expect(share.cart).toBeLessThan(0.08);
    expect(share.fav).toBeGreaterThan(0.015);
    expect(share.fav).toBeLessThan(0.04);
    expect(share.purchase).toBeGreaterThan(0.01);
    expect(share.purchase).toBeLessThan(0.03);
    expect(share.like! + share.share!).toBeGreaterThan(0.01);
    expect(share.like! + share.share!).toBeLessThan(0.03);
  });

  it('follows the daily rhythm: evening peak, night trough, lunch bump', async () => {
    const byHour = await keyed(`SELECT hour(event_time), count(*) FROM events GROUP BY ALL`);
    const mean = (...hours: number[]): number => hours.reduce((sum, hour) => sum + (byHour[String(hour)] ?? 0), 0) / hours.length;
    expect(mean(20, 21, 22)).toBeGreaterThan(5 * mean(3, 4, 5));
    expect(Math.max(...Object.values(byHour))).toBe(Math.max(byHour['20']!, byHour['21']!, byHour['22']!));
    expect(mean(12, 13)).toBeGreaterThan(1.1 * mean(10, 11));
    expect(mean(12, 13)).toBeGreaterThan(1.1 * mean(14, 15, 16));
  });

  it('has more weekend traffic but better weekday conversion', async () => {
    const weekpart = await rows(
      `SELECT dayofweek(started) IN (0, 6) AS weekend, count(*) / count(DISTINCT started::DATE) AS per_day, avg(bought) AS conversion
       FROM ${SESSIONS} WHERE ${ORDINARY} GROUP BY ALL`,
    );
    const weekend = weekpart.find((row) => row.weekend === true)!;
    const weekday = weekpart.find((row) => row.weekend === false)!;
    expect(Number(weekend.per_day)).toBeGreaterThan(1.15 * Number(weekday.per_day));
    expect(Number(weekday.conversion)).toBeGreaterThan(1.15 * Number(weekend.conversion));
  });

  it('has a Double 11 warm-up, a peak with several times the traffic and conversion, and a dip after', async () => {
    const daily = await rows(
      `SELECT event_time::DATE AS day, count(*) AS events,
         count(*) FILTER (WHERE event_type = 'purchase') / count(*) FILTER (WHERE event_type = 'view') AS conversion,
         count(*) FILTER (WHERE event_type IN ('cart', 'fav')) / count(*) FILTER (WHERE event_type = 'view') AS wishlisting
       FROM events GROUP BY ALL`,
    );
    const average = (from: string, to: string, field: string): number => {
      const selected = daily.filter((row) => String(row.day) >= from && String(row.day) <= to);
      return selected.reduce((sum, row) => sum + Number(row[field]), 0) / selected.length;
    };
    const october = (field: string): number => average('2025-10-02', '2025-10-31', field);
    expect(average('2025-11-11', '2025-11-11', 'events')).toBeGreaterThan(3 * october('events'));
    expect(average('2025-11-11', '2025-11-11', 'conversion')).toBeGreaterThan(2 * october('conversion'));
    expect(average('2025-11-01', '2025-11-10', 'events')).toBeGreaterThan(1.2 * october('events'));
    expect(average('2025-11-01', '2025-11-10', 'wishlisting')).toBeGreaterThan(1.4 * october('wishlisting'));
    expect(average('2025-11-07', '2025-11-10', 'wishlisting')).toBeGreaterThan(average('2025-11-01', '2025-11-04', 'wishlisting'));
    expect(average('2025-11-12', '2025-11-14', 'events')).toBeLessThan(0.85 * october('events'));
    expect(
      await scalar(`SELECT avg(discount_amount / items_amount) FILTER (WHERE created_at::DATE = '2025-11-11')
                      / avg(discount_amount / items_amount) FILTER (WHERE created_at::DATE < '2025-11-01') FROM orders`),
    ).toBeGreaterThan(3);
  });

  it('converts differently by category, city tier, device, channel and user age', async () => {
    const category = await keyed(
      `SELECT p.category, count(*) FILTER (WHERE event_type = 'purchase') / count(*) FILTER (WHERE event_type = 'view')
       FROM events JOIN products p USING (product_id) GROUP BY ALL`,
    );
    expect(category.Snacks).toBe(Math.max(...Object.values(category)));
    expect(category.Snacks).toBeGreaterThan(2.5 * category.Laptops!);

    const tier = await keyed(`SELECT u.city_tier, avg(bought) FROM ${SESSIONS} JOIN users u USING (user_id) GROUP BY ALL`);
    expect(tier.tier1).toBeGreaterThan(tier.tier2!);
    expect(tier.tier2).toBeGreaterThan(tier.tier4!);
    expect(tier.tier1).toBeGreaterThan(1.3 * tier.tier4!);

    const device = await keyed(`SELECT device, avg(bought) FROM ${SESSIONS} GROUP BY ALL`);
    expect(Math.min(device.ios!, device.android!)).toBeGreaterThan(device.mini_program!);
    expect(device.mini_program).toBeGreaterThan(device.pc!);
    expect(device.pc).toBeGreaterThan(1.3 * device.mobile_web!);

    const channel = await keyed(`SELECT u.channel, avg(bought) FROM ${SESSIONS} JOIN users u USING (user_id) GROUP BY ALL`);
    expect(Math.min(channel.livestream!, channel.search_ads!)).toBeGreaterThan(1.3 * channel.social!);

    const tenure = await keyed(
      `SELECT (s.started::DATE - u.signup_date) < 14, avg(bought) FROM ${SESSIONS} s JOIN users u USING (user_id) GROUP BY ALL`,
    );
    expect(tenure.false).toBeGreaterThan(1.3 * tenure.true!);
  });

  it('contains loyal repeat buyers, promotion hunters, churners, one-time buyers and window shoppers', async () => {
    const buyers = await scalar(`SELECT count(DISTINCT user_id) FROM orders`);
    const activeUsers = await scalar(`SELECT count(DISTINCT user_id) FROM events`);
    // Repeat buyers re-buy the same product and stick to a brand within a category.
    const repeat = await rows(
      `WITH per_user AS (SELECT user_id, count(*) AS orders FROM orders GROUP BY ALL),
            lines AS (SELECT o.user_id, i.product_id, count(DISTINCT o.order_id) AS times FROM orders o JOIN order_items i USING (order_id) GROUP BY ALL)
       SELECT orders >= 4 AS heavy, avg(((SELECT max(times) FROM lines l WHERE l.user_id = p.user_id) >= 2)::INT) AS rebuy_share
       FROM per_user p WHERE orders >= 2 GROUP BY ALL`,
    );
    const rebuy = (heavy: boolean): number => Number(repeat.find((row) => row.heavy === heavy)?.rebuy_share);
    expect(rebuy(true)).toBeGreaterThan(0.5);
    expect(rebuy(true)).toBeGreaterThan(2 * rebuy(false));
    expect(await scalar(`SELECT count(*) FROM (SELECT user_id FROM orders GROUP BY ALL HAVING count(*) >= 3)`)).toBeGreaterThan(0.15 * buyers);
    const brandFocus = await keyed(
      `WITH heavy AS (SELECT user_id, count(*) >= 5 AS heavy FROM orders GROUP BY ALL),
            per_brand AS (SELECT o.user_id, p.category, p.brand, count(*) AS n FROM orders o JOIN order_items i USING (order_id)
                          JOIN products p USING (product_id) GROUP BY ALL),
            per_category AS (SELECT user_id, category, max(n) / sum(n) AS top_brand_share FROM per_brand GROUP BY ALL HAVING sum(n) >= 3)
       SELECT heavy, avg(top_brand_share) FROM per_category JOIN heavy USING (user_id) GROUP BY ALL`,
    );
    expect(brandFocus.true).toBeGreaterThan(brandFocus.false! + 0.04);

    // Promotion hunters: most of their orders fall on 11-11 or the week after, and they buy cheaper items.
    const hunters = await rows(
      `WITH per_user AS (SELECT o.user_id, avg((o.created_at::DATE BETWEEN '2025-11-11' AND '2025-11-18')::INT) AS promo_share,
                                avg(i.unit_price) AS price
                         FROM orders o JOIN order_items i USING (order_id) GROUP BY ALL)
       SELECT promo_share >= 0.7 AS hunter, count(*) AS users, median(price) AS price FROM per_user GROUP BY ALL`,
    );
    const hunter = hunters.find((row) => row.hunter === true)!;
    const other = hunters.find((row) => row.hunter === false)!;
    expect(Number(hunter.users)).toBeGreaterThan(0.08 * buyers);
    expect(Number(hunter.price)).toBeLessThan(Number(other.price));

    const churned = await scalar(
      `SELECT count(*) FROM (SELECT user_id, min(event_time) AS first_seen, max(event_time) AS last_seen FROM events GROUP BY ALL)
       WHERE first_seen < TIMESTAMP '2025-10-22' AND last_seen < TIMESTAMP '2025-11-09'`,
    );
    expect(churned).toBeGreaterThan(0.08 * activeUsers);

    const oneTime = await scalar(`SELECT count(*) FROM (SELECT user_id FROM orders GROUP BY ALL HAVING count(*) = 1)`);
    expect(oneTime).toBeGreaterThan(0.3 * buyers);
    const windowShoppers = await scalar(
      `SELECT count(*) FROM (SELECT user_id FROM events GROUP BY ALL
       HAVING count(*) FILTER (WHERE event_type = 'view') >= 20 AND count(*) FILTER (WHERE event_type = 'purchase') = 0)`,
    );
    expect(windowShoppers).toBeGreaterThan(0.2 * activeUsers);
  });

  it('keeps sessions as bursts on the user\'s usual device, lingering longer before a purchase', async () => {
    const medianDuration = await scalar(
      `SELECT median(epoch(max_time - min_time)) FROM (SELECT session_id, min(event_time) AS min_time, max(event_time) AS max_time FROM events GROUP BY ALL)`,
    );
    expect(medianDuration).toBeGreaterThan(30);
    expect(medianDuration).toBeLessThan(1800);
    const usualDevice = await scalar(
      `SELECT avg((e.device = u.preferred_device)::INT) FROM events e JOIN users u USING (user_id)`,
    );
    expect(usualDevice).toBeGreaterThan(0.75);
    const dwell = await keyed(
      `SELECT EXISTS (SELECT 1 FROM events p WHERE p.session_id = v.session_id AND p.event_type = 'purchase' AND p.product_id = v.product_id),
              median(dwell_seconds)
       FROM events v WHERE event_type = 'view' AND page <> 'cart' GROUP BY ALL`,
    );
    expect(dwell.true).toBeGreaterThan(1.5 * dwell.false!);
  });

  it('cancels 4–9% and returns 2.5–7% of orders, clothing and shoes most, and delivers slower to smaller cities', async () => {
    const status = await keyed(`SELECT status, count(*) / sum(count(*)) OVER () FROM orders GROUP BY ALL`);
    expect(status.cancelled).toBeGreaterThan(0.04);
    expect(status.cancelled).toBeLessThan(0.09);
    expect(status.returned).toBeGreaterThan(0.025);
    expect(status.returned).toBeLessThan(0.07);
    const returns = await keyed(
      `SELECT p.category IN ('Women''s Clothing', 'Men''s Clothing', 'Shoes'), avg((i.returned_quantity > 0)::INT)
       FROM order_items i JOIN orders o USING (order_id) JOIN products p USING (product_id) WHERE o.delivered_at IS NOT NULL GROUP BY ALL`,
    );
    expect(returns.true).toBeGreaterThan(2 * returns.false!);
    const delivery = await keyed(
      `SELECT u.city_tier, avg(epoch(o.delivered_at - o.shipped_at) / 86400) FROM orders o JOIN users u USING (user_id)
       WHERE o.delivered_at IS NOT NULL GROUP BY ALL`,
    );
    expect(delivery.tier4).toBeGreaterThan(delivery.tier1! + 1.5);
    expect(await scalar(`SELECT avg((payment_method = 'wechat_pay')::INT) FROM orders WHERE device = 'mini_program'`)).toBeGreaterThan(0.6);
  });

  it('reviews about 25–35% of delivered lines, with discoverable defects and skewed likes', async () => {
    const share = await scalar(
      `SELECT (SELECT count(*) FROM reviews) / (SELECT count(*) FROM order_items i JOIN orders o USING (order_id) WHERE o.delivered_at IS NOT NULL)`,
    );
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.38);
    const rating = await keyed(
      `SELECT p.brand IN ('Soundpeak', 'Voltbook', 'Mistyle', 'Stridelab', 'Nestly'), avg(r.rating)
       FROM reviews r JOIN products p USING (product_id) GROUP BY ALL`,
    );
    expect(rating.true).toBeLessThan(rating.false! - 0.6);
    const mentions = await keyed(
      `SELECT p.brand = 'Soundpeak', avg((r.review_text LIKE '%断连%' OR r.review_text ILIKE '%disconnect%')::INT)
       FROM reviews r JOIN products p USING (product_id) WHERE p.category = 'Headphones' GROUP BY ALL`,
    );
    expect(mentions.true).toBeGreaterThan(0.15);
    expect(mentions.false).toBe(0);
    const likes = await rows(`SELECT avg((likes = 0)::INT) AS zero_share, max(likes) AS most, avg(likes) AS mean FROM reviews`);
    expect(Number(likes[0]!.zero_share)).toBeGreaterThan(0.4);
    expect(Number(likes[0]!.most)).toBeGreaterThan(20 * Number(likes[0]!.mean));
    const english = await scalar(`SELECT avg((language = 'en')::INT) FROM reviews`);
    expect(english).toBeGreaterThan(0.02);
    expect(english).toBeLessThan(0.2);
  });
});
