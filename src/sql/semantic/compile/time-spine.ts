import { addDays, type DateRange } from '../time/calendar-date.ts';
import type { DimensionDefinition, TimeGrain } from '../catalogue/catalogue-schema.ts';
import { quoteIdentifier } from './compile-fact.ts';
import { filterSql, type ResolvedFilter } from './compile-filter.ts';
import { timestampLiteral } from './sql-literals.ts';
import { timeGrainSql } from '../catalogue/time-dimensions.ts';
import type { SqlWriter } from './sql-writer.ts';

/**
 * Every time bucket of the window (after time filters such as weekends), so that trends show days without
 * data as zeros instead of silently skipping them.
 */
export function timeSpineSql(
  timeDimensions: readonly DimensionDefinition[],
  timeFilters: readonly ResolvedFilter[],
  window: DateRange,
  writer: SqlWriter,
): string {
  const { dialect } = writer;
  const grains = timeDimensions.map((dimension) => dimension.time_grain as TimeGrain);
  const step = grains.includes('hour') ? 'hour' : 'day';
  const columns = timeDimensions.map(
    (dimension) => `${timeGrainSql(dimension.time_grain as TimeGrain, 'spine_time', dialect)} AS ${quoteIdentifier(dimension.id)}`,
  );
  const conditions = timeFilters.map((filter) =>
    filterSql(filter, [timeGrainSql(filter.dimension.time_grain as TimeGrain, 'spine_time', dialect)], writer),
  );
  const where = conditions.length > 0 ? `\n  WHERE ${conditions.join(' AND ')}` : '';
  return (
    `SELECT DISTINCT ${columns.join(', ')}\n` +
    `  FROM ${dialect.timeSpine(timestampLiteral(window.start), timestampLiteral(addDays(window.end, 1)), step, 'spine_time')}${where}`
  );
}
