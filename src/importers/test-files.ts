import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Warehouse } from '../sql/warehouse.ts';

/** A fresh temp folder for one test file's inputs and warehouses. */
export function temporaryFolder(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `shoplens-${prefix}-`));
}

/** Writes `content` to `name` inside `folder` and returns the full path. */
export function writeTestFile(folder: string, name: string, content: string | Uint8Array): string {
  const file = path.join(folder, name);
  writeFileSync(file, content);
  return file;
}

/** Opens a new warehouse file per call inside `folder`; `closeAll` closes them (call it in afterEach). */
export function warehouseFactory(folder: string): { fresh: () => Promise<Warehouse>; closeAll: () => void } {
  const open: Warehouse[] = [];
  let count = 0;
  return {
    async fresh() {
      count += 1;
      const warehouse = await Warehouse.open({ path: path.join(folder, `warehouse-${count}.duckdb`) });
      open.push(warehouse);
      return warehouse;
    },
    closeAll() {
      for (const warehouse of open.splice(0)) warehouse.close();
    },
  };
}
