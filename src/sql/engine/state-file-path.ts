import path from 'node:path';
import type { WarehouseLocation } from './warehouse-url.ts';

export const STATE_FILE_NAME = 'shoplens-state.duckdb';

/**
 * The DuckDB file that keeps the app's own state (meta and the stored profile, conversations, caches) next to a
 * ClickHouse warehouse: inside the chDB folder, or `stateFile` (--db) for a server, default data/shoplens-state.duckdb.
 */
export function stateFilePath(location: Exclude<WarehouseLocation, { kind: 'duckdb' }>, stateFile?: string): string {
  if (stateFile) return path.resolve(stateFile);
  return location.kind === 'chdb' ? path.join(location.path, STATE_FILE_NAME) : path.resolve('data', STATE_FILE_NAME);
}
