import { SeededRandom } from '../../random/seeded-random.ts';
import { behaviourDialect, behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { LiteralColumn, LiteralValue } from '../../sql/engine/literal-rows.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { addDays } from '../forecast/calendar-days.ts';
import type { AnomalySources } from './anomaly-scope.ts';

/**
 * Synthetic anomalies with known answers, for checking that the detectors put them on top: bot sessions of
 * three kinds (a fast scraper, a slower crawler, a cart-stuffing clicker), one user's order burst and one
 * hour with an order spike. Ids are above every id in the warehouse so nothing collides.
 */
export interface SyntheticAnomalies {
  botUserIds: number[];
  botSessionIds: number[];
  burstUserId: number;
  /** 'YYYY-MM-DD HH:00' of the hour with the injected order spike. */
  spikeHour: string;
  spikeOrders: number;
  burstOrders: number;
  /** The injected rows, in the columns of EVENT_COLUMNS and ORDER_COLUMNS (what the detectors read). */
  events: LiteralValue[][];
  orders: LiteralValue[][];
}

export const EVENT_COLUMNS: readonly LiteralColumn[] = [
  { name: 'event_id', type: 'integer' }, { name: 'user_id', type: 'integer' }, { name: 'session_id', type: 'integer' },
  { name: 'product_id', type: 'integer' }, { name: 'event_type', type: 'text' }, { name: 'event_time', type: 'timestamp' },
  { name: 'dwell_seconds', type: 'float' },
];
export const ORDER_COLUMNS: readonly LiteralColumn[] = [{ name: 'order_id', type: 'integer' }, { name: 'user_id', type: 'integer' }, { name: 'created_at', type: 'timestamp' }];

export interface SyntheticOptions {
  botUsers?: number;
  sessionsPerBot?: number;
  burstOrders?: number;
  seed?: number;
}

const BOT_KINDS = [
  { name: 'scraper', views: 60, gapSeconds: 2, jitter: 0.1, dwellSeconds: 1.5, cartEvery: 0 },
  { name: 'crawler', views: 30, gapSeconds: 5, jitter: 0.05, dwellSeconds: 3, cartEvery: 0 },
  { name: 'clicker', views: 40, gapSeconds: 1, jitter: 0.2, dwellSeconds: 0.5, cartEvery: 5 },
] as const;

function timestamp(day: string, secondsIntoDay: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCMilliseconds(Math.round(secondsIntoDay * 1000));
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

export async function buildSyntheticAnomalies(warehouse: Warehouse, options: SyntheticOptions = {}): Promise<SyntheticAnomalies> {
  const random = new SeededRandom(options.seed ?? 1, 'synthetic-anomalies');
  const reader = behaviourReader(warehouse);
  const dialect = behaviourDialect(warehouse);
  const { rows } = await reader.query(
    `SELECT (SELECT coalesce(max(event_id), 0) FROM events) AS max_event, (SELECT coalesce(max(session_id), 0) FROM events) AS max_session,
            (SELECT coalesce(max(order_id), 0) FROM orders) AS max_order,
            greatest((SELECT coalesce(max(user_id), 0) FROM users), (SELECT coalesce(max(user_id), 0) FROM events)) AS max_user,
            (SELECT CAST(min(event_time) AS DATE) FROM events) AS first_day, (SELECT CAST(max(event_time) AS DATE) FROM events) AS last_day`,
  );
  // The first 500 products by id, ordered before the limit so every engine picks the same ones.
  const productRows = await reader.query('SELECT DISTINCT product_id FROM events WHERE product_id IS NOT NULL ORDER BY product_id LIMIT 500');
  const facts = rows[0] ?? {};
  let eventId = Number(facts.max_event) + 1_000_000;
  let sessionId = Number(facts.max_session) + 1_000_000;
  let orderId = Number(facts.max_order) + 1_000_000;
  let userId = Number(facts.max_user) + 1_000_000;
  const firstDay = String(facts.first_day);
  const lastDay = String(facts.last_day);
  const products = productRows.rows.map((row) => Number(row.product_id));
  const spanDays = Math.max(1, Math.round((Date.parse(lastDay) - Date.parse(firstDay)) / 86_400_000));
  const randomDay = (): string => addDays(firstDay, random.integer(0, spanDays));

  const eventValues: LiteralValue[][] = [];
  const botUserIds: number[] = [];
  const botSessionIds: number[] = [];
  for (let bot = 0; bot < (options.botUsers ?? 6); bot++) {
    const kind = BOT_KINDS[bot % BOT_KINDS.length] as (typeof BOT_KINDS)[number];
    const botUser = userId++;
    botUserIds.push(botUser);
    for (let session = 0; session < (options.sessionsPerBot ?? 3); session++) {
      const id = sessionId++;
      botSessionIds.push(id);
      const day = randomDay();
      let seconds = random.integer(0, 23 * 3600);
      for (let view = 0; view < kind.views; view++) {
        const product = products[random.integer(0, Math.max(products.length - 1, 0))] ?? 1;
        const dwell = kind.dwellSeconds * random.uniform(0.8, 1.2);
        eventValues.push([eventId++, botUser, id, product, 'view', timestamp(day, seconds), Number(dwell.toFixed(2))]);
        seconds += kind.gapSeconds * random.uniform(1 - kind.jitter, 1 + kind.jitter);
        if (kind.cartEvery > 0 && view % kind.cartEvery === kind.cartEvery - 1) {
          eventValues.push([eventId++, botUser, id, product, 'cart', timestamp(day, seconds), null]);
          seconds += kind.gapSeconds * random.uniform(1 - kind.jitter, 1 + kind.jitter);
        }
      }
    }
  }

  const orderValues: LiteralValue[][] = [];
  const order = (user: number, at: string): void => {
    orderValues.push([orderId++, user, at]);
  };
  // One user places an order every 2–3 minutes for half an hour.
  const burstUserId = userId++;
  const burstOrders = options.burstOrders ?? 12;
  const burstDay = randomDay();
  let burstSeconds = random.integer(9 * 3600, 20 * 3600);
  for (let index = 0; index < burstOrders; index++) {
    order(burstUserId, timestamp(burstDay, burstSeconds));
    burstSeconds += random.integer(120, 180);
  }
  // A quiet hour (04:00) on another day suddenly gets a burst of orders from fresh accounts.
  const spikeDay = addDays(firstDay, Math.floor(spanDays / 2));
  const { rows: quiet } = await reader.query(
    `SELECT count(*) / greatest(count(DISTINCT CAST(created_at AS DATE)), 1) AS per_day FROM orders WHERE ${dialect.hourOfDay('created_at')} = 4`,
  );
  const spikeOrders = Math.max(15, Math.round(4 * Number(quiet[0]?.per_day ?? 0)) + 10);
  for (let index = 0; index < spikeOrders; index++) order(userId++, timestamp(spikeDay, 4 * 3600 + random.integer(0, 3599)));

  return {
    botUserIds,
    botSessionIds,
    burstUserId,
    spikeHour: `${spikeDay} 04:00`,
    spikeOrders,
    burstOrders,
    events: eventValues,
    orders: orderValues,
  };
}

/**
 * What the detectors read in the injection check: each table with the synthetic rows added, as a subquery on the
 * engine that holds the tables, so nothing is written anywhere (the evaluation runs as a read-only user too).
 */
export function syntheticSources(warehouse: Warehouse, injected: SyntheticAnomalies): AnomalySources {
  const dialect = behaviourDialect(warehouse);
  const withRows = (table: string, columns: readonly LiteralColumn[], rows: LiteralValue[][]) => {
    const names = columns.map((column) => column.name).join(', ');
    return `(SELECT ${names} FROM ${table} UNION ALL SELECT ${names} FROM ${dialect.literalRows(columns, rows)} AS synthetic_${table}) AS checked_${table}`;
  };
  return { events: withRows('events', EVENT_COLUMNS, injected.events), orders: withRows('orders', ORDER_COLUMNS, injected.orders) };
}
