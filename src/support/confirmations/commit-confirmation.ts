import type { Warehouse } from '../../sql/warehouse.ts';
import { appendAudit } from '../audit-log.ts';
import { decisionLabel, type BilingualText, type PolicyDecision } from '../policy/policy-decision.ts';
import type { RefundPlan } from '../policy/refund-policy.ts';
import { runnerOf } from '../sql-runner.ts';
import { recordSupportEvent } from '../support-events.ts';
import { customerActor, type SupportScope } from '../support-session.ts';
import { applyOperation } from './apply-operation.ts';
import { claimConfirmation, markConfirmation } from './confirmation-store.ts';
import { evaluateWrite, requestOf } from './evaluate-write.ts';
import { INTENT_OF_WRITE, type PendingOperation } from './pending-operation.ts';

export type CommitOutcome =
  | { status: 'committed'; operation: PendingOperation; ticketId: string; summary: BilingualText; refund?: RefundPlan; changes: Record<string, unknown> }
  | { status: 'denied'; operation: PendingOperation; decision: PolicyDecision }
  | { status: 'rejected'; reason: 'not_found' | 'already_used' | 'expired' | 'superseded' }
  | { status: 'declined'; operation: PendingOperation };

export interface CommitInput {
  warehouse: Warehouse;
  conversationId: string;
  scope: SupportScope;
  confirmationId: string;
  /** false: the shopper said no; the token is spent and nothing changes. */
  confirm: boolean;
  now: Date;
  policyDate: string;
  planner: string;
  language: 'en' | 'zh';
  /** The shop's currency, for the amounts on the card re-evaluated at commit. */
  currency: string | null;
}

/**
 * Commits (or declines) a previewed write in ONE transaction: claim the one-time token, re-check the order and
 * the policy on fresh data, apply the change, mark the token used and append the audit row. If anything fails
 * the transaction rolls back and the token stays unused until it expires.
 */
export async function commitConfirmation(input: CommitInput): Promise<CommitOutcome> {
  const { scope, now, conversationId } = input;
  const actor = customerActor(scope);
  return input.warehouse.transaction(async (connection) => {
    const runner = runnerOf(connection);
    const claim = await claimConfirmation(runner, { confirmationId: input.confirmationId, conversationId, customerId: scope.customerId, now });
    const event = { at: now, conversationId, customerId: scope.customerId, planner: input.planner, language: input.language };
    if (!claim.ok) {
      await recordSupportEvent(runner, { ...event, type: 'confirmation_rejected', outcome: claim.reason });
      return { status: 'rejected', reason: claim.reason };
    }
    const { operation } = claim;
    const common = { ...event, tool: operation.tool, intent: INTENT_OF_WRITE[operation.tool], orderId: operation.orderId };
    if (!input.confirm) {
      await markConfirmation(runner, input.confirmationId, 'declined', now);
      await recordSupportEvent(runner, { ...common, type: 'confirmation_declined', outcome: 'declined' });
      return { status: 'declined', operation };
    }
    const evaluation = await evaluateWrite(runner, scope, requestOf(operation), input.policyDate, input.currency);
    if (!evaluation.found || !evaluation.decision.allowed) {
      await markConfirmation(runner, input.confirmationId, 'rejected', now);
      const decisionText = evaluation.found ? decisionLabel(evaluation.decision) : 'not_found';
      await appendAudit(runner, { at: now, actor, conversationId, tool: operation.tool, arguments: operation, policyDecision: decisionText, result: { status: 'denied_at_commit' } });
      if (!evaluation.found) return { status: 'rejected', reason: 'not_found' };
      await recordSupportEvent(runner, { ...common, type: 'policy_denial', policySection: evaluation.decision.section, outcome: evaluation.decision.code });
      return { status: 'denied', operation, decision: evaluation.decision };
    }
    // A card spanning several orders commits every part in this one transaction, each with its own audit row.
    const parts = evaluation.parts ?? [evaluation];
    const applied: { ticketId: string; changes: Record<string, unknown> }[] = [];
    for (const part of parts) {
      const done = await applyOperation(runner, { operation: part.operation, order: part.order, lines: part.lines, refund: part.refund, conversationId, customerId: scope.customerId, now });
      applied.push(done);
      await appendAudit(runner, {
        at: now, actor, conversationId, tool: part.operation.tool, arguments: part.operation,
        policyDecision: decisionLabel(part.decision), result: { status: 'committed', ticket_id: done.ticketId, changes: done.changes, ...(parts.length > 1 ? { card: input.confirmationId } : {}) },
      });
      await recordSupportEvent(runner, { ...common, tool: part.operation.tool, intent: INTENT_OF_WRITE[part.operation.tool], orderId: part.operation.orderId, type: 'write_committed', policySection: part.decision.section, outcome: 'committed' });
    }
    if (!(await markConfirmation(runner, input.confirmationId, 'committed', now))) {
      throw new Error(`Confirmation ${input.confirmationId} was used concurrently; this commit is rolled back.`);
    }
    const ticketId = applied.map((done) => done.ticketId).join(', ');
    const changes = applied.length === 1 ? (applied[0] as { changes: Record<string, unknown> }).changes : { parts: applied.map((done) => done.changes) };
    return { status: 'committed', operation, ticketId, summary: evaluation.summary, refund: evaluation.refund, changes };
  });
}
