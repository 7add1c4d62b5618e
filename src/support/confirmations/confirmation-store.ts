import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { BilingualText } from '../policy/policy-decision.ts';
import type { SqlRunner } from '../sql-runner.ts';
import { parseTimestampText, timestampText } from '../support-clock.ts';
import { PendingOperationSchema, type PendingOperation } from './pending-operation.ts';

export interface CreatedConfirmation {
  confirmationId: string;
  /** ISO 8601 (UTC) for clients. */
  expiresAt: string;
  summary: BilingualText;
}

/**
 * Stores a previewed write as a one-time token. Any earlier pending token of the conversation is superseded:
 * only the card the shopper saw last can be confirmed.
 */
export async function createConfirmation(
  runner: SqlRunner,
  input: { conversationId: string; customerId: number; operation: PendingOperation; summary: BilingualText; policySection: string; now: Date; ttlSeconds: number },
): Promise<CreatedConfirmation> {
  const confirmationId = `cf_${randomBytes(18).toString('base64url')}`;
  const expires = new Date(input.now.getTime() + input.ttlSeconds * 1000);
  await runner.run(
    `UPDATE support_confirmations SET status = 'superseded', resolved_at = $now::TIMESTAMP WHERE conversation_id = $conversation AND status = 'pending'`,
    { conversation: input.conversationId, now: timestampText(input.now) },
  );
  await runner.run(
    `INSERT INTO support_confirmations (confirmation_id, conversation_id, customer_id, order_id, tool, operation, summary_en, summary_zh, policy_section, status, created_at, expires_at)
     VALUES ($id, $conversation, $customer, $order, $tool, $operation, $summary_en, $summary_zh, $section, 'pending', $now::TIMESTAMP, $expires::TIMESTAMP)`,
    {
      id: confirmationId,
      conversation: input.conversationId,
      customer: input.customerId,
      order: input.operation.orderId,
      tool: input.operation.tool,
      operation: JSON.stringify(input.operation),
      summary_en: input.summary.en,
      summary_zh: input.summary.zh,
      section: input.policySection,
      now: timestampText(input.now),
      expires: timestampText(expires),
    },
  );
  return { confirmationId, expiresAt: expires.toISOString(), summary: input.summary };
}

const StoredConfirmationSchema = z.object({
  confirmation_id: z.string(),
  conversation_id: z.string(),
  customer_id: z.number().int(),
  status: z.string(),
  operation: z.string(),
  expires_at: z.string(),
  summary_en: z.string(),
  summary_zh: z.string(),
});

export type ClaimResult =
  | { ok: true; operation: PendingOperation; summary: BilingualText }
  | { ok: false; reason: 'not_found' | 'already_used' | 'expired' | 'superseded' };

/**
 * Takes a token for use, inside the caller's transaction: it must exist, belong to this conversation and
 * customer (otherwise it is reported as not found, like a token that never existed), still be pending and not
 * be expired. A claimed token is marked 'committed' by the caller; an expired one is marked here.
 */
export async function claimConfirmation(
  runner: SqlRunner,
  input: { confirmationId: string; conversationId: string; customerId: number; now: Date },
): Promise<ClaimResult> {
  const result = await runner.query('SELECT * FROM support_confirmations WHERE confirmation_id = $id', { id: input.confirmationId });
  const row = result.rows[0] ? StoredConfirmationSchema.parse({ ...result.rows[0], operation: String(result.rows[0].operation) }) : undefined;
  if (!row || row.conversation_id !== input.conversationId || row.customer_id !== input.customerId) return { ok: false, reason: 'not_found' };
  if (row.status === 'expired') return { ok: false, reason: 'expired' };
  if (row.status === 'superseded') return { ok: false, reason: 'superseded' };
  if (row.status !== 'pending') return { ok: false, reason: 'already_used' };
  if (parseTimestampText(row.expires_at).getTime() <= input.now.getTime()) {
    await markConfirmation(runner, input.confirmationId, 'expired', input.now);
    return { ok: false, reason: 'expired' };
  }
  return {
    ok: true,
    operation: PendingOperationSchema.parse(JSON.parse(row.operation)),
    summary: { en: row.summary_en, zh: row.summary_zh },
  };
}

/** Moves a pending token to its final status; false if it was no longer pending (someone else used it). */
export async function markConfirmation(
  runner: SqlRunner,
  confirmationId: string,
  status: 'committed' | 'declined' | 'expired' | 'rejected',
  now: Date,
): Promise<boolean> {
  const result = await runner.query(
    `UPDATE support_confirmations SET status = $status, resolved_at = $now::TIMESTAMP
      WHERE confirmation_id = $id AND status = 'pending' RETURNING confirmation_id`,
    { id: confirmationId, status, now: timestampText(now) },
  );
  return result.rows.length === 1;
}
