import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEnginePair, type EnginePair } from '../engine/testing/fixture-engines.ts';
import { buildRandomFixture } from '../semantic/testing/random-fixture.ts';
import { loadFixture } from '../semantic/testing/semantic-fixture.ts';
import { Warehouse } from '../warehouse.ts';
import { isSqlGuardError } from './sql-guard-error.ts';
import { QueryTimeoutError } from './guard-errors.ts';
import { runGuardedSql } from './run-guarded-sql.ts';
import { createSqlPolicy } from './sql-policy.ts';

const POLICY = createSqlPolicy({ extraTables: ['support_events'] });
const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-engine-guard-'));
let engines: EnginePair;
let warehouse: Warehouse;

beforeAll(async () => {
  engines = await openEnginePair((duckdb) => loadFixture(duckdb, buildRandomFixture(20251111)));
  // The state file: same (empty) tables for the guard's checks, the behaviour tables in chDB.
  warehouse = await Warehouse.open({ path: path.join(folder, 'state.duckdb'), mode: 'sandboxed' });
  warehouse.behaviourEngine = engines.chdb;
}, 60_000);
afterAll(async () => {
  warehouse.behaviourEngine = undefined;
  warehouse?.close();
  await engines?.close();
  rmSync(folder, { recursive: true, force: true });
});

async function refusal(sql: string, options = {}): Promise<unknown> {
  try {
    await runGuardedSql(warehouse, sql, { policy: POLICY, ...options });
  } catch (error) {
    return error;
  }
  throw new Error(`expected ${sql} to be refused`);
}

describe('model-written SQL on a ClickHouse warehouse', () => {
  it('runs an allowed SELECT on chDB and answers like DuckDB', async () => {
    const result = await runGuardedSql(warehouse, 'SELECT event_type, count(*) AS n FROM events GROUP BY event_type ORDER BY event_type', { policy: POLICY });
    const expected = await engines.duckdb.query('SELECT event_type, count(*) AS n FROM events GROUP BY event_type ORDER BY event_type');
    expect(result.rows).toEqual(expected.rows);
    expect(result.rows.length).toBeGreaterThan(2);
  });

  it('refuses a backslash that would end a ClickHouse string early and start a second statement', async () => {
    const error = await refusal("SELECT count(*) AS n FROM events WHERE device = 'x\\''; DROP TABLE events; --'");
    expect(isSqlGuardError(error)).toBe(true);
    expect((await engines.chdb.query('SELECT count() AS n FROM events')).rows[0]?.n).toBeGreaterThan(0);
  });

  it('refuses INTO OUTFILE, file() and ClickHouse system tables before anything runs', async () => {
    const target = path.join(folder, 'leak.csv');
    for (const sql of [
      `SELECT * FROM users INTO OUTFILE '${target}'`,
      "SELECT * FROM file('/etc/passwd', 'CSV')",
      'SELECT name FROM system.tables',
      'SELECT 1; SELECT 2',
      'SELECT `user_id` FROM users',
    ]) {
      expect(isSqlGuardError(await refusal(sql)), sql).toBe(true);
    }
    expect(existsSync(target)).toBe(false);
  });

  it('keeps personal columns out, as on DuckDB', async () => {
    const error = await refusal('SELECT email, phone FROM users');
    expect(isSqlGuardError(error) && error.kind).toBe('personal_data');
  });

  it('cuts the result at the row cap and says so', async () => {
    const result = await runGuardedSql(warehouse, 'SELECT event_id FROM events', { policy: POLICY, rowCap: 10 });
    expect(result.rows).toHaveLength(10);
    expect(result.truncated).toBe(true);
    expect(result.truncatedBy).toBe('row_cap');
  });

  it('stops a query that runs past the timeout', async () => {
    const started = performance.now();
    const error = await refusal('SELECT count(*) AS n FROM events a, events b, events c, events d WHERE a.dwell_seconds + b.dwell_seconds > c.dwell_seconds - d.dwell_seconds', { timeoutMs: 1_000 });
    expect(error).toBeInstanceOf(QueryTimeoutError);
    expect(performance.now() - started).toBeLessThan(5_000);
  }, 30_000);
});
