import { AnswerSchema } from '../analytics/answer/answer.ts';
import { CitationSchema, ConfirmationSchema, HandoffSchema, TableSchema, type WireMessage } from './protocol.ts';
import type { StoredMessage } from './conversation-repository.ts';

/** A stored message as the client sees it: text plus whichever attachments validate. */
export function toWireMessage(message: StoredMessage): WireMessage {
  const wire: WireMessage = {
    conversationId: message.conversationId,
    seq: message.seq,
    role: message.role,
    text: message.content,
    intent: message.intent,
    createdAt: message.createdAt,
  };
  const payload = message.payload;
  if (typeof payload.replyTo === 'number' && payload.replyTo > 0) wire.replyTo = payload.replyTo;
  const table = TableSchema.safeParse(payload.table);
  if (table.success) wire.table = table.data;
  const confirmation = ConfirmationSchema.safeParse(payload.confirmation);
  if (confirmation.success) wire.confirmation = confirmation.data;
  const handoff = HandoffSchema.safeParse(payload.handoff);
  if (handoff.success) wire.handoff = handoff.data;
  const citations = CitationSchema.array().safeParse(payload.citations);
  if (citations.success && citations.data.length > 0) wire.citations = citations.data;
  if (message.role === 'system' && payload.kind === 'conversation-resolved') wire.ratingRequested = true;
  const answer = AnswerSchema.safeParse(payload.answer);
  if (answer.success) {
    wire.answer = answer.data;
    if (answer.data.chart) wire.chart = answer.data.chart;
  }
  return wire;
}
