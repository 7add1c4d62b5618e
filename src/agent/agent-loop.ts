import { performance } from 'node:perf_hooks';
import { NextStepSchema, type NextStep, type ToolCallStep } from './next-step.ts';
import type { AgentState, Planner, ToolOutcome } from './planner.ts';
import { DEFAULT_RUN_LIMITS, exceededStepLimit, exceededToolCallLimit, exhaustedRetryKind, type RunLimits } from './stop-rules.ts';
import type { ToolContext } from './tool-context.ts';
import type { AnyTool } from './tool.ts';
import { Transcript } from './transcript.ts';
import type { AgentEventListener } from './agent-events.ts';
import { toolErrorOf } from './tool-error.ts';

export type RunEnding =
  | { type: 'answer'; text?: string }
  | { type: 'clarify'; question: string; options: string[] }
  | { type: 'refuse'; reason: string }
  | { type: 'stopped'; reason: string };

export interface AgentRun {
  ending: RunEnding;
  state: AgentState;
  transcript: Transcript;
  planner: string;
}

export interface RunAgentInput {
  planner: Planner;
  state: AgentState;
  context: ToolContext;
  limits?: RunLimits;
  onEvent?: AgentEventListener;
}

async function callTool(step: ToolCallStep, tools: readonly AnyTool[], context: ToolContext): Promise<ToolOutcome> {
  const started = performance.now();
  const base = { callId: step.callId, toolName: step.toolName, arguments: step.arguments };
  const tool = tools.find((candidate) => candidate.name === step.toolName);
  if (!tool) {
    const known = tools.map((candidate) => candidate.name).join(', ');
    return { ...base, ok: false, error: { kind: 'unknown_tool', message: `No tool named ${step.toolName}. Use one of: ${known}.` }, elapsedMs: performance.now() - started };
  }
  const parsed = tool.parameters.safeParse(step.arguments);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    return { ...base, ok: false, error: { kind: 'invalid_arguments', message: `Invalid arguments for ${tool.name}: ${problems}` }, elapsedMs: performance.now() - started };
  }
  try {
    const result = await tool.execute(parsed.data, context);
    return { ...base, ok: true, result, elapsedMs: performance.now() - started };
  } catch (error) {
    return { ...base, ok: false, error: toolErrorOf(error), elapsedMs: performance.now() - started };
  }
}

/**
 * The agent loop: ask the planner for the next step, run tools, stop on an answer, a clarifying question,
 * a refusal or a limit. Both planners (offline and LLM) run through exactly this loop.
 */
export async function runAgent(input: RunAgentInput): Promise<AgentRun> {
  const { planner, state, context, onEvent } = input;
  const limits = input.limits ?? DEFAULT_RUN_LIMITS;
  const transcript = new Transcript();
  const finish = (ending: RunEnding): AgentRun => {
    if (ending.type === 'stopped') transcript.recordStop(ending.reason);
    return { ending, state, transcript, planner: planner.id };
  };
  let stepCount = 0;
  onEvent?.({ type: 'phase', phase: 'understanding' });
  for (;;) {
    if (context.signal?.aborted) return finish({ type: 'stopped', reason: 'cancelled by the asker' });
    if (exceededStepLimit(stepCount, limits)) return finish({ type: 'stopped', reason: `step limit (${limits.maxSteps}) reached` });
    const failures = state.toolOutcomes.filter((outcome) => !outcome.ok).map((outcome) => ({ kind: outcome.error?.kind ?? 'other' }));
    const exhausted = exhaustedRetryKind(failures, limits);
    if (exhausted) return finish({ type: 'stopped', reason: `retry limit for ${exhausted} errors reached` });

    onEvent?.({ type: 'phase', phase: 'planning' });
    const started = performance.now();
    const step: NextStep = NextStepSchema.parse(await planner.next(state));
    transcript.recordStep(planner.id, step, performance.now() - started);
    stepCount += 1;

    switch (step.type) {
      case 'tool-call': {
        if (exceededToolCallLimit(state.toolOutcomes.length, limits)) {
          return finish({ type: 'stopped', reason: `tool-call limit (${limits.maxToolCalls}) reached` });
        }
        // Query tools compile or check SQL before it runs; model tools go straight to running.
        if (step.toolName === 'query_metrics' || step.toolName === 'run_sql') onEvent?.({ type: 'phase', phase: 'sql' });
        onEvent?.({ type: 'phase', phase: 'running' });
        onEvent?.({ type: 'tool-call-start', callId: step.callId, toolName: step.toolName, arguments: step.arguments });
        const progress = onEvent
          ? (update: { phase: string; percent: number; elapsedMs: number }) =>
              onEvent({ type: 'tool-progress', callId: step.callId, toolName: step.toolName, phase: update.phase, percent: update.percent, elapsedMs: update.elapsedMs })
          : undefined;
        const outcome = await callTool(step, state.tools, progress ? { ...context, onProgress: progress } : context);
        state.toolOutcomes.push(outcome);
        transcript.recordTool(outcome);
        onEvent?.({ type: 'tool-result', callId: outcome.callId, toolName: outcome.toolName, ok: outcome.ok, elapsedMs: outcome.elapsedMs });
        break;
      }
      case 'answer':
        return finish({ type: 'answer', text: step.text });
      case 'clarify':
        return finish({ type: 'clarify', question: step.question, options: step.options });
      case 'refuse':
        return finish({ type: 'refuse', reason: step.reason });
    }
  }
}
