import type { Warehouse } from '../../src/sql/warehouse.ts';
import type { OrderRow } from './task-fixtures.ts';
import type { TaskValues } from './task-values.ts';

/** A fact the data cannot provide yet (a table or column the capability needs is not there). */
export class DataMissingError extends Error {
  override readonly name = 'DataMissingError';
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Money the replies must state, computed by the suite from the database as the written policy defines it (P3: a
 * return refunds unit price × quantity with the order discount shared in proportion; a cancellation refunds what was
 * paid). Expressions: total(a+b), cancel_refund(a+b), refund(main) | refund(main.item1+main.item2),
 * difference(main.item1+…) | difference2(…) (to the first / second other variant), price(p.v2) | price(main.item1.other),
 * gift_card_balance.
 */
export async function evaluateMoney(expression: string, values: TaskValues, warehouse: Warehouse, customerId: number): Promise<number> {
  if (expression === 'gift_card_balance') return giftCardBalance(warehouse, customerId);
  const match = /^([a-z_0-9]+)\(([^)]+)\)$/.exec(expression.trim());
  if (!match) throw new Error(`money expression "${expression}" is not of the form name(arguments)`);
  const [, name, argumentText] = match as unknown as [string, string, string];
  const parts = argumentText.split('+').map((part) => part.trim());
  switch (name) {
    case 'total':
      return round2(parts.reduce((sum, part) => sum + values.order(part).totalAmount, 0));
    case 'cancel_refund':
      return round2(parts.reduce((sum, part) => sum + (values.order(part).paidAt ? values.order(part).totalAmount : 0), 0));
    case 'refund':
      return refund(parts, values);
    case 'difference':
    case 'difference2':
      return round2(
        parts.reduce((sum, part) => {
          const found = values.item(part);
          if (!found) throw new Error(`${part} is not an item of the order`);
          const target = values.siblings(found.item)[name === 'difference' ? 0 : 1];
          if (!target) throw new Error(`${part} has no other variant`);
          return sum + (target.price - found.item.unitPrice) * found.item.quantity;
        }, 0),
      );
    case 'price': {
      const [part] = parts;
      return Number(values.get(`${part}.price`));
    }
    default:
      throw new Error(`unknown money expression ${name}()`);
  }
}

function refund(parts: string[], values: TaskValues): number {
  const byOrder = new Map<OrderRow, number>();
  for (const part of parts) {
    if (!part.includes('.')) {
      const order = values.order(part);
      byOrder.set(order, (byOrder.get(order) ?? 0) + order.items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0));
      continue;
    }
    const found = values.item(part);
    if (!found) throw new Error(`${part} is not an item of the order`);
    byOrder.set(found.order, (byOrder.get(found.order) ?? 0) + found.item.unitPrice * found.item.quantity);
  }
  let total = 0;
  for (const [order, gross] of byOrder) {
    const share = order.itemsAmount > 0 ? Math.max(0, order.itemsAmount - order.discountAmount) / order.itemsAmount : 1;
    total += round2(gross * share);
  }
  return round2(total);
}

export async function tableHasColumns(warehouse: Warehouse, table: string, columns: string[]): Promise<boolean> {
  const result = await warehouse.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $table`, { table });
  const present = new Set(result.rows.map((row) => String(row.column_name)));
  return present.size > 0 && columns.every((column) => present.has(column));
}

async function giftCardBalance(warehouse: Warehouse, customerId: number): Promise<number> {
  if (!(await tableHasColumns(warehouse, 'payment_methods', ['user_id', 'kind', 'balance']))) throw new DataMissingError('no payment_methods table with gift-card balances');
  const result = await warehouse.query(`SELECT coalesce(sum(balance), 0) AS balance FROM payment_methods WHERE user_id = $user AND kind = 'gift_card'`, { user: customerId });
  return round2(Number(result.rows[0]?.balance ?? 0));
}

/** Every amount written in a text: "¥1,299.00", "1299", "-25.5" → 1299, 1299, 25.5 (signs dropped: facts state sizes). */
export function amountsIn(text: string): number[] {
  return [...text.replace(/(\d),(?=\d{3}\b)/g, '$1').matchAll(/\d+(?:\.\d+)?/g)].map((match) => Number(match[0]));
}

export function statesAmount(text: string, amount: number): boolean {
  const wanted = Math.abs(amount);
  return amountsIn(text).some((candidate) => Math.abs(candidate - wanted) < 0.011);
}
