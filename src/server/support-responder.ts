import type { ConfirmationAction, CustomerContextWire } from './protocol.ts';
import type { AgentEventListener } from '../agent/agent-events.ts';
import type { SupportMessageInput, TurnWrites } from '../support/support-reply.ts';

export type { TurnWrites };

/**
 * What the server needs from the customer-service agent (src/support). Mirrors its public API so the real
 * SupportAgent and the test fake are interchangeable (dependency injection).
 */
export type SupportScope = { kind: 'customer'; customerId: number } | { kind: 'guest-order'; customerId: number; orderId: number };

export interface SupportSession {
  scope: SupportScope;
  language?: 'en' | 'zh';
}

export interface SupportReply {
  text: string;
  intent: string;
  table?: { columns: unknown[]; rows: Record<string, unknown>[] };
  confirmation?: { confirmationId: string; summary: string; expiresAt: string; action?: ConfirmationAction };
  handoff?: { state: 'queued' | 'human'; ticketId: string };
  citations?: { articleId: string; section: string; title: string }[];
}

export interface SupportResponder {
  /**
   * `deferWrites`: the responder hands over the turn's other writes, which the server commits with the replies.
   * `committedRow`: the conversations row as the server last committed it, when nothing may have changed it since
   * (undefined: read it); call it where the conversation would be read.
   */
  handleMessage(input: SupportMessageInput): Promise<SupportReply[]>;
  handleConfirmation(input: { conversationId: string; session: SupportSession; confirmationId: string; confirm: boolean; deferWrites?: (writes: TurnWrites) => void }): Promise<SupportReply[]>;
  /**
   * A shopper's message to the bot is stored and its turn is queued: the responder may start reading what the turn
   * will read (called for every message of a group-commit transaction in the same tick, so those reads can be
   * shared). Must not throw or write.
   */
  prefetch?(session: SupportSession): void;
}

export interface QueuedConversation {
  conversationId: string;
  customerId: number | null;
  summary: string;
  queuedAt: string;
}

/** The human side of hand-off: the queue human agents work from. */
export interface HandoffDesk {
  listQueue(): Promise<QueuedConversation[]>;
  /** queued → human */
  takeConversation(conversationId: string, agentId: string): Promise<void>;
  /** human → resolved; the shopper's next message goes to the bot again. */
  resolveConversation(conversationId: string, agentId: string): Promise<void>;
  /** The customer context panel's data (profile, orders, past chats, tickets); absent when the backend has none. */
  customerContext?(conversationId: string): Promise<CustomerContextWire>;
  /** Stores a shopper's CSAT rating of a resolved chat; throws an error with a `kind` when it cannot. */
  rateConversation?(input: { conversationId: string; customerId: number; rating: number }): Promise<void>;
  /** The stored CSAT rating of a conversation, or null when it has none yet. */
  conversationRating?(conversationId: string): Promise<number | null>;
}

/** Used when no support agent is installed: every support message gets error `support_unavailable`. */
export class SupportUnavailableError extends Error {
  override readonly name = 'SupportUnavailableError';
  constructor(readonly reason: string) {
    super(`Customer-service chat is not available on this server: ${reason}`);
  }
}
