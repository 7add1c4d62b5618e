import type { JsonValue } from '../../sql/json-values.ts';
import { formatValue } from '../../presentation/format-value.ts';
import type { ResultTable } from '../../presentation/result-table.ts';
import type { Language } from '../../text/language.ts';

export interface RankOf {
  dimension: string;
  value: string | number;
}

/** "City" → "cities", "Acquisition channel" → "acquisition channels": dimension labels are singular nouns. */
export function pluralLabel(label: string): string {
  const lower = label.toLowerCase();
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(?:s|x|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

const ORDINAL_SUFFIX = (position: number) => {
  const lastTwo = position % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][position % 10] ?? 'th';
};

/**
 * "杭州在 45 个城市中排第 5(¥1.2M);最高的是 上海(¥1.5M)": where the value the question named stands among all rows
 * of the ranking, which are ordered by the metric. Undefined when the value is not among the rows (no data for it),
 * so the caller says that instead of guessing.
 */
export function rankSentence(
  table: ResultTable,
  rankOf: RankOf,
  language: Language,
  labelValue?: (columnId: string, value: JsonValue, language: Language) => string,
): { sentence: string } | { missing: string } {
  const metric = table.columns.find((column) => column.role === 'metric');
  const label = (value: JsonValue) => (labelValue ? labelValue(rankOf.dimension, value, language) : String(value));
  const wanted = [String(rankOf.value).toLowerCase(), label(rankOf.value).toLowerCase()];
  const index = table.rows.findIndex((row) => {
    const value = row[rankOf.dimension] as JsonValue;
    return value !== undefined && value !== null && (wanted.includes(String(value).toLowerCase()) || wanted.includes(label(value).toLowerCase()));
  });
  const zh = language === 'zh';
  const name = label(rankOf.value);
  const dimensionName = table.columns.find((column) => column.id === rankOf.dimension);
  const dimensionLabel = zh ? dimensionName?.label_zh ?? rankOf.dimension : pluralLabel(dimensionName?.label_en ?? rankOf.dimension);
  if (!metric || index < 0) {
    return { missing: zh ? `${name} 在这段时间没有数据,无法排名。` : `${name} has no data in this period, so it has no rank.` };
  }
  const value = (row: Record<string, JsonValue>) => formatValue(row[metric.id] as number, metric.unit, language, metric.currency);
  const position = index + 1;
  const count = table.rows.length;
  const first = table.rows[0]!;
  const lowestFirst = table.direction === 'asc';
  const metricName = zh ? metric.label_zh : metric.label_en;
  const more = table.truncated ? (zh ? '(结果在行数上限处截断,实际数量更多)' : ' (the list was cut at the row limit; there are more)') : '';
  if (zh) {
    const leader = position === 1 ? '' : `;${lowestFirst ? '最低' : '最高'}的是 ${label(first[rankOf.dimension] as JsonValue)}(${value(first)})`;
    return { sentence: `按${metricName}${lowestFirst ? '从低到高' : '从高到低'},${name}(${value(table.rows[index]!)})在 ${count} 个${dimensionLabel}中排第 ${position}${position === 1 ? `,是${lowestFirst ? '最低' : '最高'}的` : ''}${leader}${more}。` };
  }
  const leader = position === 1 ? '' : `; the ${lowestFirst ? 'lowest' : 'highest'} is ${label(first[rankOf.dimension] as JsonValue)} (${value(first)})`;
  return {
    sentence: `By ${metricName}${lowestFirst ? ', lowest first' : ''}, ${name} (${value(table.rows[index]!)}) ranks ${position}${ORDINAL_SUFFIX(position)} of ${count} ${dimensionLabel}${position === 1 ? ` — the ${lowestFirst ? 'lowest' : 'highest'}` : ''}${leader}${more}.`,
  };
}
