import { randomUUID } from 'node:crypto';
import type { SqlRunner } from './sql-runner.ts';
import { timestampText } from './support-clock.ts';

export type SupportEventType =
  | 'turn'
  | 'policy_denial'
  | 'confirmation_requested'
  | 'write_committed'
  | 'confirmation_declined'
  | 'confirmation_rejected'
  | 'handoff_offered'
  | 'handoff_requested'
  | 'handoff_taken'
  | 'handoff_resolved'
  | 'csat_rating'
  | 'injection_suspected';

export interface SupportEvent {
  at: Date;
  conversationId: string | null;
  customerId: number | null;
  type: SupportEventType;
  intent?: string | null;
  tool?: string | null;
  orderId?: number | null;
  policySection?: string | null;
  outcome?: string | null;
  planner?: string | null;
  language?: string | null;
  /** csat_rating only: the shopper's 1–5 rating. */
  rating?: number | null;
}

/** Appends one row to support_events (analytics of support chats; never message text or personal data). */
export async function recordSupportEvent(runner: SqlRunner, event: SupportEvent): Promise<void> {
  await runner.run(
    `INSERT INTO support_events (event_id, occurred_at, conversation_id, customer_id, event_type, intent, tool, order_id, policy_section, outcome, planner, language, rating)
     VALUES ($id, $at::TIMESTAMP, $conversation, $customer, $type, $intent, $tool, $order, $section, $outcome, $planner, $language, $rating)`,
    {
      id: randomUUID(),
      at: timestampText(event.at),
      conversation: event.conversationId,
      customer: event.customerId,
      type: event.type,
      intent: event.intent ?? null,
      tool: event.tool ?? null,
      order: event.orderId ?? null,
      section: event.policySection ?? null,
      outcome: event.outcome ?? null,
      planner: event.planner ?? null,
      language: event.language ?? null,
      rating: event.rating ?? null,
    },
  );
}
