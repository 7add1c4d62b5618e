import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { requestHandoff } from '../handoff/handoff.ts';
import { supportRuntimeOf } from '../support-tool-context.ts';

export const escalateToHumanParameters = z.strictObject({
  reason: z.string().trim().min(1).max(200).describe('Why a human is needed, in a few words'),
});

export const escalateToHumanTool = defineTool({
  name: 'escalate_to_human',
  description: 'Hands the conversation to a human agent: it joins the queue with a summary and the shopper gets a ticket id. Use when the shopper asks for a person, is upset, or the request is outside what the tools can do.',
  parameters: escalateToHumanParameters,
  async execute(argumentsValue, context) {
    const { reason } = escalateToHumanParameters.parse(argumentsValue);
    const runtime = supportRuntimeOf(context);
    if (!context.conversationId) throw new Error('escalate_to_human needs ToolContext.conversationId.');
    const handoff = await requestHandoff(context.warehouse, context.conversationId, { scope: runtime.scope, language: context.language }, reason, { clock: runtime.clock, planner: runtime.planner });
    return { kind: 'handoff' as const, state: 'queued' as const, ticket_id: handoff.ticketId };
  },
});
