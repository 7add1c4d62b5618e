import { calendarDaysBetween } from '../support-clock.ts';
import { allow, deny, POLICY_SECTIONS, type PolicyDecision } from './policy-decision.ts';
import { remainingQuantity, type PolicyOrder, type PolicyOrderLine } from './order-facts.ts';

const SECTION = POLICY_SECTIONS.returns;
/** No-reason returns: the delivery day is day 0, day 7 is the last day accepted. */
export const RETURN_WINDOW_DAYS = 7;

export interface ReturnRequestItem {
  lineNo: number;
  quantity: number;
}

/** Whether the order as a whole can still be returned on `asOfDate` (before any item is chosen). */
export function checkReturnWindow(order: Pick<PolicyOrder, 'status' | 'deliveredAt'>, asOfDate: string): PolicyDecision {
  switch (order.status) {
    case 'pending':
    case 'paid':
      return deny(SECTION, 'not_shipped', {
        en: 'The order has not shipped yet, so it cannot be returned; you can cancel it instead.',
        zh: '订单尚未发货,不能退货,可以直接取消订单。',
      });
    case 'shipped':
      return deny(SECTION, 'not_delivered', {
        en: 'The order is on its way and not delivered yet; returns can be requested within 7 days after delivery.',
        zh: '订单正在配送中,尚未签收;签收后 7 天内可以申请退货。',
      });
    case 'cancelled':
      return deny(SECTION, 'cancelled', { en: 'The order was cancelled, so there is nothing to return.', zh: '该订单已取消,没有可退的商品。' });
    case 'returned':
      return deny(SECTION, 'already_returned', { en: 'The order has already been returned.', zh: '该订单已经退货。' });
    case 'delivered':
      break;
  }
  if (!order.deliveredAt) {
    return deny(SECTION, 'no_delivery_date', {
      en: 'The order has no recorded delivery date, so the return window cannot be checked; a human agent can help.',
      zh: '该订单没有签收时间记录,无法核对退货期限,可以转人工处理。',
    });
  }
  const days = calendarDaysBetween(order.deliveredAt, asOfDate);
  if (days > RETURN_WINDOW_DAYS) {
    return deny(SECTION, 'return_window_passed', {
      en: `It was delivered on ${order.deliveredAt.slice(0, 10)}, ${days} days ago; no-reason returns are possible for ${RETURN_WINDOW_DAYS} days after delivery.`,
      zh: `该订单于 ${order.deliveredAt.slice(0, 10)} 签收,已过去 ${days} 天;无理由退货的期限是签收后 ${RETURN_WINDOW_DAYS} 天。`,
    });
  }
  return allow(SECTION, 'within_window', {
    en: `Delivered on ${order.deliveredAt.slice(0, 10)} (${days} of ${RETURN_WINDOW_DAYS} days used): within the no-reason return window.`,
    zh: `签收于 ${order.deliveredAt.slice(0, 10)}(已过 ${days} 天,期限 ${RETURN_WINDOW_DAYS} 天):在无理由退货期限内。`,
  });
}

/** P2: delivered, within 7 days of delivery, and every requested unit exists and was not returned before. */
export function checkReturn(input: {
  order: Pick<PolicyOrder, 'status' | 'deliveredAt'>;
  lines: readonly PolicyOrderLine[];
  items: readonly ReturnRequestItem[];
  asOfDate: string;
}): PolicyDecision {
  const window = checkReturnWindow(input.order, input.asOfDate);
  if (!window.allowed) return window;
  if (input.items.length === 0 && input.lines.length > 0 && input.lines.every((line) => remainingQuantity(line) === 0)) {
    return deny(SECTION, 'all_items_returned', {
      en: 'Every item of this order has already been returned (or has a return in progress).',
      zh: '该订单的所有商品都已退货(或正在退货中)。',
    });
  }
  if (input.items.length === 0) {
    return deny(SECTION, 'no_items', { en: 'Choose at least one item to return.', zh: '请至少选择一件要退的商品。' });
  }
  const seen = new Set<number>();
  for (const item of input.items) {
    const line = input.lines.find((candidate) => candidate.lineNo === item.lineNo);
    if (!line || seen.has(item.lineNo)) {
      return deny(SECTION, 'unknown_item', { en: `The order has no item number ${item.lineNo} (or it was listed twice).`, zh: `该订单没有第 ${item.lineNo} 件商品(或重复选择了)。` });
    }
    seen.add(item.lineNo);
    const remaining = remainingQuantity(line);
    if (!Number.isInteger(item.quantity) || item.quantity < 1) {
      return deny(SECTION, 'bad_quantity', { en: 'The quantity to return must be a whole number of at least 1.', zh: '退货数量必须是不小于 1 的整数。' });
    }
    if (remaining === 0) {
      return deny(SECTION, 'item_already_returned', { en: `Item ${item.lineNo} has already been returned in full.`, zh: `第 ${item.lineNo} 件商品已经全部退过了。` });
    }
    if (item.quantity > remaining) {
      return deny(SECTION, 'quantity_too_large', {
        en: `Item ${item.lineNo} has only ${remaining} unit(s) left to return.`,
        zh: `第 ${item.lineNo} 件商品最多还能退 ${remaining} 件。`,
      });
    }
  }
  return window;
}
