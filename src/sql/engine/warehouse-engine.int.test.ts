import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouseEngine } from './clickhouse-engine.ts';
import { openWarehouseEngine } from './open-engine.ts';
import type { WarehouseEngine } from './warehouse-engine.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-engine-'));
const engines: Record<string, WarehouseEngine> = {};

beforeAll(async () => {
  engines.duckdb = await openWarehouseEngine({ kind: 'duckdb', path: ':memory:' });
  engines.chdb = await ClickHouseEngine.open({ kind: 'chdb', path: path.join(folder, 'ch'), database: 'shoplens' });
});
afterAll(async () => {
  for (const engine of Object.values(engines)) await engine.close();
  rmSync(folder, { recursive: true, force: true });
});

describe.each(['duckdb', 'chdb'])('%s engine', (name) => {
  const engine = () => engines[name] as WarehouseEngine;

  it('binds named parameters of every type and returns DuckDB-shaped values', async () => {
    const { dialect } = engine();
    const result = await engine().query(
      `SELECT ${dialect.parameter('t', 'text')} AS t, ${dialect.parameter('i', 'integer')} + 1 AS i, ${dialect.parameter('f', 'float')} * 2 AS f, ` +
        `${dialect.parameter('d', 'date')} AS d, ${dialect.parameter('ts', 'timestamp')} AS ts, CAST(NULL AS INTEGER) AS n`,
      { t: '北京 o\'brien', i: 41, f: 0.25, d: '2025-11-11', ts: '2025-11-11 20:15:00' },
    );
    expect(result.rows).toEqual([{ t: '北京 o\'brien', i: 42, f: 0.5, d: '2025-11-11', ts: '2025-11-11 20:15:00', n: null }]);
    expect(result.columns.map((column) => column.name)).toEqual(['t', 'i', 'f', 'd', 't'.concat('s'), 'n']);
  });

  it('keeps a value with quotes and backslashes a value (no injection)', async () => {
    const { dialect } = engine();
    const hostile = "nobody\\' OR 1=1 --";
    const result = await engine().query(
      `SELECT count(*) AS matches FROM (SELECT 'alice' AS name UNION ALL SELECT 'bob') people WHERE name = ${dialect.parameter('name', 'text')}`,
      { name: hostile },
    );
    expect(result.rows).toEqual([{ matches: 0 }]);
  });

  it('writes a batch of statements', async () => {
    const table = `batch_${name}`;
    const create = name === 'duckdb' ? `CREATE TABLE ${table} (id INTEGER)` : `CREATE TABLE ${table} (id Int32) ENGINE = MergeTree ORDER BY id`;
    await engine().writeBatch([create, `INSERT INTO ${table} VALUES (1), (2)`]);
    expect((await engine().query(`SELECT sum(id) AS total FROM ${table}`)).rows).toEqual([{ total: 3 }]);
  });

  it('returns at most rowCap + 1 rows so the caller can tell a cut-off result', async () => {
    const sql = name === 'duckdb' ? 'SELECT * FROM range(100000) t(n)' : 'SELECT number AS n FROM numbers(100000)';
    const result = await engine().query(sql, {}, { rowCap: 10, timeoutMs: 5_000 });
    expect(result.rows.length).toBeGreaterThan(10);
    expect(result.rows.length).toBeLessThan(100000);
  });
});

describe('ClickHouse null semantics', () => {
  it('gives NULL, not 0 or empty text, for a missed LEFT JOIN and an empty aggregate', async () => {
    const result = await (engines.chdb as WarehouseEngine).query(
      "SELECT r.label AS label, (SELECT avg(number) FROM numbers(0)) AS empty_average FROM (SELECT 1 AS id) l LEFT JOIN (SELECT 2 AS id, 'x' AS label) r ON r.id = l.id",
    );
    expect(result.rows).toEqual([{ label: null, empty_average: null }]);
  });
});

describe('openWarehouseAt', () => {
  it('names a chDB folder that does not exist instead of creating an empty warehouse for a reading command', async () => {
    const { openWarehouseAt } = await import('./open-engine-warehouse.ts');
    const missing = path.join(folder, 'no-such-folder');
    await expect(openWarehouseAt({ kind: 'chdb', path: missing, database: 'shoplens' }, { mode: 'sandboxed', create: false })).rejects.toThrow(/No chDB warehouse at .*no-such-folder.*shoplens seed --warehouse/);
  });
});
