import type { Language } from '../../text/language.ts';
import type { BilingualText } from '../policy/policy-decision.ts';

/** What a write tool returns: never a committed change, only not-found, a policy denial or a card to confirm. */
export type WriteToolResult =
  | { status: 'not_found'; order_no: string; message: string }
  | {
      status: 'denied';
      /** null for a profile write, which names no order. */
      order_no: string | null;
      policy_section: string;
      code: string;
      reason: string;
      reason_en: string;
      reason_zh: string;
    }
  | {
      status: 'awaiting_confirmation';
      order_no: string | null;
      confirmation_id: string;
      summary: string;
      summary_en: string;
      summary_zh: string;
      expires_at: string;
      policy_section: string;
      refund_amount: number | null;
      next_step: string;
    };

/**
 * The not-found answer, word for word the same for an order that does not exist and for another customer's
 * order, so nobody can probe which order numbers exist.
 */
export function orderNotFoundText(orderNo: string): BilingualText {
  return {
    en: `I could not find order ${orderNo} in your account. Please check the order number, or say "my orders" to see your orders.`,
    zh: `在您的账户中没有找到订单 ${orderNo}。请核对订单号,或发送“我的订单”查看您的订单。`,
  };
}

export function pick(text: BilingualText, language: Language): string {
  return text[language];
}
