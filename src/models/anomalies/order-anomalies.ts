import { behaviourDialect, behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { dateRange } from '../forecast/calendar-days.ts';
import { promotionOn } from '../forecast/promotion-days.ts';
import { rangeCondition, WAREHOUSE_SOURCES, type AnomalySources, type DateRange } from './anomaly-scope.ts';
import { countBaseline, countZ, OUTLIER_Z } from './robust-z-score.ts';

export interface UserOrderVelocity {
  userId: number;
  orders: number;
  /** Most orders this user placed within any 60 minutes / 24 hours (orders of every status: velocity fraud rarely pays). */
  maxOrdersInHour: number;
  maxOrdersInDay: number;
  /** When the busiest hour ended (the last order in it). */
  burstAt: string;
  score: number;
  flagged: boolean;
  reason_en: string;
  reason_zh: string;
}

export interface OrderBucket {
  granularity: 'hour' | 'day';
  /** 'YYYY-MM-DD HH:00' or 'YYYY-MM-DD'. */
  bucket: string;
  orders: number;
  /** Median of the comparable buckets: the same hour of day on every day, or every day. */
  baseline: number;
  score: number;
  flagged: boolean;
  promotion?: { en: string; zh: string };
  reason_en: string;
  reason_zh: string;
}

export interface OrderAnomalies {
  usersWithOrders: number;
  /** Ordering users, highest velocity score first. */
  users: UserOrderVelocity[];
  /** Hour and day buckets, highest score first; festival days (planned spikes) after all others. */
  buckets: OrderBucket[];
  typicalMaxOrdersInHour: number;
  typicalMaxOrdersInDay: number;
}

async function loadUserVelocity(warehouse: Warehouse, sources: AnomalySources, range?: DateRange): Promise<Omit<UserOrderVelocity, 'score' | 'flagged' | 'reason_en' | 'reason_zh'>[]> {
  const dialect = behaviourDialect(warehouse);
  const scope = rangeCondition('created_at', range, dialect);
  // Windows over whole milliseconds (ClickHouse allows neither INTERVAL frame offsets nor offsets past 32 bits):
  // an hour is 3,600,000, a day 86,400,000; order times finer than a millisecond are compared by their millisecond.
  const { rows } = await behaviourReader(warehouse).query(
    `WITH scoped AS (SELECT user_id, created_at, ${dialect.epochMilliseconds('created_at')} AS created_ms FROM ${sources.orders} WHERE user_id IS NOT NULL AND ${scope.sql}),
     windowed AS (
       SELECT user_id, created_at, created_ms,
              count(*) OVER (PARTITION BY user_id ORDER BY created_ms RANGE BETWEEN 3600000 PRECEDING AND CURRENT ROW) AS in_hour,
              count(*) OVER (PARTITION BY user_id ORDER BY created_ms RANGE BETWEEN 86400000 PRECEDING AND CURRENT ROW) AS in_day
       FROM scoped)
     SELECT user_id, count(*) AS orders, max(in_hour) AS max_in_hour, max(in_day) AS max_in_day,
            ${dialect.argMax('created_at', 'in_hour * 1e12 - created_ms / 1000.0')} AS burst_at
     FROM windowed GROUP BY user_id ORDER BY user_id`,
    scope.parameters,
  );
  return rows.map((row) => ({
    userId: Number(row.user_id),
    orders: Number(row.orders),
    maxOrdersInHour: Number(row.max_in_hour),
    maxOrdersInDay: Number(row.max_in_day),
    burstAt: String(row.burst_at),
  }));
}

/** Orders per hour over ALL the data: a date range only limits which buckets are reported, never the baseline. */
export async function loadBuckets(warehouse: Warehouse, sources: AnomalySources): Promise<{ hour: string; orders: number }[]> {
  const dialect = behaviourDialect(warehouse);
  const { rows } = await behaviourReader(warehouse).query(
    `SELECT CAST(created_at AS DATE) AS day, ${dialect.hourOfDay('created_at')} AS hour, count(*) AS orders FROM ${sources.orders}
     GROUP BY CAST(created_at AS DATE), ${dialect.hourOfDay('created_at')} ORDER BY day, hour`,
  );
  const counts = new Map(rows.map((row) => [`${String(row.day)} ${String(row.hour).padStart(2, '0')}:00`, Number(row.orders)]));
  const first = rows[0]?.day;
  const last = rows.at(-1)?.day;
  if (typeof first !== 'string' || typeof last !== 'string') return [];
  // Every hour from the first to the last order's day is listed, so quiet hours count as zero orders.
  return dateRange(first, last).flatMap((day) =>
    Array.from({ length: 24 }, (_, hour) => {
      const name = `${day} ${String(hour).padStart(2, '0')}:00`;
      return { hour: name, orders: counts.get(name) ?? 0 };
    }));
}

function inRange(day: string, range: DateRange | undefined): boolean {
  return (range?.start === undefined || day >= range.start) && (range?.end === undefined || day <= range.end);
}

function scoreBuckets(hours: { hour: string; orders: number }[]): OrderBucket[] {
  const byHourOfDay = new Map<string, number[]>();
  const byDay = new Map<string, number>();
  for (const entry of hours) {
    const hourOfDay = entry.hour.slice(11, 13);
    byHourOfDay.set(hourOfDay, [...(byHourOfDay.get(hourOfDay) ?? []), entry.orders]);
    byDay.set(entry.hour.slice(0, 10), (byDay.get(entry.hour.slice(0, 10)) ?? 0) + entry.orders);
  }
  const dayBaseline = countBaseline([...byDay.values()]);
  const hourBaselines = new Map([...byHourOfDay].map(([hour, counts]) => [hour, countBaseline(counts)]));
  const bucket = (granularity: 'hour' | 'day', name: string, orders: number, baseline: { median: number; scale: number }): OrderBucket => {
    const z = countZ(orders, baseline);
    const median = baseline.median;
    const promotionDay = promotionOn(name.slice(0, 10));
    const promotion = promotionDay ? { en: promotionDay.name_en, zh: promotionDay.name_zh } : undefined;
    const against_en = granularity === 'hour' ? `the usual ${median} at ${name.slice(11)}` : `a usual day's ${median}`;
    const against_zh = granularity === 'hour' ? `该时段通常 ${median} 单` : `平日通常 ${median} 单`;
    return {
      granularity,
      bucket: name,
      orders,
      baseline: median,
      score: z,
      flagged: z >= OUTLIER_Z,
      promotion,
      reason_en: `${orders} orders vs ${against_en} (robust z ${z.toFixed(1)})` + (promotion ? `; ${promotion.en} festival day, a planned spike` : ''),
      reason_zh: `${orders} 单,${against_zh}(稳健 z 值 ${z.toFixed(1)})` + (promotion ? `;${promotion.zh}大促当天,属预期高峰` : ''),
    };
  };
  return [
    ...hours.map((entry) => bucket('hour', entry.hour, entry.orders, hourBaselines.get(entry.hour.slice(11, 13)) ?? dayBaseline)),
    ...[...byDay].map(([day, orders]) => bucket('day', day, orders, dayBaseline)),
  ].sort((left, right) => Number(left.promotion !== undefined) - Number(right.promotion !== undefined) || right.score - left.score || left.bucket.localeCompare(right.bucket));
}

/**
 * Abnormal order velocity: users who place many orders within an hour or a day (robust z against all ordering
 * users ordering in the range), and hours or days with far more orders than their robust baseline (the same
 * hour of day on all days of data, or all days; a short range would otherwise have no baseline). Counts use a Poisson floor on the scale (see countZ). Known festival days
 * are marked, since their spike is planned rather than suspicious.
 */
export async function findOrderAnomalies(warehouse: Warehouse, options: { range?: DateRange; sources?: AnomalySources } = {}): Promise<OrderAnomalies> {
  const sources = options.sources ?? WAREHOUSE_SOURCES;
  const velocity = await loadUserVelocity(warehouse, sources, options.range);
  const hourly = countBaseline(velocity.map((user) => user.maxOrdersInHour));
  const daily = countBaseline(velocity.map((user) => user.maxOrdersInDay));
  const typicalHour = hourly.median;
  const typicalDay = daily.median;
  const users = velocity
    .map((user) => {
      const hour = countZ(user.maxOrdersInHour, hourly);
      const day = countZ(user.maxOrdersInDay, daily);
      const score = Math.max(hour, day);
      const promotion = promotionOn(user.burstAt.slice(0, 10));
      return {
        ...user,
        score,
        flagged: score >= OUTLIER_Z,
        reason_en: `${user.maxOrdersInHour} orders within one hour and ${user.maxOrdersInDay} within 24 hours (busiest hour ending ${user.burstAt}); ` +
          `shoppers typically place ${typicalHour} and ${typicalDay}` + (promotion ? ` (on ${promotion.name_en}, when many shoppers order repeatedly)` : ''),
        reason_zh: `1 小时内下单 ${user.maxOrdersInHour} 笔、24 小时内 ${user.maxOrdersInDay} 笔(最密集时段截至 ${user.burstAt});一般用户分别为 ${typicalHour} 笔和 ${typicalDay} 笔` +
          (promotion ? `(发生在${promotion.name_zh},多次下单较常见)` : ''),
      };
    })
    .sort((left, right) => right.score - left.score || left.userId - right.userId);
  return {
    usersWithOrders: users.length,
    users,
    buckets: scoreBuckets(await loadBuckets(warehouse, sources)).filter((bucket) => inRange(bucket.bucket.slice(0, 10), options.range)),
    typicalMaxOrdersInHour: typicalHour,
    typicalMaxOrdersInDay: typicalDay,
  };
}
