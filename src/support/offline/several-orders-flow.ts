import type { WriteToolResult } from '../confirmations/write-result.ts';
import type { Task } from '../dialogue/dialogue-state.ts';
import { cancelReasonChoices, cancelReasonFromAnswer, classifyCancelReason } from '../policy/cancel-reasons.ts';
import { say, writeResultText } from '../render/reply-texts.ts';
import { call, expectResult, type Flow, type TurnInput, type TurnResult } from './turn.ts';

/** Intents one card can carry across several orders named in one message: the slot each needs is the same for all. */
export const SEVERAL_ORDER_INTENTS = new Set<Task['intent']>(['cancel_order', 'change_address', 'change_payment']);

/**
 * "Cancel SL… and SL…", "两个订单都改成这个地址": one request over several orders becomes ONE card (request_several_changes)
 * listing every order, item and refund with the total, after the one slot they share (reason, address, method).
 */
export function* severalOrdersFlow(input: TurnInput, start: Task): Flow {
  const { language, recognition } = input;
  const task: Task = { ...start };
  const orderNos = task.orderNos ?? [];
  const base = { ...input.dialogue, handoffOffered: false };
  const result = (fields: Omit<TurnResult, 'intent'>): TurnResult => ({ intent: task.intent, ...fields });
  const ask = (text: string, awaiting: Task['awaiting']): TurnResult => result({ text, outcome: 'clarify', dialogue: { ...base, task: { ...task, awaiting }, misunderstood: task.awaiting === awaiting ? base.misunderstood + 1 : 0 } });
  const listed = orderNos.join(say(language, ', ', '、'));

  let changes: { tool: string; arguments: Record<string, unknown> }[];
  switch (task.intent) {
    case 'cancel_order': {
      if (!task.cancelReason) {
        if (task.awaiting === 'reason') {
          task.cancelReason = cancelReasonFromAnswer(recognition.text);
          task.reason = recognition.text.trim().slice(0, 200);
        } else {
          task.cancelReason = classifyCancelReason(recognition.text);
        }
      }
      if (!task.cancelReason) return ask(say(language, `Orders ${listed}: why would you like to cancel them? ${cancelReasonChoices('en')}. Reply with a number or in your own words.`, `订单 ${listed}:请问取消的原因是?${cancelReasonChoices('zh')}。回复序号或直接说明即可。`), 'reason');
      changes = orderNos.map((orderNo) => ({ tool: 'cancel_order', arguments: { order_no: orderNo, reason_code: task.cancelReason, ...(task.reason ? { reason: task.reason } : {}) } }));
      break;
    }
    case 'change_address': {
      task.address ??= recognition.address ?? (task.awaiting === 'address' ? recognition.text.trim() : undefined);
      if (!task.address) return ask(say(language, `Orders ${listed}: what is the new delivery address? Please include street and number, city and postal code.`, `订单 ${listed}:请问新的收货地址是?请包括城市、区、街道门牌号和邮编。`), 'address');
      changes = orderNos.map((orderNo) => ({ tool: 'change_shipping_address', arguments: { order_no: orderNo, address: task.address } }));
      break;
    }
    default: {
      task.paymentMethod ??= recognition.paymentMethod;
      if (!task.paymentMethod) return ask(say(language, `Orders ${listed}: which payment method would you like: Alipay, WeChat Pay, credit card or UnionPay?`, `订单 ${listed}:请问想改用哪种支付方式:支付宝、微信支付、信用卡还是银联?`), 'payment');
      changes = orderNos.map((orderNo) => ({ tool: 'change_payment_method', arguments: { order_no: orderNo, method: task.paymentMethod } }));
    }
  }

  const preview = expectResult<WriteToolResult>(yield* call('request_several_changes', { changes }), 'request_several_changes');
  const finish = { ...base, task: undefined, misunderstood: 0 };
  if (preview.status === 'awaiting_confirmation') {
    return result({
      text: writeResultText(preview, language),
      outcome: 'awaiting_confirmation',
      dialogue: { ...finish, confirmation: { confirmationId: preview.confirmation_id, intent: task.intent, expiresAt: preview.expires_at } },
      confirmation: { confirmationId: preview.confirmation_id, summary: preview.summary, expiresAt: preview.expires_at, action: 'several' },
      citations: [preview.policy_section],
    });
  }
  return result({ text: writeResultText(preview, language), outcome: preview.status === 'not_found' ? 'not_found' : 'denied', dialogue: finish, citations: preview.status === 'denied' ? [preview.policy_section] : undefined });
}
