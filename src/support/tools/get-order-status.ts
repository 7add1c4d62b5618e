import { checkPaymentChangeWindow } from '../policy/payment-change-policy.ts';
import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { orderNotFoundText } from '../confirmations/write-result.ts';
import { inShopCurrency, orderLineRow, orderTimeline, statusLabel, TIMELINE_COLUMNS, ORDER_LINE_COLUMNS } from '../orders/order-presentation.ts';
import { policyLineOf, policyOrderOf } from '../orders/order-record.ts';
import { findOrderInScope, loadOrderLines, normalizeOrderNo } from '../orders/scoped-orders.ts';
import { otherOptionsOf } from '../orders/product-options.ts';
import { checkAddressChangeWindow } from '../policy/address-change-policy.ts';
import { checkCancellation } from '../policy/cancellation-policy.ts';
import { checkExchangeWindow } from '../policy/exchange-policy.ts';
import { remainingQuantity } from '../policy/order-facts.ts';
import { checkItemChangeWindow } from '../policy/item-change-policy.ts';
import type { PolicyDecision } from '../policy/policy-decision.ts';
import { checkReturnWindow } from '../policy/return-policy.ts';
import { supportRuntimeOf } from '../support-tool-context.ts';

export const getOrderStatusParameters = z.strictObject({
  order_no: z.string().trim().min(4).max(40).describe('The order number the shopper gave, e.g. "SL2025110100000103"'),
});

function actionOf(decision: PolicyDecision, language: 'en' | 'zh') {
  return { allowed: decision.allowed, policy_section: decision.section, code: decision.code, reason: decision.reason[language] };
}

export const getOrderStatusTool = defineTool({
  name: 'get_order_status',
  description: [
    "One of the shopper's own orders by order number: status, items, amount, carrier, tracking number and the timeline",
    '(ordered, paid, shipped, delivered, cancelled, returned), plus which after-sales actions the policy allows right now',
    '(cancel, return, exchange, change address, change payment, change items) with the policy section. Orders outside the shopper\'s account are reported as not found.',
  ].join(' '),
  parameters: getOrderStatusParameters,
  async execute(argumentsValue, context) {
    const { order_no: orderNo } = getOrderStatusParameters.parse(argumentsValue);
    const runtime = supportRuntimeOf(context);
    const language = context.language;
    const order = await findOrderInScope(context.warehouse, runtime.scope, orderNo);
    if (!order) return { kind: 'order_status' as const, status: 'not_found' as const, order_no: normalizeOrderNo(orderNo), message: orderNotFoundText(normalizeOrderNo(orderNo))[language] };
    const lines = await loadOrderLines(context.warehouse, [order.order_id]);
    const options = await otherOptionsOf(context.warehouse, lines.map((line) => line.product_id));
    const policyOrder = policyOrderOf(order);
    const timeline = orderTimeline(order, language);
    const returnable = lines.some((line) => remainingQuantity(policyLineOf(line)) > 0);
    return {
      kind: 'order_status' as const,
      status: 'found' as const,
      order: {
        order_no: order.order_no,
        status: order.status,
        status_label: statusLabel(order.status, language),
        created_at: order.created_at,
        paid_at: order.paid_at,
        shipped_at: order.shipped_at,
        delivered_at: order.delivered_at,
        cancelled_at: order.cancelled_at,
        returned_at: order.returned_at,
        items_amount: order.items_amount,
        discount_amount: order.discount_amount,
        shipping_fee: order.shipping_fee,
        total_amount: order.total_amount,
        payment_method: order.payment_method,
        carrier: order.carrier,
        tracking_number: order.tracking_number,
        shipping_city: order.shipping_city,
        shipping_address: order.shipping_address,
        exchange_count: order.exchange_count,
      },
      // Each item's other options (colour, size, capacity) with price and stock: what a change or exchange can pick.
      items: lines.map((line) => ({ ...orderLineRow(line, language), options: options.get(line.product_id) ?? [] })),
      item_columns: inShopCurrency(ORDER_LINE_COLUMNS, runtime.currency),
      currency: runtime.currency,
      timeline,
      allowed_actions: {
        cancel: actionOf(checkCancellation(policyOrder), language),
        return: actionOf(returnable ? checkReturnWindow(policyOrder, runtime.policyDate) : { ...checkReturnWindow(policyOrder, runtime.policyDate), allowed: false, code: 'all_items_returned', reason: { en: 'Every item has already been returned.', zh: '所有商品都已退货。' } }, language),
        exchange: actionOf(checkExchangeWindow(policyOrder, runtime.policyDate), language),
        change_address: actionOf(checkAddressChangeWindow(policyOrder), language),
        change_payment: actionOf(checkPaymentChangeWindow(policyOrder), language),
        change_items: actionOf(checkItemChangeWindow(policyOrder), language),
      },
      policy_date: runtime.policyDate,
      columns: TIMELINE_COLUMNS,
      rows: timeline,
    };
  },
});
