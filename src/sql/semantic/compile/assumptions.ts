import { rangeLength, type DateRange } from '../time/calendar-date.ts';
import type { DimensionDefinition, FactId, MetricDefinition } from '../catalogue/catalogue-schema.ts';
import type { ResolvedFilter } from './compile-filter.ts';
import type { Assumption } from './compiled-query.ts';
import { FACTS } from '../catalogue/facts.ts';

export function windowAssumption(window: DateRange): Assumption {
  const days = rangeLength(window);
  return {
    en: `Period: ${window.start} to ${window.end}, both days included (${days} day${days === 1 ? '' : 's'}).`,
    zh: `统计期：${window.start} 至 ${window.end}（含首尾，共 ${days} 天）。`,
  };
}

export function comparisonAssumption(previous: DateRange): Assumption {
  return {
    en: `Compared with ${previous.start} to ${previous.end} (both included); change = current − previous, change % = change ÷ previous (empty when the previous value is 0). Ratio changes are in absolute points.`,
    zh: `对比期：${previous.start} 至 ${previous.end}（含首尾）；变化 = 本期 − 对比期，变化率 = 变化 ÷ 对比期（对比期为 0 时为空）。比率类指标的变化为绝对百分点。`,
  };
}

export function metricAssumptions(metrics: readonly MetricDefinition[]): Assumption[] {
  return metrics.map((metric) => ({
    en: `${metric.name_en}: ${metric.definition_en}`,
    zh: `${metric.name_zh}：${metric.definition_zh}`,
  }));
}

export function factAssumptions(facts: readonly FactId[]): Assumption[] {
  return facts
    .filter((fact) => !FACTS[fact].broadcast)
    .map((fact) => ({
      en: `Rows from ${FACTS[fact].name_en}: ${FACTS[fact].description_en}.`,
      zh: `${FACTS[fact].name_zh}：${FACTS[fact].description_zh}。`,
    }));
}

export function dimensionAssumptions(dimensions: readonly DimensionDefinition[], keepNulls: boolean): Assumption[] {
  return dimensions.map((dimension) => {
    const dropped = !keepNulls && dimension.kind !== 'time' && dimension.null_label === undefined;
    return {
      en: `${dimension.name_en}: ${dimension.description_en}${dropped ? ' Rows without a value are left out of this split.' : ''}`,
      zh: `${dimension.name_zh}：${dimension.description_zh}${dropped ? '没有该值的行不计入此拆分。' : ''}`,
    };
  });
}

/** How each filter operator reads, for assumptions and for the restated question. */
export const FILTER_OPERATOR_TEXT: Record<ResolvedFilter['operator'], { en: string; zh: string }> = {
  in: { en: 'is one of', zh: '属于' },
  eq: { en: 'is', zh: '等于' },
  not_in: { en: 'is none of', zh: '不属于' },
  between: { en: 'is between (inclusive)', zh: '介于（含）' },
  gte: { en: 'is at least', zh: '不小于' },
  lte: { en: 'is at most', zh: '不大于' },
  gt: { en: 'is more than', zh: '大于' },
  lt: { en: 'is less than', zh: '小于' },
  contains: { en: 'contains', zh: '包含' },
};

export function filterAssumptions(filters: readonly ResolvedFilter[]): Assumption[] {
  return filters.map((filter) => {
    const values = filter.values.join(', ');
    const operator = FILTER_OPERATOR_TEXT[filter.operator];
    return {
      en: `Only rows where ${filter.dimension.name_en} ${operator.en} ${values}.`,
      zh: `仅统计${filter.dimension.name_zh}${operator.zh} ${values} 的数据。`,
    };
  });
}

export const GAP_FILL_ASSUMPTION: Assumption = {
  en: 'Time buckets without data are shown as 0 for counts and amounts and left empty for ratios and averages.',
  zh: '没有数据的时间段，计数与金额显示为 0，比率与均值留空。',
};

export const CURRENCY_ASSUMPTION: Assumption = {
  en: "Amounts are in the shop's currency recorded in the warehouse (see shoplens describe), before order-level discounts and shipping.",
  zh: '金额为仓库记录的店铺币种（见 shoplens describe），未扣订单级优惠、不含运费。',
};

export function averageAssumption(per: 'day' | 'week' | 'month'): Assumption {
  const unit = { day: ['day', '天'], week: ['week (Monday to Sunday, partial weeks count as one)', '周（周一至周日，不完整的周也算一周）'], month: ['calendar month (partial months count as one)', '自然月（不完整的月也算一个月）'] }[per];
  return {
    en: `Average per ${unit[0]}: the period's total ÷ the number of ${per}s in the period; ${per}s without any rows count as 0, and a weekday filter keeps only its own days.`,
    zh: `平均每${unit[1]}：统计期内合计 ÷ 统计期内的${per === 'day' ? '天' : per === 'week' ? '周' : '月'}数；没有数据的${per === 'day' ? '日子' : '周期'}按 0 计，只看某些星期几时只计这些天。`,
  };
}
