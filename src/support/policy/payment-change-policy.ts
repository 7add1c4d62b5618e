import { allow, deny, POLICY_SECTIONS, type PolicyDecision } from './policy-decision.ts';
import type { PolicyOrder } from './order-facts.ts';

const SECTION = POLICY_SECTIONS.paymentChange;

/** Methods an order can be switched to (a gift card pays only at checkout). */
export const CHANGEABLE_PAYMENT_METHODS = ['alipay', 'wechat_pay', 'credit_card', 'union_pay'] as const;
export type ChangeablePaymentMethod = (typeof CHANGEABLE_PAYMENT_METHODS)[number];

/** P8, before a method is chosen: only orders that have not shipped. */
export function checkPaymentChangeWindow(order: Pick<PolicyOrder, 'status'>): PolicyDecision {
  if (order.status !== 'pending' && order.status !== 'paid') {
    return deny(SECTION, `order_${order.status}`, {
      en: `The order is ${order.status}, so its payment method can no longer be changed (only before it ships).`,
      zh: '订单已发货或已结束,无法再修改支付方式(只能在发货前修改)。',
    });
  }
  return allow(SECTION, 'not_shipped', { en: 'The order has not shipped, so the payment method can be changed.', zh: '订单尚未发货,可以修改支付方式。' });
}

/** P8: before shipping, to a supported method other than the current one. */
export function checkPaymentChange(input: { order: Pick<PolicyOrder, 'status' | 'paymentMethod'>; method: string | null }): PolicyDecision {
  const window = checkPaymentChangeWindow(input.order);
  if (!window.allowed) return window;
  if (!input.method || !(CHANGEABLE_PAYMENT_METHODS as readonly string[]).includes(input.method)) {
    return deny(SECTION, 'method_unclear', { en: 'Which payment method would you like: Alipay, WeChat Pay, credit card or UnionPay?', zh: '请问想改用哪种支付方式:支付宝、微信支付、信用卡还是银联?' });
  }
  if (input.method === input.order.paymentMethod) {
    return deny(SECTION, 'same_method', { en: 'The order is already paid with that method.', zh: '该订单已经是这种支付方式。' });
  }
  return window;
}
