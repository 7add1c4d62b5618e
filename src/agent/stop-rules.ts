/** Limits on one agent run, so no planner (or model) can loop forever or hammer the warehouse. */
export interface RunLimits {
  maxSteps: number;
  maxToolCalls: number;
  /** How many failed tool calls of each error kind a planner may try to repair. */
  retryCaps: Record<string, number>;
}

export const DEFAULT_RUN_LIMITS: RunLimits = {
  maxSteps: 12,
  maxToolCalls: 8,
  // Syntax and unknown-column errors are usually fixable by rewriting; a timeout or a row cap rarely is
  // without a different question, and forbidden SQL is never retried into something allowed.
  retryCaps: {
    syntax: 2,
    unknown_column: 2,
    unknown_table: 1,
    invalid_arguments: 2,
    semantic: 2,
    timeout: 1,
    too_many_rows: 1,
    out_of_memory: 0,
    forbidden_statement: 0,
    forbidden_table: 0,
    forbidden_function: 0,
    other: 1,
  },
};

export interface ToolFailure {
  kind: string;
}

export function exceededStepLimit(stepCount: number, limits: RunLimits): boolean {
  return stepCount >= limits.maxSteps;
}

export function exceededToolCallLimit(toolCallCount: number, limits: RunLimits): boolean {
  return toolCallCount >= limits.maxToolCalls;
}

/** The failure kind whose retry budget is spent, if any: more failures of a kind than its cap allows. */
export function exhaustedRetryKind(failures: readonly ToolFailure[], limits: RunLimits): string | undefined {
  const counts = new Map<string, number>();
  for (const failure of failures) counts.set(failure.kind, (counts.get(failure.kind) ?? 0) + 1);
  for (const [kind, count] of counts) {
    const cap = limits.retryCaps[kind] ?? limits.retryCaps.other ?? 0;
    if (count > cap) return kind;
  }
  return undefined;
}
