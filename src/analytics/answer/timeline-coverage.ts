import { addDays, addMonths, type IsoDate } from '../../sql/semantic/time/calendar-date.ts';
import type { ResultTable } from '../../presentation/result-table.ts';

const GRAIN_END: Record<string, (start: IsoDate) => IsoDate> = {
  day: (start) => start,
  week: (start) => addDays(start, 6),
  month: (start) => addDays(addMonths(start, 1), -1),
};

/**
 * A timeline asked over a period that starts before the data ("monthly orders year to date" with data from
 * September) would show January to August as zeros: days with no data, not days without orders. Only the buckets
 * that overlap the data are kept; the answer's coverage notice says which days the numbers are for.
 */
export function withinDataTimeline<Table extends ResultTable>(table: Table | undefined, window: { start: string; asOf: string } | undefined): Table | undefined {
  if (!table || !window) return table;
  const timeline = table.columns.find((column) => column.role === 'dimension' && column.id in GRAIN_END);
  if (!timeline) return table;
  const bucketEnd = GRAIN_END[timeline.id] as (start: IsoDate) => IsoDate;
  const rows = table.rows.filter((row) => {
    const value = row[timeline.id];
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value.slice(0, 10))) return true;
    const start = value.slice(0, 10) as IsoDate;
    return bucketEnd(start) >= window.start && start <= window.asOf;
  });
  return rows.length === table.rows.length || rows.length === 0 ? table : { ...table, rows };
}
