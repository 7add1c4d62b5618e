import { behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { Warehouse } from '../../sql/warehouse.ts';

/**
 * Cheap summary of the behaviour data that changes whenever events, orders or users are re-seeded or imported; read
 * where those tables are (DuckDB or ClickHouse), while the models it guards are stored in the DuckDB state file.
 */
export async function behaviourFingerprint(warehouse: Warehouse): Promise<string> {
  const { rows } = await behaviourReader(warehouse).query(
    `SELECT (SELECT count(*) FROM events) AS events, (SELECT max(event_time) FROM events) AS last_event,
            (SELECT count(*) FROM orders) AS orders, (SELECT max(created_at) FROM orders) AS last_order, (SELECT count(*) FROM users) AS users`,
  );
  return JSON.stringify(rows[0] ?? {});
}
