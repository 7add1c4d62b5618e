import type { Language } from '../../text/language.ts';
import type { DialogueState } from '../dialogue/dialogue-state.ts';
import type { SqlRunner } from '../sql-runner.ts';

const INTENT_NAMES: Record<string, { en: string; zh: string }> = {
  cancel_order: { en: 'cancel an order', zh: '取消订单' },
  return: { en: 'return items', zh: '退货' },
  exchange: { en: 'exchange an item', zh: '换货' },
  change_address: { en: 'change a delivery address', zh: '修改地址' },
  change_payment: { en: 'change a payment method', zh: '修改支付方式' },
  change_items: { en: 'change items of an order', zh: '修改订单商品' },
  default_address: { en: 'change the default address', zh: '修改默认地址' },
};

/**
 * A short hand-off note for the human agent: what the shopper was doing, the order concerned, the reason and
 * their last few messages of the current thread, so the shopper does not have to repeat themselves.
 */
export async function buildHandoffSummary(
  runner: SqlRunner,
  input: { conversationId: string; customerId: number; dialogue: DialogueState; reason: string; language: Language },
): Promise<string> {
  const { dialogue, language } = input;
  const messages = await runner.query(
    `SELECT content FROM messages WHERE conversation_id = $id AND role = 'user' AND seq > $start AND content IS NOT NULL ORDER BY seq DESC LIMIT 3`,
    { id: input.conversationId, start: dialogue.threadStartSeq },
  );
  const recent = messages.rows.map((row) => String(row.content).replace(/\s+/g, ' ').slice(0, 120)).reverse();
  const task = dialogue.task ? INTENT_NAMES[dialogue.task.intent]?.[language] : undefined;
  const orderNo = dialogue.task?.orderNo ?? dialogue.lastOrderNo;
  const parts = language === 'zh'
    ? [`顾客 ${input.customerId} 请求人工:${input.reason}`, task ? `正在办理:${task}` : '', orderNo ? `订单:${orderNo}` : '', recent.length > 0 ? `最近消息:「${recent.join('」「')}」` : '']
    : [`Customer ${input.customerId} asked for a human: ${input.reason}`, task ? `In progress: ${task}` : '', orderNo ? `Order: ${orderNo}` : '', recent.length > 0 ? `Recent messages: "${recent.join('" / "')}"` : ''];
  return parts.filter(Boolean).join(language === 'zh' ? ';' : '; ');
}
