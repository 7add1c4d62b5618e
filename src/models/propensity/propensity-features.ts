import type { SqlDialect } from '../../sql/engine/sql-dialect.ts';
export type FeatureGroup = 'browsing' | 'purchasing' | 'interaction' | 'profile';

export interface PropensityFeature {
  /** Column name in propensityFeaturesSql. */
  id: string;
  group: FeatureGroup;
  label_en: string;
  label_zh: string;
  /** Counts and money are log1p-transformed before standardising, so a handful of heavy users do not dominate the fit. */
  transform: 'log1p' | 'identity';
  /**
   * What a NULL (undefined: no visit, fewer than two orders) becomes in the model matrix. A number is a
   * fixed value (recency of "never" = RECENCY_CAP_DAYS); 'median' imputes the training median, i.e. "typical".
   */
  whenMissing: number | 'median';
  /** Upper clamp applied before the transform (recencies beyond the cap all mean "long ago"). */
  cap?: number;
  /** The raw value in words, for explanations: "3 visits in the last 7 days" / "近7天访问 3 次". */
  phrase_en: (value: number | null) => string;
  phrase_zh: (value: number | null) => string;
}

/** Days since a last visit or purchase are clamped here; a user who never visited counts as this many days. */
export const RECENCY_CAP_DAYS = 90;

const count = (value: number | null): number => Math.round(value ?? 0);
const decimal = (value: number | null, digits = 1): string => (value === null ? '—' : value.toFixed(digits));

function countFeature(id: string, group: FeatureGroup, label_en: string, label_zh: string, english: (n: number) => string, chinese: (n: number) => string): PropensityFeature {
  return { id, group, label_en, label_zh, transform: 'log1p', whenMissing: 0, phrase_en: (value) => english(count(value)), phrase_zh: (value) => chinese(count(value)) };
}

function recencyFeature(id: string, group: FeatureGroup, label_en: string, label_zh: string, what_en: string, what_zh: string): PropensityFeature {
  return {
    id, group, label_en, label_zh, transform: 'identity', whenMissing: RECENCY_CAP_DAYS, cap: RECENCY_CAP_DAYS,
    phrase_en: (value) => (value === null ? `never ${what_en}` : `last ${what_en} ${count(value)} day(s) before the cutoff`),
    phrase_zh: (value) => (value === null ? `从未${what_zh}` : `上次${what_zh}距今 ${count(value)} 天`),
  };
}

function flagFeature(id: string, label_en: string, label_zh: string): PropensityFeature {
  return {
    id, group: 'profile', label_en, label_zh, transform: 'identity', whenMissing: 0,
    phrase_en: (value) => (value === 1 ? label_en : `not ${label_en}`),
    phrase_zh: (value) => (value === 1 ? label_zh : `非${label_zh}`),
  };
}

/** Age bands by whole years, both ends inclusive. */
export const AGE_BANDS = [
  { id: 'age_under_25', label_en: 'aged under 25', label_zh: '25岁以下', minimum: 0, maximum: 24 },
  { id: 'age_25_34', label_en: 'aged 25–34', label_zh: '25–34岁', minimum: 25, maximum: 34 },
  { id: 'age_35_44', label_en: 'aged 35–44', label_zh: '35–44岁', minimum: 35, maximum: 44 },
  { id: 'age_45_plus', label_en: 'aged 45 or over', label_zh: '45岁及以上', minimum: 45, maximum: 200 },
] as const;

export function ageBandOf(age: number | null): (typeof AGE_BANDS)[number] | undefined {
  return age === null ? undefined : AGE_BANDS.find((band) => age >= band.minimum && age <= band.maximum);
}
export const CITY_TIER_IDS = ['tier1', 'new_tier1', 'tier2', 'tier3', 'tier4'] as const;
export const DEVICE_IDS = ['ios', 'android', 'mobile_web', 'pc', 'mini_program'] as const;
export type CityTier = (typeof CITY_TIER_IDS)[number];
export type Device = (typeof DEVICE_IDS)[number];

export const CITY_TIERS: readonly { id: CityTier; label_en: string; label_zh: string }[] = [
  { id: 'tier1', label_en: 'tier-1 city', label_zh: '一线城市' },
  { id: 'new_tier1', label_en: 'new tier-1 city', label_zh: '新一线城市' },
  { id: 'tier2', label_en: 'tier-2 city', label_zh: '二线城市' },
  { id: 'tier3', label_en: 'tier-3 city', label_zh: '三线城市' },
  { id: 'tier4', label_en: 'tier-4 city or smaller', label_zh: '四线及以下城市' },
];
export const DEVICES: readonly { id: Device; label_en: string; label_zh: string }[] = [
  { id: 'ios', label_en: 'iOS app user', label_zh: 'iOS 用户' },
  { id: 'android', label_en: 'Android app user', label_zh: '安卓用户' },
  { id: 'mobile_web', label_en: 'mobile-web user', label_zh: '手机网页用户' },
  { id: 'pc', label_en: 'PC user', label_zh: '电脑端用户' },
  { id: 'mini_program', label_en: 'mini-program user', label_zh: '小程序用户' },
];

/**
 * Per-user features as of a cutoff day, in propensityFeaturesSql column order. Browsing and interaction
 * counts use fixed look-back windows (7 or 30 days) so that features at two different cutoffs mean the same
 * thing; purchase history uses everything before the cutoff.
 */
export const PROPENSITY_FEATURES: readonly PropensityFeature[] = [
  countFeature('sessions_7d', 'browsing', 'Visits, last 7 days', '近7天访问次数', (n) => `${n} visit(s) in the last 7 days`, (n) => `近7天访问 ${n} 次`),
  countFeature('sessions_30d', 'browsing', 'Visits, last 30 days', '近30天访问次数', (n) => `${n} visit(s) in the last 30 days`, (n) => `近30天访问 ${n} 次`),
  { ...countFeature('active_days_30d', 'browsing', 'Active days, last 30 days', '近30天活跃天数', (n) => `active on ${n} of the last 30 days`, (n) => `近30天活跃 ${n} 天`), transform: 'identity' },
  countFeature('views_30d', 'browsing', 'Product views, last 30 days', '近30天浏览商品次数', (n) => `${n} product view(s) in the last 30 days`, (n) => `近30天浏览商品 ${n} 次`),
  countFeature('searches_30d', 'browsing', 'Searches, last 30 days', '近30天搜索次数', (n) => `${n} search(es) in the last 30 days`, (n) => `近30天搜索 ${n} 次`),
  {
    id: 'avg_dwell_seconds', group: 'browsing', label_en: 'Average dwell time (s)', label_zh: '平均停留秒数', transform: 'log1p', whenMissing: 'median',
    phrase_en: (value) => (value === null ? 'no page views yet' : `average dwell ${decimal(value)} s per page`),
    phrase_zh: (value) => (value === null ? '尚无浏览' : `平均每页停留 ${decimal(value)} 秒`),
  },
  {
    id: 'events_per_session', group: 'browsing', label_en: 'Actions per visit', label_zh: '每次访问行为数', transform: 'log1p', whenMissing: 0,
    phrase_en: (value) => `${decimal(value ?? 0)} actions per visit`,
    phrase_zh: (value) => `每次访问 ${decimal(value ?? 0)} 个行为`,
  },
  countFeature('deepest_session', 'browsing', 'Deepest visit (actions)', '单次访问最多行为数', (n) => `deepest visit ${n} actions`, (n) => `单次访问最多 ${n} 个行为`),
  recencyFeature('days_since_last_visit', 'browsing', 'Days since last visit', '距上次访问天数', 'visited', '访问'),
  countFeature('paid_orders', 'purchasing', 'Paid orders', '支付订单数', (n) => `${n} paid order(s) so far`, (n) => `累计支付订单 ${n} 笔`),
  countFeature('paid_orders_30d', 'purchasing', 'Paid orders, last 30 days', '近30天支付订单数', (n) => `${n} paid order(s) in the last 30 days`, (n) => `近30天支付订单 ${n} 笔`),
  {
    id: 'monetary', group: 'purchasing', label_en: 'Spend so far', label_zh: '累计消费金额', transform: 'log1p', whenMissing: 0,
    phrase_en: (value) => `spent ${decimal(value ?? 0, 0)} so far`,
    phrase_zh: (value) => `累计消费 ${decimal(value ?? 0, 0)}`,
  },
  {
    id: 'purchase_cycle_days', group: 'purchasing', label_en: 'Average days between orders', label_zh: '平均下单间隔天数', transform: 'identity', whenMissing: 'median', cap: RECENCY_CAP_DAYS,
    phrase_en: (value) => (value === null ? 'fewer than two orders (no purchase cycle yet)' : `orders every ${decimal(value)} days on average`),
    phrase_zh: (value) => (value === null ? '订单少于两笔(尚无购买周期)' : `平均每 ${decimal(value)} 天下单一次`),
  },
  recencyFeature('days_since_last_purchase', 'purchasing', 'Days since last paid order', '距上次支付订单天数', 'ordered', '下单'),
  countFeature('carts_7d', 'interaction', 'Add-to-carts, last 7 days', '近7天加购次数', (n) => `${n} add-to-cart(s) in the last 7 days`, (n) => `近7天加购 ${n} 次`),
  countFeature('carts_30d', 'interaction', 'Add-to-carts, last 30 days', '近30天加购次数', (n) => `${n} add-to-cart(s) in the last 30 days`, (n) => `近30天加购 ${n} 次`),
  countFeature('favourites_30d', 'interaction', 'Favourites, last 30 days', '近30天收藏次数', (n) => `${n} favourite(s) in the last 30 days`, (n) => `近30天收藏 ${n} 次`),
  countFeature('reviews_written', 'interaction', 'Reviews written', '发表评价数', (n) => `${n} review(s) written`, (n) => `发表评价 ${n} 条`),
  countFeature('likes_30d', 'interaction', 'Likes, last 30 days', '近30天点赞次数', (n) => `${n} like(s) in the last 30 days`, (n) => `近30天点赞 ${n} 次`),
  countFeature('shares_30d', 'interaction', 'Shares, last 30 days', '近30天分享次数', (n) => `${n} share(s) in the last 30 days`, (n) => `近30天分享 ${n} 次`),
  ...AGE_BANDS.map((band) => flagFeature(band.id, band.label_en, band.label_zh)),
  flagFeature('gender_female', 'female', '女性'),
  flagFeature('gender_male', 'male', '男性'),
  ...CITY_TIERS.map((tier) => flagFeature(`city_${tier.id}`, tier.label_en, tier.label_zh)),
  ...DEVICES.map((device) => flagFeature(`device_${device.id}`, device.label_en, device.label_zh)),
  {
    id: 'tenure_days', group: 'profile', label_en: 'Days since sign-up', label_zh: '注册天数', transform: 'log1p', whenMissing: 'median',
    phrase_en: (value) => (value === null ? 'sign-up date unknown' : `signed up ${count(value)} day(s) before the cutoff`),
    phrase_zh: (value) => (value === null ? '注册日期未知' : `注册 ${count(value)} 天`),
  },
];

export const BEHAVIOUR_FEATURE_IDS: readonly string[] = PROPENSITY_FEATURES.filter((feature) => feature.group !== 'profile').map((feature) => feature.id);

/**
 * One row per user known at the cutoff ($cutoff, a DATE: data up to the end of that day). Nothing on or
 * after $cutoff + 1 day is read: events by event_time, orders by created_at and paid_at (an order counts as
 * paid only if it was paid before the cutoff), reviews by created_at. The population is every user who had
 * signed up by the cutoff (or whose sign-up date is unknown) plus anyone with events or orders before it.
 * Averages are rounded to six decimals because DuckDB's parallel sums may differ in the last bit between runs.
 * Written for DuckDB and ClickHouse alike (the behaviour tables may live in either).
 */
export const propensityFeaturesSql = (dialect: SqlDialect): string => `
  WITH bounds AS (SELECT ${dialect.parameter('cutoff', 'date')} AS cutoff_day, ${dialect.parameter('cutoff', 'date')} + INTERVAL 1 DAY AS cutoff_end),
  past_events AS (SELECT e.* FROM events e, bounds b WHERE e.event_time < b.cutoff_end),
  visits AS (
    SELECT user_id, session_id, min(event_time) AS started, count(*) AS actions
    FROM past_events GROUP BY user_id, session_id),
  visit_stats AS (
    SELECT v.user_id,
           count(*) FILTER (WHERE v.started >= b.cutoff_end - INTERVAL 7 DAY) AS sessions_7d,
           count(*) FILTER (WHERE v.started >= b.cutoff_end - INTERVAL 30 DAY) AS sessions_30d,
           count(DISTINCT CAST(v.started AS DATE)) FILTER (WHERE v.started >= b.cutoff_end - INTERVAL 30 DAY) AS active_days_30d,
           round(avg(v.actions), 6) AS events_per_session,
           max(v.actions) AS deepest_session
    FROM visits v, bounds b GROUP BY v.user_id),
  event_stats AS (
    SELECT e.user_id,
           count(*) FILTER (WHERE e.event_type = 'view' AND e.event_time >= b.cutoff_end - INTERVAL 30 DAY) AS views_30d,
           count(*) FILTER (WHERE e.event_type = 'search' AND e.event_time >= b.cutoff_end - INTERVAL 30 DAY) AS searches_30d,
           round(avg(e.dwell_seconds) FILTER (WHERE e.event_type = 'view' AND e.dwell_seconds IS NOT NULL), 6) AS avg_dwell_seconds,
           count(*) FILTER (WHERE e.event_type = 'cart' AND e.event_time >= b.cutoff_end - INTERVAL 7 DAY) AS carts_7d,
           count(*) FILTER (WHERE e.event_type = 'cart' AND e.event_time >= b.cutoff_end - INTERVAL 30 DAY) AS carts_30d,
           count(*) FILTER (WHERE e.event_type = 'fav' AND e.event_time >= b.cutoff_end - INTERVAL 30 DAY) AS favourites_30d,
           count(*) FILTER (WHERE e.event_type = 'like' AND e.event_time >= b.cutoff_end - INTERVAL 30 DAY) AS likes_30d,
           count(*) FILTER (WHERE e.event_type = 'share' AND e.event_time >= b.cutoff_end - INTERVAL 30 DAY) AS shares_30d,
           max(e.event_time) AS last_event
    FROM past_events e, bounds b GROUP BY e.user_id),
  paid AS (
    SELECT o.user_id,
           count(*) AS paid_orders,
           count(*) FILTER (WHERE o.created_at >= b.cutoff_end - INTERVAL 30 DAY) AS paid_orders_30d,
           sum(o.total_amount)::DOUBLE AS monetary,
           min(o.created_at) AS first_order,
           max(o.created_at) AS last_order
    FROM orders o, bounds b
    WHERE o.user_id IS NOT NULL AND o.created_at < b.cutoff_end AND o.paid_at IS NOT NULL AND o.paid_at < b.cutoff_end
    GROUP BY o.user_id),
  written AS (
    SELECT r.user_id, count(*) AS reviews_written FROM reviews r, bounds b WHERE r.created_at < b.cutoff_end GROUP BY r.user_id),
  population AS (
    SELECT u.user_id FROM users u, bounds b WHERE u.signup_date IS NULL OR u.signup_date <= b.cutoff_day
    UNION SELECT user_id FROM visit_stats
    UNION SELECT user_id FROM paid)
  SELECT pop.user_id AS user_id,
         coalesce(vs.sessions_7d, 0) AS sessions_7d,
         coalesce(vs.sessions_30d, 0) AS sessions_30d,
         coalesce(vs.active_days_30d, 0) AS active_days_30d,
         coalesce(es.views_30d, 0) AS views_30d,
         coalesce(es.searches_30d, 0) AS searches_30d,
         es.avg_dwell_seconds AS avg_dwell_seconds,
         coalesce(vs.events_per_session, 0)::DOUBLE AS events_per_session,
         coalesce(vs.deepest_session, 0) AS deepest_session,
         date_diff('day', CAST(es.last_event AS DATE), b.cutoff_day) AS days_since_last_visit,
         coalesce(p.paid_orders, 0) AS paid_orders,
         coalesce(p.paid_orders_30d, 0) AS paid_orders_30d,
         coalesce(p.monetary, 0) AS monetary,
         CASE WHEN p.paid_orders >= 2 THEN date_diff('second', p.first_order, p.last_order) / 86400.0 / (p.paid_orders - 1) END AS purchase_cycle_days,
         date_diff('day', CAST(p.last_order AS DATE), b.cutoff_day) AS days_since_last_purchase,
         coalesce(es.carts_7d, 0) AS carts_7d,
         coalesce(es.carts_30d, 0) AS carts_30d,
         coalesce(es.favourites_30d, 0) AS favourites_30d,
         coalesce(w.reviews_written, 0) AS reviews_written,
         coalesce(es.likes_30d, 0) AS likes_30d,
         coalesce(es.shares_30d, 0) AS shares_30d,
         ${AGE_BANDS.map((band) => `CASE WHEN u.age BETWEEN ${band.minimum} AND ${band.maximum} THEN 1 ELSE 0 END AS ${band.id}`).join(',\n         ')},
         CASE WHEN u.gender = 'female' THEN 1 ELSE 0 END AS gender_female,
         CASE WHEN u.gender = 'male' THEN 1 ELSE 0 END AS gender_male,
         ${CITY_TIERS.map((tier) => `CASE WHEN u.city_tier = '${tier.id}' THEN 1 ELSE 0 END AS city_${tier.id}`).join(',\n         ')},
         ${DEVICES.map((device) => `CASE WHEN u.preferred_device = '${device.id}' THEN 1 ELSE 0 END AS device_${device.id}`).join(',\n         ')},
         CASE WHEN u.signup_date <= b.cutoff_day THEN date_diff('day', u.signup_date, b.cutoff_day) END AS tenure_days
  FROM population pop CROSS JOIN bounds b
  LEFT JOIN users u USING (user_id)
  LEFT JOIN visit_stats vs USING (user_id)
  LEFT JOIN event_stats es USING (user_id)
  LEFT JOIN paid p USING (user_id)
  LEFT JOIN written w USING (user_id)
  ORDER BY pop.user_id`;
