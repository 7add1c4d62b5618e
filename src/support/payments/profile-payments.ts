import type { SqlRunner } from '../sql-runner.ts';

export interface SavedPaymentMethod {
  method_id: number;
  kind: string;
  last4: string | null;
  balance: number | null;
  is_default: boolean;
}

export interface OrderPayment {
  payment_id: number;
  kind: 'charge' | 'refund';
  method: string;
  last4: string | null;
  amount: number;
  created_at: string;
  reason: string | null;
}

/** The shopper's saved methods, default first; the customer id comes from the session, never from a message. */
export async function loadSavedPaymentMethods(runner: SqlRunner, customerId: number): Promise<SavedPaymentMethod[]> {
  const { rows } = await runner.query(
    `SELECT method_id, kind, last4, balance, is_default FROM payment_methods WHERE user_id = $user
     ORDER BY is_default DESC, kind = 'gift_card', kind, method_id`,
    { user: customerId },
  );
  return rows.map((row) => ({
    method_id: Number(row.method_id),
    kind: String(row.kind),
    last4: row.last4 === null ? null : String(row.last4),
    balance: row.balance === null ? null : Number(row.balance),
    is_default: row.is_default === true,
  }));
}

/** An order's charges and refunds, oldest first; the caller has already checked the order is the shopper's. */
export async function loadOrderPayments(runner: SqlRunner, orderId: number): Promise<OrderPayment[]> {
  const { rows } = await runner.query(
    `SELECT p.payment_id, p.kind, p.method, m.last4, p.amount, strftime(p.created_at, '%Y-%m-%d %H:%M') AS created_at, p.reason
     FROM payments p LEFT JOIN payment_methods m ON m.method_id = p.method_id
     WHERE p.order_id = $order ORDER BY p.created_at, p.payment_id`,
    { order: orderId },
  );
  return rows.map((row) => ({
    payment_id: Number(row.payment_id),
    kind: String(row.kind) === 'refund' ? 'refund' : 'charge',
    method: String(row.method),
    last4: row.last4 === null || row.last4 === undefined ? null : String(row.last4),
    amount: Number(row.amount),
    created_at: String(row.created_at),
    reason: row.reason === null ? null : String(row.reason),
  }));
}

const cents = (value: number) => Math.round(value * 100);

/** Charged, refunded and net, summed in cents so the totals are exact. */
export function paymentTotals(payments: readonly OrderPayment[]): { charged: number; refunded: number; net: number } {
  const charged = payments.filter((payment) => payment.kind === 'charge').reduce((sum, payment) => sum + cents(payment.amount), 0);
  const refunded = payments.filter((payment) => payment.kind === 'refund').reduce((sum, payment) => sum + cents(payment.amount), 0);
  return { charged: charged / 100, refunded: refunded / 100, net: (charged - refunded) / 100 };
}
