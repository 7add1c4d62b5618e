import type { Warehouse } from '../../warehouse.ts';
import type { IsoDate } from './calendar-date.ts';
import { NoDataError } from '../semantic-error.ts';
import { behaviourReader } from '../../engine/behaviour-reader.ts';

/**
 * The data's "today": the latest day with any event or order. Relative phrases ("yesterday", "last week")
 * are resolved against it, so a demo warehouse from 2025 still answers "last week" sensibly.
 */
export async function loadAsOfDate(warehouse: Warehouse): Promise<IsoDate> {
  const result = await behaviourReader(warehouse).query(`
    SELECT CAST(max(latest) AS DATE) AS as_of FROM (
      SELECT max(event_time) AS latest FROM events
      UNION ALL
      SELECT max(created_at) FROM orders)`);
  const asOf = result.rows[0]?.as_of;
  if (typeof asOf !== 'string') {
    throw new NoDataError(
      'The warehouse has no events or orders, so relative dates cannot be resolved. Run "shoplens seed" or "shoplens import" first.',
      { table: 'events' },
    );
  }
  return asOf;
}
