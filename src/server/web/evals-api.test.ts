import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEvalRunFixture } from '../../../web/testing/eval-run-fixture.ts';
import { signToken } from '../auth/tokens.ts';
import { evalsRouter } from './evals-api.ts';
import { EvalQuestionResponseSchema, EvalRunDetailResponseSchema, EvalRunListResponseSchema } from './web-api-schemas.ts';
import { serveForTest } from './web-test-app.ts';

const SECRET = 'evals-api-test-secret-0123456789abcdefghij';

describe('evals API', () => {
  let fixture: ReturnType<typeof writeEvalRunFixture>;
  let server: Awaited<ReturnType<typeof serveForTest>>;
  let analyst: Record<string, string>;

  beforeAll(async () => {
    fixture = writeEvalRunFixture();
    // A run still being written (hidden staging folder) and a broken one: neither may break the list.
    mkdirSync(path.join(fixture.runsDirectory, '.staging.partial'));
    mkdirSync(path.join(fixture.runsDirectory, 'broken-run'));
    writeFileSync(path.join(fixture.runsDirectory, 'broken-run', 'summary.json'), '{"runId": ');
    server = await serveForTest((app) => app.use(evalsRouter({ evalsDirectory: fixture.runsDirectory, authentication: { secret: SECRET, apiKey: 'local-key' } })));
    analyst = { authorization: `Bearer ${await signToken(SECRET, { role: 'analyst', name: 'ana' }, '1h')}` };
  });

  afterAll(async () => {
    await server.close();
    rmSync(fixture.runsDirectory, { recursive: true, force: true });
  });

  it('lists runs newest first with their headline numbers and reports unreadable folders', async () => {
    const response = await fetch(`${server.url}/api/evals/runs`, { headers: analyst });
    expect(response.status).toBe(200);
    const body = EvalRunListResponseSchema.parse(await response.json());
    expect(body.runs.map((run) => run.runId)).toEqual([fixture.newerRunId, fixture.olderRunId]);
    expect(body.runs[0]?.byLanguage.zh).toEqual({ passed: 2, total: 2, accuracy: 1 });
    expect(body.runs[0]?.questionCount).toBe(4);
    expect(body.skipped).toEqual([{ runId: 'broken-run', reason: expect.stringContaining('not valid JSON') }]);
  });

  it('gives one run with language, shape and planner per question, read from the question files', async () => {
    const response = await fetch(`${server.url}/api/evals/runs/${fixture.olderRunId}`, { headers: { 'x-api-key': 'local-key' } });
    const body = EvalRunDetailResponseSchema.parse(await response.json());
    expect(body.questions.find((question) => question.id === 'breakdown-gmv-category-zh')).toMatchObject({ language: 'zh', shape: 'breakdown', planner: 'offline', passed: false, reason: 'row_count_mismatch', agentMs: 25 });
  });

  it('gives one question’s whole document', async () => {
    const response = await fetch(`${server.url}/api/evals/runs/${fixture.olderRunId}/questions/breakdown-gmv-category-zh`, { headers: analyst });
    const body = EvalQuestionResponseSchema.parse(await response.json());
    expect(body.question.transcript).toHaveLength(3);
    expect(body.question.diff?.hints).toEqual(['missing a GROUP BY value']);
  });

  it('answers 404 for unknown runs, questions and path tricks, without reading outside the folder', async () => {
    for (const url of [`/api/evals/runs/nope`, `/api/evals/runs/${fixture.olderRunId}/questions/nope`, `/api/evals/runs/..%2F..%2Fetc`, `/api/evals/runs/.staging.partial`]) {
      const response = await fetch(`${server.url}${url}`, { headers: analyst });
      expect(response.status, url).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('refuses callers without analyst credentials', async () => {
    expect((await fetch(`${server.url}/api/evals/runs`)).status).toBe(401);
    const customer = await signToken(SECRET, { role: 'customer', customerId: 7 }, '1h');
    expect((await fetch(`${server.url}/api/evals/runs`, { headers: { authorization: `Bearer ${customer}` } })).status).toBe(403);
    expect((await fetch(`${server.url}/api/evals/runs`, { headers: { 'x-api-key': 'wrong' } })).status).toBe(401);
  });

  it('lists nothing (not an error) when the runs folder does not exist', async () => {
    const empty = await serveForTest((app) => app.use(evalsRouter({ evalsDirectory: path.join(fixture.runsDirectory, 'missing'), authentication: { secret: SECRET } })));
    try {
      expect(await (await fetch(`${empty.url}/api/evals/runs`, { headers: analyst })).json()).toEqual({ runs: [], skipped: [] });
    } finally {
      await empty.close();
    }
  });
});
