import type { ResultColumn } from '../presentation/result-table.ts';
import type { SupportEvent } from './support-events.ts';
import type { SupportSession } from './support-session.ts';
import type { AgentEventListener } from '../agent/agent-events.ts';

/** What a confirmation card does, so its buttons can say it; 'several' is one card for a request spanning orders. */
export const CONFIRMATION_ACTIONS = ['cancel_order', 'return', 'exchange', 'change_address', 'change_payment', 'change_items', 'default_address', 'several'] as const;
export type ConfirmationAction = (typeof CONFIRMATION_ACTIONS)[number];

export interface SupportCitation {
  articleId: string;
  /** Stable section id, e.g. "P2 returns". */
  section: string;
  title: string;
}

export interface SupportTable {
  columns: ResultColumn[];
  rows: Record<string, unknown>[];
}

/** One bot message as the shopper sees it, plus the structured parts the web client renders. */
export interface SupportReply {
  text: string;
  /** order_status, cancel_order, return, exchange, change_address, product_question, recommendation, faq, handoff, greeting, confirmation, other. */
  intent: string;
  table?: SupportTable;
  /** A write awaiting the shopper's yes. */
  /** `action` names what the card does, so its buttons can say it ("Cancel order" / "Keep order"). */
  confirmation?: { confirmationId: string; summary: string; expiresAt: string; action?: ConfirmationAction };
  handoff?: { state: 'queued' | 'human'; ticketId: string };
  /** Policy or FAQ sections the text relies on. */
  citations?: SupportCitation[];
}

/**
 * What a turn writes besides its replies: the conversation's new context (the dialogue state) and its support events.
 * A server that persists the replies takes these (handleMessage's deferWrites) and writes them in the replies' own
 * transaction: one commit per reply instead of three, and a crash never keeps a dialogue step whose reply was lost.
 */
export interface TurnWrites {
  /** conversations.context as JSON text. */
  context: string;
  events: SupportEvent[];
}

export const SUPPORT_INTENTS = [
  'order_status', 'cancel_order', 'return', 'exchange', 'change_address', 'change_payment', 'change_items', 'default_address', 'several', 'payment_info', 'product_question', 'recommendation',
  'faq', 'handoff', 'greeting', 'confirmation', 'other',
] as const;
export type SupportIntent = (typeof SUPPORT_INTENTS)[number];

/** One shopper message handed to a support responder (the agent, or a test fake). */
export interface SupportMessageInput {
  conversationId: string;
  session: SupportSession;
  text: string;
  onEvent?: AgentEventListener;
  /** The responder hands over the turn's other writes, which the server commits with the replies. */
  deferWrites?: (writes: TurnWrites) => void;
  /** The conversations row as the server last committed it, when nothing may have changed it since (undefined: read it). */
  committedRow?: () => Readonly<Record<string, unknown>> | undefined;
}
