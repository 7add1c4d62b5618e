import type { RefundPlan } from '../policy/refund-policy.ts';
import type { OrderRecord } from '../orders/order-record.ts';
import type { SqlRunner } from '../sql-runner.ts';
import { timestampText } from '../support-clock.ts';
import { recordPayment } from '../payments/record-payment.ts';
import { insertTicket } from '../tickets.ts';
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
 * Performs a confirmed, re-validated operation inside the commit transaction. Each UPDATE repeats the policy's
 * precondition in its WHERE clause, so a concurrent change makes it match nothing and the whole commit roll back.
 * Returns are recorded as approved 'return' tickets and counted in order_items.returned_quantity at once (the
 * units are reserved against a second return); the order's status becomes 'returned' when the parcel is back,
 * which is the warehouse team's step, not the bot's.
 */
export async function applyOperation(
  runner: SqlRunner,
  input: { operation: PendingOperation; order: OrderRecord; refund?: RefundPlan; conversationId: string; customerId: number; now: Date },
): Promise<AppliedOperation> {
  const { operation, order, now } = input;
  const at = timestampText(now);
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
      const changes = { exchange_count: { from: order.exchange_count, to: order.exchange_count + 1 }, line_no: operation.lineNo, to_product_id: operation.toProductId, wanted: operation.wanted };
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
    case 'change_shipping_address': {
      await updateOne(runner, `UPDATE orders SET shipping_address = $address, shipping_city = $city, shipping_postal_code = $postal WHERE order_id = $order AND status IN ('pending', 'paid')`, { order: order.order_id, address: operation.address, city: operation.city, postal: operation.postalCode }, order.order_id, operation.tool);
      const changes = { shipping_address: { from: order.shipping_address, to: operation.address }, shipping_city: { from: order.shipping_city, to: operation.city }, shipping_postal_code: operation.postalCode };
      const ticketId = await insertTicket(runner, { ...ticket, kind: 'address_change', status: 'completed', reason: null, payload: changes });
      return { ticketId, changes };
    }
  }
}
