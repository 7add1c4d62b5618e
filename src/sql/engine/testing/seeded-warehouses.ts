import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedDemo, type SeedOptions } from '../../../seed/seed-demo.ts';
import { seedIntoClickHouse } from '../../../seed/seed-into-clickhouse.ts';
import { Warehouse } from '../../warehouse.ts';
import { openWarehouseAt } from '../open-engine-warehouse.ts';

export interface SeededWarehouses {
  duckdb: Warehouse;
  chdb: Warehouse;
  close(): void;
}

/**
 * The same seeded demo in a DuckDB file and in a chDB folder (with its state file), both opened sandboxed as the
 * agent and `shoplens model` open them: what tests of whole answers and reports compare across engines.
 */
export async function openSeededWarehouses(seed: SeedOptions, prefix: string): Promise<SeededWarehouses> {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  const writer = await Warehouse.open({ path: path.join(folder, 'shop.duckdb'), mode: 'read-write' });
  await seedDemo(writer, seed);
  writer.close();
  const duckdb = await Warehouse.open({ path: path.join(folder, 'shop.duckdb'), mode: 'sandboxed' });
  const location = { kind: 'chdb' as const, path: path.join(folder, 'chdb'), database: 'shoplens' };
  await seedIntoClickHouse(location, seed);
  const chdb = await openWarehouseAt(location, { mode: 'sandboxed' });
  return {
    duckdb,
    chdb,
    close() {
      duckdb.close();
      chdb.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
