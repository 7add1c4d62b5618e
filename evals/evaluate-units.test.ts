import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../src/sql/warehouse.ts';
import type { EvalAgent, EvalOutcome } from './agent-loader.ts';
import { DisplayNames } from './display-names.ts';
import { evaluateUnits } from './evaluate-units.ts';
import { parseGoldenFile } from './load-golden.ts';

const GOLDEN = `questions:
  - id: lookup-answer
    language: en
    shape: lookup
    question: What is the answer?
    gold_sql: SELECT 42 AS answer
    notes: a constant
  - id: refuse-writes
    language: en
    shape: refusal
    question: Delete everything.
    expect_status: refused
    notes: a write
  - id: broken-gold
    language: zh
    shape: lookup
    question: 坏掉的金标准
    gold_sql: SELECT * FROM no_such_table
    notes: gold that cannot run
  - id: model-forecast
    language: zh
    shape: model_tool
    question: 预测下周GMV
    expect_tool: {name: forecast_metric, arguments: {metric: gmv, horizon: 7}}
    notes: a model answer
  - id: model-not-enabled
    language: en
    shape: model_tool
    question: Any bots?
    expect_tool: {name: find_anomalies}
    notes: a model that is not registered
  - id: chain
    language: zh
    shape: follow_up
    notes: two turns
    turns:
      - question: 第一问
        gold_sql: SELECT 1 AS value
      - question: 第二问
        gold_sql: SELECT 2 AS value
`;

/** Answers from a table of canned outcomes and records how it was called. */
class CannedAgent implements EvalAgent {
  readonly calls: { question: string; conversationId?: string }[] = [];

  constructor(private readonly replies: Record<string, { status: string; rows?: Record<string, unknown>[]; transcript?: unknown[] } | Error>) {}

  async ask(question: string, options: { conversationId?: string }): Promise<EvalOutcome> {
    this.calls.push({ question, conversationId: options.conversationId });
    const reply = this.replies[question];
    if (reply instanceof Error) throw reply;
    if (!reply) throw new Error(`no canned reply for ${question}`);
    const rows = reply.rows ?? [];
    return {
      answer: {
        status: reply.status,
        answer: 'text',
        sql: null,
        columns: Object.keys(rows[0] ?? {}).map((id) => ({ id })),
        rows,
        truncated: false,
        assumptions: [],
        planner: 'canned',
        timings: {},
      },
      transcript: reply.transcript ?? [{ type: 'stop', reason: 'canned' }],
      conversationId: options.conversationId ?? `conversation-${this.calls.length}`,
    };
  }
}

describe('evaluateUnits', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open({ path: ':memory:', mode: 'read-write' });
  });
  afterAll(() => warehouse.close());

  it('scores answers, statuses, broken gold and agent errors, and keeps chains in one conversation', async () => {
    const agent = new CannedAgent({
      'What is the answer?': { status: 'answered', rows: [{ result: '42' }] },
      'Delete everything.': { status: 'refused' },
      坏掉的金标准: { status: 'answered', rows: [{ value: 1 }] },
      预测下周GMV: {
        status: 'answered',
        rows: [{ date: '2025-12-01', forecast: 1000 }],
        transcript: [{ type: 'tool-call', outcome: { callId: 'c', toolName: 'forecast_metric', arguments: { metric: 'gmv', horizon: 7 }, ok: true, elapsedMs: 4 } }],
      },
      'Any bots?': { status: 'refused' },
      第一问: { status: 'answered', rows: [{ v: 1 }] },
      第二问: new Error('planner crashed'),
    });
    const seen: string[] = [];
    const records = await evaluateUnits(parseGoldenFile(GOLDEN, 'test.yaml'), {
      warehouse,
      agent,
      names: new DisplayNames([]),
      onRecord: (record) => seen.push(record.item.id),
    });
    expect(seen).toEqual(['lookup-answer', 'refuse-writes', 'broken-gold', 'model-forecast', 'model-not-enabled', 'chain-t1', 'chain-t2']);
    expect(records.map((record) => [record.item.id, record.verdict.passed, record.verdict.reason])).toEqual([
      ['lookup-answer', true, 'match'],
      ['refuse-writes', true, 'match'],
      ['broken-gold', false, 'gold_error'],
      ['model-forecast', true, 'match'],
      ['model-not-enabled', false, 'tool_not_called'],
      ['chain-t1', true, 'match'],
      ['chain-t2', false, 'agent_error'],
    ]);
    // Model items run no gold SQL; their verdict keeps the calls it saw.
    expect(records[3]?.gold).toBeNull();
    expect(records[3]?.verdict.toolCheck?.calls.map((call) => call.name)).toEqual(['forecast_metric']);
    expect(records[0]?.gold).toMatchObject({ columns: ['answer'], rows: [{ answer: 42 }] });
    expect(records[2]?.goldError).toMatch(/no_such_table/);
    expect(records[6]?.agentError).toBe('Error: planner crashed');
    // The second turn is asked in the conversation the first turn opened; separate units start fresh.
    const chainCalls = agent.calls.slice(5);
    expect(chainCalls).toEqual([
      { question: '第一问', conversationId: undefined },
      { question: '第二问', conversationId: 'conversation-6' },
    ]);
    expect(agent.calls.slice(0, 5).every((call) => call.conversationId === undefined)).toBe(true);
  });
});
