import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../warehouse.ts';

/**
 * The guard's second line: what a sandboxed warehouse refuses by itself, on a raw connection with no
 * checkSql in front. Each instance option set in warehouse.ts is read back and then shown to hold.
 */
describe("Warehouse.open({ mode: 'sandboxed' }) without the guard", () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'shoplens-sandbox-'));
  const secretFile = path.join(directory, 'secret.csv');
  const memoryLimitBytes = 300 * 1000 * 1000;
  let warehouse: Warehouse;
  let connection: DuckDBConnection;

  beforeAll(async () => {
    writeFileSync(secretFile, 'token\nsandbox-secret-value\n');
    warehouse = await Warehouse.open({ path: path.join(directory, 'warehouse.duckdb'), mode: 'sandboxed', memoryLimit: '300MB' });
    connection = await warehouse.connect();
  });
  afterAll(() => {
    connection.closeSync();
    warehouse.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function failure(sql: string): Promise<string> {
    try {
      await connection.run(sql);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error(`DuckDB accepted: ${sql}`);
  }

  it('reads back the sandbox settings', async () => {
    const result = await warehouse.query(
      `SELECT name, value FROM duckdb_settings() WHERE name IN (
         'enable_external_access', 'lock_configuration', 'autoload_known_extensions',
         'autoinstall_known_extensions', 'allow_community_extensions', 'allow_unsigned_extensions', 'memory_limit')
       ORDER BY name`,
    );
    const settings = Object.fromEntries(result.rows.map((row) => [row.name, row.value]));
    expect(settings).toEqual({
      allow_community_extensions: 'false',
      allow_unsigned_extensions: 'false',
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      enable_external_access: 'false',
      lock_configuration: 'true',
      memory_limit: `${(memoryLimitBytes / 2 ** 20).toFixed(1)} MiB`,
    });
  });

  it('refuses SET, RESET and setting PRAGMAs itself (configuration locked)', async () => {
    for (const sql of ['SET threads = 1', 'RESET threads', "SET memory_limit = '100GB'", 'SET enable_external_access = true', 'PRAGMA threads = 1', "SET lock_configuration = false"]) {
      expect(await failure(sql)).toMatch(/configuration has been locked/);
    }
  });

  it('cannot read a real local file, by table function or replacement scan', async () => {
    for (const sql of [
      `SELECT * FROM read_csv('${secretFile}')`,
      `SELECT * FROM '${secretFile}'`,
      `SELECT content FROM read_text('${secretFile}')`,
      `SELECT * FROM glob('${directory}/*')`,
    ]) {
      const message = await failure(sql);
      expect(message).toMatch(/Permission Error/);
      expect(message).not.toContain('sandbox-secret-value');
    }
  });

  it('cannot write files, attach databases or export', async () => {
    const target = path.join(directory, 'out.csv');
    expect(await failure(`COPY (SELECT 1) TO '${target}'`)).toMatch(/Permission Error/);
    expect(existsSync(target)).toBe(false);
    expect(await failure(`ATTACH '${path.join(directory, 'other.duckdb')}' AS other`)).toMatch(/Permission Error/);
    expect(await failure(`EXPORT DATABASE '${path.join(directory, 'dump')}'`)).toMatch(/Permission Error/);
    expect(existsSync(path.join(directory, 'dump'))).toBe(false);
  });

  it('cannot install or load extensions', async () => {
    expect(await failure('INSTALL httpfs')).toMatch(/Permission Error|disabled/);
    expect(await failure('LOAD httpfs')).toMatch(/disabled|Permission Error/);
  });

  it('cannot write inside a read-only transaction', async () => {
    await connection.run('BEGIN TRANSACTION READ ONLY');
    try {
      expect(await failure('INSERT INTO users (user_id) VALUES (1)')).toMatch(/read-only/);
    } finally {
      await connection.run('ROLLBACK');
    }
    const users = await warehouse.query('SELECT count(*) AS n FROM users');
    expect(users.rows).toEqual([{ n: 0 }]);
  });

  it('still lets the application write (the app’s own tables)', async () => {
    await warehouse.run("INSERT INTO meta VALUES ('sandbox_probe', 'ok') ON CONFLICT (key) DO UPDATE SET value = 'ok'");
    const result = await warehouse.query("SELECT value FROM meta WHERE key = 'sandbox_probe'");
    expect(result.rows).toEqual([{ value: 'ok' }]);
  });
});

describe("Warehouse.open({ mode: 'sandboxed', readableDirectories }) (the server's import staging folder)", () => {
  it('reads only inside the named folder, and its settings are as locked as without one', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'shoplens-sandbox-staging-'));
    const staging = path.join(directory, 'staging');
    mkdirSync(staging);
    writeFileSync(path.join(staging, 'upload.csv'), 'a\n1\n2\n');
    writeFileSync(path.join(directory, 'secret.csv'), 'token\nsandbox-secret-value\n');
    const warehouse = await Warehouse.open({ path: path.join(directory, 'warehouse.duckdb'), mode: 'sandboxed', readableDirectories: [staging] });
    const connection = await warehouse.connect();
    const failure = async (sql: string) => connection.run(sql).then(() => `accepted: ${sql}`, (error: Error) => error.message);
    try {
      const staged = await connection.runAndReadAll(`SELECT count(*) AS n FROM read_csv('${path.join(staging, 'upload.csv')}')`);
      expect(Number(staged.getRows()[0]?.[0])).toBe(2);
      expect(await failure(`SELECT * FROM read_csv('${path.join(directory, 'secret.csv')}')`)).toMatch(/Permission Error/);
      expect(await failure(`SELECT * FROM read_csv('${path.join(staging, '..', 'secret.csv')}')`)).toMatch(/Permission Error/);
      expect(await failure(`COPY (SELECT 1) TO '${path.join(directory, 'out.csv')}'`)).toMatch(/Permission Error/);
      for (const sql of ["SET allowed_directories = ['/']", 'SET enable_external_access = true', 'SET lock_configuration = false']) {
        expect(await failure(sql)).toMatch(/configuration has been locked/);
      }
    } finally {
      connection.closeSync();
      warehouse.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
