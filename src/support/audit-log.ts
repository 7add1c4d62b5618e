import { randomUUID } from 'node:crypto';
import type { SqlRunner } from './sql-runner.ts';
import { timestampText } from './support-clock.ts';

export interface AuditEntry {
  at: Date;
  /** 'customer:<id>' for the shopper (through the bot), 'agent:<id>' for a human agent. */
  actor: string;
  conversationId: string | null;
  tool: string;
  arguments: unknown;
  /** e.g. 'allow:P1 cancellation:not_shipped' or 'deny:P2 returns:return_window_passed'. */
  policyDecision: string | null;
  result: unknown;
}

/** Appends one audit_log row. Nothing in the application updates or deletes audit rows. */
export async function appendAudit(runner: SqlRunner, entry: AuditEntry): Promise<string> {
  const auditId = randomUUID();
  await runner.run(
    `INSERT INTO audit_log (audit_id, occurred_at, actor, conversation_id, tool, arguments, policy_decision, result)
     VALUES ($id, $at::TIMESTAMP, $actor, $conversation, $tool, $arguments, $decision, $result)`,
    {
      id: auditId,
      at: timestampText(entry.at),
      actor: entry.actor,
      conversation: entry.conversationId,
      tool: entry.tool,
      arguments: JSON.stringify(entry.arguments ?? null),
      decision: entry.policyDecision,
      result: JSON.stringify(entry.result ?? null),
    },
  );
  return auditId;
}
