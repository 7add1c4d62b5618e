import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EvalSummary } from './eval-summary.ts';
import { plannerOf } from './eval-summary.ts';
import type { EvalRecord } from './evaluate-units.ts';

export const PREVIEW_ROWS = 20;

export interface RunMetadata {
  runId: string;
  startedAt: string;
  finishedAt: string;
  databasePath: string;
  planner: string;
  goldenDirectory: string;
  filters: Record<string, string>;
}

export class RunFilesError extends Error {
  override readonly name = 'RunFilesError';
  readonly directory: string;

  constructor(message: string, options: { directory: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.directory = options.directory;
  }
}

/** A run id becomes a folder name: letters, digits, dot, dash and underscore only. */
export function isSafeRunId(runId: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(runId);
}

export function defaultRunId(planner: string, now: Date = new Date()): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}-${planner}`;
}

/** The per-question JSON: question, expectation, answer, diff, verdict and every transcript step. */
export function questionDocument(record: EvalRecord): Record<string, unknown> {
  const { item, gold, outcome, verdict } = record;
  const answer = outcome?.answer;
  return {
    id: item.id,
    chain_id: item.chainId ?? null,
    turn: item.turn ?? null,
    language: item.language,
    shape: item.shape,
    file: item.file,
    question: item.question,
    notes: item.notes,
    planner: plannerOf(record),
    routing: outcome?.routing ?? null,
    conversation_id: record.conversationId,
    verdict: {
      passed: verdict.passed,
      reason: verdict.reason,
      message: verdict.message,
      column_mapping: verdict.columnMapping,
      ...(verdict.toolCheck
        ? { tool_calls: verdict.toolCheck.calls, argument_differences: verdict.toolCheck.argumentDifferences }
        : {}),
    },
    expected: {
      status: item.expectStatus ?? 'answered',
      sql: item.goldSql ?? null,
      tool: item.expectTool ?? null,
      ordered: item.ordered,
      columns: gold?.columns ?? null,
      row_count: gold?.rows.length ?? null,
      rows_preview: gold?.rows.slice(0, PREVIEW_ROWS) ?? null,
      elapsed_ms: gold ? Math.round(gold.elapsedMs) : null,
      error: record.goldError,
    },
    actual: {
      status: answer?.status ?? null,
      answer: answer?.answer ?? null,
      sql: answer?.sql ?? null,
      columns: answer?.columns ?? null,
      row_count: answer?.rows.length ?? null,
      rows_preview: answer?.rows.slice(0, PREVIEW_ROWS) ?? null,
      truncated: answer?.truncated ?? null,
      assumptions: answer?.assumptions ?? null,
      as_of: answer?.as_of ?? null,
      timings: answer?.timings ?? null,
      error: record.agentError,
    },
    diff: verdict.diff,
    transcript: outcome?.transcript ?? [],
    timing: { agent_ms: Math.round(record.agentMs), gold_ms: gold ? Math.round(gold.elapsedMs) : null },
  };
}

function fileNameFor(id: string): string {
  return `${id.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
}

/**
 * Writes <runs directory>/<run id>/summary.json and questions/<id>.json. Files go to a hidden staging folder
 * first and are renamed into place at the end, so a crash never leaves a half-written run behind.
 */
export function writeRunFiles(
  runsDirectory: string,
  metadata: RunMetadata,
  summary: EvalSummary,
  records: readonly EvalRecord[],
): string {
  if (!isSafeRunId(metadata.runId)) {
    throw new RunFilesError(`Run id "${metadata.runId}" cannot be a folder name; use letters, digits, ".", "-" and "_".`, {
      directory: runsDirectory,
    });
  }
  const target = path.join(runsDirectory, metadata.runId);
  const staging = path.join(runsDirectory, `.${metadata.runId}.partial`);
  try {
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(path.join(staging, 'questions'), { recursive: true });
    const questions = records.map((record) => {
      const file = path.join('questions', fileNameFor(record.item.id));
      writeFileSync(path.join(staging, file), `${JSON.stringify(questionDocument(record), null, 2)}\n`);
      return { id: record.item.id, passed: record.verdict.passed, reason: record.verdict.reason, file };
    });
    writeFileSync(path.join(staging, 'summary.json'), `${JSON.stringify({ ...metadata, ...summary, questions }, null, 2)}\n`);
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw new RunFilesError(`Could not write the eval run to ${target}: ${(error as Error).message}. Check that the folder is writable.`, {
      directory: target,
      cause: error,
    });
  }
  return target;
}
