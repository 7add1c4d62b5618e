import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../sql/warehouse.ts';
import { createDemoWarehouseFile } from '../../testing/demo-warehouse.ts';
import { runnerOf } from '../sql-runner.ts';
import { prefetchOrderReads } from './first-turn-reads.ts';
import { otherOptionsOf } from './product-options.ts';
import { listOrdersInScope, loadOrderLines } from './scoped-orders.ts';

let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
let warehouse: Warehouse;
const statements: string[] = [];

beforeAll(async () => {
  demo = await createDemoWarehouseFile({ users: 120, days: 30 });
  warehouse = await Warehouse.open({ path: demo.path, mode: 'sandboxed' });
  const query = warehouse.query.bind(warehouse);
  warehouse.query = (sql, parameters) => (statements.push(sql), query(sql, parameters));
}, 60_000);

afterAll(() => {
  warehouse.close();
  demo.remove();
});

/** What a turn about the shopper's orders reads: the list, its lines and the first order's other options. */
async function firstTurnReads(runner: Parameters<typeof listOrdersInScope>[0], customerId: number) {
  const orders = await listOrdersInScope(runner, { kind: 'customer', customerId }, { limit: 5 });
  const lines = await loadOrderLines(runner, orders.map((order) => order.order_id));
  const firstLines = lines.filter((line) => line.order_id === orders[0]?.order_id);
  const options = await otherOptionsOf(runner, firstLines.map((line) => line.product_id));
  return { orders, lines, options: [...options.entries()] };
}

describe('prefetchOrderReads', () => {
  it('reads the orders, lines and options of shoppers prefetched together in three statements, which their turns then reuse', async () => {
    const { rows } = await warehouse.query('SELECT user_id FROM orders WHERE user_id IS NOT NULL GROUP BY user_id ORDER BY count(*) DESC, user_id LIMIT 3');
    const shoppers = rows.map((row) => Number(row.user_id));
    statements.length = 0;
    await Promise.all(shoppers.map((customerId) => prefetchOrderReads(warehouse, { kind: 'customer', customerId })));
    expect(statements).toHaveLength(3);
    // The turns read nothing more, and see exactly what reads without the read cache (one transaction's connection) see.
    const turns = await Promise.all(shoppers.map((customerId) => firstTurnReads(warehouse, customerId)));
    expect(statements).toHaveLength(3);
    const connection = await warehouse.connect();
    try {
      for (const [index, customerId] of shoppers.entries()) {
        const direct = await firstTurnReads(runnerOf(connection), customerId);
        expect(turns[index]).toEqual(direct);
        // Per shopper: only their own orders.
        expect(turns[index]?.orders.every((order) => order.user_id === customerId)).toBe(true);
        expect(turns[index]?.orders.length).toBeGreaterThan(0);
      }
    } finally {
      connection.closeSync();
    }
  });

  it('is read again after a write to orders, and a turn that asks while the prefetch runs joins it', async () => {
    const { rows } = await warehouse.query(`SELECT user_id, order_id FROM orders WHERE user_id IS NOT NULL AND status = 'paid' ORDER BY order_id LIMIT 1`);
    const customerId = Number(rows[0]?.user_id);
    const orderId = Number(rows[0]?.order_id);
    await prefetchOrderReads(warehouse, { kind: 'customer', customerId });
    await warehouse.run(`UPDATE orders SET status = 'shipped' WHERE order_id = $id`, { id: orderId });
    statements.length = 0;
    // The prefetch and the turn asked in the same tick: one read of the orders, and the turn sees the write.
    const prefetch = prefetchOrderReads(warehouse, { kind: 'customer', customerId });
    const orders = await listOrdersInScope(warehouse, { kind: 'customer', customerId });
    await prefetch;
    expect(orders.find((order) => order.order_id === orderId)?.status).toBe('shipped');
    expect(statements.filter((sql) => sql.includes('FROM orders o'))).toHaveLength(1);
  });

  it('reads nothing for a guest (their one order is read by their turn)', async () => {
    statements.length = 0;
    await prefetchOrderReads(warehouse, { kind: 'guest-order', customerId: 1, orderId: 1 });
    expect(statements).toHaveLength(0);
  });
});
