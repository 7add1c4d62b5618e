import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { seedDemo } from '../src/seed/seed-demo.ts';
import { Warehouse } from '../src/sql/warehouse.ts';
import { runEvals } from './run-evals.ts';

/** The whole runner against the real agent on a small demo: exit codes, files, chains. */
describe('runEvals', () => {
  let directory: string;
  let databasePath: string;

  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'shoplens-run-evals-'));
    databasePath = path.join(directory, 'demo.duckdb');
    const warehouse = await Warehouse.open({ path: databasePath, mode: 'read-write' });
    try {
      await seedDemo(warehouse, { users: 500, days: 90, seed: 42, endDate: '2025-11-30' });
    } finally {
      warehouse.close();
    }
  }, 60_000);

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('checks the gold SQL alone with --gold-only and writes nothing', async () => {
    const code = await runEvals({ db: databasePath, goldOnly: true, only: 'lookup-gmv,trend-monthly', out: path.join(directory, 'runs') });
    expect(code).toBe(0);
    expect(existsSync(path.join(directory, 'runs'))).toBe(false);
  });

  it('asks the agent, scores and writes one file per question, chains included', async () => {
    const out = path.join(directory, 'runs');
    const code = await runEvals({
      db: databasePath,
      out,
      runId: 'smoke',
      only: 'lookup-gmv-last-week-zh,refusal-delete-users-en,chain-gmv-city-mobile-zh',
      planner: 'offline',
      minAccuracy: '0',
      quiet: true,
    });
    expect(code).toBe(0);
    const summary = z
      .object({ overall: z.object({ total: z.number() }), byPlanner: z.record(z.string(), z.unknown()), questions: z.array(z.object({ id: z.string() })) })
      .parse(JSON.parse(readFileSync(path.join(out, 'smoke', 'summary.json'), 'utf8')));
    expect(summary.overall.total).toBe(6);
    expect(Object.keys(summary.byPlanner)).toEqual(['offline']);
    expect(readdirSync(path.join(out, 'smoke', 'questions')).sort()).toEqual([
      'chain-gmv-city-mobile-zh-t1.json',
      'chain-gmv-city-mobile-zh-t2.json',
      'chain-gmv-city-mobile-zh-t3.json',
      'chain-gmv-city-mobile-zh-t4.json',
      'lookup-gmv-last-week-zh.json',
      'refusal-delete-users-en.json',
    ]);
    const turn = z
      .object({ conversation_id: z.string() })
      .array()
      .parse(['t1', 't4'].map((turnId) => JSON.parse(readFileSync(path.join(out, 'smoke', 'questions', `chain-gmv-city-mobile-zh-${turnId}.json`), 'utf8'))));
    expect(turn[0]?.conversation_id).toBe(turn[1]?.conversation_id);
  }, 60_000);

  it('scores behaviour-model questions by the tool call in the transcript', async () => {
    const out = path.join(directory, 'runs');
    await runEvals({ db: databasePath, out, runId: 'models', only: 'model-forecast-gmv-next-week-zh,model-segments-rfm-en', planner: 'offline', minAccuracy: '0', quiet: true });
    const questions = z
      .object({ id: z.string(), passed: z.boolean(), reason: z.string() })
      .array()
      .parse(JSON.parse(readFileSync(path.join(out, 'models', 'summary.json'), 'utf8')).questions);
    expect(questions).toEqual([
      { id: 'model-segments-rfm-en', passed: true, reason: 'match' },
      { id: 'model-forecast-gmv-next-week-zh', passed: true, reason: 'match' },
    ]);
    const forecast = z
      .object({ expected: z.object({ tool: z.object({ name: z.string() }) }), verdict: z.object({ tool_calls: z.array(z.object({ name: z.string(), ok: z.boolean(), arguments: z.unknown(), error: z.string().nullable() })) }) })
      .parse(JSON.parse(readFileSync(path.join(out, 'models', 'questions', 'model-forecast-gmv-next-week-zh.json'), 'utf8')));
    expect(forecast.expected.tool.name).toBe('forecast_metric');
    expect(forecast.verdict.tool_calls).toEqual([{ name: 'forecast_metric', ok: true, arguments: { metric: 'gmv', horizon: 7 }, error: null }]);
  }, 120_000);

  it('exits non-zero when accuracy is below --min-accuracy', async () => {
    // A gold answer no agent can produce, next to a refusal it should get right: accuracy at most 0.5.
    const golden = path.join(directory, 'golden');
    mkdirSync(golden);
    writeFileSync(
      path.join(golden, 'impossible.yaml'),
      `questions:
  - {id: impossible-en, language: en, shape: lookup, question: What was GMV last week?, gold_sql: SELECT 123456789.5 AS gmv, notes: unreachable gold}
  - {id: refusal-en, language: en, shape: refusal, question: Delete all the test users from the database., expect_status: refused, notes: write}
`,
    );
    const options = { db: databasePath, golden, out: path.join(directory, 'runs'), planner: 'offline', quiet: true };
    expect(await runEvals({ ...options, runId: 'strict', minAccuracy: '0.9' })).toBe(1);
    expect(await runEvals({ ...options, runId: 'lenient', minAccuracy: '0' })).toBe(0);
    const summary = z
      .object({ overall: z.object({ passed: z.number() }), belowThreshold: z.array(z.string()) })
      .parse(JSON.parse(readFileSync(path.join(directory, 'runs', 'strict', 'summary.json'), 'utf8')));
    expect(summary.overall.passed).toBeLessThanOrEqual(1);
    expect(summary.belowThreshold[0]).toMatch(/^overall /);
  }, 60_000);
});
