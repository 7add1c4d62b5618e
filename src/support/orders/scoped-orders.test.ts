import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../sql/warehouse.ts';
import { createDemoWarehouseFile } from '../../testing/demo-warehouse.ts';
import type { SupportScope } from '../support-session.ts';
import { ORDER_COLUMNS_SQL, OrderLineRecordSchema, OrderRecordSchema } from './order-record.ts';
import { findOrderInScope, listOrdersInScope, loadOrderLines } from './scoped-orders.ts';

// The orders and lines are sorted in JavaScript (DuckDB's ORDER BY cost more than the reads): they must come out
// exactly as DuckDB's ORDER BY … LIMIT would give them.
let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
let warehouse: Warehouse;

beforeAll(async () => {
  demo = await createDemoWarehouseFile({ users: 120, days: 30 });
  warehouse = await Warehouse.open({ path: demo.path, mode: 'sandboxed' });
}, 60_000);

afterAll(() => {
  warehouse.close();
  demo.remove();
});

async function expectedOrders(customerId: number, statuses: readonly string[] | undefined, limit: number, orderId?: number) {
  const statusSql = statuses ? ` AND o.status IN (${statuses.map((_, index) => `$status_${index}`).join(', ')})` : '';
  const orderSql = orderId === undefined ? '' : ' AND o.order_id = $order';
  const { rows } = await warehouse.query(
    `SELECT ${ORDER_COLUMNS_SQL} FROM orders o WHERE o.user_id = $customer${orderSql}${statusSql} ORDER BY o.created_at DESC, o.order_id DESC LIMIT ${limit}`,
    { customer: customerId, ...(orderId === undefined ? {} : { order: orderId }), ...Object.fromEntries((statuses ?? []).map((status, index) => [`status_${index}`, status])) },
  );
  return rows.map((row) => OrderRecordSchema.parse(row));
}

async function busiestShoppers(count: number): Promise<number[]> {
  const { rows } = await warehouse.query(`SELECT user_id FROM orders WHERE user_id IS NOT NULL GROUP BY user_id ORDER BY count(*) DESC, user_id LIMIT ${count}`);
  return rows.map((row) => Number(row.user_id));
}

describe('listOrdersInScope', () => {
  it('gives the newest orders first, filtered by status and cut at the limit, as ORDER BY … LIMIT does', async () => {
    const shoppers = await busiestShoppers(8);
    expect(shoppers.length).toBeGreaterThan(0);
    for (const customerId of shoppers) {
      const scope: SupportScope = { kind: 'customer', customerId };
      for (const [statuses, limit] of [[undefined, 10], [undefined, 2], [['delivered'], 5], [['pending', 'paid'], 5], [['shipped'], 1]] as const) {
        expect(await listOrdersInScope(warehouse, scope, { statuses, limit })).toEqual(await expectedOrders(customerId, statuses, limit));
      }
    }
  });

  it('breaks a tie on created_at by the larger order id, and sees the write that made the tie', async () => {
    const [customerId] = await busiestShoppers(1);
    const scope: SupportScope = { kind: 'customer', customerId: customerId as number };
    const before = await listOrdersInScope(warehouse, scope);
    expect(before.length).toBeGreaterThan(1);
    const [newest, older] = before as [typeof before[number], typeof before[number]];
    await warehouse.run('UPDATE orders SET created_at = $created::TIMESTAMP WHERE order_id = $id', { created: newest.created_at, id: older.order_id });
    const after = await listOrdersInScope(warehouse, scope);
    expect(after).toEqual(await expectedOrders(customerId as number, undefined, 10));
    expect(after[0]?.order_id).toBe(Math.max(newest.order_id, older.order_id));
  });

  it('shows a guest only the verified order', async () => {
    const [customerId] = await busiestShoppers(1);
    const [order] = await expectedOrders(customerId as number, undefined, 1);
    const scope: SupportScope = { kind: 'guest-order', customerId: customerId as number, orderId: order?.order_id as number };
    expect(await listOrdersInScope(warehouse, scope)).toEqual([order]);
  });
});

describe('loadOrderLines', () => {
  it('gives the lines by order, then line number, as ORDER BY does', async () => {
    const { rows } = await warehouse.query('SELECT order_id FROM order_items GROUP BY order_id HAVING count(*) > 1 ORDER BY order_id DESC LIMIT 6');
    const ids = rows.map((row) => Number(row.order_id));
    expect(ids.length).toBeGreaterThan(1);
    const expected = await warehouse.query(
      `SELECT i.order_id, i.line_no, i.product_id, i.quantity, i.unit_price, i.amount, i.returned_quantity, p.title_en, p.title_zh, p.category, p.category_zh, p.brand
         FROM order_items i LEFT JOIN products p USING (product_id) WHERE i.order_id IN (${ids.join(', ')}) ORDER BY i.order_id, i.line_no`,
    );
    expect(await loadOrderLines(warehouse, ids)).toEqual(expected.rows.map((row) => OrderLineRecordSchema.parse(row)));
  });
});

describe('findOrderInScope', () => {
  // On the warehouse the order comes from the shopper's kept list; through a transaction's runner (no keyed reads)
  // DuckDB compares the number: both must agree, for every way a number is typed, and never find another's order.
  const sqlOnly = { query: (sql: string, parameters?: Record<string, number | string>) => warehouse.query(sql, parameters), run: () => Promise.reject(new Error('read only')) };

  it('finds the shopper\'s own order however the number is typed, as the SQL look-up does, and nobody else\'s', async () => {
    const [customerId, otherId] = await busiestShoppers(2);
    const scope: SupportScope = { kind: 'customer', customerId: customerId as number };
    const [order] = await expectedOrders(customerId as number, undefined, 1);
    const [othersOrder] = await expectedOrders(otherId as number, undefined, 1);
    const number = order?.order_no as string;
    for (const typed of [number, number.toLowerCase(), ` #${number} `, `#${number.toLowerCase()}`, othersOrder?.order_no as string, 'SL0000000000000000']) {
      const fromList = await findOrderInScope(warehouse, scope, typed);
      expect(fromList).toEqual(await findOrderInScope(sqlOnly, scope, typed));
    }
    expect((await findOrderInScope(warehouse, scope, ` #${number.toLowerCase()}`))?.order_id).toBe(order?.order_id);
    expect(await findOrderInScope(warehouse, scope, othersOrder?.order_no as string)).toBeUndefined();
    const guest: SupportScope = { kind: 'guest-order', customerId: customerId as number, orderId: (await expectedOrders(customerId as number, undefined, 2))[1]?.order_id as number };
    expect(await findOrderInScope(warehouse, guest, number)).toBeUndefined();
  });

  it('sees a write to the order: status changes and renumbered orders are found as they are now', async () => {
    const [customerId] = await busiestShoppers(1);
    const scope: SupportScope = { kind: 'customer', customerId: customerId as number };
    const [order] = await expectedOrders(customerId as number, undefined, 1);
    expect((await findOrderInScope(warehouse, scope, order?.order_no as string))?.order_id).toBe(order?.order_id);
    await warehouse.run(`UPDATE orders SET order_no = '#' || order_no, status = 'cancelled' WHERE order_id = $id`, { id: order?.order_id as number });
    const renumbered = await findOrderInScope(warehouse, scope, order?.order_no as string);
    expect(renumbered).toMatchObject({ order_id: order?.order_id, status: 'cancelled', order_no: `#${order?.order_no}` });
    expect(renumbered).toEqual(await findOrderInScope(sqlOnly, scope, order?.order_no as string));
  });

  it('leaves a number beyond ASCII to DuckDB\'s comparison', async () => {
    const [customerId] = await busiestShoppers(1);
    const scope: SupportScope = { kind: 'customer', customerId: customerId as number };
    const [order] = await expectedOrders(customerId as number, undefined, 1);
    await warehouse.run(`UPDATE orders SET order_no = 'straße-1' WHERE order_id = $id`, { id: order?.order_id as number });
    expect(await findOrderInScope(warehouse, scope, 'straße-1')).toEqual(await findOrderInScope(sqlOnly, scope, 'straße-1'));
  });
});

