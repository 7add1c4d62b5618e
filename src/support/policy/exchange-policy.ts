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

/** The variant an exchange asks for, as the policy needs to see it. */
export interface ExchangeTarget {
  productId: number;
  sameProduct: boolean;
  stock: number | null;
  label: { en: string; zh: string };
}

/**
 * P4, the target: exchanges stay within the same product (another colour, size or capacity of it) and only to a
 * variant in stock. `choices` names the options that are possible, for the reason.
 */
export function checkExchangeTarget(target: ExchangeTarget | undefined, choices: { en: string; zh: string }): PolicyDecision {
  if (!target) {
    return deny(SECTION, 'target_unclear', { en: `Which option would you like instead? Available: ${choices.en}.`, zh: `请问想换成哪个规格?可选:${choices.zh}。` });
  }
  if (!target.sameProduct) {
    return deny(SECTION, 'different_product', {
      en: `Exchanges stay within the same product: you can exchange it for another option of the same product (${choices.en}), not for ${target.label.en}. You can return it and order that instead.`,
      zh: `换货只能换同款商品的其他规格(${choices.zh}),不能换成${target.label.zh}。可以先退货再另行下单。`,
    });
  }
  if (!target.stock || target.stock <= 0) {
    return deny(SECTION, 'out_of_stock', { en: `${target.label.en} is out of stock. Available: ${choices.en}.`, zh: `${target.label.zh}目前缺货。可选:${choices.zh}。` });
  }
  return allow(SECTION, 'target_available', { en: `${target.label.en} is in stock.`, zh: `${target.label.zh}有货。` });
}
