import type { ToolContext } from '../../agent/tool-context.ts';
import { appendAudit } from '../audit-log.ts';
import { decisionLabel } from '../policy/policy-decision.ts';
import { runnerOf } from '../sql-runner.ts';
import { recordSupportEvent } from '../support-events.ts';
import { customerActor } from '../support-session.ts';
import { supportRuntimeOf } from '../support-tool-context.ts';
import { createConfirmation } from './confirmation-store.ts';
import { evaluateWrite, type WriteRequest } from './evaluate-write.ts';
import { INTENT_OF_WRITE } from './pending-operation.ts';
import { orderNotFoundText, type WriteToolResult } from './write-result.ts';

/**
 * The body of every write tool: check the order (in scope) and the policy, then either record the denial
 * (audit_log + support_events) or store a one-time confirmation. Nothing in the order changes here; the change
 * happens only in commitConfirmation, after the shopper says yes.
 */
export async function previewWrite(context: ToolContext, request: WriteRequest, toolArguments: unknown): Promise<WriteToolResult> {
  const runtime = supportRuntimeOf(context);
  const language = context.language;
  const now = runtime.clock.now();
  const conversationId = context.conversationId ?? null;
  return context.warehouse.transaction(async (connection) => {
    const runner = runnerOf(connection);
    const evaluation = await evaluateWrite(runner, runtime.scope, request, runtime.policyDate, runtime.currency);
    const common = { at: now, conversationId, customerId: runtime.scope.customerId, tool: request.tool, intent: INTENT_OF_WRITE[request.tool], planner: runtime.planner, language };
    if (!evaluation.found) {
      const message = orderNotFoundText(evaluation.orderNo);
      await appendAudit(runner, { at: now, actor: customerActor(runtime.scope), conversationId, tool: request.tool, arguments: toolArguments, policyDecision: 'not_found', result: { status: 'not_found' } });
      return { status: 'not_found', order_no: evaluation.orderNo, message: message[language] };
    }
    const { decision, order } = evaluation;
    // A profile write (the default address) names no order.
    const orderId = order?.order_id ?? null;
    const orderNo = order?.order_no ?? null;
    if (!decision.allowed) {
      await appendAudit(runner, {
        at: now, actor: customerActor(runtime.scope), conversationId, tool: request.tool, arguments: toolArguments,
        policyDecision: decisionLabel(decision), result: { status: 'denied', order_id: orderId, code: decision.code },
      });
      await recordSupportEvent(runner, { ...common, type: 'policy_denial', orderId, policySection: decision.section, outcome: decision.code });
      return {
        status: 'denied', order_no: orderNo, policy_section: decision.section, code: decision.code,
        reason: decision.reason[language], reason_en: decision.reason.en, reason_zh: decision.reason.zh,
      };
    }
    if (!conversationId) throw new Error('A write preview needs ToolContext.conversationId: the confirmation token is bound to the conversation.');
    const confirmation = await createConfirmation(runner, {
      conversationId, customerId: runtime.scope.customerId, operation: evaluation.operation, summary: evaluation.summary,
      policySection: decision.section, now, ttlSeconds: runtime.confirmationTtlSeconds,
    });
    await recordSupportEvent(runner, { ...common, type: 'confirmation_requested', orderId, policySection: decision.section, outcome: 'awaiting_confirmation' });
    return {
      status: 'awaiting_confirmation',
      order_no: orderNo,
      confirmation_id: confirmation.confirmationId,
      summary: evaluation.summary[language],
      summary_en: evaluation.summary.en,
      summary_zh: evaluation.summary.zh,
      expires_at: confirmation.expiresAt,
      policy_section: decision.section,
      refund_amount: evaluation.refund?.amount ?? null,
      next_step: 'Nothing has changed yet. Show the summary and ask the shopper to confirm; the change happens only when they say yes.',
    };
  });
}
