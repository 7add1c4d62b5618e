import { Warehouse, type WarehouseOptions } from '../warehouse.ts';
import { ClickHouseEngine } from './clickhouse-engine.ts';
import { DuckDbEngine } from './duckdb-engine.ts';
import type { WarehouseEngine } from './warehouse-engine.ts';
import type { WarehouseLocation } from './warehouse-url.ts';

/** Opens the engine a --warehouse location names; DuckDB options apply to DuckDB files only. */
export async function openWarehouseEngine(
  location: WarehouseLocation,
  options: Omit<WarehouseOptions, 'path'> = {},
): Promise<WarehouseEngine> {
  if (location.kind === 'duckdb') return new DuckDbEngine(await Warehouse.open({ ...options, path: location.path }));
  return ClickHouseEngine.open(location, { create: options.mode === 'read-write' });
}
