import { addDays, addMonths, type IsoDate } from '../../sql/semantic/time/calendar-date.ts';
import type { ResultTable } from '../../presentation/result-table.ts';
import type { Language } from '../../text/language.ts';

const GRAIN_END: Record<string, (start: IsoDate) => IsoDate> = {
  day: (start) => start,
  week: (start) => addDays(start, 6),
  month: (start) => addDays(addMonths(start, 1), -1),
};

export interface DataCoverage {
  start: string;
  asOf: string;
  /** Days inside the data with no order and no event at all: the shop did not trade (Saturdays in Online Retail). */
  closedDays?: readonly string[];
}

/**
 * A timeline asked over a period that starts before the data ("monthly orders year to date" with data from
 * September) would show January to August as zeros: days with no data, not days without orders. Only the buckets
 * that overlap the data are kept; the answer's coverage notice says which days the numbers are for. A day on which
 * the shop recorded nothing at all is left out of a day-by-day timeline the same way, and said.
 */
export function withinDataTimeline<Table extends ResultTable>(table: Table | undefined, window: DataCoverage | undefined): { table: Table | undefined; closedLeftOut: string[] } {
  if (!table || !window) return { table, closedLeftOut: [] };
  const timeline = table.columns.find((column) => column.role === 'dimension' && column.id in GRAIN_END);
  if (!timeline) return { table, closedLeftOut: [] };
  const bucketEnd = GRAIN_END[timeline.id] as (start: IsoDate) => IsoDate;
  const closed = new Set(timeline.id === 'day' ? (window.closedDays ?? []) : []);
  const closedLeftOut: string[] = [];
  const rows = table.rows.filter((row) => {
    const value = row[timeline.id];
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value.slice(0, 10))) return true;
    const start = value.slice(0, 10) as IsoDate;
    if (closed.has(start)) {
      closedLeftOut.push(start);
      return false;
    }
    return bucketEnd(start) >= window.start && start <= window.asOf;
  });
  if (rows.length === table.rows.length || rows.length === 0) return { table, closedLeftOut: [] };
  return { table: { ...table, rows }, closedLeftOut };
}

/** The answer's note on the days left out because nothing at all was recorded on them. */
export function closedDaysNote(days: readonly string[], language: Language): string | undefined {
  if (days.length === 0) return undefined;
  const listed = days.length > 6 ? `${days.slice(0, 6).join(', ')} …` : days.join(', ');
  return language === 'zh'
    ? `数据中这些天没有任何订单或行为记录(店铺未营业),未列出:${listed}。`
    : `Days with no order or activity at all in the data (the shop did not trade) are left out: ${listed}.`;
}
