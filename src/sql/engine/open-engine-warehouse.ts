import { existsSync } from 'node:fs';
import { Warehouse, type WarehouseOptions } from '../warehouse.ts';
import { WarehouseError } from '../warehouse-error.ts';
import { stateFilePath } from './state-file-path.ts';
import { parseWarehouseUrl, redactPassword, type WarehouseLocation } from './warehouse-url.ts';

/** The setting that names the cache-writer connection (docs/clickhouse.md, "Segments with a read-only user"). */
export const CACHE_WRITER_SETTING = 'SHOPLENS_CLICKHOUSE_CACHE_WRITER';

export interface EngineWarehouseOptions {
  stateFile?: string;
  /**
   * Where the segmentation is copied for "by segment" questions, as a user that may write only the cache database:
   * a clickhouse:// URL, or for chDB the warehouse's own folder. Default: $SHOPLENS_CLICKHOUSE_CACHE_WRITER; without
   * one, the behaviour engine's own user copies it (and cannot, if it is read-only).
   */
  cacheWriter?: string;
  /** chDB: open the behaviour connection read-only, as the read-only server user is (see ClickHouseEngine.open). */
  readOnlyEngine?: boolean;
}

function cacheWriterLocation(text: string, warehouse: Exclude<WarehouseLocation, { kind: 'duckdb' }>): Exclude<WarehouseLocation, { kind: 'duckdb' }> {
  const location = parseWarehouseUrl(text);
  if (location.kind === 'duckdb' || location.kind !== warehouse.kind || (location.kind === 'chdb' && warehouse.kind === 'chdb' && location.path !== warehouse.path)) {
    throw new WarehouseError(
      `${CACHE_WRITER_SETTING}=${redactPassword(text)} must name the same ClickHouse as the warehouse: a clickhouse:// URL of the cache-writer user, or for chDB the warehouse's own folder.`,
      { path: redactPassword(text) },
    );
  }
  return location;
}

// Kept importable from here for the loaders; the CLI reads it from state-file-path.ts without loading ClickHouse.
export { STATE_FILE_NAME, stateFilePath } from './state-file-path.ts';

/**
 * Opens what a --warehouse location names as a Warehouse: a DuckDB file as before, or the state file with the
 * ClickHouse engine attached as its behaviour engine (closed together with it).
 */
export async function openWarehouseAt(
  location: WarehouseLocation,
  options: Omit<WarehouseOptions, 'path'> & EngineWarehouseOptions = {},
  environment: NodeJS.ProcessEnv = process.env,
): Promise<Warehouse> {
  if (location.kind === 'duckdb') return Warehouse.open({ ...options, path: location.path });
  if (location.kind === 'chdb' && options.create === false && !existsSync(location.path)) {
    // As for a DuckDB file: a mistyped folder is an error naming it, not a new empty warehouse.
    throw new WarehouseError(`No chDB warehouse at ${location.path}. Create one with "shoplens seed --warehouse chdb://${location.path}".`, { path: location.path, kind: 'missing' });
  }
  // Loaded only here: the ClickHouse client is ≈40 modules that a DuckDB warehouse (every cold `shoplens ask` on
  // the demo) never needs.
  const { ClickHouseEngine } = await import('./clickhouse-engine.ts');
  const writerText = options.cacheWriter ?? environment[CACHE_WRITER_SETTING];
  const writerLocation = writerText ? cacheWriterLocation(writerText, location) : undefined;
  const engine = await ClickHouseEngine.open(location, { create: options.mode === 'read-write', readOnly: options.readOnlyEngine === true });
  let cacheWriter: Awaited<ReturnType<typeof ClickHouseEngine.open>> | undefined;
  try {
    if (writerLocation) cacheWriter = await ClickHouseEngine.open(writerLocation);
    // The state file is created on first use: it holds nothing that cannot be rebuilt by seed --warehouse.
    const warehouse = await Warehouse.open({ ...options, path: stateFilePath(location, options.stateFile), mode: options.mode === 'read-only' ? 'sandboxed' : options.mode, create: true });
    warehouse.behaviourEngine = engine;
    warehouse.cacheWriterEngine = cacheWriter;
    return warehouse;
  } catch (error) {
    await cacheWriter?.close();
    await engine.close();
    throw error;
  }
}
