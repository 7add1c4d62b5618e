import { z } from 'zod';
import type { NextStep } from '../next-step.ts';
import type { AgentState, Planner, ToolOutcome } from '../planner.ts';
import type { AnyTool } from '../tool.ts';
import type { ChatMessage, ChatModel, ModelToolCall, ToolSpec } from './chat-model.ts';
import { toolResultMessage } from './tool-result-message.ts';

export interface LlmPlannerOptions {
  model: ChatModel;
  /** Builds the system prompt for a run (catalogue, as-of date, language rules). */
  systemPrompt: (state: AgentState) => string;
}

interface RunMemory {
  messages: ChatMessage[];
  queued: ModelToolCall[];
  reportedCallIds: Set<string>;
}

export function toolSpecOf(tool: AnyTool): ToolSpec {
  const schema = z.toJSONSchema(tool.modelSchema ?? tool.parameters, { target: 'draft-7', unrepresentable: 'any' }) as Record<string, unknown>;
  delete schema.$schema;
  return { name: tool.name, description: tool.description, parameters: schema };
}

/**
 * Plans with a tool-calling chat model. Each model response may ask for several tools; they are handed
 * to the loop one at a time, and their results go back to the model in one batch.
 */
export class LlmPlanner implements Planner {
  readonly id: string;
  private readonly runs = new WeakMap<AgentState, RunMemory>();

  constructor(private readonly options: LlmPlannerOptions) {
    this.id = `llm:${options.model.id}`;
  }

  private memoryFor(state: AgentState): RunMemory {
    let memory = this.runs.get(state);
    if (!memory) {
      const history: ChatMessage[] = state.history.flatMap((turn) => {
        const summary = typeof turn.memory === 'string' ? turn.memory : JSON.stringify(turn.memory ?? '');
        return [
          { role: 'user' as const, content: turn.question },
          { role: 'assistant' as const, content: summary },
        ];
      });
      memory = {
        messages: [{ role: 'system', content: this.options.systemPrompt(state) }, ...history, { role: 'user', content: state.question }],
        queued: [],
        reportedCallIds: new Set(),
      };
      this.runs.set(state, memory);
    }
    return memory;
  }

  async next(state: AgentState): Promise<NextStep> {
    const memory = this.memoryFor(state);
    const queued = memory.queued.shift();
    if (queued) return { type: 'tool-call', callId: queued.id, toolName: queued.name, arguments: queued.arguments };

    const unreported = state.toolOutcomes.filter((outcome: ToolOutcome) => !memory.reportedCallIds.has(outcome.callId));
    for (const outcome of unreported) {
      memory.messages.push(toolResultMessage(outcome));
      memory.reportedCallIds.add(outcome.callId);
    }

    const response = await this.options.model.respond({
      messages: memory.messages,
      tools: state.tools.map(toolSpecOf),
      onTextDelta: state.emitTextDelta,
    });
    memory.messages.push({ role: 'assistant', content: response.text, toolCalls: response.toolCalls });
    const [first, ...rest] = response.toolCalls;
    if (first) {
      memory.queued.push(...rest);
      return { type: 'tool-call', callId: first.id, toolName: first.name, arguments: first.arguments };
    }
    return { type: 'answer', text: response.text };
  }

  memoryOf(state: AgentState): unknown {
    const lastSql = [...state.toolOutcomes].reverse().find((outcome) => outcome.ok && outcome.result && typeof outcome.result === 'object' && 'sql' in outcome.result);
    return lastSql ? `Answered with SQL: ${(lastSql.result as { sql: string }).sql}` : 'No query was run.';
  }
}
