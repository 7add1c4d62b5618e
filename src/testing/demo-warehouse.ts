import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedDemo } from '../seed/seed-demo.ts';
import { Warehouse } from '../sql/warehouse.ts';

/**
 * A small seeded demo warehouse in a temp folder, for tests that need real data: seeded read-write, then
 * handed back as a path so each test opens it in the mode it needs (usually 'sandboxed').
 */
export async function createDemoWarehouseFile(options: { users?: number; days?: number; seed?: number } = {}): Promise<{ path: string; remove: () => void }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-test-'));
  const databasePath = path.join(folder, 'demo.duckdb');
  const warehouse = await Warehouse.open({ path: databasePath, mode: 'read-write' });
  try {
    await seedDemo(warehouse, { users: options.users ?? 600, days: options.days ?? 30, seed: options.seed ?? 7 });
  } finally {
    warehouse.close();
  }
  return { path: databasePath, remove: () => rmSync(folder, { recursive: true, force: true }) };
}
