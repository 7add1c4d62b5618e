import type { Warehouse } from '../../src/sql/warehouse.ts';
import { evaluateMoney, tableHasColumns } from './money-expressions.ts';
import type { ExpectedValue, SupportTask } from './support-task-schema.ts';
import type { TaskValues } from './task-values.ts';

/** A shopper's rows before and after a task: every column, so columns added later are compared too. */
export interface StateSnapshot {
  orders: Map<number, Record<string, unknown>>;
  items: Map<string, Record<string, unknown>>;
  decoys: Map<number, Record<string, unknown>>;
  profile: Record<string, unknown>[];
  paymentIds: Set<string>;
  ticketIds: Set<string>;
}

const itemKey = (orderId: number, lineNo: number) => `${orderId}:${lineNo}`;

function plain(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? Number(value) : value]));
}

export async function snapshotState(warehouse: Warehouse, customerId: number, decoyOrderIds: number[]): Promise<StateSnapshot> {
  const orders = new Map<number, Record<string, unknown>>();
  for (const row of (await warehouse.query('SELECT * FROM orders WHERE user_id = $user', { user: customerId })).rows) orders.set(Number(row.order_id), plain(row));
  const items = new Map<string, Record<string, unknown>>();
  for (const row of (await warehouse.query('SELECT i.* FROM order_items i JOIN orders o USING (order_id) WHERE o.user_id = $user', { user: customerId })).rows) {
    items.set(itemKey(Number(row.order_id), Number(row.line_no)), plain(row));
  }
  const decoys = new Map<number, Record<string, unknown>>();
  for (const orderId of decoyOrderIds) {
    const row = (await warehouse.query('SELECT * FROM orders WHERE order_id = $order', { order: orderId })).rows[0];
    if (row) decoys.set(orderId, plain(row));
  }
  const profile = (await tableHasColumns(warehouse, 'customer_addresses', ['user_id']))
    ? (await warehouse.query('SELECT * FROM customer_addresses WHERE user_id = $user ORDER BY ALL', { user: customerId })).rows.map(plain)
    : [];
  const paymentIds = new Set<string>();
  if (await tableHasColumns(warehouse, 'payments', ['payment_id', 'order_id'])) {
    for (const row of (await warehouse.query('SELECT p.payment_id FROM payments p JOIN orders o USING (order_id) WHERE o.user_id = $user', { user: customerId })).rows) paymentIds.add(String(row.payment_id));
  }
  const ticketIds = new Set((await warehouse.query('SELECT ticket_id FROM tickets WHERE customer_id = $user', { user: customerId })).rows.map((row) => String(row.ticket_id)));
  return { orders, items, decoys, profile, paymentIds, ticketIds };
}

function sameValue(actual: unknown, expected: string | number): boolean {
  if (actual === null || actual === undefined) return false;
  const actualNumber = Number(actual);
  const expectedNumber = Number(expected);
  if (typeof actual !== 'boolean' && !Number.isNaN(actualNumber) && !Number.isNaN(expectedNumber) && String(expected).trim() !== '') return Math.abs(actualNumber - expectedNumber) < 0.005;
  return String(actual).trim().toLowerCase() === String(expected).trim().toLowerCase();
}

/** "any" allows a change without requiring it; a value or {contains} requires it. */
function meets(actual: unknown, expected: ExpectedValue, values: TaskValues): boolean {
  if (expected === 'any') return true;
  if (typeof expected === 'object') return actual !== null && actual !== undefined && String(actual).includes(values.fill(expected.contains));
  return sameValue(actual, typeof expected === 'string' ? values.fill(expected) : expected);
}

function changedColumns(before: Record<string, unknown> | undefined, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((column) => JSON.stringify(before?.[column] ?? null) !== JSON.stringify(after[column] ?? null));
}

/** What the task expected of the database and did not get, and what changed without being asked for. */
export async function checkState(task: SupportTask, values: TaskValues, before: StateSnapshot, after: StateSnapshot, warehouse: Warehouse): Promise<string[]> {
  const problems: string[] = [];
  const allowed = new Map<string, Set<string>>();
  for (const change of task.expect.changes) {
    let row: Record<string, unknown> | undefined;
    let key: string;
    let label: string;
    if ('order' in change) {
      const order = values.order(change.order);
      key = `order:${order.orderId}`;
      row = after.orders.get(order.orderId);
      label = `order ${change.order}`;
    } else {
      const found = values.item(change.item);
      if (!found) {
        if (change.optional) continue;
        problems.push(`${change.item} does not exist`);
        continue;
      }
      key = `item:${itemKey(found.order.orderId, found.item.lineNo)}`;
      row = after.items.get(itemKey(found.order.orderId, found.item.lineNo));
      label = change.item;
    }
    const columns = allowed.get(key) ?? new Set<string>();
    allowed.set(key, columns);
    for (const [column, expected] of Object.entries(change.set)) {
      columns.add(column);
      if (!row || !(column in row)) {
        problems.push(`capability missing: no column ${column} for ${label}`);
        continue;
      }
      if (!meets(row[column], expected, values)) problems.push(`${label}.${column} is ${JSON.stringify(row[column])}, expected ${JSON.stringify(typeof expected === 'string' ? values.fill(expected) : expected)}`);
    }
  }
  // Bookkeeping timestamps may move with an expected change of the same row; nothing else may.
  const unexpected = (key: string, columns: string[]) => columns.filter((column) => !(allowed.get(key)?.has(column) || (allowed.has(key) && /_at$/.test(column))));
  for (const [orderId, row] of after.orders) {
    const extra = unexpected(`order:${orderId}`, changedColumns(before.orders.get(orderId), row));
    if (extra.length > 0) problems.push(`unexpected change to order ${String(row.order_no)}: ${extra.join(', ')}`);
  }
  for (const [key, row] of after.items) {
    const extra = unexpected(`item:${key}`, changedColumns(before.items.get(key), row));
    if (extra.length > 0) problems.push(`unexpected change to order item ${key}: ${extra.join(', ')}`);
  }
  for (const [orderId, row] of before.decoys) {
    const changed = changedColumns(row, after.decoys.get(orderId) ?? {});
    if (changed.length > 0) problems.push(`another shopper's order ${String(row.order_no)} changed: ${changed.join(', ')}`);
  }
  if (task.expect.default_address) problems.push(...checkDefaultAddress(task.expect.default_address, after, values));
  else if (JSON.stringify(before.profile) !== JSON.stringify(after.profile)) problems.push('unexpected change to the saved addresses');
  problems.push(...(await checkTickets(task, values, before, warehouse)));
  problems.push(...(await checkPayments(task, values, before, warehouse)));
  return problems;
}

function checkDefaultAddress(expected: Record<string, ExpectedValue>, after: StateSnapshot, values: TaskValues): string[] {
  if (after.profile.length === 0) return ['capability missing: no default address saved (table customer_addresses)'];
  const defaults = after.profile.filter((row) => row.is_default === true);
  if (defaults.length !== 1) return [`expected exactly one default address, found ${defaults.length}`];
  const row = defaults[0] as Record<string, unknown>;
  return Object.entries(expected)
    .filter(([column, value]) => !(column in row) || !meets(row[column], value, values))
    .map(([column, value]) => (column in row ? `default address ${column} is ${JSON.stringify(row[column])}, expected ${JSON.stringify(value)}` : `capability missing: customer_addresses.${column}`));
}

/** Every (key, value) pair anywhere in a JSON value. */
function pairsOf(value: unknown, into: [string, unknown][] = []): [string, unknown][] {
  if (Array.isArray(value)) for (const entry of value) pairsOf(entry, into);
  else if (value && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      into.push([key, entry]);
      pairsOf(entry, into);
    }
  }
  return into;
}

async function checkTickets(task: SupportTask, values: TaskValues, before: StateSnapshot, warehouse: Warehouse): Promise<string[]> {
  const problems: string[] = [];
  for (const expected of task.expect.tickets) {
    const order = values.order(expected.order);
    const rows = (await warehouse.query('SELECT ticket_id, payload::VARCHAR AS payload FROM tickets WHERE order_id = $order AND kind = $kind', { order: order.orderId, kind: expected.kind })).rows.filter(
      (row) => !before.ticketIds.has(String(row.ticket_id)),
    );
    if (rows.length === 0) {
      problems.push(`no new ${expected.kind} ticket for order ${expected.order}`);
      continue;
    }
    const pairs = rows.flatMap((row) => pairsOf(JSON.parse(String(row.payload ?? 'null')) as unknown));
    for (const [key, wanted] of Object.entries(expected.payload_has)) {
      for (const value of Array.isArray(wanted) ? wanted : [wanted]) {
        const filled = values.fill(value);
        if (!pairs.some(([pairKey, pairValue]) => pairKey === key && sameValue(pairValue, filled))) problems.push(`the ${expected.kind} ticket does not record ${key} = ${filled}`);
      }
    }
  }
  return problems;
}

async function checkPayments(task: SupportTask, values: TaskValues, before: StateSnapshot, warehouse: Warehouse): Promise<string[]> {
  if (task.expect.payments.length === 0) return [];
  if (!(await tableHasColumns(warehouse, 'payments', ['payment_id', 'order_id', 'kind', 'amount']))) return ['capability missing: no payments table'];
  const problems: string[] = [];
  for (const expected of task.expect.payments) {
    const order = values.order(expected.order);
    const amount = await evaluateMoney(expected.amount, values, warehouse, order.userId);
    const rows = (await warehouse.query('SELECT payment_id, kind, amount FROM payments WHERE order_id = $order', { order: order.orderId })).rows.filter((row) => !before.paymentIds.has(String(row.payment_id)));
    const kind = expected.kind === 'difference' ? (amount > 0 ? 'charge' : 'refund') : expected.kind;
    if (Math.abs(amount) < 0.005) {
      if (rows.length > 0) problems.push(`no money should move for order ${expected.order}, but ${rows.length} payment row(s) were written`);
      continue;
    }
    if (!rows.some((row) => String(row.kind) === kind && Math.abs(Number(row.amount) - Math.abs(amount)) < 0.011)) problems.push(`no ${kind} of ${Math.abs(amount).toFixed(2)} recorded for order ${expected.order}`);
  }
  return problems;
}
