import { calendarDaysBetween } from '../support-clock.ts';
import { allow, deny, POLICY_SECTIONS, type PolicyDecision } from './policy-decision.ts';
import { remainingQuantity, type PolicyOrder, type PolicyOrderLine } from './order-facts.ts';

const SECTION = POLICY_SECTIONS.exchanges;
export const EXCHANGE_WINDOW_DAYS = 15;
export const MAX_EXCHANGES_PER_ORDER = 1;

/** Whether the order can still be exchanged at all (before an item is chosen). */
export function checkExchangeWindow(order: Pick<PolicyOrder, 'status' | 'deliveredAt' | 'exchangeCount'>, asOfDate: string): PolicyDecision {
  if (order.status !== 'delivered') {
    return deny(SECTION, `not_delivered_${order.status}`, {
      en: 'Only delivered orders can be exchanged.',
      zh: '只有已签收的订单才能换货。',
    });
  }
  if (order.exchangeCount >= MAX_EXCHANGES_PER_ORDER) {
    return deny(SECTION, 'exchange_used', {
      en: 'This order has already been exchanged once, and each order can be exchanged only once. You can return the item and order again instead.',
      zh: '该订单已经换过一次货,每个订单只能换货一次。可以先退货再重新下单。',
    });
  }
  if (!order.deliveredAt) {
    return deny(SECTION, 'no_delivery_date', { en: 'The order has no recorded delivery date; a human agent can help.', zh: '该订单没有签收时间记录,可以转人工处理。' });
  }
  const days = calendarDaysBetween(order.deliveredAt, asOfDate);
  if (days > EXCHANGE_WINDOW_DAYS) {
    return deny(SECTION, 'exchange_window_passed', {
      en: `It was delivered on ${order.deliveredAt.slice(0, 10)}, ${days} days ago; exchanges are possible for ${EXCHANGE_WINDOW_DAYS} days after delivery.`,
      zh: `该订单于 ${order.deliveredAt.slice(0, 10)} 签收,已过去 ${days} 天;换货期限是签收后 ${EXCHANGE_WINDOW_DAYS} 天。`,
    });
  }
  return allow(SECTION, 'exchange_available', {
    en: `Delivered on ${order.deliveredAt.slice(0, 10)} and not exchanged before: one exchange is possible.`,
    zh: `签收于 ${order.deliveredAt.slice(0, 10)},尚未换过货:可以换货一次。`,
  });
}

/** P4: delivered, within 15 days, no exchange yet on this order, and the item still has unreturned units. */
export function checkExchange(input: {
  order: Pick<PolicyOrder, 'status' | 'deliveredAt' | 'exchangeCount'>;
  line: PolicyOrderLine | undefined;
  asOfDate: string;
}): PolicyDecision {
  const window = checkExchangeWindow(input.order, input.asOfDate);
  if (!window.allowed) return window;
  if (!input.line) return deny(SECTION, 'unknown_item', { en: 'The order has no such item.', zh: '该订单没有这件商品。' });
  if (remainingQuantity(input.line) === 0) {
    return deny(SECTION, 'item_returned', { en: `Item ${input.line.lineNo} was returned, so it cannot be exchanged.`, zh: `第 ${input.line.lineNo} 件商品已经退货,不能换货。` });
  }
  return window;
}
