import type { SqlRunner } from '../sql-runner.ts';

export interface PaymentMovement {
  orderId: number;
  customerId: number;
  kind: 'charge' | 'refund';
  /** orders.payment_method code, or gift_card. */
  method: string;
  amount: number;
  /** 'YYYY-MM-DD HH:MM:SS' from the support clock. */
  at: string;
  reason: 'cancel' | 'payment_change' | 'exchange' | 'item_change' | 'return';
}

/**
 * Appends one money movement to payments, on the caller's connection so it commits or rolls back with the order
 * change and its audit row. The saved method is linked when the shopper has one of that kind. Nothing moves for 0.
 */
export async function recordPayment(runner: SqlRunner, movement: PaymentMovement): Promise<number | undefined> {
  const cents = Math.round(movement.amount * 100);
  if (cents <= 0) return undefined;
  const { rows } = await runner.query(
    `INSERT INTO payments (payment_id, order_id, kind, method, method_id, amount, created_at, reason)
     SELECT coalesce((SELECT max(payment_id) FROM payments), 0) + 1, $order, $kind, $method,
       (SELECT min(method_id) FROM payment_methods WHERE user_id = $user AND kind = $method),
       ($cents::BIGINT::DECIMAL(14, 0) / 100)::DECIMAL(12, 2), $at::TIMESTAMP, $reason
     RETURNING payment_id`,
    { order: movement.orderId, kind: movement.kind, method: movement.method, user: movement.customerId, cents, at: movement.at, reason: movement.reason },
  );
  return Number(rows[0]?.payment_id);
}
