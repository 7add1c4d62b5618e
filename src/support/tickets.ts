import { randomBytes } from 'node:crypto';
import type { SqlRunner } from './sql-runner.ts';
import { timestampText } from './support-clock.ts';

export type TicketKind = 'cancel' | 'return' | 'exchange' | 'address_change' | 'handoff' | 'other';
export type TicketStatus = 'open' | 'approved' | 'denied' | 'completed' | 'closed';

/** Ticket ids shoppers can read out to an agent: 'TK' + date + 8 random hex digits. */
export function newTicketId(now: Date): string {
  const date = timestampText(now).slice(0, 10).replaceAll('-', '');
  return `TK${date}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

export async function insertTicket(
  runner: SqlRunner,
  ticket: { conversationId: string | null; customerId: number | null; orderId: number | null; kind: TicketKind; status: TicketStatus; reason: string | null; payload: unknown; now: Date },
): Promise<string> {
  const ticketId = newTicketId(ticket.now);
  await runner.run(
    `INSERT INTO tickets (ticket_id, conversation_id, customer_id, order_id, kind, status, reason, payload, created_at, updated_at)
     VALUES ($id, $conversation, $customer, $order, $kind, $status, $reason, $payload, $now::TIMESTAMP, $now::TIMESTAMP)`,
    {
      id: ticketId,
      conversation: ticket.conversationId,
      customer: ticket.customerId,
      order: ticket.orderId,
      kind: ticket.kind,
      status: ticket.status,
      reason: ticket.reason,
      payload: JSON.stringify(ticket.payload ?? null),
      now: timestampText(ticket.now),
    },
  );
  return ticketId;
}
