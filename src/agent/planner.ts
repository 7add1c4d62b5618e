import type { NextStep } from './next-step.ts';
import type { Language } from './tool-context.ts';
import type { AnyTool } from './tool.ts';

export interface ToolOutcome {
  callId: string;
  toolName: string;
  arguments: unknown;
  ok: boolean;
  result?: unknown;
  error?: { kind: string; message: string; detail?: unknown };
  elapsedMs: number;
}

/** One earlier turn of the conversation, as planners need it for follow-ups. */
export interface PreviousTurn {
  question: string;
  /** Planner-specific memory of the turn, e.g. the semantic query it answered. */
  memory?: unknown;
}

export interface AgentState {
  question: string;
  language: Language;
  asOf: string;
  history: readonly PreviousTurn[];
  toolOutcomes: ToolOutcome[];
  tools: readonly AnyTool[];
  /** Streams planner text (e.g. LLM tokens) to whoever is listening. */
  emitTextDelta?: (delta: string) => void;
}

export interface Planner {
  /** 'offline' or 'llm:<model>', recorded in every transcript. */
  readonly id: string;
  next(state: AgentState): Promise<NextStep>;
  /** What to remember of this turn for follow-ups (called once the run ends). */
  memoryOf?(state: AgentState): unknown;
}
