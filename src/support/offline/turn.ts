import type { ToolOutcome } from '../../agent/planner.ts';
import type { Language } from '../../text/language.ts';
import type { DialogueState } from '../dialogue/dialogue-state.ts';
import type { Recognition } from '../dialogue/recognize-message.ts';
import type { SupportIntent, SupportReply, SupportTable } from '../support-reply.ts';

export interface ToolRequest {
  toolName: string;
  arguments: Record<string, unknown>;
}

export type TurnOutcomeKind = 'answered' | 'clarify' | 'not_understood' | 'denied' | 'awaiting_confirmation' | 'not_found' | 'handoff' | 'error';

/** What one offline turn decided: the reply, its structured parts, and the dialogue state to keep. */
export interface TurnResult {
  intent: SupportIntent;
  text: string;
  outcome: TurnOutcomeKind;
  dialogue: DialogueState;
  table?: SupportTable;
  /** Policy/FAQ section ids the text relies on ("P2 returns"); the agent turns them into citations. */
  citations?: string[];
  confirmation?: SupportReply['confirmation'];
  handoff?: { state: 'queued'; ticketId: string };
}

export interface CategoryName {
  en: string;
  zh: string | null;
}

export interface TurnInput {
  text: string;
  language: Language;
  recognition: Recognition;
  dialogue: DialogueState;
  /** Catalogue categories, to pass "推荐耳机" on as a category. */
  categories: readonly CategoryName[];
  /** The shop's currency for every amount the turn writes (null: none recorded). */
  currency: string | null;
}

/**
 * A turn is a generator: it yields the tool calls it needs (run by the agent loop, with its limits) and
 * receives each outcome back, then returns the TurnResult. Flows read top to bottom like the dialogue.
 */
export type Flow = Generator<ToolRequest, TurnResult, ToolOutcome>;

export function* call(toolName: string, argumentsValue: Record<string, unknown>): Generator<ToolRequest, ToolOutcome, ToolOutcome> {
  return yield { toolName, arguments: argumentsValue };
}

/** A tool call the flow depends on failed; the planner turns this into an apology and an offer of a human. */
export class FlowToolError extends Error {
  override readonly name = 'FlowToolError';
  constructor(readonly toolName: string, readonly kind: string, message: string) {
    super(`${toolName} failed (${kind}): ${message}`);
  }
}

/** The result of a tool call the flow depends on, typed by the caller (our own tools, so the shape is known). */
export function expectResult<Result>(outcome: ToolOutcome, toolName: string): Result {
  if (!outcome.ok) throw new FlowToolError(toolName, outcome.error?.kind ?? 'other', outcome.error?.message ?? 'no message');
  if (outcome.toolName !== toolName) throw new FlowToolError(toolName, 'unexpected', `expected a result from ${toolName}, got one from ${outcome.toolName}`);
  return outcome.result as Result;
}

export function tableOf(result: { columns: SupportTable['columns']; rows: readonly object[] }): SupportTable {
  return { columns: result.columns, rows: result.rows.map((row) => ({ ...row })) };
}
