import type { JsonValue } from '../../sql/json-values.ts';
import { formatValue } from '../../presentation/format-value.ts';
import type { ResultTable } from '../../presentation/result-table.ts';
import type { Language } from '../../text/language.ts';

const GROUPS_NAMED = 6;

/**
 * "手机:苹果 iPhone 16(¥1,073,618.00);笔记本电脑:…": the leader of each group of a per-group ranking (rows come
 * grouped by the first dimension, best first within each), the first few groups named and the rest counted.
 */
export function perGroupLeaders(table: ResultTable, language: Language, labelValue?: (columnId: string, value: JsonValue, language: Language) => string): string | undefined {
  const [group, ranked] = table.columns.filter((column) => column.role === 'dimension');
  const metric = table.columns.find((column) => column.role === 'metric');
  if (!group || !ranked || !metric || table.rows.length === 0) return undefined;
  const label = (column: string, value: JsonValue) => (labelValue ? labelValue(column, value, language) : String(value));
  const leaders = new Map<string, { name: string; value: string }>();
  for (const row of table.rows) {
    const key = label(group.id, row[group.id] as JsonValue);
    if (!leaders.has(key)) leaders.set(key, { name: label(ranked.id, row[ranked.id] as JsonValue), value: formatValue(row[metric.id] as number, metric.unit, language, metric.currency) });
  }
  const zh = language === 'zh';
  const named = [...leaders.entries()].slice(0, GROUPS_NAMED).map(([key, leader]) => (zh ? `${key}:${leader.name}(${leader.value})` : `${key}: ${leader.name} (${leader.value})`));
  const more = leaders.size - named.length;
  if (zh) return `各${group.label_zh}排第一的是 ${named.join(';')}${more > 0 ? `;另有 ${more} 个${group.label_zh}见表格` : ''}。`;
  return `The leader in each ${group.label_en.toLowerCase()}: ${named.join('; ')}${more > 0 ? `; ${more} more in the table` : ''}.`;
}
