import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ClickHouseEngine } from '../sql/engine/clickhouse-engine.ts';
import { loadIntoClickHouse } from '../sql/engine/load-into-clickhouse.ts';
import { stateFilePath } from '../sql/engine/state-file-path.ts';
import type { WarehouseLocation } from '../sql/engine/warehouse-url.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { ImportError } from './import-error.ts';
import type { ImportReport } from './import-report.ts';
import { storeImportRun } from './import-run-store.ts';
import { runImport, type ImportRequest } from './run-import.ts';

/** The behaviour tables an import may change; all of them are swapped in together after a successful import. */
export const CLICKHOUSE_IMPORT_TABLES = ['products', 'users', 'events', 'orders', 'order_items', 'reviews', 'support_events'] as const;

/**
 * `shoplens import --warehouse chdb://…|clickhouse://…`: the same importers, cleaning rules and quality report as on
 * DuckDB, run against a private DuckDB copy of the ClickHouse tables (so ids continue, duplicates are found and
 * "existing rows" are counted exactly as on DuckDB); then every table is loaded into ClickHouse staging tables and
 * swapped in (loadIntoClickHouse), and the report and meta go to the state file. Any failure before the swap
 * leaves ClickHouse and the state file as they were.
 *
 * The copy makes an import cost a full round trip of the tables: right for one machine (chDB, a single server); a
 * cluster loads new rows with INSERT … SELECT FROM s3(…) instead (docs/clickhouse.md).
 */
export async function importIntoClickHouse(
  location: Exclude<WarehouseLocation, { kind: 'duckdb' }>,
  request: ImportRequest,
  options: { stateFile?: string; memoryLimit?: string } = {},
): Promise<ImportReport> {
  if (request.checkpoint) {
    throw new ImportError({ file: '--batches', reason: 'batched imports are not supported on ClickHouse warehouses', hint: 'Import in one run, or import into a DuckDB file.' });
  }
  const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-ch-import-'));
  const engine = await ClickHouseEngine.open(location, { create: true });
  try {
    const working = await Warehouse.open({ path: path.join(folder, 'import.duckdb'), mode: 'read-write', ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}) });
    try {
      const statePath = stateFilePath(location, options.stateFile);
      await copyClickHouseTables(engine, working, folder);
      await copyMeta(statePath, working);
      const report = await runImport(working, request);
      await loadIntoClickHouse(working, engine, CLICKHOUSE_IMPORT_TABLES);
      // The profile, shop settings and report of this import, next to the app state (as seed --warehouse does).
      const meta = await working.query('SELECT key, value FROM meta');
      const state = await Warehouse.open({ path: statePath, mode: 'read-write' });
      try {
        await state.transaction(async (connection) => {
          for (const row of meta.rows) {
            await connection.run('INSERT INTO meta VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [String(row.key), String(row.value)]);
          }
          await storeImportRun(connection, report);
        });
      } finally {
        state.close();
      }
      return report;
    } finally {
      working.close();
    }
  } finally {
    await engine.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The ClickHouse tables that exist, copied into the working DuckDB file through Parquet (matched by column name). */
async function copyClickHouseTables(engine: ClickHouseEngine, working: Warehouse, folder: string): Promise<void> {
  const existing = new Set(
    (await engine.query("SELECT name FROM system.tables WHERE database = currentDatabase() AND name NOT LIKE '%\\_\\_loading'")).rows.map((row) => String(row.name)),
  );
  for (const table of CLICKHOUSE_IMPORT_TABLES) {
    if (!existing.has(table)) continue;
    const file = path.join(folder, `${table}.parquet`);
    await engine.exportParquet(table, file);
    await working.transaction(async (connection) => {
      // ClickHouse writes UTC instants; read back as the naive UTC timestamps the warehouse stores.
      await connection.run("SET TimeZone = 'UTC'");
      await connection.run(`INSERT INTO "${table}" BY NAME SELECT * FROM read_parquet($1)`, [file]);
    });
    rmSync(file, { force: true });
  }
}

/** Shop settings and other meta of the state file, so the import sees them as it would in a DuckDB warehouse. */
async function copyMeta(statePath: string, working: Warehouse): Promise<void> {
  const state = await Warehouse.open({ path: statePath, mode: 'read-write' });
  let rows;
  try {
    rows = (await state.query("SELECT key, value FROM meta WHERE key <> 'schema_version'")).rows;
  } finally {
    state.close();
  }
  await working.transaction(async (connection) => {
    for (const row of rows) {
      await connection.run('INSERT INTO meta VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [String(row.key), String(row.value)]);
    }
  });
}
