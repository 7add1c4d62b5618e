import type { Answer } from '../answer/answer.ts';
import type { ResultColumn } from '../../presentation/result-table.ts';

export interface WatchedValue {
  value: number;
  column: ResultColumn;
}

/**
 * The number a scheduled question watches: the answer's first metric, in its latest row for a time series
 * (first column a date) and its first row otherwise: the single number of a lookup ("昨天的GMV"), the latest day of
 * a trend, the leader of a ranking. It is the same column from run to run because the question is the same.
 * Undefined when the answer has no number.
 */
export function watchedValue(answer: Answer): WatchedValue | undefined {
  const metric = answer.columns.find((column) => column.role === 'metric' && !/_(previous|change|change_pct)$/.test(column.id));
  const row = answer.columns[0]?.unit === 'date' ? answer.rows.at(-1) : answer.rows[0];
  if (!metric || !row) return undefined;
  const value = row[metric.id];
  return typeof value === 'number' && Number.isFinite(value) ? { value, column: metric } : undefined;
}
