import type { SqlDialect } from '../../sql/engine/sql-dialect.ts';
import { AnomalyError } from './anomaly-error.ts';

/**
 * Which relations (FROM items) the detectors read. Always the warehouse tables (in DuckDB or ClickHouse), except in
 * evaluateAnomalies, which points them at subqueries that add synthetic anomalies (syntheticSources). Never built
 * from user input.
 */
export interface AnomalySources {
  events: string;
  orders: string;
}

export const WAREHOUSE_SOURCES: AnomalySources = { events: 'events', orders: 'orders' };

/** Inclusive calendar dates (YYYY-MM-DD); either end may be open. */
export interface DateRange {
  start?: string;
  end?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** SQL condition on `column` for the range, plus the named parameters it uses (DuckDB rejects unused ones). */
export function rangeCondition(column: string, range: DateRange | undefined, dialect: SqlDialect): { sql: string; parameters: Record<string, string> } {
  const conditions: string[] = [];
  const parameters: Record<string, string> = {};
  for (const [end, value] of [['start', range?.start], ['end', range?.end]] as const) {
    if (value === undefined) continue;
    if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value))) {
      throw new AnomalyError(`date_range.${end} must be a date like 2025-11-01 (got "${value}").`, { kind: 'bad_parameter', parameter: `date_range.${end}` });
    }
    parameters[`range_${end}`] = value;
  }
  if (range?.start && range.end && range.start > range.end) {
    throw new AnomalyError(`date_range.start (${range.start}) is after date_range.end (${range.end}); swap them.`, { kind: 'bad_parameter', parameter: 'date_range' });
  }
  if (parameters.range_start) conditions.push(`${column} >= ${dialect.parameter('range_start', 'date')}`);
  if (parameters.range_end) conditions.push(`${column} < ${dialect.parameter('range_end', 'date')} + INTERVAL 1 DAY`);
  return { sql: conditions.length > 0 ? conditions.join(' AND ') : 'TRUE', parameters };
}
