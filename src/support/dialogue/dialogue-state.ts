import { z } from 'zod';
import { CANCEL_REASON_CODES } from '../policy/cancel-reasons.ts';
import type { SqlRunner } from '../sql-runner.ts';
import { timestampText } from '../support-clock.ts';

export const TASK_INTENTS = ['cancel_order', 'return', 'exchange', 'change_address', 'change_payment', 'change_items', 'default_address'] as const;
export type TaskIntent = (typeof TASK_INTENTS)[number];

export const TaskSchema = z.object({
  intent: z.enum(TASK_INTENTS),
  /** The slot the bot asked for last. */
  awaiting: z.enum(['order', 'items', 'line', 'reason', 'address', 'wanted', 'payment']),
  orderNo: z.string().optional(),
  /** Several orders one request names ("cancel SL… and SL…"): one card for all of them. */
  orderNos: z.array(z.string()).optional(),
  items: z.array(z.object({ lineNo: z.number().int(), quantity: z.number().int().positive().optional() })).optional(),
  lineNo: z.number().int().optional(),
  reason: z.string().optional(),
  /** A cancellation's reason from the fixed list. */
  cancelReason: z.enum(CANCEL_REASON_CODES).optional(),
  wanted: z.string().optional(),
  /** Where a return's refund goes. */
  refundTo: z.enum(['original', 'gift_card']).optional(),
  /** A payment-method change's new method (orders.payment_method code). */
  paymentMethod: z.string().optional(),
  address: z.string().optional(),
  /** Items and the option each becomes (an item change, or an exchange of several items). */
  changes: z.array(z.object({ lineNo: z.number().int(), wanted: z.string() })).optional(),
  /** Order numbers in the order they were listed to the shopper, for "the second one" / "第2个". */
  offeredOrders: z.array(z.string()).default([]),
});
export type Task = z.infer<typeof TaskSchema>;

/** The support bot's memory of one conversation, kept in conversations.context.support. */
export const DialogueStateSchema = z.object({
  language: z.enum(['en', 'zh']).optional(),
  task: TaskSchema.optional(),
  /** The write card shown last, which a plain "yes" / "确认" answers. */
  confirmation: z.object({ confirmationId: z.string(), intent: z.string(), expiresAt: z.string() }).optional(),
  /** Consecutive turns the bot did not understand. */
  misunderstood: z.number().int().nonnegative().default(0),
  /** The bot offered a human agent last turn; "yes" takes it up. */
  handoffOffered: z.boolean().default(false),
  /** The order the conversation is about, for follow-ups like "cancel it". */
  lastOrderNo: z.string().optional(),
  /** What the last answer was about when it invites a follow-up ("change it to …" after the default address was shown). */
  topic: z.enum(['default_address']).optional(),
  /** Messages up to this sequence number belong to an earlier, resolved thread and are never re-read. */
  threadStartSeq: z.number().int().nonnegative().default(0),
});
export type DialogueState = z.infer<typeof DialogueStateSchema>;

export function freshDialogue(threadStartSeq = 0, language?: 'en' | 'zh'): DialogueState {
  return { misunderstood: 0, handoffOffered: false, threadStartSeq, language };
}

const ContextSchema = z.looseObject({ support: z.unknown().optional() });

export interface SupportConversationRow {
  conversationId: string;
  kind: string;
  customerId: number | null;
  state: 'bot' | 'queued' | 'human' | 'resolved';
  lastSeq: number;
  dialogue: DialogueState;
  /** The rest of conversations.context, preserved on write. */
  otherContext: Record<string, unknown>;
}

const RowSchema = z.object({
  conversation_id: z.string(),
  kind: z.string(),
  customer_id: z.number().int().nullable(),
  state: z.enum(['bot', 'queued', 'human', 'resolved']),
  last_seq: z.number().int(),
  context: z.string().nullable(),
});

/** Reads a conversation and its dialogue state; a context that does not parse starts a fresh dialogue. */
export async function readConversation(runner: SqlRunner, conversationId: string): Promise<SupportConversationRow | undefined> {
  const result = await runner.query('SELECT conversation_id, kind, customer_id, state, last_seq, context::VARCHAR AS context FROM conversations WHERE conversation_id = $id', { id: conversationId });
  const raw = result.rows[0];
  return raw ? conversationOfRow(raw) : undefined;
}

/** A conversations row (conversation_id, kind, customer_id, state, last_seq, context as text) with its dialogue state. */
export function conversationOfRow(raw: Readonly<Record<string, unknown>>): SupportConversationRow {
  const row = RowSchema.parse(raw);
  let otherContext: Record<string, unknown> = {};
  let dialogue = freshDialogue();
  if (row.context) {
    let json: unknown;
    try {
      json = JSON.parse(row.context);
    } catch {
      json = {};
    }
    const context = ContextSchema.safeParse(json);
    if (context.success) {
      const { support, ...rest } = context.data;
      otherContext = rest;
      const parsed = DialogueStateSchema.safeParse(support ?? {});
      if (parsed.success) dialogue = parsed.data;
    }
  }
  return { conversationId: row.conversation_id, kind: row.kind, customerId: row.customer_id, state: row.state, lastSeq: row.last_seq, dialogue, otherContext };
}

/** conversations.context with this dialogue state, the rest of the context kept. */
export function contextWithDialogue(conversation: Pick<SupportConversationRow, 'otherContext'>, dialogue: DialogueState): string {
  return JSON.stringify({ ...conversation.otherContext, support: DialogueStateSchema.parse(dialogue) });
}

export async function writeDialogue(runner: SqlRunner, conversation: Pick<SupportConversationRow, 'conversationId' | 'otherContext'>, dialogue: DialogueState, now: Date): Promise<void> {
  const parameters = { id: conversation.conversationId, context: contextWithDialogue(conversation, dialogue), now: timestampText(now) };
  // The server's group commit updates the same row (last_seq) when the shopper's next message lands mid-turn; DuckDB
  // then refuses one of the two ("Conflict on update"). Setting the context again is idempotent, so retry briefly
  // instead of failing the whole turn.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await runner.run('UPDATE conversations SET context = $context, updated_at = $now::TIMESTAMP WHERE conversation_id = $id', parameters);
      return;
    } catch (error) {
      if (attempt >= DIALOGUE_WRITE_ATTEMPTS || !(error instanceof Error) || !/conflict on update/i.test(error.message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
    }
  }
}

const DIALOGUE_WRITE_ATTEMPTS = 5;
