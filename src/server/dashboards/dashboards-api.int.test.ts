import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkspaceFixture, WORKSPACE_TEST_SECRET, type StoredTestAnswer } from '../testing/workspace-fixture.ts';
import { DashboardListResponseSchema, DashboardViewSchema, PinResponseSchema, ShareResponseSchema } from '../web/workspace-api-schemas.ts';
import { dashboardsRouter } from './dashboards-api.ts';
import { WORKSPACE_SCHEMA } from './workspace-schema.ts';

describe('dashboards API', () => {
  let fixture: Awaited<ReturnType<typeof startWorkspaceFixture>>;
  let byCategory: StoredTestAnswer;
  let forecast: StoredTestAnswer;
  let ana: Record<string, string>;
  let bo: Record<string, string>;

  beforeAll(async () => {
    fixture = await startWorkspaceFixture((app, warehouse) => app.use(dashboardsRouter({ warehouse, authentication: { secret: WORKSPACE_TEST_SECRET } })));
    byCategory = await fixture.storeAnswer('ana', 'GMV by category last week');
    forecast = await fixture.storeAnswer('ana', 'forecast GMV for next week');
    ana = await fixture.headersOf('ana');
    bo = await fixture.headersOf('bo');
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
  });

  const post = (path: string, headers: Record<string, string>, body: unknown) => fetch(`${fixture.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });

  it('pins answers to a new and then the same named dashboard, and re-runs them against the current data', async () => {
    const first = await post('/api/web/dashboards/pins', ana, { answer: byCategory, newDashboardName: 'Weekly', chartKind: 'pie' });
    expect(first.status).toBe(201);
    const pinned = PinResponseSchema.parse(await first.json());
    expect(pinned.dashboard).toMatchObject({ name: 'Weekly', itemCount: 1 });
    const second = await post('/api/web/dashboards/pins', ana, { answer: forecast, dashboardId: pinned.dashboard.dashboardId });
    expect(PinResponseSchema.parse(await second.json()).dashboard.itemCount).toBe(2);
    // A second dashboard of the same analyst; the name is unique per analyst.
    expect((await post('/api/web/dashboards', ana, { name: 'Monthly' })).status).toBe(201);
    expect((await post('/api/web/dashboards', ana, { name: 'Monthly' })).status).toBe(409);
    const list = DashboardListResponseSchema.parse(await (await fetch(`${fixture.url}/api/web/dashboards`, { headers: ana })).json());
    expect(list.dashboards.map((dashboard) => dashboard.name).sort()).toEqual(['Monthly', 'Weekly']);

    // New data of the pinned week: the re-run shows it (the stored answer does not).
    const before = DashboardViewSchema.parse(await (await fetch(`${fixture.url}/api/web/dashboards/${pinned.dashboard.dashboardId}`, { headers: ana })).json());
    const [gmv, model] = before.items;
    expect(gmv).toMatchObject({ status: 'rerun', chartKind: 'pie', edited: false, asOf: '2025-11-30' });
    expect(gmv?.ranAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(model).toMatchObject({ status: 'snapshot', sql: null });
    const phones = (rows: Record<string, unknown>[] | undefined) => Number(rows?.find((row) => row.category === 'Phones')?.gmv ?? 0);
    const addedAmount = 12345.67;
    await fixture.warehouse.run(`INSERT INTO orders SELECT * REPLACE (990001 AS order_id, 'SL-TEST-990001' AS order_no) FROM orders WHERE paid_at IS NOT NULL AND created_at >= TIMESTAMP '2025-11-18' AND created_at < TIMESTAMP '2025-11-23' LIMIT 1`);
    await fixture.warehouse.run(`INSERT INTO order_items SELECT 990001, 1, product_id, 1, ${addedAmount}, ${addedAmount}, 0 FROM products WHERE category = 'Phones' LIMIT 1`);
    const after = DashboardViewSchema.parse(await (await fetch(`${fixture.url}/api/web/dashboards/${pinned.dashboard.dashboardId}`, { headers: ana })).json());
    expect(phones(after.items[0]?.rows) - phones(gmv?.rows)).toBeCloseTo(addedAmount, 2);

    // Stored in the workspace schema, not in the behaviour tables.
    const stored = await fixture.warehouse.query(`SELECT count(*)::INTEGER AS items FROM ${WORKSPACE_SCHEMA}.dashboard_items`);
    expect(stored.rows[0]?.items).toBe(2);
  });

  it('keeps dashboards per analyst and shares them read-only through a signed link', async () => {
    const list = DashboardListResponseSchema.parse(await (await fetch(`${fixture.url}/api/web/dashboards`, { headers: ana })).json());
    const weekly = list.dashboards.find((dashboard) => dashboard.name === 'Weekly');
    expect(weekly).toBeDefined();
    const id = weekly?.dashboardId as string;
    // Someone else's dashboard and answers read as missing.
    expect((await fetch(`${fixture.url}/api/web/dashboards/${id}`, { headers: bo })).status).toBe(404);
    expect((await post('/api/web/dashboards/pins', bo, { answer: byCategory, newDashboardName: 'Stolen' })).status).toBe(404);
    expect(DashboardListResponseSchema.parse(await (await fetch(`${fixture.url}/api/web/dashboards`, { headers: bo })).json()).dashboards).toEqual([]);

    const share = ShareResponseSchema.parse(await (await post(`/api/web/dashboards/${id}/share`, ana, {})).json());
    expect(share.path).toContain(encodeURIComponent(share.token));
    const shared = await fetch(`${fixture.url}/api/web/shared-dashboards/${share.token}`, { headers: bo });
    expect(shared.status).toBe(200);
    const view = DashboardViewSchema.parse(await shared.json());
    expect(view).toMatchObject({ name: 'Weekly', owner: 'ana', readOnly: true });
    expect(view.items).toHaveLength(2);
    // The link alone is not a sign-in; a tampered link is refused; the link cannot change anything.
    expect((await fetch(`${fixture.url}/api/web/shared-dashboards/${share.token}`)).status).toBe(401);
    const tampered = `${share.token.slice(0, -4)}${share.token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect((await fetch(`${fixture.url}/api/web/shared-dashboards/${tampered}`, { headers: bo })).status).toBe(401);
    // A session token is not a share token (different audience).
    expect((await fetch(`${fixture.url}/api/web/shared-dashboards/${bo.authorization?.slice(7)}`, { headers: bo })).status).toBe(401);
    expect((await fetch(`${fixture.url}/api/web/dashboards/${id}`, { method: 'DELETE', headers: bo })).status).toBe(404);
  });

  it('unpins an answer and deletes a dashboard with its items; the share link then finds nothing', async () => {
    const list = DashboardListResponseSchema.parse(await (await fetch(`${fixture.url}/api/web/dashboards`, { headers: ana })).json());
    const id = list.dashboards.find((dashboard) => dashboard.name === 'Weekly')?.dashboardId as string;
    const share = ShareResponseSchema.parse(await (await post(`/api/web/dashboards/${id}/share`, ana, {})).json());
    const view = DashboardViewSchema.parse(await (await fetch(`${fixture.url}/api/web/dashboards/${id}`, { headers: ana })).json());
    const itemId = view.items[1]?.itemId as string;
    expect((await fetch(`${fixture.url}/api/web/dashboards/${id}/items/${itemId}`, { method: 'DELETE', headers: bo })).status).toBe(404);
    expect((await fetch(`${fixture.url}/api/web/dashboards/${id}/items/${itemId}`, { method: 'DELETE', headers: ana })).status).toBe(200);
    expect((await fetch(`${fixture.url}/api/web/dashboards/${id}/items/${itemId}`, { method: 'DELETE', headers: ana })).status).toBe(404);
    const after = DashboardViewSchema.parse(await (await fetch(`${fixture.url}/api/web/dashboards/${id}`, { headers: ana })).json());
    expect(after.items.map((item) => item.itemId)).toEqual([view.items[0]?.itemId]);
    expect((await fetch(`${fixture.url}/api/web/dashboards/${id}`, { method: 'DELETE', headers: ana })).status).toBe(200);
    expect((await fetch(`${fixture.url}/api/web/shared-dashboards/${share.token}`, { headers: bo })).status).toBe(404);
    const left = await fixture.warehouse.query(`SELECT count(*)::INTEGER AS items FROM ${WORKSPACE_SCHEMA}.dashboard_items WHERE dashboard_id = $id`, { id });
    expect(left.rows[0]?.items).toBe(0);
  });

  it('names the bad field of a request', async () => {
    const both = await post('/api/web/dashboards/pins', ana, { answer: byCategory, newDashboardName: 'X', dashboardId: 'y' });
    expect(both.status).toBe(400);
    expect(((await both.json()) as { error: { message: string } }).error.message).toMatch(/dashboardId: give exactly one/);
    const badSeq = await post('/api/web/dashboards/pins', ana, { answer: { ...byCategory, seq: -1 }, newDashboardName: 'X' });
    expect(((await badSeq.json()) as { error: { message: string } }).error.message).toMatch(/^answer\.seq:/);
    expect((await post('/api/web/dashboards', ana, { name: '   ' })).status).toBe(400);
  });
});
