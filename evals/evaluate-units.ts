import { performance } from 'node:perf_hooks';
import type { JsonRow } from '../src/sql/json-values.ts';
import type { Warehouse } from '../src/sql/warehouse.ts';
import type { EvalAgent, EvalOutcome } from './agent-loader.ts';
import type { DisplayNames } from './display-names.ts';
import type { EvalItem, EvalUnit } from './load-golden.ts';
import { scoreResult, type Expectation, type Verdict } from './score-result.ts';
import { scoreToolCall } from './score-tool-call.ts';

export interface GoldRun {
  columns: string[];
  rows: JsonRow[];
  elapsedMs: number;
}

/** Everything known about one asked question: what was expected, what came back, and the verdict. */
export interface EvalRecord {
  item: EvalItem;
  conversationId: string | null;
  gold: GoldRun | null;
  goldError: string | null;
  outcome: EvalOutcome | null;
  agentError: string | null;
  agentMs: number;
  verdict: Verdict;
}

export async function runGold(warehouse: Warehouse, sql: string): Promise<GoldRun> {
  const started = performance.now();
  const result = await warehouse.query(sql);
  return { columns: result.columns.map((column) => column.name), rows: result.rows, elapsedMs: performance.now() - started };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function failedVerdict(reason: 'gold_error' | 'agent_error', message: string): Verdict {
  // Infrastructure failures count against accuracy so that they cannot go unnoticed.
  return { passed: false, reason, message, columnMapping: null, diff: null };
}

async function evaluateItem(
  item: EvalItem,
  conversationId: string | undefined,
  context: { warehouse: Warehouse; agent: EvalAgent; names: DisplayNames },
): Promise<EvalRecord> {
  let gold: GoldRun | null = null;
  let goldError: string | null = null;
  if (item.goldSql !== undefined) {
    try {
      gold = await runGold(context.warehouse, item.goldSql);
    } catch (error) {
      goldError = errorMessage(error);
    }
  }
  let outcome: EvalOutcome | null = null;
  let agentError: string | null = null;
  const started = performance.now();
  try {
    outcome = await context.agent.ask(item.question, { conversationId });
  } catch (error) {
    agentError = errorMessage(error);
  }
  const agentMs = performance.now() - started;
  let verdict: Verdict;
  if (goldError !== null) verdict = failedVerdict('gold_error', `gold SQL failed: ${goldError}`);
  else if (outcome === null) verdict = failedVerdict('agent_error', `the agent threw: ${agentError ?? 'unknown error'}`);
  else if (item.expectTool !== undefined) verdict = scoreToolCall(item.expectTool, outcome.answer, outcome.transcript, context.names);
  else {
    const expectation: Expectation = gold
      ? { kind: 'rows', columns: gold.columns, rows: gold.rows, ordered: item.ordered }
      : { kind: 'status', status: item.expectStatus ?? 'refused' };
    verdict = scoreResult(expectation, outcome.answer, context.names);
  }
  return { item, conversationId: outcome?.conversationId ?? conversationId ?? null, gold, goldError, outcome, agentError, agentMs, verdict };
}

/**
 * Asks every unit's questions in order; the turns of a chain share one conversation, so a turn is only ever
 * scored after the turns before it.
 */
export async function evaluateUnits(
  units: readonly EvalUnit[],
  context: { warehouse: Warehouse; agent: EvalAgent; names: DisplayNames; onRecord?: (record: EvalRecord, index: number) => void },
): Promise<EvalRecord[]> {
  const records: EvalRecord[] = [];
  for (const unit of units) {
    let conversationId: string | undefined;
    for (const item of unit.items) {
      const record = await evaluateItem(item, conversationId, context);
      conversationId = record.conversationId ?? conversationId;
      records.push(record);
      context.onRecord?.(record, records.length - 1);
    }
  }
  return records;
}
