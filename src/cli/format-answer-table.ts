import type { Answer } from '../analytics/answer/answer.ts';
import { formatValue } from '../presentation/format-value.ts';
import { formatTable } from './format-table.ts';

/** The answer's rows as a terminal table, numbers formatted the way the narrative formats them. */
export function formatAnswerTable(answer: Answer, maxRows = 20): string {
  if (answer.rows.length === 0) return '';
  const rows = answer.rows.map((row) =>
    Object.fromEntries(answer.columns.map((column) => [column.id, formatValue(row[column.id], column.unit, answer.language, column.currency)])),
  );
  return formatTable({ columns: answer.columns.map((column) => ({ name: column.id, type: column.unit })), rows }, maxRows);
}
