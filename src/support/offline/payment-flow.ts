import { CUES } from '../dialogue/support-lexicon.ts';
import type { DialogueState } from '../dialogue/dialogue-state.ts';
import { orderPaymentsText, paymentMethodsText } from '../render/payment-texts.ts';
import { say } from '../render/reply-texts.ts';
import type { OrderPaymentsResult, PaymentMethodsResult } from '../render/tool-results.ts';
import { call, expectResult, tableOf, type Flow, type TurnInput } from './turn.ts';

const REFERS_TO_LAST = /它|这个订单|这单|那个订单|刚才的订单|\b(it|that order|this order)\b/u;

/**
 * "我的礼品卡还剩多少钱" / "payments and refunds for order SL…": the shopper's saved methods and gift-card balance,
 * or one order's charges and refunds, read by the identity-bound tools.
 */
export function* paymentInfoFlow(input: TurnInput): Flow {
  const { language, recognition } = input;
  const base: DialogueState = { ...input.dialogue, misunderstood: 0, handoffOffered: false };
  const aboutOrder = recognition.orderNo !== undefined || CUES.paymentHistory.some((pattern) => pattern.test(recognition.normalized));
  if (!aboutOrder) {
    const methods = expectResult<PaymentMethodsResult>(yield* call('get_my_payment_methods', {}), 'get_my_payment_methods');
    return { intent: 'payment_info', text: paymentMethodsText(methods, language), outcome: 'answered', table: methods.rows.length > 0 ? tableOf(methods) : undefined, dialogue: base };
  }
  const orderNo = recognition.orderNo ?? (input.dialogue.lastOrderNo && REFERS_TO_LAST.test(recognition.normalized) ? input.dialogue.lastOrderNo : undefined);
  if (!orderNo) {
    return { intent: 'payment_info', text: say(language, 'Which order would you like the payments of? Please send its order number.', '请问要查看哪个订单的收付款记录?请发送订单号。'), outcome: 'clarify', dialogue: base };
  }
  const payments = expectResult<OrderPaymentsResult>(yield* call('get_order_payments', { order_no: orderNo }), 'get_order_payments');
  if (payments.status === 'not_found') return { intent: 'payment_info', text: payments.message, outcome: 'not_found', dialogue: base };
  return {
    intent: 'payment_info',
    text: orderPaymentsText(payments, language),
    outcome: 'answered',
    table: payments.rows.length > 0 ? tableOf(payments) : undefined,
    dialogue: { ...base, lastOrderNo: payments.order_no },
  };
}
