import { allow, deny, POLICY_SECTIONS, type BilingualText, type PolicyDecision } from './policy-decision.ts';
import type { PolicyOrder } from './order-facts.ts';

const SECTION = POLICY_SECTIONS.itemChange;

/** Where a price difference of an item change is charged from (a saved wallet or the gift-card balance). */
export const ITEM_CHANGE_CHARGE_METHODS = ['alipay', 'wechat_pay', 'credit_card', 'union_pay', 'gift_card'] as const;
/** Where a negative difference goes back to. */
export const ITEM_CHANGE_REFUND_DESTINATIONS = ['original', 'gift_card'] as const;

/** One item of the order and the variant it should become, as the policy needs to see it. */
export interface ItemChangeLine {
  lineNo: number;
  quantity: number;
  unitPrice: number;
  /** undefined: the shopper named no option of this item's product that we could find. */
  target?: { productId: number; sameProduct: boolean; stock: number | null; price: number; label: BilingualText };
  /** The product's other options with price and stock, for a question or a refusal. */
  choices: BilingualText;
  title: BilingualText;
}

/** The difference in cents summed over the lines: positive is owed by the shopper, negative is owed to them. */
export function itemChangeDifference(lines: readonly ItemChangeLine[]): number {
  const cents = lines.reduce((sum, line) => sum + (line.target ? Math.round(line.target.price * 100) * line.quantity - Math.round(line.unitPrice * 100) * line.quantity : 0), 0);
  return cents / 100;
}

/** P9, before items are chosen: only orders that have not shipped. */
export function checkItemChangeWindow(order: Pick<PolicyOrder, 'status'>): PolicyDecision {
  if (order.status !== 'pending' && order.status !== 'paid') {
    return deny(SECTION, `order_${order.status}`, {
      en: `The order is ${order.status}, so its items can no longer be changed (only before it ships). A delivered order can be exchanged instead (policy P4 exchanges).`,
      zh: '订单已发货或已结束,无法再修改商品(只能在发货前修改)。已签收的订单可以申请换货(见政策 P4 exchanges)。',
    });
  }
  return allow(SECTION, 'not_shipped', { en: 'The order has not shipped, so its items can be changed.', zh: '订单尚未发货,可以修改商品规格。' });
}

/**
 * P9: before shipping; every named item gets another option of the same product, in stock for its quantity; when
 * money moves on a paid order the shopper has said where from (charge) or where to (refund).
 */
export function checkItemChange(input: {
  order: Pick<PolicyOrder, 'status' | 'paidAt'>;
  lines: readonly ItemChangeLine[];
  settle: string | null;
  giftCardBalance: number;
  /** How an amount is written to the shopper (the shop's currency). */
  money: (amount: number, language: 'en' | 'zh') => string;
}): PolicyDecision {
  const { money } = input;
  const window = checkItemChangeWindow(input.order);
  if (!window.allowed) return window;
  if (input.lines.length === 0) {
    return deny(SECTION, 'items_unclear', { en: 'Which item would you like to change? Reply with its name or item number.', zh: '请问要修改哪件商品?请回复商品名称或序号。' });
  }
  for (const line of input.lines) {
    const { target } = line;
    if (!target) {
      return deny(SECTION, 'target_unclear', {
        en: `Which option would you like for ${line.title.en}? Available: ${line.choices.en}.`,
        zh: `请问${line.title.zh}想改成哪个规格?可选:${line.choices.zh}。`,
      });
    }
    if (!target.sameProduct) {
      return deny(SECTION, 'different_product', {
        en: `Items can only be changed to another option of the same product (${line.choices.en}), not to ${target.label.en}. You can cancel the order or order that product separately.`,
        zh: `只能改成同款商品的其他规格(${line.choices.zh}),不能改成${target.label.zh}。可以取消订单或另行下单。`,
      });
    }
    if (target.stock === null || target.stock < line.quantity) {
      return deny(SECTION, 'out_of_stock', { en: `${target.label.en} is not in stock for ${line.quantity} unit(s). Available: ${line.choices.en}.`, zh: `${target.label.zh}库存不足 ${line.quantity} 件。可选:${line.choices.zh}。` });
    }
  }
  const difference = itemChangeDifference(input.lines);
  if (input.order.paidAt && difference > 0) {
    if (!input.settle || !(ITEM_CHANGE_CHARGE_METHODS as readonly string[]).includes(input.settle)) {
      return deny(SECTION, 'settle_unclear', {
        en: `The new options cost ${money(difference, 'en')} more. Which payment method should pay the difference: Alipay, WeChat Pay, credit card, UnionPay or your gift card?`,
        zh: `新规格需补差价 ${money(difference, 'zh')}。请问用哪种方式支付差价:支付宝、微信支付、信用卡、银联还是礼品卡?`,
      });
    }
    if (input.settle === 'gift_card' && Math.round(input.giftCardBalance * 100) < Math.round(difference * 100)) {
      return deny(SECTION, 'gift_card_balance_too_low', {
        en: `Your gift-card balance (${money(input.giftCardBalance, 'en')}) does not cover the difference of ${money(difference, 'en')}. Which other payment method should pay it: Alipay, WeChat Pay, credit card or UnionPay?`,
        zh: `礼品卡余额(${money(input.giftCardBalance, 'zh')})不足以支付差价 ${money(difference, 'zh')}。请问改用哪种方式支付:支付宝、微信支付、信用卡还是银联?`,
      });
    }
  }
  if (input.order.paidAt && difference < 0 && (!input.settle || !(ITEM_CHANGE_REFUND_DESTINATIONS as readonly string[]).includes(input.settle))) {
    return deny(SECTION, 'settle_unclear', {
      en: `The new options cost ${money(-difference, 'en')} less. Should the difference be refunded to your original payment method or to a ShopLens gift card?`,
      zh: `新规格比原来便宜 ${money(-difference, 'zh')},差价退回原支付方式还是 ShopLens 礼品卡?`,
    });
  }
  return allow(SECTION, 'target_available', { en: 'The order has not shipped and the new options are in stock.', zh: '订单尚未发货,新规格有货。' });
}
