import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../warehouse.ts';
import { runGuardedSql } from './run-guarded-sql.ts';
import { QueryGate } from './query-gate.ts';

// A repeated analytics query (many analysts, a dashboard) is answered from the kept result while its tables are
// unchanged: no gate slot, no DuckDB work. Each test proves a reuse by changing the data behind the warehouse's back.
describe('runGuardedSql keeps checked results until their tables are written', () => {
  let warehouse: Warehouse;
  const countOrders = 'SELECT count(*)::INTEGER AS n FROM orders';
  const count = async (sql = countOrders, gate?: QueryGate) => (await runGuardedSql(warehouse, sql, { gate })).rows[0]?.n;
  const insertBehindTheBack = async (id: number) => {
    const raw = await warehouse.connect();
    await raw.run(`INSERT INTO orders (order_id, order_no, user_id, status, created_at, items_amount, total_amount) VALUES (${id}, 'SL${id}', 7, 'paid', TIMESTAMP '2025-11-01', 10, 10)`);
    raw.closeSync();
  };

  beforeEach(async () => {
    warehouse = await Warehouse.open({ path: ':memory:', mode: 'sandboxed' });
    await warehouse.run(`INSERT INTO orders (order_id, order_no, user_id, status, created_at, items_amount, total_amount) VALUES (1, 'SL1', 7, 'paid', TIMESTAMP '2025-11-01', 10, 10)`);
  });
  afterEach(() => warehouse.close());

  it('reuses a result until a write to one of its tables, not after writes to other tables', async () => {
    expect(await count()).toBe(1);
    await insertBehindTheBack(2);
    expect(await count()).toBe(1);
    await warehouse.run('INSERT INTO meta VALUES ($k, $v)', { k: 'x', v: 'y' });
    await warehouse.transaction((connection) => connection.run(`INSERT INTO meta VALUES ('z', 'z')`), { writes: ['meta'] });
    expect(await count()).toBe(1);
    await warehouse.run(`UPDATE orders SET status = 'shipped' WHERE order_id = $id`, { id: 1 });
    expect(await count()).toBe(2);
    await insertBehindTheBack(3);
    // A transaction that does not name its tables (an import) may have changed anything.
    await warehouse.transaction((connection) => connection.run(`INSERT INTO meta VALUES ('w', 'w')`));
    expect(await count()).toBe(3);
  });

  it('never reuses a query whose value changes from run to run, nor one with other values or limits', async () => {
    const random = async () => (await runGuardedSql(warehouse, 'SELECT random() AS r FROM orders')).rows[0]?.r;
    expect(await random()).not.toBe(await random());
    expect(await count()).toBe(1);
    await insertBehindTheBack(2);
    expect(await count('SELECT count(*)::INTEGER AS n FROM orders ')).toBe(2);
    const capped = await runGuardedSql(warehouse, 'SELECT order_id FROM orders ORDER BY order_id', { rowCap: 1 });
    expect(capped).toMatchObject({ truncated: true, rows: [{ order_id: 1 }] });
    expect((await runGuardedSql(warehouse, 'SELECT order_id FROM orders ORDER BY order_id', { rowCap: 5 })).rows).toHaveLength(2);
  });

  it('gives every caller its own rows, and serves callers of the same query at once from one run', async () => {
    const first = await runGuardedSql(warehouse, 'SELECT order_id, status FROM orders');
    (first.rows[0] as Record<string, unknown>).status = 'edited by a caller';
    expect((await runGuardedSql(warehouse, 'SELECT order_id, status FROM orders')).rows).toEqual([{ order_id: 1, status: 'paid' }]);
    // One slot for everybody: ten callers of one new query still take it once, and all get the answer.
    const gate = new QueryGate(1, 1);
    let acquired = 0;
    const acquire = gate.acquire.bind(gate);
    gate.acquire = (...args) => ((acquired += 1), acquire(...args));
    const answers = await Promise.all(Array.from({ length: 10 }, () => count('SELECT count(*)::INTEGER AS n FROM orders WHERE status = \'paid\'', gate)));
    expect(answers).toEqual(Array(10).fill(1));
    expect(acquired).toBe(1);
  });
});

describe('callers of one running query share its outcome', () => {
  it('a timeout of the shared run is every caller\'s, after one wait, not one after another', async () => {
    const warehouse = await Warehouse.open({ path: ':memory:', mode: 'sandboxed' });
    try {
      await warehouse.run('INSERT INTO events (event_id, user_id, session_id, event_type, event_time) SELECT i, 1, 1, \'view\', TIMESTAMP \'2025-11-01\' FROM range(3000) t(i)');
      const gate = new QueryGate(1, 1);
      const started = performance.now();
      const outcomes = await Promise.all(
        Array.from({ length: 3 }, () =>
          runGuardedSql(warehouse, 'SELECT count(*) FROM events a, events b, events c', { timeoutMs: 500, gate }).then(
            () => 'done',
            (error: unknown) => (error as Error).name,
          ),
        ),
      );
      expect(outcomes).toEqual(['QueryTimeoutError', 'QueryTimeoutError', 'QueryTimeoutError']);
      expect(performance.now() - started).toBeLessThan(2_500);
    } finally {
      warehouse.close();
    }
  });
});
