import type { RefundPlan } from '../policy/refund-policy.ts';
import type { OrderLineRecord, OrderRecord } from '../orders/order-record.ts';
import type { SqlRunner } from '../sql-runner.ts';
import { timestampText } from '../support-clock.ts';
import { recordPayment } from '../payments/record-payment.ts';
import { insertTicket } from '../tickets.ts';
import { applyDefaultAddress } from '../profile/default-address.ts';
import type { PendingOperation } from './pending-operation.ts';

export interface AppliedOperation {
  ticketId: string;
  /** What changed, for the audit row and the shopper's reply. */
  changes: Record<string, unknown>;
}

/** A guarded UPDATE that matched nothing: the data moved on between the check and the write. */
export class StaleOrderError extends Error {
  override readonly name = 'StaleOrderError';
  constructor(readonly orderId: number, readonly tool: string) {
    super(`Order ${orderId} changed while ${tool} was being committed; nothing was written. Ask the shopper to try again.`);
  }
}

async function updateOne(runner: SqlRunner, sql: string, parameters: Record<string, string | number | null>, orderId: number, tool: string): Promise<void> {
  const result = await runner.query(`${sql} RETURNING 1 AS changed`, parameters);
  if (result.rows.length === 0) throw new StaleOrderError(orderId, tool);
}

/**
 * A gift card pays (positive) or receives (negative) an amount: the shopper's gift-card balance moves by it, taken
 * from their first card with enough balance, or added to their first card. The policy checked the balance first.
 */
async function moveGiftCardBalance(runner: SqlRunner, customerId: number, amount: number): Promise<void> {
  const { rows } = await runner.query(
    `UPDATE payment_methods SET balance = coalesce(balance, 0) - $amount::DECIMAL(12, 2)
      WHERE method_id = (SELECT min(method_id) FROM payment_methods WHERE user_id = $user AND kind = 'gift_card' AND coalesce(balance, 0) >= $amount::DECIMAL(12, 2))
      RETURNING method_id`,
    { user: customerId, amount: amount.toFixed(2) },
  );
  if (rows.length === 0 && amount > 0) throw new Error('The gift-card balance no longer covers the amount; nothing was written.');
}

/**
 * Performs a confirmed, re-validated operation inside the commit transaction. Each UPDATE repeats the policy's
 * precondition in its WHERE clause, so a concurrent change makes it match nothing and the whole commit roll back.
 * Returns are recorded as approved 'return' tickets and counted in order_items.returned_quantity at once (the
 * units are reserved against a second return); the order's status becomes 'returned' when the parcel is back,
 * which is the warehouse team's step, not the bot's.
 */
export async function applyOperation(
  runner: SqlRunner,
  input: { operation: PendingOperation; order: OrderRecord | null; lines?: OrderLineRecord[]; refund?: RefundPlan; conversationId: string; customerId: number; now: Date },
): Promise<AppliedOperation> {
  const { operation, now } = input;
  const at = timestampText(now);
  if (operation.tool === 'set_default_address') {
    const saved = await applyDefaultAddress(runner, input.customerId, operation, now);
    const changes = { default_address: { from: saved.previous, to: operation.fullAddress }, address_id: saved.addressId, street: operation.street, city: operation.city, province: operation.province, postal_code: operation.postalCode, from_order_no: operation.fromOrderNo };
    const ticketId = await insertTicket(runner, { conversationId: input.conversationId, customerId: input.customerId, orderId: null, kind: 'address_change', status: 'completed', reason: 'default address', payload: changes, now });
    return { ticketId, changes };
  }
  if (operation.tool === 'several') throw new Error('A card of several writes is applied part by part (commitConfirmation); nothing was written.');
  const { order } = input;
  if (!order) throw new Error(`${operation.tool} needs the order it changes; nothing was written.`);
  const ticket = { conversationId: input.conversationId, customerId: input.customerId, orderId: order.order_id, now };
  switch (operation.tool) {
    case 'cancel_order': {
      await updateOne(runner, `UPDATE orders SET status = 'cancelled', cancelled_at = $at::TIMESTAMP, cancel_reason = $reason WHERE order_id = $order AND status IN ('pending', 'paid')`, { order: order.order_id, at, reason: operation.reasonCode }, order.order_id, operation.tool);
      // The refund of a paid order is a money movement of its own, in the same transaction as the cancellation.
      const refundId = input.refund && order.paid_at !== null
        ? await recordPayment(runner, { orderId: order.order_id, customerId: input.customerId, kind: 'refund', method: order.payment_method ?? 'original', amount: input.refund.amount, at, reason: 'cancel' })
        : undefined;
      const changes = { status: { from: order.status, to: 'cancelled' }, cancelled_at: at, cancel_reason: operation.reasonCode, refund: input.refund ?? null, payment_ids: refundId === undefined ? [] : [refundId] };
      const ticketId = await insertTicket(runner, { ...ticket, kind: 'cancel', status: 'completed', reason: operation.reason, payload: changes });
      return { ticketId, changes };
    }
    case 'request_return': {
      for (const item of operation.items) {
        await updateOne(
          runner,
          `UPDATE order_items SET returned_quantity = returned_quantity + $quantity
            WHERE order_id = $order AND line_no = $line AND returned_quantity + $quantity <= quantity`,
          { order: order.order_id, line: item.lineNo, quantity: item.quantity },
          order.order_id,
          operation.tool,
        );
      }
      const changes = { returned_items: operation.items, refund: input.refund ?? null, refund_method: operation.refundTo === 'gift_card' ? 'gift_card' : 'original', refund_when: 'when the parcel is back' };
      const ticketId = await insertTicket(runner, { ...ticket, kind: 'return', status: 'approved', reason: operation.reason, payload: changes });
      return { ticketId, changes };
    }
    case 'request_exchange': {
      await updateOne(runner, `UPDATE orders SET exchange_count = exchange_count + 1 WHERE order_id = $order AND exchange_count = $count AND status = 'delivered'`, { order: order.order_id, count: order.exchange_count }, order.order_id, operation.tool);
      const items = operation.items.map((item) => ({ line_no: item.lineNo, to_product_id: item.toProductId, wanted: item.wanted }));
      const changes = { exchange_count: { from: order.exchange_count, to: order.exchange_count + 1 }, line_no: operation.lineNo, to_product_id: operation.toProductId, wanted: operation.wanted, ...(items.length > 1 ? { items } : {}) };
      const ticketId = await insertTicket(runner, { ...ticket, kind: 'exchange', status: 'approved', reason: operation.reason, payload: changes });
      return { ticketId, changes };
    }
    case 'change_payment_method': {
      await updateOne(runner, `UPDATE orders SET payment_method = $method WHERE order_id = $order AND status IN ('pending', 'paid')`, { order: order.order_id, method: operation.method }, order.order_id, operation.tool);
      // A paid order is refunded to the old method and charged to the new one: two movements, committed together.
      const paymentIds: number[] = [];
      if (order.paid_at !== null) {
        const movement = { orderId: order.order_id, customerId: input.customerId, amount: order.total_amount, at, reason: 'payment_change' as const };
        const refunded = await recordPayment(runner, { ...movement, kind: 'refund', method: order.payment_method ?? 'original' });
        const charged = await recordPayment(runner, { ...movement, kind: 'charge', method: operation.method });
        for (const id of [refunded, charged]) if (id !== undefined) paymentIds.push(id);
      }
      const changes = { payment_method: { from: order.payment_method, to: operation.method }, amount: order.total_amount, paid: order.paid_at !== null, payment_ids: paymentIds };
      const ticketId = await insertTicket(runner, { ...ticket, kind: 'other', status: 'completed', reason: 'payment method change', payload: changes });
      return { ticketId, changes };
    }
    case 'change_order_items': {
      // Each line moves to its new variant at that variant's catalogue price; the WHERE repeats the old product so a
      // concurrent change rolls the whole commit back. The order's amounts move by the summed difference, in cents.
      let differenceCents = 0;
      const changed: { line_no: number; from_product_id: number; to_product_id: number; unit_price: number }[] = [];
      for (const change of operation.changes) {
        const { rows } = await runner.query(
          `UPDATE order_items SET product_id = $to,
             unit_price = (SELECT price FROM products WHERE product_id = $to),
             amount = (SELECT price FROM products WHERE product_id = $to) * quantity
           WHERE order_id = $order AND line_no = $line AND product_id = $from
           RETURNING quantity, unit_price::DOUBLE AS unit_price`,
          { order: order.order_id, line: change.lineNo, from: change.fromProductId, to: change.toProductId },
        );
        const row = rows[0];
        const before = input.lines?.find((line) => line.line_no === change.lineNo);
        if (!row || !before) throw new StaleOrderError(order.order_id, operation.tool);
        differenceCents += (Math.round(Number(row.unit_price) * 100) - Math.round(before.unit_price * 100)) * Number(row.quantity);
        changed.push({ line_no: change.lineNo, from_product_id: change.fromProductId, to_product_id: change.toProductId, unit_price: Number(row.unit_price) });
      }
      await updateOne(
        runner,
        `UPDATE orders SET items_amount = items_amount + $difference::DECIMAL(12, 2), total_amount = total_amount + $difference::DECIMAL(12, 2)
          WHERE order_id = $order AND status IN ('pending', 'paid')`,
        { order: order.order_id, difference: (differenceCents / 100).toFixed(2) }, order.order_id, operation.tool,
      );
      const difference = differenceCents / 100;
      let paymentId: number | undefined;
      if (order.paid_at !== null && differenceCents !== 0) {
        const method = difference < 0 && operation.settle === 'original' ? (order.payment_method ?? 'original') : (operation.settle ?? order.payment_method ?? 'original');
        paymentId = await recordPayment(runner, { orderId: order.order_id, customerId: input.customerId, kind: difference > 0 ? 'charge' : 'refund', method, amount: Math.abs(difference), at, reason: 'item_change' });
        if (method === 'gift_card') await moveGiftCardBalance(runner, input.customerId, difference);
      }
      const changes = { items: changed, difference, settle: operation.settle, payment_ids: paymentId === undefined ? [] : [paymentId] };
      const ticketId = await insertTicket(runner, { ...ticket, kind: 'other', status: 'completed', reason: 'item change', payload: changes });
      return { ticketId, changes };
    }
    case 'change_shipping_address': {
      await updateOne(runner, `UPDATE orders SET shipping_address = $address, shipping_city = $city, shipping_postal_code = $postal WHERE order_id = $order AND status IN ('pending', 'paid')`, { order: order.order_id, address: operation.address, city: operation.city, postal: operation.postalCode }, order.order_id, operation.tool);
      const changes = { shipping_address: { from: order.shipping_address, to: operation.address }, shipping_city: { from: order.shipping_city, to: operation.city }, shipping_postal_code: operation.postalCode };
      const ticketId = await insertTicket(runner, { ...ticket, kind: 'address_change', status: 'completed', reason: null, payload: changes });
      return { ticketId, changes };
    }
  }
}
