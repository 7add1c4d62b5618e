import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { summarize } from './eval-summary.ts';
import type { EvalRecord } from './evaluate-units.ts';
import { defaultRunId, isSafeRunId, writeRunFiles, type RunMetadata } from './run-files.ts';

const rows = Array.from({ length: 30 }, (_, index) => ({ day: `2025-11-${String(index + 1).padStart(2, '0')}`, gmv: index }));

const record: EvalRecord = {
  item: { id: 'chain-x-t2', chainId: 'chain-x', turn: 2, language: 'zh', shape: 'follow_up', question: '那按城市呢？', goldSql: 'SELECT 1', ordered: true, allowEmpty: false, notes: 'n', file: 'follow-up.yaml', warehouse: 'demo' },
  conversationId: 'conversation-1',
  gold: { columns: ['day', 'gmv'], rows, elapsedMs: 3.2 },
  goldError: null,
  outcome: {
    answer: { status: 'answered', answer: '共 30 天', sql: 'SELECT …', columns: [{ id: 'day' }, { id: 'gmv' }], rows, truncated: false, assumptions: ['a'], planner: 'offline', timings: { total_ms: 12 } },
    transcript: [{ type: 'tool-call', outcome: { toolName: 'query_metrics', arguments: { metrics: ['gmv'] }, ok: true, elapsedMs: 5 } }],
    conversationId: 'conversation-1',
    routing: 'offline (confidence 0.85)',
  },
  agentError: null,
  agentMs: 15.6,
  verdict: { passed: true, reason: 'match', message: 'result matches the gold', columnMapping: { day: 'day', gmv: 'gmv' }, diff: null },
};

const metadata: RunMetadata = {
  runId: 'test-run',
  startedAt: '2025-12-01T00:00:00.000Z',
  finishedAt: '2025-12-01T00:01:00.000Z',
  databasePath: '/tmp/demo.duckdb',
  planner: 'offline',
  goldenDirectory: 'evals/golden',
  filters: {},
};

const questionFileSchema = z.object({
  id: z.string(),
  chain_id: z.string(),
  turn: z.number(),
  planner: z.string(),
  routing: z.string(),
  verdict: z.object({ passed: z.boolean(), reason: z.string() }),
  expected: z.object({ sql: z.string(), row_count: z.number(), rows_preview: z.array(z.unknown()) }),
  actual: z.object({ status: z.string(), row_count: z.number(), rows_preview: z.array(z.unknown()), sql: z.string() }),
  transcript: z.array(z.unknown()),
  timing: z.object({ agent_ms: z.number(), gold_ms: z.number() }),
});

describe('writeRunFiles', () => {
  let directory: string | undefined;
  afterEach(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('writes summary.json and one file per question with previews and the transcript', () => {
    directory = mkdtempSync(path.join(tmpdir(), 'runs-'));
    const target = writeRunFiles(directory, metadata, summarize([record], { minAccuracy: 0.9 }), [record]);
    expect(target).toBe(path.join(directory, 'test-run'));
    expect(readdirSync(directory)).toEqual(['test-run']);
    const summary = z
      .object({ runId: z.string(), overall: z.object({ accuracy: z.number() }), questions: z.array(z.object({ id: z.string(), passed: z.boolean(), reason: z.string(), file: z.string() })) })
      .parse(JSON.parse(readFileSync(path.join(target, 'summary.json'), 'utf8')));
    expect(summary.overall.accuracy).toBe(1);
    expect(summary.questions).toEqual([{ id: 'chain-x-t2', passed: true, reason: 'match', file: path.join('questions', 'chain-x-t2.json') }]);
    const question = questionFileSchema.parse(JSON.parse(readFileSync(path.join(target, 'questions', 'chain-x-t2.json'), 'utf8')));
    expect(question).toMatchObject({ id: 'chain-x-t2', chain_id: 'chain-x', turn: 2, planner: 'offline', routing: 'offline (confidence 0.85)' });
    expect(question.expected.row_count).toBe(30);
    expect(question.expected.rows_preview).toHaveLength(20);
    expect(question.actual.rows_preview).toHaveLength(20);
    expect(question.transcript).toHaveLength(1);
    expect(question.timing).toEqual({ agent_ms: 16, gold_ms: 3 });
  });

  it('writes the expected tool, the calls seen and the argument differences of a model_tool item', () => {
    directory = mkdtempSync(path.join(tmpdir(), 'runs-'));
    const call = { name: 'forecast_metric', ok: true, arguments: { metric: 'orders' }, error: null };
    const modelRecord: EvalRecord = {
      ...record,
      item: { id: 'model-forecast', language: 'en', shape: 'model_tool', question: 'Forecast GMV', expectTool: { name: 'forecast_metric', arguments: { metric: 'gmv' } }, ordered: false, allowEmpty: false, notes: 'n', file: 'model-tools.yaml', warehouse: 'demo' },
      gold: null,
      verdict: {
        passed: false,
        reason: 'argument_mismatch',
        message: 'forecast_metric was called with other arguments',
        columnMapping: null,
        diff: null,
        toolCheck: { expected: { name: 'forecast_metric', arguments: { metric: 'gmv' } }, calls: [call], argumentDifferences: [{ argument: 'metric', expected: 'gmv', actual: 'orders' }] },
      },
    };
    const target = writeRunFiles(directory, metadata, summarize([modelRecord], { minAccuracy: 0.9 }), [modelRecord]);
    const document = z
      .object({ verdict: z.object({ reason: z.string(), tool_calls: z.array(z.unknown()), argument_differences: z.array(z.unknown()) }), expected: z.object({ tool: z.unknown(), sql: z.null() }) })
      .parse(JSON.parse(readFileSync(path.join(target, 'questions', 'model-forecast.json'), 'utf8')));
    expect(document.expected.tool).toEqual({ name: 'forecast_metric', arguments: { metric: 'gmv' } });
    expect(document.verdict.tool_calls).toEqual([call]);
    expect(document.verdict.argument_differences).toEqual([{ argument: 'metric', expected: 'gmv', actual: 'orders' }]);
  });

  it('replaces an earlier run of the same id and refuses ids that are not folder names', () => {
    directory = mkdtempSync(path.join(tmpdir(), 'runs-'));
    const summary = summarize([record], { minAccuracy: 0.9 });
    writeRunFiles(directory, metadata, summary, [record]);
    writeRunFiles(directory, metadata, summary, []);
    expect(existsSync(path.join(directory, 'test-run', 'questions', 'chain-x-t2.json'))).toBe(false);
    expect(() => writeRunFiles(directory as string, { ...metadata, runId: '../escape' }, summary, [])).toThrow(/cannot be a folder name/);
  });
});

describe('run ids', () => {
  it('are timestamps plus the planner by default and must be safe folder names', () => {
    expect(defaultRunId('offline', new Date('2025-12-01T08:09:10.123Z'))).toBe('2025-12-01T08-09-10-123Z-offline');
    expect(isSafeRunId('2025-12-01T08-09-10-123Z-offline')).toBe(true);
    expect(isSafeRunId('a/b')).toBe(false);
    expect(isSafeRunId('.hidden')).toBe(false);
  });
});
