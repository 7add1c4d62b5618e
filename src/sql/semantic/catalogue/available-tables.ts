import type { QueryReader } from '../../connection-reader.ts';
import { CACHE_SCHEMA, CACHE_TABLES, CACHE_TABLES_CONDITION, tableReference } from '../../cache-schema.ts';
import { Warehouse } from '../../warehouse.ts';

/**
 * Names of the base tables in the warehouse's main schema (and the cache tables of CACHE_TABLES, by their logical
 * name), so the catalogue offers only what exists. With
 * `requireRows`, empty tables are left out too: an import of orders alone should not offer page views.
 */
export async function loadAvailableTables(warehouse: QueryReader, options: { requireRows?: boolean } = {}): Promise<string[]> {
  if (warehouse instanceof Warehouse && warehouse.behaviourEngine) {
    // The behaviour tables of a ClickHouse database (staging tables of an unfinished load excluded), and the cache
    // tables copied next to them (user_segments, see mirrorUserSegments) by their logical name.
    const tables = await warehouse.behaviourEngine.query(
      `SELECT name AS table_name FROM system.tables
       WHERE (database = currentDatabase() AND name NOT LIKE '%\\_\\_loading') OR (database = '${CACHE_SCHEMA}' AND name IN (${[...CACHE_TABLES].map((table) => `'${table}'`).join(', ')}))
       ORDER BY name`,
    );
    return tables.rows.map((row) => String(row.table_name));
  }
  const result = await warehouse.query(
    // Not temporary: an import profiles the warehouse inside its transaction, next to its own staging tables.
    `SELECT table_name FROM duckdb_tables() WHERE NOT internal AND NOT temporary AND (schema_name = 'main' OR ${CACHE_TABLES_CONDITION}) ORDER BY table_name`,
  );
  const tables = result.rows.map((row) => String(row.table_name));
  if (!options.requireRows || tables.length === 0) return tables;
  // Names come from the catalogue query above and are quoted, so this cannot inject anything.
  const probes = tables.map((table) => `SELECT '${table.replaceAll("'", "''")}' AS table_name WHERE EXISTS (SELECT 1 FROM ${tableReference(table)})`);
  const populated = await warehouse.query(probes.join(' UNION ALL '));
  const names = new Set(populated.rows.map((row) => String(row.table_name)));
  return tables.filter((table) => names.has(table));
}
