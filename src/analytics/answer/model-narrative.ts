import { z } from 'zod';
import type { Language } from '../../text/language.ts';
import { formatValue } from '../../presentation/format-value.ts';
import type { ResultColumn } from '../../presentation/result-table.ts';

/*
 * Headline narratives of the behaviour-model tools, in the answer's language, built only from the tool's own result
 * (each number is a field or a row of it). A result that does not have the expected shape gets no headline here,
 * and the generic narrative applies.
 */

const ForecastResult = z.object({
  metric_name: z.string(),
  category: z.string().nullable().optional(),
  forecast_total: z.object({ start: z.string(), end: z.string(), days: z.number(), total: z.number(), lower: z.number(), upper: z.number(), level: z.number() }),
  history_tail: z.array(z.object({ date: z.string(), value: z.number() })),
  backtest: z.object({ mape: z.number() }).nullable(),
});

const PropensityResult = z.object({
  prediction_window: z.object({ start: z.string(), end: z.string() }),
  candidates: z.number(),
  expected_buyers: z.number(),
  model: z.object({ name: z.string() }),
  evaluation: z.object({ auc: z.number() }),
  rows: z.array(z.object({ user_id: z.union([z.number(), z.string()]), probability: z.number(), reason_1: z.string().nullable(), reason_2: z.string().nullable() })),
});

const SegmentRow = z.object({ users: z.number(), share: z.number().nullable(), avg_monetary: z.number().nullable() });
const SegmentResult = z.object({
  users: z.number(),
  rfm_segments: z.object({ rows: z.array(SegmentRow.extend({ segment: z.string(), total_spend: z.number().nullable(), spend_share: z.number().nullable() })) }).optional(),
  clusters: z.object({ rows: z.array(SegmentRow.extend({ cluster_label: z.string() })) }).optional(),
});

const BasketResult = z.object({
  matched: z.array(z.object({ parameter: z.string(), name_en: z.string(), name_zh: z.string(), alternatives: z.array(z.object({ name_en: z.string(), name_zh: z.string() })) })),
  focus_orders: z.number().nullable().optional(),
  min_orders: z.number(),
  min_confidence: z.number(),
  rows: z.array(z.object({ consequent: z.string(), orders: z.number(), confidence: z.number() })),
});

/**
 * A basket question about one product says which product the text matched (and the others it could have been),
 * then what its orders also had, or that nothing passed the threshold; without a product the generic ranking applies.
 */
function basketHeadline(result: z.infer<typeof BasketResult>, language: Language): string | undefined {
  const focus = result.matched.find((item) => item.parameter === 'product');
  if (!focus) return undefined;
  const zh = language === 'zh';
  const name = zh ? focus.name_zh : focus.name_en;
  const others = focus.alternatives.slice(0, 3).map((item) => (zh ? item.name_zh : item.name_en));
  const also = others.length === 0 ? '' : zh ? `(也可能是:${others.join('、')})` : ` (it could also be: ${others.join(', ')})`;
  const orders = result.focus_orders ?? undefined;
  const percent = (value: number) => formatValue(value, 'ratio', language);
  if (result.rows.length === 0) {
    return zh
      ? `按商品 ${name}${also}:${orders === undefined ? '' : `它在 ${formatValue(orders, 'number', language)} 个已支付订单中出现,`}没有其他商品与它一起出现在至少 ${result.min_orders} 个、且不少于 ${percent(result.min_confidence)} 的订单里。`
      : `For ${name}${also}: ${orders === undefined ? '' : `it was in ${formatValue(orders, 'number', language)} paid orders, and `}no other product was bought with it in ${result.min_orders} or more orders and at least ${percent(result.min_confidence)} of them.`;
  }
  const [first, ...rest] = result.rows;
  const next = rest.slice(0, 2).map((row) => `${row.consequent} (${percent(row.confidence)})`);
  return zh
    ? `按商品 ${name}${also}:${orders === undefined ? '' : `在含它的 ${formatValue(orders, 'number', language)} 个订单中,`}最常一起购买的是 ${first!.consequent}(${percent(first!.confidence)} 的订单,${formatValue(first!.orders, 'number', language)} 单)${next.length > 0 ? `,其次是 ${next.join('、')}` : ''}。`
    : `For ${name}${also}: ${orders === undefined ? '' : `of the ${formatValue(orders, 'number', language)} orders with it, `}${first!.consequent} was bought with it most often (${percent(first!.confidence)} of them, ${formatValue(first!.orders, 'number', language)} orders)${next.length > 0 ? `, then ${next.join(', ')}` : ''}.`;
}

function unitOf(columns: readonly ResultColumn[], id: string): Pick<ResultColumn, 'unit' | 'currency'> {
  const column = columns.find((candidate) => candidate.id === id);
  return { unit: column?.unit ?? 'number', currency: column?.currency };
}

function forecastHeadline(result: z.infer<typeof ForecastResult>, columns: readonly ResultColumn[], language: Language): string {
  const { unit, currency } = unitOf(columns, 'forecast');
  const money = (value: number) => formatValue(value, unit, language, currency);
  const total = result.forecast_total;
  const recent = result.history_tail.slice(-total.days);
  const recentTotal = recent.length === total.days ? recent.reduce((sum, day) => sum + day.value, 0) : undefined;
  const subject = result.category ? (language === 'zh' ? `${result.category}的${result.metric_name}` : `${result.metric_name} of ${result.category}`) : result.metric_name;
  const level = formatValue(total.level, 'ratio', language).replace(/\.00%$/, '%');
  if (language === 'zh') {
    return [
      `预测 ${total.start} 至 ${total.end}(${total.days} 天)${subject}合计 ${money(total.total)},${level} 预测区间 ${money(total.lower)} – ${money(total.upper)}。`,
      recentTotal !== undefined ? `作为对照,最近 ${total.days} 天实际为 ${money(recentTotal)}。` : '',
      result.backtest ? `回测平均误差(MAPE)${formatValue(result.backtest.mape, 'number', language)}%,区间反映了这种不确定性。` : '',
      '图中实线为历史与预测,阴影为每日的预测区间。',
    ].join('');
  }
  return [
    `Forecast ${subject} for ${total.start} to ${total.end} (${total.days} days): ${money(total.total)} in total, ${level} prediction interval ${money(total.lower)} to ${money(total.upper)}.`,
    recentTotal !== undefined ? ` For comparison, the last ${total.days} days of data had ${money(recentTotal)}.` : '',
    result.backtest ? ` The back-test was off by ${formatValue(result.backtest.mape, 'number', language)}% on average (MAPE); the interval reflects that uncertainty.` : '',
    ' The chart shows history and forecast as lines and the daily interval as a shaded band.',
  ].join('');
}

function propensityHeadline(result: z.infer<typeof PropensityResult>, language: Language): string {
  const zh = language === 'zh';
  const [first, ...others] = result.rows;
  const percent = (value: number) => formatValue(value, 'ratio', language);
  const window = zh ? `${result.prediction_window.start} 至 ${result.prediction_window.end}` : `${result.prediction_window.start} to ${result.prediction_window.end}`;
  if (!first) return zh ? `${window}没有符合条件的用户。` : `No user matches for ${window}.`;
  const reasons = [first.reason_1, first.reason_2].filter((reason): reason is string => Boolean(reason));
  const followers = others.slice(0, 2).map((row) => (zh ? `用户 ${row.user_id}(${percent(row.probability)})` : `user ${row.user_id} (${percent(row.probability)})`));
  const auc = formatValue(result.evaluation.auc, 'score', language);
  if (zh) {
    return [
      `在 ${window} 最可能下单的 ${result.rows.length} 位用户中,用户 ${first.user_id} 概率最高(${percent(first.probability)})`,
      reasons.length ? `,主要原因:${reasons.join(';')}` : '',
      followers.length ? `;其次是${followers.join('、')}` : '',
      `。在 ${result.candidates} 位候选用户中预计约 ${formatValue(result.expected_buyers, 'number', language)} 人下单。模型:${result.model.name},评估 AUC ${auc}。表中列出排名、用户、概率和前两个原因。`,
    ].join('');
  }
  return [
    `Of the ${result.rows.length} users most likely to place a paid order from ${window}, user ${first.user_id} is the most likely (${percent(first.probability)})`,
    reasons.length ? `, mainly because: ${reasons.join('; ')}` : '',
    followers.length ? `; next come ${followers.join(' and ')}` : '',
    `. About ${formatValue(result.expected_buyers, 'number', language)} of ${result.candidates} candidate users are expected to buy. Model: ${result.model.name}, evaluation AUC ${auc}. The table lists rank, user, probability and the top two reasons.`,
  ].join('');
}

function segmentHeadline(result: z.infer<typeof SegmentResult>, columns: readonly ResultColumn[], language: Language): string | undefined {
  const zh = language === 'zh';
  const spend = unitOf(columns, 'avg_monetary');
  const money = (value: number | null) => formatValue(value, 'currency', language, spend.currency);
  const percent = (value: number | null) => formatValue(value, 'ratio', language);
  if (result.rfm_segments && result.rfm_segments.rows.length > 0) {
    const rows = [...result.rfm_segments.rows].sort((left, right) => (right.total_spend ?? 0) - (left.total_spend ?? 0));
    const items = rows.slice(0, 4).map((row) => (zh
      ? `${row.segment} ${formatValue(row.users, 'count', language)} 人(占用户 ${percent(row.share)}),消费 ${money(row.total_spend)}(占 ${percent(row.spend_share)}),人均 ${money(row.avg_monetary)}`
      : `${row.segment}: ${formatValue(row.users, 'count', language)} users (${percent(row.share)}), spending ${money(row.total_spend)} (${percent(row.spend_share)} of spend, ${money(row.avg_monetary)} each)`));
    return zh
      ? `${formatValue(result.users, 'count', language)} 位用户分为 ${rows.length} 个 RFM 分群,按消费额排序:${items.join(';')}。`
      : `${formatValue(result.users, 'count', language)} users fall into ${rows.length} RFM segments; by spend: ${items.join('; ')}.`;
  }
  if (result.clusters && result.clusters.rows.length > 0) {
    const items = result.clusters.rows.slice(0, 4).map((row) => (zh
      ? `${row.cluster_label} ${formatValue(row.users, 'count', language)} 人(${percent(row.share)}),人均消费 ${money(row.avg_monetary)}`
      : `${row.cluster_label}: ${formatValue(row.users, 'count', language)} users (${percent(row.share)}), ${money(row.avg_monetary)} spend each`));
    return zh
      ? `${formatValue(result.users, 'count', language)} 位用户按行为分为 ${result.clusters.rows.length} 类:${items.join(';')}。`
      : `${formatValue(result.users, 'count', language)} users fall into ${result.clusters.rows.length} behaviour clusters: ${items.join('; ')}.`;
  }
  return undefined;
}

/** The headline narrative of a model tool's result, or undefined when the tool has none (generic narrative). */
export function modelHeadline(toolName: string, result: unknown, columns: readonly ResultColumn[], language: Language): string | undefined {
  switch (toolName) {
    case 'forecast_metric': {
      const parsed = ForecastResult.safeParse(result);
      return parsed.success ? forecastHeadline(parsed.data, columns, language) : undefined;
    }
    case 'predict_purchase': {
      const parsed = PropensityResult.safeParse(result);
      return parsed.success ? propensityHeadline(parsed.data, language) : undefined;
    }
    case 'frequently_bought_together': {
      const parsed = BasketResult.safeParse(result);
      return parsed.success ? basketHeadline(parsed.data, language) : undefined;
    }
    case 'segment_customers': {
      const parsed = SegmentResult.safeParse(result);
      return parsed.success ? segmentHeadline(parsed.data, columns, language) : undefined;
    }
    default:
      return undefined;
  }
}
