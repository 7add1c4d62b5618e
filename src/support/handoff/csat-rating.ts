import { z } from 'zod';
import type { Warehouse } from '../../sql/warehouse.ts';
import { appendAudit } from '../audit-log.ts';
import { runnerOf } from '../sql-runner.ts';
import { systemClock, timestampText, type SupportClock } from '../support-clock.ts';
import { recordSupportEvent } from '../support-events.ts';

export const CsatRatingInputSchema = z.strictObject({
  conversationId: z.string().min(1).max(100),
  /** From the authenticated session, never from the message. */
  customerId: z.number().int().positive(),
  rating: z.number().int().min(1).max(5),
});
export type CsatRatingInput = z.infer<typeof CsatRatingInputSchema>;

/** A rating that cannot be stored; `kind` says why, the message what to do. */
export class CsatRatingError extends Error {
  override readonly name = 'CsatRatingError';
  constructor(
    message: string,
    readonly kind: 'invalid_rating' | 'conversation_not_found' | 'not_resolved_by_agent' | 'already_rated',
    readonly parameter?: string,
  ) {
    super(message);
  }
}

/**
 * Stores the shopper's CSAT rating of a conversation a human agent resolved: the support_ratings row (one per
 * conversation), a csat_rating support event (what the `csat` metric averages) and an audit row, in one transaction.
 */
export async function recordCsatRating(warehouse: Warehouse, input: unknown, options: { clock?: SupportClock } = {}): Promise<{ rating: number; agentId: string | null }> {
  const parsed = CsatRatingInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const parameter = issue?.path.map(String).join('.') || '(input)';
    throw new CsatRatingError(`Invalid CSAT rating: ${parameter}: ${issue?.message ?? 'invalid'}. A rating is a whole number from 1 to 5.`, 'invalid_rating', parameter);
  }
  const { conversationId, customerId, rating } = parsed.data;
  const now = (options.clock ?? systemClock).now();
  return warehouse.transaction(async (connection) => {
    const runner = runnerOf(connection);
    const conversation = await runner.query(`SELECT customer_id, language FROM conversations WHERE conversation_id = $id AND kind = 'support'`, { id: conversationId });
    const row = conversation.rows[0];
    if (!row || Number(row.customer_id) !== customerId) {
      throw new CsatRatingError(`No support conversation ${conversationId} of this shopper to rate.`, 'conversation_not_found', 'conversationId');
    }
    // Only what a person handled is rated: a hand-off ticket the agent completed (resolveConversation).
    const ticket = await runner.query(
      `SELECT json_extract_string(payload, '$.resolved_by') AS agent_id FROM tickets
        WHERE conversation_id = $id AND kind = 'handoff' AND status = 'completed' ORDER BY updated_at DESC LIMIT 1`,
      { id: conversationId },
    );
    if (ticket.rows.length === 0) {
      throw new CsatRatingError(`Conversation ${conversationId} has not been resolved by a customer-service agent; only those are rated.`, 'not_resolved_by_agent', 'conversationId');
    }
    const agentId = ticket.rows[0]?.agent_id === null || ticket.rows[0]?.agent_id === undefined ? null : String(ticket.rows[0].agent_id);
    const inserted = await runner.query(
      `INSERT INTO support_ratings (conversation_id, customer_id, agent_id, rating, rated_at) VALUES ($id, $customer, $agent, $rating, $at::TIMESTAMP)
       ON CONFLICT DO NOTHING RETURNING rating`,
      { id: conversationId, customer: customerId, agent: agentId, rating, at: timestampText(now) },
    );
    if (inserted.rows.length === 0) throw new CsatRatingError(`Conversation ${conversationId} has already been rated; a conversation is rated once.`, 'already_rated', 'conversationId');
    await appendAudit(runner, { at: now, actor: `customer:${customerId}`, conversationId, tool: 'rate_conversation', arguments: { rating }, policyDecision: null, result: { agent_id: agentId } });
    await recordSupportEvent(runner, { at: now, conversationId, customerId, type: 'csat_rating', intent: 'handoff', outcome: String(rating), planner: 'human', language: row.language === null || row.language === undefined ? null : String(row.language), rating });
    return { rating, agentId };
  });
}

/** The rating a conversation was given, or null when it has none (yet). */
export async function csatRatingOf(warehouse: Warehouse, conversationId: string): Promise<number | null> {
  const result = await warehouse.query('SELECT rating FROM support_ratings WHERE conversation_id = $id', { id: conversationId });
  const rating = result.rows[0]?.rating;
  return rating === undefined || rating === null ? null : z.number().int().parse(rating);
}
