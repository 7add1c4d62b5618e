import { z } from 'zod';
import type { Language } from '../../text/language.ts';
import { INTENT_OF_WRITE, OrderOperationSchema, type WriteTool } from '../confirmations/pending-operation.ts';
import type { DialogueState } from '../dialogue/dialogue-state.ts';
import type { SqlRunner } from '../sql-runner.ts';

const INTENT_NAMES: Record<string, { en: string; zh: string }> = {
  cancel_order: { en: 'cancel an order', zh: '取消订单' },
  return: { en: 'return items', zh: '退货' },
  exchange: { en: 'exchange items', zh: '换货' },
  change_address: { en: 'change a delivery address', zh: '修改地址' },
  change_payment: { en: 'change a payment method', zh: '修改支付方式' },
  change_items: { en: 'change items of an order', zh: '修改订单商品' },
  default_address: { en: 'change the default address', zh: '修改默认地址' },
};

const ConfirmationRowSchema = z.object({ tool: z.string(), status: z.enum(['committed', 'pending']), order_no: z.string().nullable(), operation: z.string() });
const SeveralPartsSchema = z.object({ parts: z.array(OrderOperationSchema) });

/** "cancel an order SL…" for each order a stored confirmation wrote (or would write): its orders from the database. */
function writesOf(row: z.infer<typeof ConfirmationRowSchema>, language: Language): string[] {
  const name = (tool: string) => INTENT_NAMES[INTENT_OF_WRITE[tool as WriteTool] ?? '']?.[language] ?? tool;
  const parts = row.tool === 'several' ? SeveralPartsSchema.safeParse(JSON.parse(row.operation)) : undefined;
  if (parts?.success) return parts.data.parts.map((part) => `${name(part.tool)} ${part.orderNo}`);
  return [row.order_no ? `${name(row.tool)} ${row.order_no}` : name(row.tool)];
}

/**
 * A short hand-off note for the human agent: what the bot did in this thread and on which orders (the orders of its
 * committed confirmations, read from the database), a card the shopper had not answered (withdrawn by the hand-off), the task in progress
 * and its order (set only once the order was found among the shopper's own), the reason and the last few messages,
 * so the shopper does not have to repeat themselves. An order the shopper merely asked about, or one that was not
 * found, is never named as the order concerned.
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
  // This thread only: cards created after an agent last resolved the conversation (which starts a new thread);
  // both times come from the support clock.
  const confirmations = await runner.query(
    `SELECT c.tool, c.status, o.order_no, c.operation::VARCHAR AS operation FROM support_confirmations c LEFT JOIN orders o ON o.order_id = c.order_id
      WHERE c.conversation_id = $id AND c.status IN ('committed', 'pending')
        AND c.created_at >= coalesce((SELECT max(occurred_at) FROM audit_log WHERE conversation_id = $id AND tool = 'resolve_conversation'), TIMESTAMP '1970-01-01')
      ORDER BY c.created_at, c.confirmation_id`,
    { id: input.conversationId },
  );
  const rows = confirmations.rows.map((row) => ConfirmationRowSchema.parse(row));
  const done = rows.filter((row) => row.status === 'committed').flatMap((row) => writesOf(row, language));
  const awaiting = rows.filter((row) => row.status === 'pending').flatMap((row) => writesOf(row, language));
  const task = dialogue.task ? INTENT_NAMES[dialogue.task.intent]?.[language] : undefined;
  const taskOrders = dialogue.task ? (dialogue.task.orderNos ?? (dialogue.task.orderNo ? [dialogue.task.orderNo] : [])) : [];
  const inProgress = task ? [task, ...taskOrders].join(' ') : '';
  const parts = language === 'zh'
    ? [
        `顾客 ${input.customerId} 请求人工:${input.reason}`,
        done.length > 0 ? `本次已办理:${done.join('、')}` : '',
        awaiting.length > 0 ? `未确认的卡片(转人工时已作废,未执行):${awaiting.join('、')}` : '',
        inProgress ? `正在办理:${inProgress}` : '',
        recent.length > 0 ? `最近消息:「${recent.join('」「')}」` : '',
      ]
    : [
        `Customer ${input.customerId} asked for a human: ${input.reason}`,
        done.length > 0 ? `Done in this chat: ${done.join(', ')}` : '',
        awaiting.length > 0 ? `Card not confirmed (withdrawn at the hand-off, nothing done): ${awaiting.join(', ')}` : '',
        inProgress ? `In progress: ${inProgress}` : '',
        recent.length > 0 ? `Recent messages: "${recent.join('" / "')}"` : '',
      ];
  return parts.filter(Boolean).join(language === 'zh' ? ';' : '; ');
}
