import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardsRouter } from '../dashboards/dashboards-api.ts';
import { WORKSPACE_SCHEMA } from '../dashboards/workspace-schema.ts';
import { startWorkspaceFixture, WORKSPACE_TEST_SECRET, type StoredTestAnswer } from '../testing/workspace-fixture.ts';
import { DashboardViewSchema, EditedAnswerSchema, EditListResponseSchema, PinResponseSchema } from '../web/workspace-api-schemas.ts';
import { answerEditsRouter } from './answer-edits-api.ts';

const TOP_THREE = `SELECT p.category, SUM(oi.amount) AS gmv
  FROM order_items oi JOIN orders o ON o.order_id = oi.order_id JOIN products p ON p.product_id = oi.product_id
 WHERE o.paid_at IS NOT NULL GROUP BY p.category ORDER BY gmv DESC LIMIT 3`;

describe('answer edits API', () => {
  let fixture: Awaited<ReturnType<typeof startWorkspaceFixture>>;
  let stored: StoredTestAnswer;
  let ana: Record<string, string>;

  beforeAll(async () => {
    fixture = await startWorkspaceFixture((app, warehouse) => {
      const authentication = { secret: WORKSPACE_TEST_SECRET };
      app.use(answerEditsRouter({ warehouse, authentication }));
      app.use(dashboardsRouter({ warehouse, authentication }));
    });
    stored = await fixture.storeAnswer('ana', '上周各品类的GMV');
    ana = await fixture.headersOf('ana');
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
  });

  const rerun = (headers: Record<string, string>, sql: string) => fetch(`${fixture.url}/api/web/answers/rerun`, { method: 'POST', headers, body: JSON.stringify({ answer: stored, sql }) });

  it('re-runs edited SQL under the guard, keeps the column meaning and records the edit', async () => {
    const response = await rerun(ana, TOP_THREE);
    expect(response.status).toBe(200);
    const edited = EditedAnswerSchema.parse(await response.json());
    expect(edited.answer.sql).toBe(TOP_THREE);
    expect(edited.originalSql).toMatch(/^WITH /);
    expect(edited.answer.rows).toHaveLength(3);
    // Same language as the question; the figures are said to be from the edited SQL; the edit is an assumption.
    expect(edited.answer.answer).toMatch(/^已按你修改的 SQL 重新运行：共 3 行/);
    expect(edited.answer.assumptions.at(-1)).toMatch(/由分析师修改/);
    // gmv and category keep the labels the original answer gave them.
    expect(edited.answer.columns.map((column) => column.label_zh)).toEqual(['品类', expect.stringMatching(/成交额|GMV/)]);
    expect(edited.answer.chart?.kind).toBe('bar');
    const edits = await fixture.warehouse.query(`SELECT analyst_id, edited_sql FROM ${WORKSPACE_SCHEMA}.answer_edits WHERE edit_id = $id`, { id: edited.editId });
    expect(edits.rows).toEqual([{ analyst_id: 'ana', edited_sql: TOP_THREE }]);

    // Pinning the edited answer keeps the edited SQL, and the dashboard says it was edited.
    const pin = await fetch(`${fixture.url}/api/web/dashboards/pins`, { method: 'POST', headers: ana, body: JSON.stringify({ answer: { ...stored, editId: edited.editId }, newDashboardName: 'Edited' }) });
    const pinned = PinResponseSchema.parse(await pin.json());
    const view = DashboardViewSchema.parse(await (await fetch(`${fixture.url}/api/web/dashboards/${pinned.dashboard.dashboardId}`, { headers: ana })).json());
    expect(view.items[0]).toMatchObject({ edited: true, sql: TOP_THREE, status: 'rerun' });
    expect(view.items[0]?.rows).toHaveLength(3);
  });

  it('refuses what the guard refuses, with its reason, and records nothing', async () => {
    const before = await fixture.warehouse.query(`SELECT count(*)::INTEGER AS edits FROM ${WORKSPACE_SCHEMA}.answer_edits`);
    for (const [sql, kind] of [
      ['DELETE FROM orders', 'forbidden_statement'],
      ['SELECT email FROM users', 'personal_data'],
      ["SELECT * FROM read_csv('/etc/passwd')", 'forbidden_function'],
      [`SELECT * FROM ${WORKSPACE_SCHEMA}.answer_edits`, 'forbidden_table'],
    ] as const) {
      const response = await rerun(ana, sql);
      expect(response.status, sql).toBe(422);
      const body = (await response.json()) as { error: { code: string; kind: string; message: string } };
      expect(body.error.code).toBe('query_refused');
      expect(body.error.kind, sql).toBe(kind);
      expect(body.error.message.length).toBeGreaterThan(10);
    }
    const after = await fixture.warehouse.query(`SELECT count(*)::INTEGER AS edits FROM ${WORKSPACE_SCHEMA}.answer_edits`);
    expect(after.rows).toEqual(before.rows);
    const orders = await fixture.warehouse.query('SELECT count(*)::INTEGER AS orders FROM orders');
    expect(Number(orders.rows[0]?.orders)).toBeGreaterThan(0);
  });

  it('lists the edits of a conversation and opens an earlier edit again without recording another', async () => {
    const list = EditListResponseSchema.parse(await (await fetch(`${fixture.url}/api/web/answers/edits?conversationId=${stored.conversationId}`, { headers: ana })).json());
    expect(list.edits.map((edit) => edit.seq)).toEqual([stored.seq]);
    expect(list.edits[0]?.editedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const count = async () => (await fixture.warehouse.query(`SELECT count(*)::INTEGER AS edits FROM ${WORKSPACE_SCHEMA}.answer_edits`)).rows[0]?.edits;
    const before = await count();
    const reference = { ...stored, editId: list.edits[0]?.editId };
    const opened = EditedAnswerSchema.parse(await (await fetch(`${fixture.url}/api/web/answers/edited`, { method: 'POST', headers: ana, body: JSON.stringify(reference) })).json());
    expect(opened).toMatchObject({ editId: reference.editId, editedAt: list.edits[0]?.editedAt });
    expect(opened.answer.sql).toBe(TOP_THREE);
    expect(opened.originalSql).toMatch(/^WITH /);
    expect(opened.answer.rows).toHaveLength(3);
    expect(await count()).toBe(before);
    const bo = await fixture.headersOf('bo');
    expect((await fetch(`${fixture.url}/api/web/answers/edited`, { method: 'POST', headers: bo, body: JSON.stringify(reference) })).status).toBe(404);
    expect(EditListResponseSchema.parse(await (await fetch(`${fixture.url}/api/web/answers/edits?conversationId=${stored.conversationId}`, { headers: bo })).json()).edits).toEqual([]);
  });

  it("cannot re-run someone else's answer", async () => {
    expect((await rerun(await fixture.headersOf('bo'), TOP_THREE)).status).toBe(404);
    expect((await rerun({ 'content-type': 'application/json' }, TOP_THREE)).status).toBe(401);
  });
});
