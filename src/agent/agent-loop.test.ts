import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runAgent } from './agent-loop.ts';
import type { NextStep } from './next-step.ts';
import type { AgentState, Planner } from './planner.ts';
import { defineTool } from './tool.ts';
import type { ToolContext } from './tool-context.ts';
import type { Warehouse } from '../sql/warehouse.ts';

/** A planner that replays fixed steps and records the state it saw each time. */
class StepPlanner implements Planner {
  readonly id = 'steps';
  readonly seen: number[] = [];
  constructor(private readonly steps: NextStep[]) {}
  async next(state: AgentState): Promise<NextStep> {
    this.seen.push(state.toolOutcomes.length);
    const step = this.steps.shift();
    if (!step) throw new Error('StepPlanner ran out of steps');
    return step;
  }
}

const echo = defineTool({
  name: 'echo',
  description: 'Echo a number back',
  parameters: z.object({ value: z.number() }),
  async execute({ value }) {
    if (value < 0) throw Object.assign(new Error('negative'), { kind: 'syntax' });
    return { value };
  },
});

function stateFor(): AgentState {
  return { question: 'q', language: 'en', asOf: '2025-11-30', history: [], toolOutcomes: [], tools: [echo as never] };
}

const context = { warehouse: {} as Warehouse, language: 'en', asOf: '2025-11-30' } satisfies ToolContext;

describe('runAgent', () => {
  it('runs tool calls, feeds results back and ends on an answer', async () => {
    const planner = new StepPlanner([
      { type: 'tool-call', callId: 'a', toolName: 'echo', arguments: { value: 3 } },
      { type: 'answer', text: 'three' },
    ]);
    const phases: string[] = [];
    const run = await runAgent({ planner, state: stateFor(), context, onEvent: (event) => (event.type === 'phase' ? phases.push(event.phase) : undefined) });
    expect(run.ending).toEqual({ type: 'answer', text: 'three' });
    expect(phases).toEqual(['understanding', 'planning', 'running', 'planning']);
    expect(planner.seen).toEqual([0, 1]);
    expect(run.state.toolOutcomes[0]).toMatchObject({ ok: true, result: { value: 3 } });
    expect(run.transcript.entries.map((entry) => entry.type)).toEqual(['planner-step', 'tool-call', 'planner-step']);
  });

  it('forwards a tool\'s progress as tool-progress events and stops once the asker cancels', async () => {
    const controller = new AbortController();
    const training = defineTool({
      name: 'train',
      description: 'Reports progress, then is cancelled',
      parameters: z.object({}),
      async execute(_arguments, toolContext) {
        toolContext.onProgress?.({ phase: 'fitting', percent: 40, elapsedMs: 1200 });
        controller.abort();
        throw Object.assign(new Error('cancelled'), { kind: 'cancelled' });
      },
    });
    const planner = new StepPlanner([
      { type: 'tool-call', callId: 't', toolName: 'train', arguments: {} },
      { type: 'answer', text: 'never reached' },
    ]);
    const events: unknown[] = [];
    const run = await runAgent({
      planner,
      state: { ...stateFor(), tools: [training as never] },
      context: { ...context, signal: controller.signal },
      onEvent: (event) => (event.type === 'tool-progress' ? events.push(event) : undefined),
    });
    expect(events).toEqual([{ type: 'tool-progress', callId: 't', toolName: 'train', phase: 'fitting', percent: 40, elapsedMs: 1200 }]);
    expect(run.ending).toEqual({ type: 'stopped', reason: 'cancelled by the asker' });
    expect(planner.seen).toEqual([0]);
  });

  it('reports invalid arguments and unknown tools to the planner instead of throwing', async () => {
    const planner = new StepPlanner([
      { type: 'tool-call', callId: 'a', toolName: 'echo', arguments: { value: 'x' } },
      { type: 'tool-call', callId: 'b', toolName: 'nope', arguments: {} },
      { type: 'refuse', reason: 'gave up' },
    ]);
    const run = await runAgent({ planner, state: stateFor(), context });
    expect(run.state.toolOutcomes.map((outcome) => outcome.error?.kind)).toEqual(['invalid_arguments', 'unknown_tool']);
    expect(run.state.toolOutcomes[0]?.error?.message).toContain('value');
    expect(run.ending).toEqual({ type: 'refuse', reason: 'gave up' });
  });

  it('stops when a kind of error exceeds its retry cap', async () => {
    const failing = { type: 'tool-call' as const, toolName: 'echo', arguments: { value: -1 } };
    const planner = new StepPlanner([
      { ...failing, callId: 'a' },
      { ...failing, callId: 'b' },
      { ...failing, callId: 'c' },
      { type: 'answer' },
    ]);
    const run = await runAgent({ planner, state: stateFor(), context });
    expect(run.ending).toMatchObject({ type: 'stopped', reason: 'retry limit for syntax errors reached' });
    expect(run.state.toolOutcomes).toHaveLength(3);
  });
});
