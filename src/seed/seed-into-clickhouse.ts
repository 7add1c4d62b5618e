import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ClickHouseEngine } from '../sql/engine/clickhouse-engine.ts';
import { loadIntoClickHouse } from '../sql/engine/load-into-clickhouse.ts';
import { stateFilePath } from '../sql/engine/open-engine-warehouse.ts';
import type { WarehouseLocation } from '../sql/engine/warehouse-url.ts';
import { Warehouse } from '../sql/warehouse.ts';
import type { SeedOptions } from './seed-options.ts';
import { seedDemo, type SeedProgress, type SeedSummary } from './seed-demo.ts';
import { SEEDED_TABLES } from './staging-schema.ts';

// support_events too (empty after a seed): the semantic layer's support metrics read it, as on DuckDB.
const COPIED_TABLES = [...SEEDED_TABLES, 'support_events'];

/**
 * The demo data set in a ClickHouse warehouse (chDB or a server): generated exactly as for DuckDB into a
 * temporary DuckDB file, then copied table by table through Parquet (see loadIntoClickHouse, which swaps the
 * finished tables in). The temporary file's meta (stored profile, schema version) goes to the state file.
 */
export async function seedIntoClickHouse(
  location: Exclude<WarehouseLocation, { kind: 'duckdb' }>,
  options: SeedOptions,
  onProgress?: (progress: SeedProgress) => void,
  stateFile?: string,
): Promise<SeedSummary> {
  const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-seed-'));
  try {
    const staging = await Warehouse.open({ path: path.join(folder, 'seed.duckdb'), mode: 'read-write' });
    try {
      const summary = await seedDemo(staging, options, onProgress);
      const engine = await ClickHouseEngine.open(location, { create: true });
      try {
        onProgress?.({ phase: 'loading', done: 0, total: 1 });
        await loadIntoClickHouse(staging, engine, COPIED_TABLES);
      } finally {
        await engine.close();
      }
      const meta = await staging.query('SELECT key, value FROM meta');
      const state = await Warehouse.open({ path: stateFilePath(location, stateFile), mode: 'read-write' });
      try {
        await state.transaction(async (connection) => {
          for (const row of meta.rows) {
            await connection.run('INSERT INTO meta VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [String(row.key), String(row.value)]);
          }
        });
      } finally {
        state.close();
      }
      return summary;
    } finally {
      staging.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
