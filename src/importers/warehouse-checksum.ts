import type { Warehouse } from '../sql/warehouse.ts';
import { quoteIdentifier } from './sql-text.ts';

/**
 * Row count and an order-independent content hash of every table: equal checksums before and after a
 * failed import prove that it left the warehouse exactly as it was.
 */
export async function warehouseChecksum(warehouse: Warehouse): Promise<Record<string, string>> {
  const tables = await warehouse.query(
    `SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary ORDER BY table_name`,
  );
  const checksum: Record<string, string> = {};
  for (const row of tables.rows) {
    const name = String(row.table_name);
    const result = await warehouse.query(
      `SELECT count(*)::VARCHAR || ':' || coalesce(sum(hash(t))::VARCHAR, '0') AS digest FROM ${quoteIdentifier(name)} t`,
    );
    checksum[name] = String(result.rows[0]?.digest);
  }
  return checksum;
}
