import { addDays, type DateRange } from '../time/calendar-date.ts';
import type { FactId } from './catalogue-schema.ts';
import { dateLiteral, timestampLiteral } from '../compile/sql-literals.ts';
import { USER_ACTIVITY_DAYS } from '../derived/user-activity-days.ts';
import type { SqlDialect } from '../../engine/sql-dialect.ts';

/** Derived tables that are current for this query (checked by the caller, e.g. userActivityDaysReady). */
export interface DerivedTables {
  userActivityDays?: boolean;
}

/**
 * Where a metric's rows come from. Facts are code rather than catalogue data because two of them are derived
 * row sets (one row per session, one row per user cohort) whose SQL depends on the time window.
 */
export interface FactDefinition {
  id: FactId;
  name_en: string;
  name_zh: string;
  /** Grain and time attribution, for docs and assumptions. */
  description_en: string;
  description_zh: string;
  requiredTables: readonly string[];
  /**
   * FROM clause with the fact's alias; derived facts use the window to pre-filter, and may read a derived cache
   * table (see src/sql/semantic/derived) when the caller checked that it is current.
   */
  /** DuckDB SQL (rendered for other engines by dialect.catalogueSql); `engine` lets a fact pick an engine's own form. */
  from: (window: DateRange, derived?: DerivedTables, engine?: SqlDialect['name']) => string;
  /** Timestamp (or date when `timeIsDate`) that decides which period a row belongs to. */
  time: string;
  timeIsDate: boolean;
  user?: string;
  product?: string;
  /**
   * Two-stage facts aggregate per unit (user) first, so that per-user facts such as "carted but never bought"
   * or "two or more orders" are exact; see measures.ts.
   */
  unit?: string;
  /** Window-wide denominators (days with activity): joined on time dimensions only, other filters ignored. */
  broadcast?: boolean;
}

const events: FactDefinition = {
  id: 'events',
  name_en: 'behaviour events',
  name_zh: '行为事件',
  description_en: 'one row per event (view, search, cart, fav, purchase, like, share), dated by events.event_time',
  description_zh: '每个行为事件一行（浏览、搜索、加购、收藏、购买、点赞、分享），按 events.event_time 计时',
  requiredTables: ['events'],
  from: () => 'events e',
  time: 'e.event_time',
  timeIsDate: false,
  user: 'e.user_id',
  product: 'e.product_id',
  unit: 'e.user_id',
};

const orderLines: FactDefinition = {
  id: 'order_lines',
  name_en: 'order lines',
  name_zh: '订单明细',
  description_en: 'one row per order line (order_items joined to its order), dated by orders.created_at',
  description_zh: '每个订单行一行（order_items 关联其订单），按下单时间 orders.created_at 计时',
  requiredTables: ['orders', 'order_items'],
  from: () => 'order_items oi JOIN orders o ON o.order_id = oi.order_id',
  time: 'o.created_at',
  timeIsDate: false,
  user: 'o.user_id',
  product: 'oi.product_id',
  unit: 'o.user_id',
};

const reviews: FactDefinition = {
  id: 'reviews',
  name_en: 'reviews',
  name_zh: '评价',
  description_en: 'one row per review, dated by reviews.created_at',
  description_zh: '每条评价一行，按 reviews.created_at 计时',
  requiredTables: ['reviews'],
  from: () => 'reviews r',
  time: 'r.created_at',
  timeIsDate: false,
  user: 'r.user_id',
  product: 'r.product_id',
};

// A session's events are gathered from one day either side of the window, so sessions that start in the
// window are complete without scanning the whole events table.
const sessions: FactDefinition = {
  id: 'sessions',
  name_en: 'sessions',
  name_zh: '会话',
  description_en:
    'one row per (user_id, session_id) built from events, dated by the session start (its first event); device is that first event’s device',
  description_zh: '由事件按 (user_id, session_id) 汇总成每个会话一行，按会话开始时间（首个事件）计时；设备取首个事件的设备',
  requiredTables: ['events'],
  from: (window) => `(
      SELECT e.user_id, e.session_id, min(e.event_time) AS session_start, COUNT(*) AS event_count,
             arg_min_null(e.device, e.event_time) AS device
      FROM events e
      WHERE e.event_time >= ${timestampLiteral(addDays(window.start, -1))}
        AND e.event_time < ${timestampLiteral(addDays(window.end, 2))}
      GROUP BY e.user_id, e.session_id) s`,
  time: 's.session_start',
  timeIsDate: false,
  user: 's.user_id',
};

// The same rows from the per-user-day cache: first day, first device and day-N flags without touching events. One
// pass: each user's days (and months) are gathered while grouping, so no join back to the cache and no second
// grouping (on the default demo 3-5× faster than joining the 350k user-days to the cohort; identical rows).
function userCohortsFromActivityDays(window: DateRange): string {
  return `(
      WITH as_of AS (SELECT max(activity_day) AS as_of_day FROM ${USER_ACTIVITY_DAYS}),
      firsts AS (
        SELECT user_id, min(activity_day) AS first_day, arg_min_null(first_device, first_time) AS first_device,
               list(activity_day) AS activity_days, list(DISTINCT CAST(date_trunc('month', activity_day) AS DATE)) AS activity_months
        FROM ${USER_ACTIVITY_DAYS} GROUP BY user_id
        HAVING min(activity_day) >= ${dateLiteral(window.start)} AND min(activity_day) <= ${dateLiteral(window.end)})
      SELECT f.user_id, f.first_day, f.first_device, as_of.as_of_day,
             list_contains(f.activity_days, f.first_day + 1) AS active_day_1,
             list_contains(f.activity_days, f.first_day + 7) AS active_day_7,
             list_contains(f.activity_days, f.first_day + 30) AS active_day_30,
             list_contains(f.activity_months, CAST(date_trunc('month', f.first_day) + INTERVAL 1 MONTH AS DATE)) AS active_next_month
      FROM firsts f
      CROSS JOIN as_of) c`;
}

const ACTIVITY_SQL = `SELECT DISTINCT user_id, CAST(event_time AS DATE) AS activity_day FROM events
        UNION
        SELECT DISTINCT order_day.user_id, CAST(order_day.created_at AS DATE) FROM orders order_day WHERE order_day.user_id IS NOT NULL`;

// ClickHouse's form of the cohort rows: each user's days and months are gathered as arrays while grouping and the day-N
// flags are array lookups (as in userCohortsFromActivityDays), instead of joining activity back to each user and
// reading it once per CTE reader. On chDB at 5M events, day-1/day-7 retention took 0.4–0.5 s instead of 2.7–2.8 s
// (same data, same run; docs/clickhouse.md). The parity tests compare every retention metric with DuckDB's form.
function userCohortsWithArrays(window: DateRange): string {
  // One pass over events and orders: each user-day keeps its first event's time and device, and each user's days and
  // months become arrays while grouping; the data's last day is a window over those groups. ClickHouse would
  // otherwise compute a CTE once per reader (MATERIALIZED is not rendered inside this FROM item).
  return `(
      SELECT user_id, first_day, first_device, as_of_day,
             has(activity_days, first_day + 1) AS active_day_1,
             has(activity_days, first_day + 7) AS active_day_7,
             has(activity_days, first_day + 30) AS active_day_30,
             has(activity_months, toStartOfMonth(first_day) + INTERVAL 1 MONTH) AS active_next_month
      FROM (
        SELECT user_id, min(activity_day) AS first_day, argMin(tuple(day_device), day_first_time).1 AS first_device,
               groupUniqArray(activity_day) AS activity_days, groupUniqArray(toStartOfMonth(activity_day)) AS activity_months,
               max(max(activity_day)) OVER () AS as_of_day
        FROM (
          SELECT user_id, CAST(event_time AS DATE) AS activity_day, min(event_time) AS day_first_time, argMin(tuple(device), event_time).1 AS day_device
          FROM events GROUP BY user_id, CAST(event_time AS DATE)
          UNION ALL
          SELECT order_day.user_id, CAST(order_day.created_at AS DATE), NULL, NULL FROM orders order_day WHERE order_day.user_id IS NOT NULL) activity
        GROUP BY user_id) per_user
      WHERE first_day >= ${dateLiteral(window.start)} AND first_day <= ${dateLiteral(window.end)}) c`;
}

// Activity = any event or any order, so retention also works on order-only (imported) data.
const userCohorts: FactDefinition = {
  id: 'user_cohorts',
  name_en: 'user cohorts',
  name_zh: '用户同期群',
  description_en:
    "one row per user, dated by the user's first activity day in the whole data (first event or order); device is the device of the first event",
  description_zh: '每个用户一行，按其在全部数据中的首次活跃日（首个事件或订单）计时；设备取首个事件的设备',
  requiredTables: ['events', 'orders'],
  from: (window, derived, engine) => derived?.userActivityDays ? userCohortsFromActivityDays(window) : engine === 'clickhouse' ? userCohortsWithArrays(window) : `(
      WITH activity AS MATERIALIZED (
        ${ACTIVITY_SQL}),
      as_of AS (SELECT max(activity_day) AS as_of_day FROM activity),
      firsts AS (
        SELECT user_id, min(activity_day) AS first_day FROM activity GROUP BY user_id
        HAVING min(activity_day) >= ${dateLiteral(window.start)} AND min(activity_day) <= ${dateLiteral(window.end)}),
      first_devices AS (
        SELECT e.user_id AS user_id, arg_min_null(e.device, e.event_time) AS first_device
        FROM events e SEMI JOIN firsts f ON f.user_id = e.user_id GROUP BY e.user_id)
      SELECT f.user_id AS user_id, f.first_day AS first_day, d.first_device AS first_device, as_of.as_of_day AS as_of_day,
             bool_or(a.activity_day = f.first_day + 1) AS active_day_1,
             bool_or(a.activity_day = f.first_day + 7) AS active_day_7,
             bool_or(a.activity_day = f.first_day + 30) AS active_day_30,
             bool_or(date_trunc('month', a.activity_day) = date_trunc('month', f.first_day) + INTERVAL 1 MONTH) AS active_next_month
      FROM firsts f
      JOIN activity a ON a.user_id = f.user_id
      CROSS JOIN as_of
      LEFT JOIN first_devices d ON d.user_id = f.user_id
      GROUP BY f.user_id, f.first_day, d.first_device, as_of.as_of_day) c`,
  time: 'c.first_day',
  timeIsDate: true,
  user: 'c.user_id',
};

const activeDays: FactDefinition = {
  id: 'active_days',
  name_en: 'active days',
  name_zh: '活跃天数',
  description_en: 'days on which the warehouse recorded any event (window-wide; only split by time)',
  description_zh: '仓库中有任何事件的日期（全局口径，只按时间拆分）',
  requiredTables: ['events'],
  from: () => 'events e',
  time: 'e.event_time',
  timeIsDate: false,
  broadcast: true,
};

/**
 * Intents that say what a support conversation is about; a hand-off is attributed to the latest of them, so
 * "return conversations handed to a human" can be answered although the hand-off row itself says 'handoff'.
 */
export const SUPPORT_TOPIC_EXCLUDED_INTENTS = ['handoff', 'greeting', 'confirmation', 'other'] as const;

// One row per support_events row. Hand-off rows (intent 'handoff', any event type but 'turn') take the intent of
// the conversation's latest earlier shopper turn about a topic, looked up over the whole table (the turn may
// precede the window); the table is small next to events.
const supportEvents: FactDefinition = {
  id: 'support_events',
  name_en: 'support events',
  name_zh: '客服事件',
  description_en:
    "one row per support_events row (a 'turn' per shopper message, plus policy denials, confirmations, commits and hand-offs), dated by support_events.occurred_at; hand-off rows carry the intent of the conversation’s latest earlier topic turn",
  description_zh:
    '每条 support_events 记录一行（每条顾客消息一条 turn，另有政策拒绝、确认、提交与转人工等事件），按 support_events.occurred_at 计时；转人工类事件的意图取该会话此前最近一条有主题的顾客消息的意图',
  requiredTables: ['support_events'],
  from: () => `(
      SELECT se.*,
             CASE WHEN se.intent = 'handoff' AND se.event_type <> 'turn'
                  THEN coalesce(last_value(CASE WHEN se.event_type = 'turn' AND se.intent NOT IN (${SUPPORT_TOPIC_EXCLUDED_INTENTS.map((intent) => `'${intent}'`).join(', ')}) THEN se.intent END IGNORE NULLS)
                         OVER (PARTITION BY se.conversation_id ORDER BY se.occurred_at ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), se.intent)
                  ELSE se.intent END AS support_intent
      FROM support_events se) se`,
  time: 'se.occurred_at',
  timeIsDate: false,
  unit: 'se.conversation_id',
};

export const FACTS: Readonly<Record<FactId, FactDefinition>> = {
  events,
  order_lines: orderLines,
  reviews,
  sessions,
  user_cohorts: userCohorts,
  active_days: activeDays,
  support_events: supportEvents,
};
