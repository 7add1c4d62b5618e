import type { NextStep } from '../../agent/next-step.ts';
import type { AgentState, Planner } from '../../agent/planner.ts';
import { say } from '../render/reply-texts.ts';
import { planTurn } from './plan-turn.ts';
import { FlowToolError, type Flow, type TurnInput, type TurnResult } from './turn.ts';

/**
 * The default support planner (no network): drives one turn's flow through the shared agent loop, so its tool
 * calls obey the same stop rules and appear in the same transcript as the LLM planner's. One instance per turn.
 */
export class SupportOfflinePlanner implements Planner {
  readonly id = 'offline-support';
  private readonly flow: Flow;
  private started = false;
  private calls = 0;
  /** Set when the flow finishes; undefined if the loop stopped it first (limits). */
  result?: TurnResult;

  constructor(private readonly input: TurnInput) {
    this.flow = planTurn(input);
  }

  async next(state: AgentState): Promise<NextStep> {
    let step: IteratorResult<{ toolName: string; arguments: Record<string, unknown> }, TurnResult>;
    try {
      if (!this.started) {
        this.started = true;
        step = this.flow.next(undefined as never);
      } else {
        const outcome = state.toolOutcomes[state.toolOutcomes.length - 1];
        if (!outcome) throw new FlowToolError('unknown', 'missing_outcome', 'the loop returned no tool outcome');
        step = this.flow.next(outcome);
      }
    } catch (error) {
      if (!(error instanceof FlowToolError)) throw error;
      // A tool the flow relied on failed: apologise and offer a human instead of guessing.
      this.result = {
        intent: this.input.dialogue.task?.intent ?? this.input.recognition.intent ?? 'other',
        text: say(this.input.language, 'Sorry, something went wrong while looking that up. Shall I pass you to a human agent? Reply "yes".', '抱歉,查询时出了点问题。需要为您转接人工客服吗?回复“是”即可。'),
        outcome: 'error',
        dialogue: { ...this.input.dialogue, handoffOffered: true },
      };
      return { type: 'answer', text: this.result.text };
    }
    if (step.done) {
      this.result = step.value;
      return { type: 'answer', text: step.value.text };
    }
    this.calls += 1;
    return { type: 'tool-call', callId: `offline-support-${this.calls}`, toolName: step.value.toolName, arguments: step.value.arguments, rationale: `offline support flow step ${this.calls}` };
  }
}
