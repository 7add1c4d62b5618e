/**
 * The DuckDB schema for everything derived from the behaviour data (trained models, user_segments): never the behaviour
 * tables, and safe to drop at any time (`DROP SCHEMA shoplens_cache CASCADE`); it is rebuilt on demand.
 */
export const CACHE_SCHEMA = 'shoplens_cache';

/** Logical table names the semantic layer offers that live in the cache schema, not in main. */
export const CACHE_TABLES: ReadonlySet<string> = new Set(['user_segments']);

/** SQL reference to a table by its logical name: shoplens_cache.user_segments, or the quoted main table. */
export function tableReference(table: string): string {
  return CACHE_TABLES.has(table) ? `${CACHE_SCHEMA}.${table}` : `"${table.replaceAll('"', '""')}"`;
}

/** Condition on duckdb_tables() / duckdb_columns() rows that picks the cache tables (constants, quoted). */
export const CACHE_TABLES_CONDITION = `(schema_name = '${CACHE_SCHEMA}' AND table_name IN (${[...CACHE_TABLES].map((table) => `'${table.replaceAll("'", "''")}'`).join(', ')}))`;
