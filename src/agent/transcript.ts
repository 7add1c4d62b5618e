import type { NextStep } from './next-step.ts';
import type { ToolOutcome } from './planner.ts';

export type TranscriptEntry =
  | { type: 'planner-step'; planner: string; step: NextStep; elapsedMs: number }
  | { type: 'tool-call'; outcome: ToolOutcome }
  | { type: 'stop'; reason: string };

const PREVIEW_ROWS = 20;

/** Keeps tool results small enough to store and show: at most a few rows of any table. */
export function previewOf(result: unknown): unknown {
  if (result && typeof result === 'object' && 'rows' in result && Array.isArray((result as { rows: unknown[] }).rows)) {
    const rows = (result as { rows: unknown[] }).rows;
    return { ...result, rows: rows.slice(0, PREVIEW_ROWS), rowCount: rows.length };
  }
  return result;
}

export class Transcript {
  readonly entries: TranscriptEntry[] = [];

  recordStep(planner: string, step: NextStep, elapsedMs: number): void {
    this.entries.push({ type: 'planner-step', planner, step, elapsedMs });
  }

  recordTool(outcome: ToolOutcome): void {
    this.entries.push({ type: 'tool-call', outcome: { ...outcome, result: previewOf(outcome.result) } });
  }

  recordStop(reason: string): void {
    this.entries.push({ type: 'stop', reason });
  }
}
