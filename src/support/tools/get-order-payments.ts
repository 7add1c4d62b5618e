import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import type { ResultColumn } from '../../presentation/result-table.ts';
import { orderNotFoundText } from '../confirmations/write-result.ts';
import { inShopCurrency } from '../orders/order-presentation.ts';
import { findOrderInScope, normalizeOrderNo } from '../orders/scoped-orders.ts';
import { paymentMethodName } from '../payments/payment-method-names.ts';
import { loadOrderPayments, paymentTotals } from '../payments/profile-payments.ts';
import { supportRuntimeOf } from '../support-tool-context.ts';

export const getOrderPaymentsParameters = z.strictObject({
  order_no: z.string().trim().min(4).max(40).describe('The order number the shopper gave, e.g. "SL2025110100000103"'),
});

const COLUMNS: ResultColumn[] = [
  { id: 'at', label_en: 'Time', label_zh: '时间', unit: 'text', role: 'dimension' },
  { id: 'movement', label_en: 'Charge / refund', label_zh: '扣款 / 退款', unit: 'text', role: 'dimension' },
  { id: 'method', label_en: 'Payment method', label_zh: '支付方式', unit: 'text', role: 'dimension' },
  { id: 'amount', label_en: 'Amount', label_zh: '金额', unit: 'currency', role: 'metric' },
];

export const getOrderPaymentsTool = defineTool({
  name: 'get_order_payments',
  description: [
    "The payment history of one of the shopper's own orders: every charge and refund with its payment method, amount and time,",
    'and the totals charged, refunded and net. Orders outside the shopper\'s account are reported as not found.',
  ].join(' '),
  parameters: getOrderPaymentsParameters,
  async execute(argumentsValue, context) {
    const { order_no: orderNo } = getOrderPaymentsParameters.parse(argumentsValue);
    const runtime = supportRuntimeOf(context);
    const language = context.language;
    const order = await findOrderInScope(context.warehouse, runtime.scope, orderNo);
    if (!order) return { kind: 'order_payments' as const, status: 'not_found' as const, order_no: normalizeOrderNo(orderNo), message: orderNotFoundText(normalizeOrderNo(orderNo))[language], currency: runtime.currency };
    const payments = await loadOrderPayments(context.warehouse, order.order_id);
    const totals = paymentTotals(payments);
    const labels = { charge: language === 'zh' ? '扣款' : 'charge', refund: language === 'zh' ? '退款' : 'refund' };
    return {
      kind: 'order_payments' as const,
      status: 'found' as const,
      order_no: order.order_no,
      order_status: order.status,
      total_amount: order.total_amount,
      payment_method: order.payment_method,
      ...totals,
      payments: payments.map((payment) => ({ ...payment, method_name: paymentMethodName(payment.method, language, payment.last4) })),
      columns: inShopCurrency(COLUMNS, runtime.currency),
      currency: runtime.currency,
      rows: payments.map((payment) => ({ at: payment.created_at, movement: labels[payment.kind], method: paymentMethodName(payment.method, language, payment.last4), amount: payment.amount })),
    };
  },
});
