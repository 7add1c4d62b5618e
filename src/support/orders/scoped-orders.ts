import type { KeyedRead } from '../../sql/read-cache.ts';
import { idList, keyedRead, repeatedRead, type SqlRunner } from '../sql-runner.ts';
import type { SupportScope } from '../support-session.ts';
import type { OrderStatus } from '../policy/order-facts.ts';
import { ORDER_COLUMNS_SQL, OrderLineRecordSchema, OrderRecordSchema, type OrderLineRecord, type OrderRecord } from './order-record.ts';

/** Order numbers as shoppers type them ("sl2025…", " SL2025… ", "#W4776164") in the compared form: upper case, no "#". */
export function normalizeOrderNo(orderNo: string): string {
  return orderNo.normalize('NFKC').trim().replace(/^#\s*/, '').toUpperCase();
}

/**
 * The one place that decides which orders a shopper may see: their own (user_id), and for a guest only the
 * verified order. Every support read and write goes through it, so another customer's order and an order that
 * does not exist look exactly alike (same query, same empty result).
 */
function scopeFilter(scope: SupportScope): { sql: string; parameters: Record<string, number> } {
  if (scope.kind === 'guest-order') {
    return { sql: 'o.user_id = $scope_customer AND o.order_id = $scope_order', parameters: { scope_customer: scope.customerId, scope_order: scope.orderId } };
  }
  return { sql: 'o.user_id = $scope_customer', parameters: { scope_customer: scope.customerId } };
}

/** An ASCII order number in the form normalizeOrderNo compares (what `upper(ltrim(order_no, '#'))` gives in DuckDB). */
function comparedOrderNo(stored: unknown): string | undefined {
  const text = String(stored);
  // Beyond ASCII, JavaScript's and DuckDB's upper case can differ (ß): such numbers are compared by DuckDB itself.
  return /^[\x20-\x7e]*$/.test(text) ? text.replace(/^#+/, '').toUpperCase() : undefined;
}

export async function findOrderInScope(runner: SqlRunner, scope: SupportScope, orderNo: string): Promise<OrderRecord | undefined> {
  if (runner.keyedQuery) {
    // The warehouse: the shopper's whole order list is read (and kept) anyway for their first question, so the order
    // by number comes from it; only an order number DuckDB must compare itself is read below.
    const wanted = normalizeOrderNo(orderNo);
    const orders = await shopperOrdersNewestFirst(runner, scope);
    const match = orders.find((row) => comparedOrderNo(row.order_no) === wanted);
    if (match) return OrderRecordSchema.parse(match);
    if (orders.every((row) => comparedOrderNo(row.order_no) !== undefined)) return undefined;
  }
  const filter = scopeFilter(scope);
  const result = await repeatedRead(runner, `SELECT ${ORDER_COLUMNS_SQL} FROM orders o WHERE upper(ltrim(o.order_no, '#')) = $order_no AND ${filter.sql}`, {
    ...filter.parameters,
    order_no: normalizeOrderNo(orderNo),
  }, ['orders']);
  const row = result.rows[0];
  return row ? OrderRecordSchema.parse(row) : undefined;
}

export async function findOrderByIdInScope(runner: SqlRunner, scope: SupportScope, orderId: number): Promise<OrderRecord | undefined> {
  const filter = scopeFilter(scope);
  const result = await repeatedRead(runner, `SELECT ${ORDER_COLUMNS_SQL} FROM orders o WHERE o.order_id = $order_id AND ${filter.sql}`, { ...filter.parameters, order_id: orderId }, ['orders']);
  const row = result.rows[0];
  return row ? OrderRecordSchema.parse(row) : undefined;
}

/**
 * All of the shopper's orders, newest first (created_at, then order_id, both descending). One read per shopper serves
 * every list (any statuses, any limit) until `orders` changes: it asks for no ORDER BY or LIMIT because DuckDB's
 * top-N costs more CPU than the filtered scan itself on a shopper's few orders (≈ 3.1 against ≈ 1.5 ms per read), and
 * the order is restored here from the exact timestamp (epoch microseconds, so no text comparison decides it).
 */
async function shopperOrdersNewestFirst(runner: SqlRunner, scope: SupportScope): Promise<readonly Readonly<Record<string, unknown>>[]> {
  const rows = scope.kind === 'customer' ? ((await keyedRead(runner, customerOrders(runner), [scope.customerId])).get(scope.customerId) ?? []) : await guestOrders(runner, scope);
  return [...rows].sort((left, right) => Number(right.created_us) - Number(left.created_us) || Number(right.order_id) - Number(left.order_id));
}

/**
 * Customers' orders by user id, read for every shopper whose first turn runs in the same tick in one statement (the
 * list parameter keeps one prepared plan whatever the number of shoppers).
 */
function customerOrders(runner: SqlRunner): KeyedRead {
  return {
    family: 'orders-of-customer',
    keyColumn: 'user_id',
    tables: ['orders'],
    load: (customerIds) => runner.query(`SELECT ${ORDER_COLUMNS_SQL}, epoch_us(o.created_at) AS created_us FROM orders o WHERE list_contains($ids::BIGINT[], o.user_id)`, { ids: idList(customerIds) }),
  };
}

/** A guest's verified order (the scope filter's second condition): read alone. */
async function guestOrders(runner: SqlRunner, scope: SupportScope): Promise<readonly Readonly<Record<string, unknown>>[]> {
  const filter = scopeFilter(scope);
  return (await repeatedRead(runner, `SELECT ${ORDER_COLUMNS_SQL}, epoch_us(o.created_at) AS created_us FROM orders o WHERE ${filter.sql}`, filter.parameters, ['orders'])).rows;
}

/** The shopper's orders, newest first, optionally only some statuses. */
export async function listOrdersInScope(runner: SqlRunner, scope: SupportScope, options: { statuses?: readonly OrderStatus[]; limit?: number } = {}): Promise<OrderRecord[]> {
  const statuses = options.statuses && options.statuses.length > 0 ? new Set<string>(options.statuses) : undefined;
  const limit = Math.max(1, Math.min(options.limit ?? 10, 50));
  const orders = await shopperOrdersNewestFirst(runner, scope);
  return orders
    .filter((row) => !statuses || statuses.has(String(row.status)))
    .slice(0, limit)
    .map((row) => OrderRecordSchema.parse(row));
}

/** The ids of the shopper's `count` newest orders (what an unfiltered list shows), without parsing the rows. */
export async function newestOrderIds(runner: SqlRunner, scope: SupportScope, count: number): Promise<number[]> {
  return (await shopperOrdersNewestFirst(runner, scope)).slice(0, count).map((row) => Number(row.order_id));
}

/** Lines of orders already known to be in scope, by order then line (sorted here: cheaper than DuckDB's ORDER BY). */
export async function loadOrderLines(runner: SqlRunner, orderIds: readonly number[]): Promise<OrderLineRecord[]> {
  if (orderIds.length === 0) return [];
  // Kept per order: an order's status after the list that showed it reads nothing again; shoppers' reads in one tick share a statement.
  const byOrder = await keyedRead(runner, orderLines(runner), orderIds);
  return [...byOrder.values()].flat().map((row) => OrderLineRecordSchema.parse(row)).sort((left, right) => left.order_id - right.order_id || left.line_no - right.line_no);
}

/** The products of orders' lines (kept like loadOrderLines' rows), without parsing them. */
export async function lineProductIds(runner: SqlRunner, orderIds: readonly number[]): Promise<number[]> {
  if (orderIds.length === 0) return [];
  const byOrder = await keyedRead(runner, orderLines(runner), orderIds);
  return [...new Set([...byOrder.values()].flat().map((row) => Number(row.product_id)))];
}

function orderLines(runner: SqlRunner): KeyedRead {
  return {
    family: 'order-lines',
    keyColumn: 'order_id',
    tables: ['order_items', 'products'],
    load: (orderIds) =>
      runner.query(
        `SELECT i.order_id, i.line_no, i.product_id, i.quantity, i.unit_price, i.amount, i.returned_quantity,
                p.title_en, p.title_zh, p.category, p.category_zh, p.brand
           FROM order_items i LEFT JOIN products p USING (product_id)
          WHERE list_contains($ids::BIGINT[], i.order_id)`,
        { ids: idList(orderIds) },
      ),
  };
}
