import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Warehouse } from '../../warehouse.ts';
import { ClickHouseEngine } from '../clickhouse-engine.ts';
import { DuckDbEngine } from '../duckdb-engine.ts';
import { loadIntoClickHouse } from '../load-into-clickhouse.ts';

export const BEHAVIOUR_TABLES = ['users', 'products', 'events', 'orders', 'order_items', 'reviews', 'support_events'] as const;

export interface EnginePair {
  duckdb: DuckDbEngine;
  chdb: ClickHouseEngine;
  close(): Promise<void>;
}

/**
 * The same data on DuckDB and chDB: `fill` writes a fresh in-memory DuckDB warehouse, which is then copied
 * into a chDB folder of its own through the Parquet loader. chDB runs one engine per process, so a test file
 * opens one pair at a time.
 */
export async function openEnginePair(fill: (warehouse: Warehouse) => Promise<void>): Promise<EnginePair> {
  const warehouse = await Warehouse.open({ path: ':memory:' });
  await fill(warehouse);
  const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-chdb-'));
  const chdb = await ClickHouseEngine.open({ kind: 'chdb', path: folder, database: 'shoplens' });
  await loadIntoClickHouse(warehouse, chdb, BEHAVIOUR_TABLES);
  const duckdb = new DuckDbEngine(warehouse);
  return {
    duckdb,
    chdb,
    async close() {
      await chdb.close();
      await duckdb.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
