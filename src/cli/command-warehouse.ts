import { resolveDatabasePath } from '../sql/database-path.ts';
import { stateFilePath } from '../sql/engine/state-file-path.ts';
import { resolveWarehouseLocation, type WarehouseLocation } from '../sql/engine/warehouse-url.ts';
import type { Warehouse, WarehouseOptions } from '../sql/warehouse.ts';

export interface WarehouseCommandOptions {
  db?: string;
  warehouse?: string;
}

export interface CommandWarehouse {
  location: WarehouseLocation;
  /**
   * The DuckDB file a running server locks for this warehouse (server-lock-file.ts): the warehouse file itself, or
   * the state file kept next to a ClickHouse warehouse, so a second command finds the server on either.
   */
  lockPath: string;
  /** With --warehouse, --db names the state file (default: inside the chDB folder, data/ for a server). */
  stateFile?: string;
}

export const WAREHOUSE_OPTION_DESCRIPTION = 'chdb://FOLDER or clickhouse://USER:PASSWORD@HOST:8123/DATABASE instead of a DuckDB file (default: $SHOPLENS_WAREHOUSE)';

/** Where `--warehouse` / `--db` / SHOPLENS_WAREHOUSE / SHOPLENS_DB point a command (see resolveWarehouseLocation). */
export function commandWarehouse(options: WarehouseCommandOptions, environment: NodeJS.ProcessEnv = process.env): CommandWarehouse {
  const location = resolveWarehouseLocation(options, environment);
  if (location.kind === 'duckdb') return { location, lockPath: location.path === ':memory:' ? location.path : resolveDatabasePath(location.path) };
  const stateFile = options.warehouse && options.db ? options.db : undefined;
  return { location, lockPath: stateFilePath(location, stateFile), ...(stateFile ? { stateFile } : {}) };
}

/** Opens an existing warehouse for a reading command: a missing DuckDB file or chDB folder is an error naming it. */
export async function openCommandWarehouse(target: CommandWarehouse, options: Omit<WarehouseOptions, 'path' | 'create'>): Promise<Warehouse> {
  const { openWarehouseAt } = await import('../sql/engine/open-engine-warehouse.ts');
  return openWarehouseAt(target.location, { ...options, create: false, ...(target.stateFile ? { stateFile: target.stateFile } : {}) });
}
