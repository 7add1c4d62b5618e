import { PAYMENT_METHOD_NAMES } from '../payments/payment-method-names.ts';
import type { BilingualText } from './policy-decision.ts';
import type { PolicyOrder, PolicyOrderLine } from './order-facts.ts';
import type { ReturnRequestItem } from './return-policy.ts';

const PAYMENT_LABELS: Record<string, BilingualText> = {
  ...PAYMENT_METHOD_NAMES,
  // A cash-on-delivery order has no method to refund to: the money goes to the account balance.
  cod: { en: 'your ShopLens balance (the order was paid cash on delivery)', zh: 'ShopLens 账户余额(该订单为货到付款)' },
};

export interface RefundPlan {
  amount: number;
  /** orders.payment_method, or 'none' when nothing was paid. */
  destination: string;
  destinationLabel: BilingualText;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Where money for the order goes back to (or is charged from): its payment method, in words. */
export function destinationOf(paymentMethod: string | null): BilingualText {
  return (paymentMethod && PAYMENT_LABELS[paymentMethod]) || { en: 'the original payment method', zh: '原支付方式' };
}

/** P3: cancelling refunds everything paid (nothing if the order was never paid), to the original payment method. */
export function cancellationRefund(order: Pick<PolicyOrder, 'paidAt' | 'totalAmount' | 'paymentMethod'>): RefundPlan {
  if (!order.paidAt) return { amount: 0, destination: 'none', destinationLabel: { en: 'nothing to refund (not paid)', zh: '无需退款(未支付)' } };
  return { amount: round2(order.totalAmount), destination: order.paymentMethod ?? 'original', destinationLabel: destinationOf(order.paymentMethod) };
}

/** P3: a return refunds the returned items' price with the order discount shared in proportion; no shipping. */
export function returnRefund(
  order: Pick<PolicyOrder, 'itemsAmount' | 'discountAmount' | 'paymentMethod'>,
  lines: readonly PolicyOrderLine[],
  items: readonly ReturnRequestItem[],
): RefundPlan {
  const gross = items.reduce((sum, item) => {
    const line = lines.find((candidate) => candidate.lineNo === item.lineNo);
    return sum + (line ? line.unitPrice * item.quantity : 0);
  }, 0);
  const share = order.itemsAmount > 0 ? Math.max(0, order.itemsAmount - order.discountAmount) / order.itemsAmount : 1;
  return { amount: round2(gross * share), destination: order.paymentMethod ?? 'original', destinationLabel: destinationOf(order.paymentMethod) };
}
