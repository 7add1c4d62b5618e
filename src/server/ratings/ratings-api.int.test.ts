import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerEditsRouter } from '../answer-edits/answer-edits-api.ts';
import { startWorkspaceFixture, WORKSPACE_TEST_SECRET, type StoredTestAnswer } from '../testing/workspace-fixture.ts';
import { EditedAnswerSchema, GoldenResponseSchema, RatedAnswerListResponseSchema, RateResponseSchema } from '../web/workspace-api-schemas.ts';
import { GoldenFileSchema } from './golden-question.ts';
import { ratingsRouter } from './ratings-api.ts';

const CORRECTED = `SELECT p.category, SUM(oi.amount) AS gmv
  FROM order_items oi JOIN orders o ON o.order_id = oi.order_id JOIN products p ON p.product_id = oi.product_id
 WHERE o.paid_at IS NOT NULL AND o.created_at >= TIMESTAMP '2025-11-17' AND o.created_at < TIMESTAMP '2025-11-24'
 GROUP BY p.category ORDER BY gmv DESC LIMIT 3`;

describe('ratings API', () => {
  let fixture: Awaited<ReturnType<typeof startWorkspaceFixture>>;
  let goldenDirectory: string;
  let byCategory: StoredTestAnswer;
  let forecast: StoredTestAnswer;
  let ana: Record<string, string>;

  beforeAll(async () => {
    goldenDirectory = mkdtempSync(path.join(tmpdir(), 'shoplens-rated-'));
    fixture = await startWorkspaceFixture((app, warehouse) => {
      const authentication = { secret: WORKSPACE_TEST_SECRET };
      app.use(answerEditsRouter({ warehouse, authentication }));
      app.use(ratingsRouter({ warehouse, authentication, goldenDirectory }));
    });
    byCategory = await fixture.storeAnswer('ana', 'Top 3 categories by GMV last week');
    forecast = await fixture.storeAnswer('ana', '预测下周GMV');
    ana = await fixture.headersOf('ana');
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
    rmSync(goldenDirectory, { recursive: true, force: true });
  });

  const post = (url: string, headers: Record<string, string>, body: unknown) => fetch(`${fixture.url}${url}`, { method: 'POST', headers, body: JSON.stringify(body) });

  it('rates answers once per analyst and answer, with an optional comment, and lists them', async () => {
    const firstResponse = await post('/api/web/ratings', ana, { answer: byCategory, rating: 'up' });
    const firstBody = await firstResponse.json();
    expect(firstResponse.status, JSON.stringify(firstBody)).toBe(200);
    const first = RateResponseSchema.parse(firstBody);
    expect(first.rating).toMatchObject({ rating: 'up', comment: null, analyst: 'ana', edited: false, question: 'Top 3 categories by GMV last week', language: 'en' });
    const again = RateResponseSchema.parse(await (await post('/api/web/ratings', ana, { answer: byCategory, rating: 'down', comment: 'should be paid orders only' })).json());
    expect(again.rating).toMatchObject({ ratingId: first.rating.ratingId, rating: 'down', comment: 'should be paid orders only' });
    await post('/api/web/ratings', ana, { answer: forecast, rating: 'up' });
    const list = RatedAnswerListResponseSchema.parse(await (await fetch(`${fixture.url}/api/web/ratings`, { headers: ana })).json());
    expect(list.ratings.map((rating) => rating.question).sort()).toEqual(['Top 3 categories by GMV last week', '预测下周GMV']);
    // Only one's own answers can be rated; the rating must be up or down.
    expect((await post('/api/web/ratings', await fixture.headersOf('bo'), { answer: byCategory, rating: 'up' })).status).toBe(404);
    const bad = await post('/api/web/ratings', ana, { answer: byCategory, rating: 'meh' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^rating:/);
  });

  it('turns a corrected (edited) answer into a golden question file with its expected rows, once', async () => {
    const edited = EditedAnswerSchema.parse(await (await post('/api/web/answers/rerun', ana, { answer: byCategory, sql: CORRECTED })).json());
    const rated = RateResponseSchema.parse(await (await post('/api/web/ratings', ana, { answer: { ...byCategory, editId: edited.editId }, rating: 'up', comment: 'corrected: top 3 only' })).json());
    expect(rated.rating).toMatchObject({ edited: true, sql: CORRECTED });

    const made = await post(`/api/web/ratings/${rated.rating.ratingId}/golden`, ana, {});
    expect(made.status).toBe(201);
    const golden = GoldenResponseSchema.parse(await made.json());
    expect(golden.expectedRowCount).toBe(3);
    // Outside the working directory, the full path is reported.
    expect(path.dirname(golden.file)).toBe(goldenDirectory);
    expect(readdirSync(goldenDirectory)).toEqual([path.basename(golden.file)]);
    const document = GoldenFileSchema.parse(parse(readFileSync(golden.file, 'utf8')));
    const [question] = document.questions;
    expect(question).toMatchObject({ id: golden.goldenId, language: 'en', shape: 'ranking', ordered: true, question: 'Top 3 categories by GMV last week', gold_sql: CORRECTED });
    expect(golden.goldenId).toMatch(/^rated-top-3-categories-by-gmv-last-week-en-[0-9a-f]{8}$/);
    expect(question?.expected_rows).toEqual(edited.answer.rows);
    expect(question?.notes).toMatch(/SQL corrected by the analyst.*Comment: corrected: top 3 only/);
    expect(golden.rating.goldenId).toBe(golden.goldenId);
    // A second click does not write again.
    expect((await post(`/api/web/ratings/${rated.rating.ratingId}/golden`, ana, {})).status).toBe(409);
    expect(readdirSync(goldenDirectory)).toHaveLength(1);
  });

  it('refuses a golden question from an answer rated wrong or without gold SQL (a model answer), writing nothing', async () => {
    const list = RatedAnswerListResponseSchema.parse(await (await fetch(`${fixture.url}/api/web/ratings`, { headers: ana })).json());
    const wrong = list.ratings.find((rating) => rating.rating === 'down' && !rating.edited);
    const refused = await post(`/api/web/ratings/${wrong?.ratingId}/golden`, ana, {});
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/rated wrong, so its SQL is not gold/);
    const model = list.ratings.find((rating) => rating.question === '预测下周GMV');
    const response = await post(`/api/web/ratings/${model?.ratingId}/golden`, ana, {});
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/needs gold SQL/);
    expect(readdirSync(goldenDirectory)).toHaveLength(1);
  });
});
