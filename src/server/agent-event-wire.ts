import type { AgentEvent } from '../agent/agent-events.ts';
import type { ServerEvent } from './protocol.ts';

/** Turns an agent's progress event into its wire event (text deltas, phases, tool calls). */
export function wireEventOfAgentEvent(event: AgentEvent, conversationId: string, streamId: string): ServerEvent {
  switch (event.type) {
    case 'phase':
      return { type: 'phase-change', conversationId, streamId, phase: event.phase };
    case 'tool-call-start':
      return { type: 'tool-call-start', conversationId, streamId, callId: event.callId, toolName: event.toolName };
    case 'tool-progress':
      return { type: 'tool-progress', conversationId, streamId, callId: event.callId, toolName: event.toolName, phase: event.phase, percent: event.percent, elapsedMs: event.elapsedMs };
    case 'tool-result':
      return { type: 'tool-result', conversationId, streamId, callId: event.callId, toolName: event.toolName, ok: event.ok, elapsedMs: event.elapsedMs };
    case 'text-delta':
      return { type: 'text-delta', conversationId, streamId, delta: event.delta };
  }
}
