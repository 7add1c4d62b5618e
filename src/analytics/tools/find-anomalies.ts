import { z } from 'zod';
import { dimensionColumn as dimension, metricColumn as metric, type ResultColumn } from '../../presentation/result-table.ts';
import { defineTool } from '../../agent/tool.ts';
import { eventsPerMinute } from '../../models/anomalies/browsing-anomalies.ts';
import { storedBrowsingAnomalies, storedOrderAnomalies } from '../../models/anomalies/stored-anomalies.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

export const findAnomaliesParameters = z.object({
  kind: z.enum(['browsing', 'orders', 'both']).default('both').describe('browsing: bot-like sessions; orders: order velocity per user and order spikes per hour/day; both'),
  date_range: z.object({ start: isoDate, end: isoDate }).partial().optional().describe('only data in these dates, inclusive, resolved against the data\'s latest date'),
  top_k: z.number().int().min(1).max(100).default(10).describe('at most this many flagged entries per list'),
});


const BROWSING_COLUMNS: ResultColumn[] = [
  dimension('user_id', 'User id', '用户 ID'),
  metric('score', 'Bot-likeness score', '机器人嫌疑分', 'number'),
  metric('flagged_sessions', 'Flagged sessions', '可疑会话数', 'count'),
  metric('actions_per_minute', 'Actions per minute', '每分钟操作数', 'number'),
  metric('median_dwell_seconds', 'Median dwell (s)', '停留中位数(秒)', 'number'),
  metric('views', 'Views in session', '会话浏览数', 'count'),
  dimension('reason', 'Why', '原因'),
];
const ORDER_USER_COLUMNS: ResultColumn[] = [
  dimension('user_id', 'User id', '用户 ID'),
  metric('score', 'Velocity score (robust z)', '下单速度分(稳健 z)', 'number'),
  metric('max_orders_1h', 'Most orders in 1 hour', '1 小时内最多订单', 'count'),
  metric('max_orders_24h', 'Most orders in 24 hours', '24 小时内最多订单', 'count'),
  dimension('reason', 'Why', '原因'),
];
const BUCKET_COLUMNS: ResultColumn[] = [
  dimension('bucket', 'Hour or day', '时段'),
  dimension('granularity', 'Granularity', '粒度'),
  metric('orders', 'Orders', '订单数', 'count'),
  metric('baseline', 'Usual orders', '通常订单数', 'number'),
  metric('score', 'Robust z', '稳健 z 值', 'number'),
  dimension('reason', 'Why', '原因'),
];

const round = (value: number | null, digits = 2): number | null => (value === null || !Number.isFinite(value) ? null : Number(value.toFixed(digits)));

export const findAnomaliesTool = defineTool({
  name: 'find_anomalies',
  description: [
    'Finds suspicious behaviour. kind "browsing": bot-like users, ranked by their most bot-like session (extreme actions per minute,',
    'very short dwell, many views, evenly spaced clicks; robust z-scores against all sessions, isolation forest as a second opinion).',
    'kind "orders": users placing many orders within an hour or a day, and hours/days with far more orders than their robust',
    'baseline (same hour on other days); festival days (Double 11, 618) are marked as planned spikes. Returns only flagged entries',
    'with score and the reason in words; user ids only. Use for "刷单", "机器人流量", "异常订单", "bots", "fraud", "unusual spikes".',
  ].join(' '),
  parameters: findAnomaliesParameters,
  async execute(argumentsValue, context) {
    const { kind, date_range: range, top_k: topK } = findAnomaliesParameters.parse(argumentsValue);
    const chinese = context.language === 'zh';
    const result: Record<string, unknown> = { kind, as_of: context.asOf, date_range: range ?? null };
    const notes: string[] = [];

    if (kind === 'browsing' || kind === 'both') {
      const browsing = (await storedBrowsingAnomalies(context.warehouse, { range, onProgress: context.onProgress, signal: context.signal })).payload;
      const rows = browsing.users.slice(0, topK).map((user) => ({
        user_id: user.userId,
        score: round(user.score),
        isolation_score: round(user.worst.isolationScore, 3),
        flagged_sessions: user.flaggedSessions,
        sessions: user.sessions,
        session_id: user.worst.session.sessionId,
        session_start: user.worst.session.started,
        actions_per_minute: round(eventsPerMinute(user.worst.session), 1),
        median_dwell_seconds: round(user.worst.session.medianDwellSeconds, 1),
        views: user.worst.session.views,
        reason: (chinese ? user.worst.reasons_zh : user.worst.reasons_en).join(chinese ? ';' : '; '),
      }));
      result.browsing = {
        sessions_scored: browsing.sessionsScored,
        users_flagged: browsing.users.length,
        typical_session: {
          actions_per_minute: round(browsing.typical.speed, 1),
          median_dwell_seconds: round(browsing.typical.dwell, 1),
          views: round(browsing.typical.volume, 0),
          gap_variation: round(browsing.typical.regularity),
        },
        columns: BROWSING_COLUMNS,
        rows,
      };
      if (rows.length === 0) notes.push(`No session among ${browsing.sessionsScored} looks bot-like (two or more signals beyond robust z 3.5).`);
    }

    if (kind === 'orders' || kind === 'both') {
      const orders = (await storedOrderAnomalies(context.warehouse, { range, onProgress: context.onProgress, signal: context.signal })).payload;
      const userRows = orders.users.filter((user) => user.flagged).slice(0, topK).map((user) => ({
        user_id: user.userId,
        score: round(user.score),
        max_orders_1h: user.maxOrdersInHour,
        max_orders_24h: user.maxOrdersInDay,
        burst_at: user.burstAt,
        orders: user.orders,
        reason: chinese ? user.reason_zh : user.reason_en,
      }));
      const bucketRows = orders.buckets.filter((bucket) => bucket.flagged).slice(0, topK).map((bucket) => ({
        bucket: bucket.bucket,
        granularity: bucket.granularity,
        orders: bucket.orders,
        baseline: bucket.baseline,
        score: round(bucket.score),
        festival: bucket.promotion ? (chinese ? bucket.promotion.zh : bucket.promotion.en) : null,
        reason: chinese ? bucket.reason_zh : bucket.reason_en,
      }));
      result.order_users = { ordering_users: orders.usersWithOrders, users_flagged: orders.users.filter((user) => user.flagged).length, columns: ORDER_USER_COLUMNS, rows: userRows };
      result.order_spikes = { columns: BUCKET_COLUMNS, rows: bucketRows, note: 'Festival-day buckets are listed after all others: their spike is planned.' };
      if (userRows.length === 0 && bucketRows.length === 0) notes.push('No user or hour/day has an order count beyond robust z 3.5.');
    }

    // The main table the answer builder charts: browsing users when asked for, otherwise order users.
    const main = (result.browsing ?? result.order_users) as { columns: ResultColumn[]; rows: unknown[] };
    result.columns = main.columns;
    result.rows = main.rows;
    if (notes.length > 0) result.note = notes.join(' ');
    return result;
  },
});
