import { existsSync } from 'node:fs';
import path from 'node:path';
import { Warehouse, type WarehouseOptions } from '../warehouse.ts';
import { WarehouseError } from '../warehouse-error.ts';
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

/**
 * Opens what a --warehouse location names as a Warehouse: a DuckDB file as before, or the state file with the
 * ClickHouse engine attached as its behaviour engine (closed together with it).
 */
export async function openWarehouseAt(
  location: WarehouseLocation,
  options: Omit<WarehouseOptions, 'path'> & { stateFile?: string } = {},
): Promise<Warehouse> {
  if (location.kind === 'duckdb') return Warehouse.open({ ...options, path: location.path });
  if (location.kind === 'chdb' && options.create === false && !existsSync(location.path)) {
    // As for a DuckDB file: a mistyped folder is an error naming it, not a new empty warehouse.
    throw new WarehouseError(`No chDB warehouse at ${location.path}. Create one with "shoplens seed --warehouse chdb://${location.path}".`, { path: location.path, kind: 'missing' });
  }
  // Loaded only here: the ClickHouse client is ≈40 modules that a DuckDB warehouse (every cold `shoplens ask` on
  // the demo) never needs.
  const { ClickHouseEngine } = await import('./clickhouse-engine.ts');
  const engine = await ClickHouseEngine.open(location, { create: options.mode === 'read-write' });
  try {
    // The state file is created on first use: it holds nothing that cannot be rebuilt by seed --warehouse.
    const warehouse = await Warehouse.open({ ...options, path: stateFilePath(location, options.stateFile), mode: options.mode === 'read-only' ? 'sandboxed' : options.mode, create: true });
    warehouse.behaviourEngine = engine;
    return warehouse;
  } catch (error) {
    await engine.close();
    throw error;
  }
}
