import { destinationOf } from './policy/refund-policy.ts';
import type { Language } from '../text/language.ts';
import type { CommitOutcome } from './confirmations/commit-confirmation.ts';
import { INTENT_OF_WRITE } from './confirmations/pending-operation.ts';
import { money as formatMoney } from './orders/order-presentation.ts';
import { POLICY_SECTIONS } from './policy/policy-decision.ts';
import { say } from './render/reply-texts.ts';
import { settleLabel } from './confirmations/evaluate-item-change.ts';

const SECTION_OF_WRITE = {
  cancel_order: POLICY_SECTIONS.cancellation, request_return: POLICY_SECTIONS.returns, request_exchange: POLICY_SECTIONS.exchanges,
  change_shipping_address: POLICY_SECTIONS.addressChange, change_payment_method: POLICY_SECTIONS.paymentChange, change_order_items: POLICY_SECTIONS.itemChange,
} as const;

/** The shopper-facing reply to a confirmation answer, from what the commit actually did. */
export function commitReplyText(outcome: CommitOutcome, language: Language, currency: string | null): { text: string; intent: string; sections: string[] } {
  const money = (value: number, in_: Language) => formatMoney(value, in_, currency);
  switch (outcome.status) {
    case 'rejected': {
      const text = {
        not_found: say(language, 'That confirmation is not valid in this conversation. Please start the request again.', '这个确认在当前对话中无效,请重新发起办理。'),
        already_used: say(language, 'That request has already been handled; it will not be done twice.', '这个操作已经处理过了,不会重复执行。'),
        expired: say(language, 'That confirmation has expired, so nothing was changed. Please start the request again.', '这个确认已过期,没有做任何修改。请重新发起办理。'),
        superseded: say(language, 'That card was replaced by a newer request (or the chat went to a human agent), so nothing was changed.', '这张确认卡已被新的请求取代(或对话已转人工),没有做任何修改。'),
      }[outcome.reason];
      return { text, intent: 'confirmation', sections: [] };
    }
    case 'declined':
      return { text: say(language, 'All right, nothing was changed.', '好的,已放弃本次操作,订单没有任何修改。'), intent: INTENT_OF_WRITE[outcome.operation.tool], sections: [] };
    case 'denied':
      return {
        text: say(language, `Sorry, this can no longer be done: ${outcome.decision.reason.en} (policy ${outcome.decision.section})`, `抱歉,现在无法办理:${outcome.decision.reason.zh}(见政策 ${outcome.decision.section})`),
        intent: INTENT_OF_WRITE[outcome.operation.tool],
        sections: [outcome.decision.section],
      };
    case 'committed': {
      const { operation, refund, ticketId } = outcome;
      const refundText = refund && refund.amount > 0
        ? say(language, `${money(refund.amount, 'en')} will be refunded to ${refund.destinationLabel.en}`, `退款 ${money(refund.amount, 'zh')} 将原路退回至${refund.destinationLabel.zh}`)
        : '';
      const intent = INTENT_OF_WRITE[operation.tool];
      switch (operation.tool) {
        case 'cancel_order':
          return {
            text: say(language, `Order ${operation.orderNo} is cancelled (ticket ${ticketId}).${refundText ? ` ${refundText}.` : ''}`, `订单 ${operation.orderNo} 已取消(工单号 ${ticketId})。${refundText ? `${refundText}。` : ''}`),
            intent, sections: [POLICY_SECTIONS.cancellation, POLICY_SECTIONS.refunds],
          };
        case 'request_return':
          return {
            text: say(language, `Your return for order ${operation.orderNo} is approved (ticket ${ticketId}).${refundText ? ` Once the parcel is back, ${refundText}.` : ''}`, `订单 ${operation.orderNo} 的退货申请已受理(工单号 ${ticketId})。${refundText ? `商品寄回入库后,${refundText}。` : ''}`),
            intent, sections: [POLICY_SECTIONS.returns, POLICY_SECTIONS.refunds],
          };
        case 'request_exchange':
          return {
            text: say(language, `Your exchange for order ${operation.orderNo} is approved (ticket ${ticketId}); this order's one exchange is now used.`, `订单 ${operation.orderNo} 的换货申请已受理(工单号 ${ticketId}),该订单的换货机会已使用。`),
            intent, sections: [POLICY_SECTIONS.exchanges],
          };
        case 'change_payment_method':
          return {
            text: say(language, `Order ${operation.orderNo} is now paid by ${destinationOf(operation.method).en} (ticket ${ticketId}).`, `订单 ${operation.orderNo} 的支付方式已改为${destinationOf(operation.method).zh}(工单号 ${ticketId})。`),
            intent, sections: [POLICY_SECTIONS.paymentChange],
          };
        case 'change_order_items': {
          const difference = Number(outcome.changes.difference ?? 0);
          const moved = Array.isArray(outcome.changes.payment_ids) && outcome.changes.payment_ids.length > 0;
          const to = settleLabel(operation.settle, { payment_method: null }, difference);
          const moneyText = !moved ? ''
            : difference > 0 ? say(language, ` ${money(difference, 'en')} was charged to ${to.en}.`, `已通过${to.zh}补付差价 ${money(difference, 'zh')}。`)
            : say(language, ` ${money(-difference, 'en')} is refunded to ${operation.settle === 'original' ? 'the original payment method' : to.en}.`, `差价 ${money(-difference, 'zh')} 已退回${operation.settle === 'original' ? '原支付方式' : to.zh}。`);
          return {
            text: say(language, `The items of order ${operation.orderNo} are changed (ticket ${ticketId}).${moneyText}`, `订单 ${operation.orderNo} 的商品规格已修改(工单号 ${ticketId})。${moneyText}`),
            intent, sections: [POLICY_SECTIONS.itemChange],
          };
        }
        case 'several': {
          const orders = operation.parts.map((part) => part.orderNo).join(say(language, ', ', '、'));
          return {
            text: say(language, `Done for orders ${orders} (tickets ${ticketId}).${refundText ? ` In total ${refundText}.` : ''}`, `订单 ${orders} 已全部办理(工单号 ${ticketId})。${refundText ? `合计${refundText}。` : ''}`),
            intent, sections: [...new Set(operation.parts.map((part) => SECTION_OF_WRITE[part.tool]))],
          };
        }
        case 'set_default_address':
          return {
            text: say(language, `Your default address is now: ${operation.fullAddress} (ticket ${ticketId}).`, `您的默认收货地址已改为:${operation.fullAddress}(工单号 ${ticketId})。`),
            intent, sections: [POLICY_SECTIONS.defaultAddress],
          };
        case 'change_shipping_address':
          return {
            text: say(language, `The delivery address of order ${operation.orderNo} is now: ${operation.address} (ticket ${ticketId}).`, `订单 ${operation.orderNo} 的收货地址已改为:${operation.address}(工单号 ${ticketId})。`),
            intent, sections: [POLICY_SECTIONS.addressChange],
          };
      }
    }
  }
}
