import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../warehouse.ts';
import { ForbiddenStatementError, OutOfMemoryError, QueryTimeoutError, TooManyRowsError } from './guard-errors.ts';
import { openGuardTestWarehouse, TEST_EVENT_COUNT, TEST_ORDERS, TEST_USERS } from './guard-test-warehouse.ts';
import { runGuardedSql, SandboxRequiredError } from './run-guarded-sql.ts';
import { executeInSandbox } from './sandboxed-execution.ts';
import { DEFAULT_ALLOWED_TABLES } from './sql-policy.ts';

// 3,000³ = 2.7·10¹⁰ combinations that no optimizer can prune: minutes of work (about four on two threads).
const CROSS_JOIN_FOR_MINUTES = 'SELECT count(*) FROM events a, events b, events c WHERE (a.event_id * b.event_id + c.event_id) % 7 = 3';

describe('runGuardedSql', () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    ({ warehouse } = await openGuardTestWarehouse(`CANARY-${randomUUID()}`));
  });
  afterAll(() => warehouse.close());

  it('returns JSON-safe rows, column types, timing and the checked SQL', async () => {
    const result = await runGuardedSql(warehouse, 'SELECT order_id, total_amount, created_at FROM orders ORDER BY order_id LIMIT 2');
    expect(result.columns).toEqual([
      { name: 'order_id', type: 'BIGINT' },
      { name: 'total_amount', type: 'DECIMAL(12,2)' },
      { name: 'created_at', type: 'TIMESTAMP' },
    ]);
    expect(result.rows).toEqual(
      TEST_ORDERS.slice(0, 2).map((order) => ({ order_id: order.orderId, total_amount: order.total, created_at: order.createdAt })),
    );
    expect(result.truncated).toBe(false);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(result.checked.tables).toEqual(['orders']);
    expect(JSON.parse(JSON.stringify(result.rows))).toEqual(result.rows);
  });

  it('interrupts a slow cross join within the timeout plus one second', async () => {
    const timeoutMs = 800;
    const started = performance.now();
    const error = await runGuardedSql(warehouse, CROSS_JOIN_FOR_MINUTES, {
      timeoutMs,
    }).catch((caught: unknown) => caught);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(QueryTimeoutError);
    expect((error as QueryTimeoutError).timeoutMs).toBe(timeoutMs);
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs);
    expect(elapsed).toBeLessThan(timeoutMs + 1000);
    // The warehouse's shared connection is unaffected by the interrupt.
    const users = await warehouse.query('SELECT count(*) AS n FROM users');
    expect(users.rows).toEqual([{ n: TEST_USERS.length }]);
  });

  it('truncates at the row cap and flags it, without computing the whole explosion', async () => {
    const rowCap = 1234;
    const started = performance.now();
    const result = await runGuardedSql(warehouse, 'SELECT a.event_id, b.event_id AS other FROM events a CROSS JOIN events b', { rowCap });
    expect(result.rows).toHaveLength(rowCap);
    expect(result.truncated).toBe(true);
    expect(result.truncatedBy).toBe('row_cap');
    // 9 million rows would take far longer to materialize and convert than streaming 1,235 of them.
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('does not flag a result that is exactly at the cap', async () => {
    const result = await runGuardedSql(warehouse, 'SELECT * FROM range(10)', { rowCap: 10 });
    expect(result.rows.map((row) => row.range)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(result.truncated).toBe(false);
    expect(result.truncatedBy).toBeUndefined();
  });

  it('stops converting rows when their total size passes the character budget', async () => {
    const cell = 'x'.repeat(10_000);
    const result = await runGuardedSql(warehouse, `SELECT repeat('x', 10000) AS big FROM range(500)`, { maxResultCharacters: 100_000 });
    const perRow = JSON.stringify({ big: cell }).length;
    expect(result.rows).toHaveLength(Math.floor(100_000 / perRow));
    expect(result.rows[0]).toEqual({ big: cell });
    expect(result).toMatchObject({ truncated: true, truncatedBy: 'size_cap' });
  });

  it('can report too many rows as an error instead', async () => {
    const error = await runGuardedSql(warehouse, 'SELECT * FROM events', { rowCap: 100, onTooManyRows: 'error' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TooManyRowsError);
    expect((error as TooManyRowsError).rowCap).toBe(100);
    expect((error as TooManyRowsError).messageFor('zh')).toContain('100');
  });

  it('runs several guarded queries at once on separate connections', async () => {
    const results = await Promise.all(
      TEST_USERS.map((user) => runGuardedSql(warehouse, `SELECT count(*) AS n FROM events WHERE user_id = ${user.userId}`)),
    );
    expect(results.map((result) => result.rows[0]?.n)).toEqual(TEST_USERS.map(() => TEST_EVENT_COUNT / TEST_USERS.length));
  });

  it('refuses a warehouse that is not sandboxed', async () => {
    const readWrite = await Warehouse.open({ path: ':memory:' });
    try {
      await expect(runGuardedSql(readWrite, 'SELECT 1')).rejects.toBeInstanceOf(SandboxRequiredError);
    } finally {
      readWrite.close();
    }
  });
});

describe('executeInSandbox (the layer under the guard)', () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    ({ warehouse } = await openGuardTestWarehouse(`CANARY-${randomUUID()}`));
  });
  afterAll(() => warehouse.close());

  const options = { timeoutMs: 5000, rowCap: 100, maxResultCharacters: 1_000_000, allowedTables: DEFAULT_ALLOWED_TABLES };

  for (const write of ['INSERT INTO users (user_id) VALUES (99)', 'DELETE FROM orders', 'CREATE TABLE stolen AS SELECT * FROM meta', 'DROP TABLE users']) {
    it(`cannot persist "${write}" even if it slipped past the checks`, async () => {
      const connection = await warehouse.connect();
      try {
        const error = await executeInSandbox(connection, write, options).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ForbiddenStatementError);
        expect((error as ForbiddenStatementError).reason).toBe('sandbox');
      } finally {
        connection.closeSync();
      }
      const counts = await warehouse.query(
        "SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM duckdb_tables() WHERE table_name = 'stolen') AS stolen",
      );
      expect(counts.rows).toEqual([{ users: TEST_USERS.length, orders: TEST_ORDERS.length, stolen: 0 }]);
    });
  }
});

describe('memory limit', () => {
  it('reports a query that exceeds the warehouse memory limit as out_of_memory', async () => {
    const { warehouse } = await openGuardTestWarehouse(`CANARY-${randomUUID()}`, '64MB');
    try {
      const error = await runGuardedSql(warehouse, "SELECT string_agg(repeat('x', 1000), ',') AS huge FROM range(500000)").catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(OutOfMemoryError);
      expect((error as OutOfMemoryError).kind).toBe('out_of_memory');
      expect((error as OutOfMemoryError).messageFor('zh')).toContain('内存');
      // The instance is still usable afterwards.
      const after = await runGuardedSql(warehouse, 'SELECT count(*) AS n FROM users');
      expect(after.rows).toEqual([{ n: TEST_USERS.length }]);
    } finally {
      warehouse.close();
    }
  });
});
