import type { JsonValue } from '../../sql/json-values.ts';
import { formatValue } from '../../presentation/format-value.ts';
import type { ResultTable } from '../../presentation/result-table.ts';
import type { Language } from '../../text/language.ts';
import { pluralLabel } from './rank-position.ts';

export interface CountThreshold {
  metric: string;
  operator: 'gt' | 'gte' | 'lt' | 'lte' | 'between';
  values: number[];
}

const BOUND_WORDS = {
  en: { gt: 'over', gte: 'of at least', lt: 'under', lte: 'of at most', between: 'between' },
  zh: { gt: '超过', gte: '不少于', lt: '低于', lte: '不超过', between: '介于' },
} as const;

/** "over £5,000", "超过 ¥5,000": the bound in the metric's own unit. */
function boundWords(threshold: CountThreshold, unit: ResultTable['columns'][number]['unit'], language: Language, currency?: string | null): string {
  const money = currency ?? undefined;
  const [low, high] = threshold.values.map((value) => formatValue(value, unit, language, money));
  if (threshold.operator === 'between') return language === 'zh' ? `介于 ${low} 与 ${high} 之间` : `between ${low} and ${high}`;
  return language === 'zh' ? `${BOUND_WORDS.zh[threshold.operator]} ${low}` : `${BOUND_WORDS.en[threshold.operator]} ${low}`;
}

/**
 * "How many distinct products were sold": the number of values of the grouped dimension whose metric is above zero,
 * and the one with the most. A list cut at the row limit gives "at least N", never a wrong exact count.
 */
export function countSentence(
  table: ResultTable,
  dimension: string,
  language: Language,
  labelValue?: (columnId: string, value: JsonValue, language: Language) => string,
  thresholds: readonly CountThreshold[] = [],
): string | undefined {
  // Counted by a bound on their total ("customers who spent over £5,000"): the bound is what they passed.
  const bounded = thresholds[0];
  const metric = (bounded && table.columns.find((column) => column.id === bounded.metric)) || table.columns.find((column) => column.role === 'metric');
  const dimensionColumn = table.columns.find((column) => column.id === dimension);
  if (!metric || !dimensionColumn) return undefined;
  // Rows kept by a bound are counted as they are ("products that sold nothing" are rows of 0); otherwise those above zero.
  const active = bounded ? table.rows : table.rows.filter((row) => typeof row[metric.id] === 'number' && (row[metric.id] as number) > 0);
  const zh = language === 'zh';
  const count = formatValue(active.length, 'number', language);
  const metricName = zh ? metric.label_zh : metric.label_en;
  const top = active[0];
  const label = (value: JsonValue) => (labelValue ? labelValue(dimension, value, language) : String(value));
  const leader = top ? (zh ? `;最多的是 ${label(top[dimension] as JsonValue)}(${formatValue(top[metric.id] as number, metric.unit, language, metric.currency)})` : `; the most is ${label(top[dimension] as JsonValue)} (${formatValue(top[metric.id] as number, metric.unit, language, metric.currency)})`) : '';
  const passed = bounded ? boundWords(bounded, metric.unit, language, metric.currency) : zh ? '大于 0' : 'above zero';
  if (zh) return `${table.truncated ? '至少' : ''}有 ${count} 个${dimensionColumn.label_zh}的${metricName}${passed}${leader}。`;
  return `${table.truncated ? 'At least ' : ''}${count} ${pluralLabel(dimensionColumn.label_en)} had ${metricName} ${passed}${leader}.`;
}

/**
 * The answer table of a count of values: one row, the number of values with the metric above zero ("19 countries"),
 * which is what "how many countries did we sell to" asks; the list it was counted from stays in the SQL.
 */
export function countTable(table: ResultTable, dimension: string, bounded = false): ResultTable | undefined {
  const metric = table.columns.find((column) => column.role === 'metric');
  const dimensionColumn = table.columns.find((column) => column.id === dimension);
  if (!metric || !dimensionColumn || table.truncated) return undefined;
  // Rows kept by a bound on their total are all counted (a bound may keep zeros: "products that sold nothing").
  const count = bounded ? table.rows.length : table.rows.filter((row) => typeof row[metric.id] === 'number' && (row[metric.id] as number) > 0).length;
  const column = {
    id: `${dimension}_count`,
    label_en: `${pluralLabel(dimensionColumn.label_en)} with ${metric.label_en}`,
    label_zh: `有${metric.label_zh}的${dimensionColumn.label_zh}数`,
    unit: 'count' as const,
    role: 'metric' as const,
  };
  return { ...table, shape: 'single', columns: [column], rows: [{ [column.id]: count }] };
}
