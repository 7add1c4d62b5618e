import { money as formatMoney } from '../orders/order-presentation.ts';
import { lineTitle, policyOrderOf, type OrderLineRecord, type OrderRecord } from '../orders/order-record.ts';
import { checkItemChange, itemChangeDifference, type ItemChangeLine } from '../policy/item-change-policy.ts';
import type { BilingualText, PolicyDecision } from '../policy/policy-decision.ts';
import { destinationOf } from '../policy/refund-policy.ts';
import { variantTargetOf } from '../products/variant-target.ts';
import type { SqlRunner } from '../sql-runner.ts';
import type { SupportScope } from '../support-session.ts';
import type { PendingOperation } from './pending-operation.ts';

/** Change items of an order that has not shipped: which lines, the option each becomes, where the difference goes. */
export interface ItemChangeRequest {
  tool: 'change_order_items';
  orderNo: string;
  /** lineNo may be left out when the order has one item; toProductId pins the exact variant of a stored card. */
  items: { lineNo?: number; wanted?: string | null; toProductId?: number | null }[];
  /** A payment-method code to charge, or 'original' / 'gift_card' for a refund; null until the shopper says. */
  settle: string | null;
}

export interface ItemChangeEvaluation {
  found: true;
  order: OrderRecord;
  lines: OrderLineRecord[];
  decision: PolicyDecision;
  operation: PendingOperation;
  summary: BilingualText;
  /** The difference over all changed items: positive is charged, negative refunded (0 on an unpaid order moves nothing). */
  difference: number;
}

async function giftCardBalance(runner: SqlRunner, customerId: number): Promise<number> {
  const { rows } = await runner.query(`SELECT coalesce(sum(balance), 0)::DOUBLE AS balance FROM payment_methods WHERE user_id = $user AND kind = 'gift_card'`, { user: customerId });
  return Number(rows[0]?.balance ?? 0);
}

/** Where the difference goes, in words: the charged method, the original method, or a gift card. */
export function settleLabel(settle: string | null, order: Pick<OrderRecord, 'payment_method'>, difference: number): BilingualText {
  if (difference < 0 && settle === 'original') return destinationOf(order.payment_method);
  if (settle === 'gift_card') return { en: 'your ShopLens gift card', zh: 'ShopLens 礼品卡' };
  return destinationOf(settle);
}

/**
 * Checks a change of items (P9) on fresh data and builds the card: every item with its new option and price
 * difference, the total difference computed in cents from the catalogue's prices, and where the money goes.
 */
export async function evaluateItemChange(
  runner: SqlRunner,
  scope: SupportScope,
  input: { order: OrderRecord; lines: OrderLineRecord[]; request: ItemChangeRequest; currency: string | null },
): Promise<ItemChangeEvaluation> {
  const { order, lines, request } = input;
  const money = (value: number, language: 'en' | 'zh') => formatMoney(value, language, input.currency);
  const asked = request.items.length > 0 ? request.items : [{}];
  const changeLines: (ItemChangeLine & { line?: OrderLineRecord })[] = [];
  for (const item of asked) {
    const lineNo = item.lineNo ?? (lines.length === 1 ? lines[0]?.line_no : undefined);
    const line = lines.find((candidate) => candidate.line_no === lineNo);
    if (!line) continue;
    const resolved = await variantTargetOf(runner, line.product_id, { text: item.wanted, productId: item.toProductId }, money);
    changeLines.push({
      line, lineNo: line.line_no, quantity: line.quantity, unitPrice: line.unit_price, target: resolved.target, choices: resolved.choices,
      title: { en: lineTitle(line, 'en'), zh: lineTitle(line, 'zh') },
    });
  }
  const decision = checkItemChange({ order: policyOrderOf(order), lines: changeLines, settle: request.settle, giftCardBalance: await giftCardBalance(runner, scope.customerId), money });
  const difference = itemChangeDifference(changeLines);
  const moves = order.paid_at !== null && difference !== 0;
  const to = settleLabel(request.settle, order, difference);
  const listed = (language: 'en' | 'zh') => changeLines.map((change) => {
    const each = change.target ? (Math.round(change.target.price * 100) - Math.round(change.unitPrice * 100)) * change.quantity / 100 : 0;
    const into = change.target?.label[language] ?? '?';
    return language === 'zh'
      ? `${change.title.zh} ×${change.quantity} 改为 ${into}(单价 ${money(change.unitPrice, 'zh')} → ${money(change.target?.price ?? 0, 'zh')},差价 ${money(each, 'zh')})`
      : `${change.title.en} ×${change.quantity} to ${into} (unit price ${money(change.unitPrice, 'en')} → ${money(change.target?.price ?? 0, 'en')}, difference ${money(each, 'en')})`;
  }).join(language === 'zh' ? ';' : '; ');
  const settlementText = (language: 'en' | 'zh') => {
    if (difference === 0) return language === 'zh' ? '无差价。' : 'No price difference.';
    if (!moves) {
      return language === 'zh'
        ? `订单尚未支付,应付金额变为 ${money(order.total_amount + difference, 'zh')}(差价 ${money(difference, 'zh')})。`
        : `The order is not paid yet; the amount to pay becomes ${money(order.total_amount + difference, 'en')} (difference ${money(difference, 'en')}).`;
    }
    return difference > 0
      ? (language === 'zh' ? `合计补差价 ${money(difference, 'zh')},通过${to.zh}支付;订单金额变为 ${money(order.total_amount + difference, 'zh')}。` : `In total ${money(difference, 'en')} more, charged to ${to.en}; the order total becomes ${money(order.total_amount + difference, 'en')}.`)
      : (language === 'zh' ? `合计退差价 ${money(-difference, 'zh')} 至${to.zh};订单金额变为 ${money(order.total_amount + difference, 'zh')}。` : `In total ${money(-difference, 'en')} less, refunded to ${to.en}; the order total becomes ${money(order.total_amount + difference, 'en')}.`);
  };
  return {
    found: true, order, lines, decision, difference,
    operation: {
      tool: 'change_order_items', orderId: order.order_id, orderNo: order.order_no,
      changes: changeLines.flatMap((change) => (change.line && change.target ? [{ lineNo: change.lineNo, fromProductId: change.line.product_id, toProductId: change.target.productId }] : [])),
      settle: moves ? request.settle : null,
    },
    summary: {
      en: `Change items of order ${order.order_no}: ${listed('en')}. ${settlementText('en')}`,
      zh: `修改订单 ${order.order_no} 的商品:${listed('zh')}。${settlementText('zh')}`,
    },
  };
}
