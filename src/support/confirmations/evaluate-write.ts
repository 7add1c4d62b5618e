import { CHANGEABLE_PAYMENT_METHODS, checkPaymentChange, type ChangeablePaymentMethod } from '../policy/payment-change-policy.ts';
import { checkAddressChange } from '../policy/address-change-policy.ts';
import { cancelReasonLabel, type CancelReasonCode } from '../policy/cancel-reasons.ts';
import { checkCancellation } from '../policy/cancellation-policy.ts';
import { checkExchange, checkExchangeTarget, checkExchangeWindow } from '../policy/exchange-policy.ts';
import { variantTargetOf, type VariantTarget } from '../products/variant-target.ts';
import { evaluateItemChange, type ItemChangeRequest } from './evaluate-item-change.ts';
import { remainingQuantity } from '../policy/order-facts.ts';
import type { BilingualText, PolicyDecision } from '../policy/policy-decision.ts';
import { cancellationRefund, destinationOf, returnRefund, type RefundPlan } from '../policy/refund-policy.ts';
import { checkReturn } from '../policy/return-policy.ts';
import { lineTitle, policyLineOf, policyOrderOf, type OrderLineRecord, type OrderRecord } from '../orders/order-record.ts';
import { itemsSummary, money as formatMoney } from '../orders/order-presentation.ts';
import { parseAddress } from '../orders/parse-address.ts';
import { chinesePlaceName, resolveDeliveryCity } from '../orders/resolve-city.ts';
import { findOrderInScope, loadOrderLines, normalizeOrderNo } from '../orders/scoped-orders.ts';
import type { SqlRunner } from '../sql-runner.ts';
import type { SupportScope } from '../support-session.ts';
import type { OrderOperation, PendingOperation } from './pending-operation.ts';
import { evaluateDefaultAddress } from '../profile/default-address.ts';

/** One item of an exchange request: which line and the option wanted (words, or the exact product of a stored card). */
export interface ExchangeItemRequest {
  lineNo: number;
  wanted?: string | null;
  toProductId?: number | null;
}

/** A write as a tool (or a stored confirmation) asks for it, before policy and data have been checked. */
export type WriteRequest =
  | { tool: 'cancel_order'; orderNo: string; reason: string | null; reasonCode: CancelReasonCode }
  | { tool: 'request_return'; orderNo: string; items?: { lineNo: number; quantity?: number }[]; reason: string; refundTo: 'original' | 'gift_card' }
  | { tool: 'request_exchange'; orderNo: string; lineNo?: number; items?: ExchangeItemRequest[]; reason: string; wanted: string | null }
  | ItemChangeRequest
  | { tool: 'set_default_address'; address: string | null; fromOrderNo?: string | null }
  | { tool: 'several'; requests: WriteRequest[] }
  | { tool: 'change_shipping_address'; orderNo: string; address: string; city?: string | null }
  | { tool: 'change_payment_method'; orderNo: string; method: string | null };

export type WriteEvaluation =
  | { found: false; orderNo: string }
  | {
      found: true;
      /** null only for a profile write (the default address) that names no order. */
      order: OrderRecord | null;
      lines: OrderLineRecord[];
      decision: PolicyDecision;
      /** The exact operation a confirmation would commit (only meaningful when allowed). */
      operation: PendingOperation;
      summary: BilingualText;
      refund?: RefundPlan;
      /** A request spanning several orders: each part's own evaluation, committed together. */
      parts?: FoundEvaluation[];
    };
export type FoundEvaluation = Extract<WriteEvaluation, { found: true }>;

function both(build: (language: 'en' | 'zh') => string): BilingualText {
  return { en: build('en'), zh: build('zh') };
}

function refundSentence(refund: RefundPlan, language: 'en' | 'zh', whenText: BilingualText, money: (value: number, language: 'en' | 'zh') => string): string {
  if (refund.amount === 0) return language === 'zh' ? '该订单未支付,无需退款。' : 'Nothing was paid, so there is nothing to refund.';
  return language === 'zh'
    ? `退款 ${money(refund.amount, 'zh')} 将原路退回至${refund.destinationLabel.zh}${whenText.zh}。`
    : `${money(refund.amount, 'en')} will be refunded to ${refund.destinationLabel.en}${whenText.en}.`;
}

/**
 * Checks a write against the data and the policy, in scope: the same function runs when the shopper previews
 * the write and again, on fresh data inside the commit transaction, when they confirm it.
 */
export async function evaluateWrite(runner: SqlRunner, scope: SupportScope, request: WriteRequest, policyDate: string, currency: string | null): Promise<WriteEvaluation> {
  const money = (value: number, language: 'en' | 'zh') => formatMoney(value, language, currency);
  if (request.tool === 'set_default_address') return evaluateProfileAddress(runner, scope, request);
  if (request.tool === 'several') return evaluateSeveral(runner, scope, request.requests, policyDate, currency);
  const orderNo = normalizeOrderNo(request.orderNo);
  const order = await findOrderInScope(runner, scope, orderNo);
  if (!order) return { found: false, orderNo };
  const lines = await loadOrderLines(runner, [order.order_id]);
  const policyOrder = policyOrderOf(order);
  const base = { orderId: order.order_id, orderNo: order.order_no };

  switch (request.tool) {
    case 'cancel_order': {
      const refund = cancellationRefund(policyOrder);
      return {
        found: true, order, lines, refund,
        decision: checkCancellation(policyOrder),
        operation: { tool: 'cancel_order', ...base, reason: request.reason, reasonCode: request.reasonCode },
        summary: both((language) => language === 'zh'
          ? `取消订单 ${order.order_no}(${itemsSummary(lines, 'zh')}),原因:${cancelReasonLabel(request.reasonCode).zh}。${refundSentence(refund, 'zh', { en: '', zh: '' }, money)}`
          : `Cancel order ${order.order_no} (${itemsSummary(lines, 'en')}). Reason: ${cancelReasonLabel(request.reasonCode).en}. ${refundSentence(refund, 'en', { en: '', zh: '' }, money)}`),
      };
    }
    case 'request_return': {
      const items = (request.items && request.items.length > 0
        ? request.items.map((item) => {
            const line = lines.find((candidate) => candidate.line_no === item.lineNo);
            return { lineNo: item.lineNo, quantity: item.quantity ?? (line ? remainingQuantity(policyLineOf(line)) : 1) };
          })
        : lines.map((line) => ({ lineNo: line.line_no, quantity: remainingQuantity(policyLineOf(line)) })).filter((item) => item.quantity > 0));
      const policyLines = lines.map(policyLineOf);
      const decision = checkReturn({ order: policyOrder, lines: policyLines, items, asOfDate: policyDate });
      const originalRefund = returnRefund(policyOrder, policyLines, items);
      // P3: to the original method unless the shopper asks for a ShopLens gift card.
      const refund: RefundPlan = request.refundTo === 'gift_card' ? { ...originalRefund, destination: 'gift_card', destinationLabel: { en: 'a ShopLens gift card', zh: 'ShopLens 礼品卡' } } : originalRefund;
      const chosen = (language: 'en' | 'zh') => items.map((item) => {
        const line = lines.find((candidate) => candidate.line_no === item.lineNo);
        return `${line ? lineTitle(line, language) : `#${item.lineNo}`} ×${item.quantity}`;
      }).join(language === 'zh' ? '、' : ', ');
      return {
        found: true, order, lines, refund, decision,
        operation: { tool: 'request_return', ...base, items: items.length > 0 ? items : [{ lineNo: 0, quantity: 1 }], reason: request.reason, refundTo: request.refundTo },
        summary: both((language) => language === 'zh'
          ? `退货:订单 ${order.order_no} 的 ${chosen('zh')},原因:${request.reason}。${refundSentence(refund, 'zh', { en: '', zh: '(商品寄回入库后退款)' }, money)}`
          : `Return from order ${order.order_no}: ${chosen('en')}. Reason: ${request.reason}. ${refundSentence(refund, 'en', { en: ' once the parcel is back', zh: '' }, money)}`),
      };
    }
    case 'request_exchange': {
      const candidates = lines.filter((line) => remainingQuantity(policyLineOf(line)) > 0);
      const fallbackLine = request.lineNo ?? (candidates.length === 1 ? candidates[0]?.line_no : undefined) ?? (lines.length === 1 ? lines[0]?.line_no : undefined);
      // Several items in one request (one exchange of the order); a single item keeps the older lineNo/wanted form.
      const asked = request.items && request.items.length > 0 ? request.items : [{ lineNo: fallbackLine ?? 0, wanted: request.wanted, toProductId: null }];
      const parts: { line?: OrderLineRecord; lineNo: number; wanted: string | null; target?: VariantTarget; choices?: BilingualText }[] = [];
      let decision = checkExchangeWindow(policyOrder, policyDate);
      for (const item of asked) {
        const line = lines.find((candidate) => candidate.line_no === item.lineNo);
        const itemDecision = checkExchange({ order: policyOrder, line: line ? policyLineOf(line) : undefined, asOfDate: policyDate });
        const exchange = line && itemDecision.allowed ? await variantTargetOf(runner, line.product_id, { text: item.wanted ?? request.wanted, productId: item.toProductId }, money) : undefined;
        const targetDecision = exchange ? checkExchangeTarget(exchange.target, exchange.choices) : undefined;
        parts.push({ line, lineNo: item.lineNo, wanted: item.wanted ?? request.wanted, target: exchange?.target, choices: exchange?.choices });
        // The audit keeps the item's allow code when the target is fine too; the first refusal is the decision.
        if (decision.allowed) decision = !itemDecision.allowed ? itemDecision : targetDecision && !targetDecision.allowed ? targetDecision : itemDecision;
      }
      const difference = parts.reduce((sum, part) => sum + (part.target && part.line ? Math.round(part.target.price * 100) * part.line.quantity - Math.round(part.line.unit_price * 100) * part.line.quantity : 0), 0) / 100;
      const settle = (language: 'en' | 'zh') => {
        const method = destinationOf(order.payment_method)[language];
        if (difference > 0) return language === 'zh' ? `需补差价 ${money(difference, 'zh')}(通过${method}支付)` : `price difference: ${money(difference, 'en')} to pay (by ${method})`;
        if (difference < 0) return language === 'zh' ? `差价 ${money(-difference, 'zh')} 退回至${method}` : `price difference: ${money(-difference, 'en')} refunded to ${method}`;
        return language === 'zh' ? '无差价' : 'no price difference';
      };
      const listed = (language: 'en' | 'zh') => parts.map((part) => {
        const title = part.line ? lineTitle(part.line, language) : `#${part.lineNo}`;
        const into = part.target ? part.target.label[language] : (part.wanted ?? '');
        const each = part.target && part.line ? (Math.round(part.target.price * 100) - Math.round(part.line.unit_price * 100)) * part.line.quantity / 100 : 0;
        return language === 'zh' ? `${title} ×${part.line?.quantity ?? 1},换成:${into}(差价 ${money(each, 'zh')})` : `${title} ×${part.line?.quantity ?? 1} for ${into} (difference ${money(each, 'en')})`;
      }).join(language === 'zh' ? ';' : '; ');
      const first = parts[0];
      return {
        found: true, order, lines, decision,
        operation: {
          tool: 'request_exchange', ...base, lineNo: first?.lineNo ?? 0, reason: request.reason, wanted: first?.wanted ?? request.wanted,
          toProductId: first?.target?.sameProduct ? first.target.productId : null,
          items: parts.map((part) => ({ lineNo: part.lineNo, wanted: part.wanted, toProductId: part.target?.sameProduct ? part.target.productId : null })),
        },
        summary: both((language) => language === 'zh'
          ? `换货:订单 ${order.order_no} 的 ${listed('zh')};${parts.length > 1 ? '合计' : ''}${settle('zh')}。原因:${request.reason}。每个订单只能换货一次,本次将用掉这次机会。`
          : `Exchange from order ${order.order_no}: ${listed('en')}; ${parts.length > 1 ? 'in total, ' : ''}${settle('en')}. Reason: ${request.reason}. Each order can be exchanged once; this uses it.`),
      };
    }
    case 'change_order_items':
      return evaluateItemChange(runner, scope, { order, lines, request, currency });
    case 'change_payment_method': {
      const decision = checkPaymentChange({ order: policyOrder, method: request.method });
      const method = (CHANGEABLE_PAYMENT_METHODS as readonly string[]).includes(request.method ?? '') ? (request.method as ChangeablePaymentMethod) : 'alipay';
      const from = destinationOf(order.payment_method);
      const to = destinationOf(method);
      const total = order.total_amount;
      return {
        found: true, order, lines, decision,
        operation: { tool: 'change_payment_method', ...base, method },
        summary: both((language) => language === 'zh'
          ? `将订单 ${order.order_no} 的支付方式由${from.zh}改为${to.zh}。${order.paid_at ? `已付的 ${money(total, 'zh')} 将原路退回${from.zh},并通过${to.zh}扣款 ${money(total, 'zh')}。` : `应付 ${money(total, 'zh')} 将通过${to.zh}支付。`}`
          : `Change the payment method of order ${order.order_no} from ${from.en} to ${to.en}. ${order.paid_at ? `The ${money(total, 'en')} paid is refunded to ${from.en} and ${money(total, 'en')} is charged to ${to.en}.` : `${money(total, 'en')} will be paid by ${to.en}.`}`),
      };
    }
    case 'change_shipping_address': {
      const address = request.address.trim();
      const city = await resolveDeliveryCity(runner, address, request.city);
      const parsed = parseAddress(address, city);
      // Read back field by field, so the shopper sees how the address was understood before confirming.
      const fields = (language: 'en' | 'zh') => language === 'zh'
        ? `街道:${parsed.street};城市:${city ? chinesePlaceName(city) : '未识别'};邮编:${parsed.postalCode ?? '未提供'}`
        : `street: ${parsed.street}; city: ${city ?? 'not recognised'}; postal code: ${parsed.postalCode ?? 'not given'}`;
      return {
        found: true, order, lines,
        decision: checkAddressChange({ order: policyOrder, address, city, street: parsed.street }),
        operation: { tool: 'change_shipping_address', ...base, address, city: city ?? '', postalCode: parsed.postalCode },
        summary: both((language) => language === 'zh'
          ? `将订单 ${order.order_no} 的收货地址改为:${address}(${fields('zh')})。`
          : `Change the delivery address of order ${order.order_no} to: ${address} (${fields('en')}).`),
      };
    }
  }
}

const TOTAL_LABEL = { en: 'In total', zh: '合计' };

/**
 * Several writes on one card: each part is checked on its own (an order outside the account is not found; the first
 * refusal refuses the card, naming its order), the card lists every part, and the refunds are summed in cents.
 */
async function evaluateSeveral(runner: SqlRunner, scope: SupportScope, requests: readonly WriteRequest[], policyDate: string, currency: string | null): Promise<WriteEvaluation> {
  const money = (value: number, language: 'en' | 'zh') => formatMoney(value, language, currency);
  const parts: FoundEvaluation[] = [];
  for (const request of requests) {
    if (request.tool === 'several' || request.tool === 'set_default_address') throw new Error('request_several_changes takes writes of orders only');
    const evaluation = await evaluateWrite(runner, scope, request, policyDate, currency);
    if (!evaluation.found) return evaluation;
    parts.push(evaluation);
  }
  const refused = parts.find((part) => !part.decision.allowed);
  const decision = refused
    ? { ...refused.decision, reason: { en: `Order ${refused.order?.order_no}: ${refused.decision.reason.en}`, zh: `订单 ${refused.order?.order_no}:${refused.decision.reason.zh}` } }
    : (parts[0] as FoundEvaluation).decision;
  const refundCents = parts.reduce((sum, part) => sum + Math.round((part.refund?.amount ?? 0) * 100), 0);
  const destinations = [...new Set(parts.filter((part) => (part.refund?.amount ?? 0) > 0).map((part) => part.refund?.destinationLabel.en))];
  const total = (language: 'en' | 'zh') => {
    if (refundCents === 0) return '';
    const to = destinations.length === 1 ? parts.find((part) => (part.refund?.amount ?? 0) > 0)?.refund?.destinationLabel[language] : undefined;
    return language === 'zh'
      ? ` ${TOTAL_LABEL.zh}退款 ${money(refundCents / 100, 'zh')}${to ? `,退回至${to}` : ',各自原路退回'}。`
      : ` ${TOTAL_LABEL.en} ${money(refundCents / 100, 'en')} will be refunded${to ? ` to ${to}` : ', each to its original method'}.`;
  };
  return {
    found: true, order: null, lines: [], decision, parts,
    refund: refundCents > 0 ? { amount: refundCents / 100, destination: 'several', destinationLabel: { en: 'the original payment methods', zh: '原支付方式' } } : undefined,
    operation: { tool: 'several', orderId: null, orderNo: null, parts: parts.map((part) => part.operation as OrderOperation) },
    summary: both((language) => `${parts.map((part, index) => `${index + 1}) ${part.summary[language]}`).join(' ')}${total(language)}`),
  };
}

/** P10: the default address from the shopper's words, or copied from one of their own orders (found in scope). */
async function evaluateProfileAddress(runner: SqlRunner, scope: SupportScope, request: Extract<WriteRequest, { tool: 'set_default_address' }>): Promise<WriteEvaluation> {
  const fromOrder = request.fromOrderNo ? await findOrderInScope(runner, scope, normalizeOrderNo(request.fromOrderNo)) : null;
  if (request.fromOrderNo && !fromOrder) return { found: false, orderNo: normalizeOrderNo(request.fromOrderNo) };
  const address = fromOrder ? (fromOrder.shipping_address ?? '') : (request.address ?? '');
  const { decision, fields, summary } = await evaluateDefaultAddress(runner, scope, { address, fromOrder: fromOrder ?? undefined });
  return {
    found: true, order: null, lines: [], decision, summary,
    operation: { tool: 'set_default_address', orderId: null, orderNo: null, fromOrderNo: fromOrder?.order_no ?? null, ...fields },
  };
}

/** The request a stored operation stands for, to re-evaluate it at commit time. */
export function requestOf(operation: PendingOperation): WriteRequest {
  switch (operation.tool) {
    case 'cancel_order':
      return { tool: 'cancel_order', orderNo: operation.orderNo, reason: operation.reason, reasonCode: operation.reasonCode };
    case 'request_return':
      return { tool: 'request_return', orderNo: operation.orderNo, items: operation.items, reason: operation.reason, refundTo: operation.refundTo };
    case 'request_exchange':
      return {
        tool: 'request_exchange', orderNo: operation.orderNo, lineNo: operation.lineNo, reason: operation.reason, wanted: operation.wanted,
        ...(operation.items.length > 0 ? { items: operation.items } : {}),
      };
    case 'set_default_address':
      return operation.fromOrderNo ? { tool: 'set_default_address', address: null, fromOrderNo: operation.fromOrderNo } : { tool: 'set_default_address', address: operation.fullAddress };
    case 'several':
      return { tool: 'several', requests: operation.parts.map((part) => requestOf(part)) };
    case 'change_order_items':
      return { tool: 'change_order_items', orderNo: operation.orderNo, items: operation.changes.map((change) => ({ lineNo: change.lineNo, toProductId: change.toProductId })), settle: operation.settle };
    case 'change_shipping_address':
      return { tool: 'change_shipping_address', orderNo: operation.orderNo, address: operation.address, city: operation.city };
    case 'change_payment_method':
      return { tool: 'change_payment_method', orderNo: operation.orderNo, method: operation.method };
  }
}
