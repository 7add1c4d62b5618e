import type { Answer } from '../analytics/answer/answer.ts';
import { formatValue } from '../presentation/format-value.ts';
import { formatTable } from './format-table.ts';

/**
 * The answer's rows as a terminal table, numbers formatted the way the narrative formats them. A long
 * time-ordered answer shows its latest rows (a forecast's future days, the end of a trend), not its oldest.
 */
export function formatAnswerTable(answer: Answer, maxRows = 20): string {
  if (answer.rows.length === 0) return '';
  const timeOrdered = answer.columns[0]?.unit === 'date';
  const hidden = timeOrdered ? Math.max(0, answer.rows.length - maxRows) : 0;
  const rows = answer.rows.slice(hidden).map((row) =>
    Object.fromEntries(answer.columns.map((column) => [column.id, formatValue(row[column.id], column.unit, answer.language, column.currency)])),
  );
  const table = formatTable({ columns: answer.columns.map((column) => ({ name: column.id, type: column.unit })), rows }, maxRows);
  if (hidden === 0) return table;
  const note = answer.language === 'zh' ? `… 省略了更早的 ${hidden} 行(共 ${answer.rows.length} 行,显示最近 ${maxRows} 行)` : `… ${hidden} earlier rows not shown (${answer.rows.length} in all, the latest ${maxRows} shown)`;
  return `${note}\n${table}`;
}
