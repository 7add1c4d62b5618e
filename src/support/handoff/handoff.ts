import { z } from 'zod';
import type { Warehouse } from '../../sql/warehouse.ts';
import { appendAudit } from '../audit-log.ts';
import { freshDialogue, readConversation, writeDialogue } from '../dialogue/dialogue-state.ts';
import { runnerOf, type SqlRunner } from '../sql-runner.ts';
import { systemClock, timestampText, type SupportClock } from '../support-clock.ts';
import { SupportError } from '../support-error.ts';
import { recordSupportEvent } from '../support-events.ts';
import { customerActor, SupportSessionSchema, type SupportSession } from '../support-session.ts';
import { insertTicket } from '../tickets.ts';
import { HandoffStateError } from './handoff-error.ts';
import { buildHandoffSummary } from './handoff-summary.ts';

/*
 * Hand-off state machine, persisted in conversations.state and a 'handoff' ticket:
 *   bot → queued (requestHandoff) → human (takeConversation) → resolved (resolveConversation) → bot (next shopper
 *   message, in SupportAgent). The ticket is 'open' while queued or with a human and 'completed' once resolved.
 */

export interface HandoffOptions {
  clock?: SupportClock;
}

async function openHandoffTicket(runner: SqlRunner, conversationId: string): Promise<{ ticketId: string; summary: string } | undefined> {
  const result = await runner.query(
    `SELECT ticket_id, json_extract_string(payload, '$.summary') AS summary FROM tickets
      WHERE conversation_id = $id AND kind = 'handoff' AND status = 'open' ORDER BY created_at DESC LIMIT 1`,
    { id: conversationId },
  );
  const row = result.rows[0];
  return row ? { ticketId: String(row.ticket_id), summary: String(row.summary ?? '') } : undefined;
}

/** The open hand-off ticket of a conversation, if it is queued or with a human. */
export async function currentHandoffTicket(warehouse: Warehouse, conversationId: string): Promise<string | undefined> {
  return (await openHandoffTicket(warehouse, conversationId))?.ticketId;
}

/**
 * bot → queued: opens a 'handoff' ticket with a summary for the agent. Asking again while queued or with a
 * human returns the same ticket (idempotent).
 */
export async function requestHandoff(
  warehouse: Warehouse,
  conversationId: string,
  session: SupportSession,
  reason: string,
  options: HandoffOptions & { runner?: SqlRunner; planner?: string } = {},
): Promise<{ ticketId: string; summary: string }> {
  const parsedSession = SupportSessionSchema.safeParse(session);
  if (!parsedSession.success) throw new SupportError(`Invalid support session: ${parsedSession.error.message}`, { kind: 'invalid_session', conversationId });
  const { scope } = parsedSession.data;
  const now = (options.clock ?? systemClock).now();
  const work = async (runner: SqlRunner) => {
    const conversation = await readConversation(runner, conversationId);
    if (!conversation || conversation.kind !== 'support' || conversation.customerId !== scope.customerId) {
      throw new SupportError(`No support conversation ${conversationId} for this shopper. The server creates it (kind 'support', customer_id) before the first message.`, { kind: 'conversation_not_found', conversationId });
    }
    if (conversation.state === 'queued' || conversation.state === 'human') {
      const existing = await openHandoffTicket(runner, conversationId);
      if (existing) return existing;
    }
    const language = session.language ?? conversation.dialogue.language ?? 'zh';
    const cleanReason = reason.replace(/\s+/g, ' ').trim().slice(0, 200) || (language === 'zh' ? '顾客要求人工' : 'shopper asked for a human');
    const summary = await buildHandoffSummary(runner, { conversationId, customerId: scope.customerId, dialogue: conversation.dialogue, reason: cleanReason, language });
    const ticketId = await insertTicket(runner, {
      conversationId, customerId: scope.customerId, orderId: null, kind: 'handoff', status: 'open', reason: cleanReason,
      payload: { summary, queued_at: timestampText(now), scope: scope.kind }, now,
    });
    await runner.run(`UPDATE conversations SET state = 'queued', updated_at = $now::TIMESTAMP WHERE conversation_id = $id`, { id: conversationId, now: timestampText(now) });
    // The bot's half-finished task and pending card end here: the human takes it from the summary.
    await runner.run(`UPDATE support_confirmations SET status = 'superseded', resolved_at = $now::TIMESTAMP WHERE conversation_id = $id AND status = 'pending'`, { id: conversationId, now: timestampText(now) });
    await writeDialogue(runner, conversation, { ...conversation.dialogue, task: undefined, confirmation: undefined, handoffOffered: false, misunderstood: 0 }, now);
    await appendAudit(runner, { at: now, actor: customerActor(scope), conversationId, tool: 'escalate_to_human', arguments: { reason: cleanReason }, policyDecision: 'allow:P7 human-support', result: { ticket_id: ticketId } });
    await recordSupportEvent(runner, { at: now, conversationId, customerId: scope.customerId, type: 'handoff_requested', intent: 'handoff', tool: 'escalate_to_human', policySection: 'P7 human-support', outcome: 'queued', planner: options.planner ?? null, language });
    return { ticketId, summary };
  };
  return options.runner ? work(options.runner) : warehouse.transaction((connection) => work(runnerOf(connection)));
}

async function transition(
  warehouse: Warehouse,
  conversationId: string,
  agentId: string,
  move: { from: 'queued' | 'human'; to: 'human' | 'resolved'; ticketStatus: 'open' | 'completed'; tool: string; event: 'handoff_taken' | 'handoff_resolved'; hint: string },
  clock: SupportClock,
): Promise<void> {
  const agent = agentId.trim();
  if (!agent) throw new SupportError('An agent id is required to take or resolve a conversation.', { kind: 'invalid_session', conversationId });
  const now = clock.now();
  await warehouse.transaction(async (connection) => {
    const runner = runnerOf(connection);
    const conversation = await readConversation(runner, conversationId);
    if (!conversation || conversation.kind !== 'support') throw new HandoffStateError(conversationId, 'missing', move.to, 'Check the conversation id (listQueue shows waiting conversations).');
    const updated = await runner.query(
      `UPDATE conversations SET state = $to, updated_at = $now::TIMESTAMP WHERE conversation_id = $id AND state = $from RETURNING last_seq`,
      { id: conversationId, from: move.from, to: move.to, now: timestampText(now) },
    );
    if (updated.rows.length === 0) throw new HandoffStateError(conversationId, conversation.state, move.to, move.hint);
    const ticket = await openHandoffTicket(runner, conversationId);
    if (ticket) {
      const field = move.to === 'human' ? 'taken' : 'resolved';
      await runner.run(
        `UPDATE tickets SET status = $status, updated_at = $now::TIMESTAMP,
                payload = json_merge_patch(coalesce(payload, '{}'), $patch) WHERE ticket_id = $ticket`,
        { ticket: ticket.ticketId, status: move.ticketStatus, now: timestampText(now), patch: JSON.stringify({ [`${field}_by`]: agent, [`${field}_at`]: timestampText(now) }) },
      );
    }
    if (move.to === 'resolved') {
      // A resolved thread is closed for the bot: the next shopper message starts after last_seq, with no task.
      const lastSeq = z.number().int().parse(updated.rows[0]?.last_seq);
      await writeDialogue(runner, conversation, freshDialogue(lastSeq, conversation.dialogue.language), now);
    }
    await appendAudit(runner, { at: now, actor: `agent:${agent}`, conversationId, tool: move.tool, arguments: { agent_id: agent }, policyDecision: null, result: { state: move.to, ticket_id: ticket?.ticketId ?? null } });
    await recordSupportEvent(runner, { at: now, conversationId, customerId: conversation.customerId, type: move.event, intent: 'handoff', outcome: move.to, planner: 'human' });
  });
}

/** queued → human: an agent takes the conversation. Only one agent can take it; a second gets HandoffStateError. */
export async function takeConversation(warehouse: Warehouse, conversationId: string, agentId: string, options: HandoffOptions = {}): Promise<void> {
  await transition(warehouse, conversationId, agentId, {
    from: 'queued', to: 'human', ticketStatus: 'open', tool: 'take_conversation', event: 'handoff_taken',
    hint: 'Only queued conversations can be taken; it may have been taken by another agent already.',
  }, options.clock ?? systemClock);
}

/** human → resolved: the agent closes the case; the shopper's next message goes to the bot, starting fresh. */
export async function resolveConversation(warehouse: Warehouse, conversationId: string, agentId: string, options: HandoffOptions = {}): Promise<void> {
  await transition(warehouse, conversationId, agentId, {
    from: 'human', to: 'resolved', ticketStatus: 'completed', tool: 'resolve_conversation', event: 'handoff_resolved',
    hint: 'Only conversations an agent has taken can be resolved: call takeConversation first.',
  }, options.clock ?? systemClock);
}

/** Conversations waiting for an agent, longest waiting first. */
export async function listQueue(warehouse: Warehouse): Promise<{ conversationId: string; customerId: number | null; summary: string; queuedAt: string }[]> {
  const result = await warehouse.query(
    `SELECT c.conversation_id, c.customer_id, json_extract_string(t.payload, '$.summary') AS summary, t.created_at AS queued_at
       FROM conversations c
       JOIN tickets t ON t.conversation_id = c.conversation_id AND t.kind = 'handoff' AND t.status = 'open'
      WHERE c.state = 'queued' AND c.kind = 'support'
      ORDER BY t.created_at, c.conversation_id`,
  );
  return result.rows.map((row) => ({
    conversationId: String(row.conversation_id),
    customerId: row.customer_id === null ? null : Number(row.customer_id),
    summary: String(row.summary ?? ''),
    queuedAt: String(row.queued_at),
  }));
}
