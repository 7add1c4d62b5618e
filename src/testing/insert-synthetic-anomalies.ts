import { EVENT_COLUMNS, ORDER_COLUMNS, type SyntheticAnomalies } from '../models/anomalies/synthetic-anomalies.ts';
import { DUCKDB_DIALECT } from '../sql/engine/sql-dialect.ts';
import type { Warehouse } from '../sql/warehouse.ts';

/**
 * Writes the synthetic anomalies into a DuckDB warehouse's own tables, for tests of the tools that read the tables
 * themselves (the evaluation adds them in its queries instead). Orders get what the schema requires: a number,
 * 'paid' two minutes after they were placed, and an amount that does not matter to the detectors.
 */
export async function insertSyntheticAnomalies(warehouse: Warehouse, injected: SyntheticAnomalies): Promise<void> {
  const events = EVENT_COLUMNS.map((column) => column.name).join(', ');
  await warehouse.run(`INSERT INTO events (${events}) SELECT ${events} FROM ${DUCKDB_DIALECT.literalRows(EVENT_COLUMNS, injected.events)} synthetic`);
  await warehouse.run(`INSERT INTO orders (order_id, order_no, user_id, status, created_at, paid_at, items_amount, total_amount)
    SELECT order_id, 'SYN' || order_id, user_id, 'paid', created_at, created_at + INTERVAL 2 MINUTE, 99.00, 99.00
    FROM ${DUCKDB_DIALECT.literalRows(ORDER_COLUMNS, injected.orders)} synthetic`);
}
