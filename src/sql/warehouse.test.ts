import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Warehouse } from './warehouse.ts';
import { WarehouseError } from './warehouse-error.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-warehouse-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('Warehouse.open', () => {
  it.each(['read-only', 'sandboxed'] as const)('with create: false (%s) refuses a missing path, naming it and the commands that create one, and creates nothing', async (mode) => {
    const missing = path.join(folder, 'no', 'such', 'dir', 'x.duckdb');
    const error = await Warehouse.open({ path: missing, mode, create: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WarehouseError);
    expect(error).toMatchObject({ kind: 'missing', path: missing });
    expect((error as Error).message).toContain(missing);
    expect((error as Error).message).toMatch(/shoplens seed/);
    expect((error as Error).message).toMatch(/shoplens import/);
    expect(existsSync(path.join(folder, 'no'))).toBe(false);
  });

  it('gives the lock hint only for a real lock conflict, not for a corrupt file', async () => {
    const corrupt = path.join(folder, 'corrupt.duckdb');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(corrupt, 'this is not a database, just text '.repeat(200));
    const error = await Warehouse.open({ path: corrupt, mode: 'read-only' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WarehouseError);
    expect((error as WarehouseError).kind).toBe('corrupt');
    expect((error as Error).message).not.toMatch(/Another process|writing to it/);
  });

  it('a failed transaction reports its own error, not the rollback\'s "no transaction is active"', async () => {
    const warehouse = await Warehouse.open({ path: ':memory:' });
    try {
      // DuckDB aborts the transaction on an I/O error such as a full disk; ending it inside `work` reproduces that state.
      const failure = warehouse.transaction(async (connection) => {
        await connection.run('COMMIT');
        throw new Error('IO Error: Could not write file "x.duckdb.wal": No space left on device');
      });
      const error = await failure.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WarehouseError);
      expect(error).toMatchObject({ kind: 'disk_full' });
      expect((error as Error).message).toMatch(/disk is full/);
      expect((error as Error).message).not.toMatch(/no transaction is active/);
    } finally {
      warehouse.close();
    }
  });
});
