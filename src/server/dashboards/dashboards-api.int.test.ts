import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkspaceFixture, WORKSPACE_TEST_SECRET, type StoredTestAnswer } from '../testing/workspace-fixture.ts';
import { DashboardListResponseSchema, DashboardViewSchema, PinResponseSchema, ShareResponseSchema } from '../web/workspace-api-schemas.ts';
import { SignJWT } from 'jose';
import { dashboardsRouter } from './dashboards-api.ts';
import { signShareToken } from './share-token.ts';
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

  describe('red team: hostile dashboard and share-link requests are refused and change nothing', () => {
    const workspace = async () => {
      const parts: string[] = [];
      for (const table of ['dashboards', 'dashboard_items']) {
        const result = await fixture.warehouse.query(`SELECT count(*) AS n, coalesce(bit_xor(hash(t)), 0)::VARCHAR AS h FROM ${WORKSPACE_SCHEMA}.${table} t`);
        parts.push(`${table}:${String(result.rows[0]?.n)}:${String(result.rows[0]?.h)}`);
      }
      const business = await fixture.warehouse.query('SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM order_items) AS n');
      return `${parts.join('|')}|business:${String(business.rows[0]?.n)}`;
    };
    const shareToken = async (claims: Record<string, unknown>, secret: string, audience = 'shoplens-dashboard-share') =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('shoplens').setAudience(audience).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(secret));
    const cases: Array<[string, () => Promise<Response>, number[]]> = [
      ['a share link signed with another secret', async () => fetch(`${fixture.url}/api/web/shared-dashboards/${await shareToken({ dashboard_id: 'x', owner: 'ana' }, 'another-secret-0123456789abcdefghijklmnop')}`, { headers: bo }), [401]],
      ['a share link with the session audience', async () => fetch(`${fixture.url}/api/web/shared-dashboards/${await shareToken({ dashboard_id: 'x', owner: 'ana' }, WORKSPACE_TEST_SECRET, 'shoplens-server')}`, { headers: bo }), [401]],
      ['a share link with alg none', async () => {
        const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
        return fetch(`${fixture.url}/api/web/shared-dashboards/${encode({ alg: 'none', typ: 'JWT' })}.${encode({ dashboard_id: 'x', owner: 'ana', iss: 'shoplens', aud: 'shoplens-dashboard-share', exp: 9_999_999_999 })}.`, { headers: bo });
      }, [401]],
      ['a valid link to a dashboard that does not exist', async () => fetch(`${fixture.url}/api/web/shared-dashboards/${await signShareToken(WORKSPACE_TEST_SECRET, '00000000-0000-4000-8000-000000000000', 'ana')}`, { headers: bo }), [404]],
      ['a dashboard id with a path in it', async () => fetch(`${fixture.url}/api/web/dashboards/..%2F..%2Fetc%2Fpasswd`, { headers: ana }), [400, 404]],
      ['a dashboard id with SQL in it', async () => fetch(`${fixture.url}/api/web/dashboards/${encodeURIComponent("x' OR '1'='1")}`, { headers: ana }), [400, 404]],
      ['deleting with SQL in the item id', async () => fetch(`${fixture.url}/api/web/dashboards/x/items/${encodeURIComponent("1; DROP TABLE orders")}`, { method: 'DELETE', headers: ana }), [400, 404]],
      ['a dashboard name of 10,000 characters', async () => post('/api/web/dashboards', ana, { name: 'x'.repeat(10_000) }), [400]],
      ['a dashboard with an owner field', async () => post('/api/web/dashboards', ana, { name: 'Owned', owner: 'bo' }), [400]],
      ['a pin carrying its own SQL', async () => post('/api/web/dashboards/pins', ana, { answer: { ...byCategory, sql: 'DROP TABLE orders' }, newDashboardName: 'Injected' }), [400]],
      ['a pin of a conversation that is not the analyst’s', async () => post('/api/web/dashboards/pins', bo, { answer: forecast, newDashboardName: 'Borrowed' }), [404]],
      ['sharing a dashboard that is not the analyst’s', async () => post('/api/web/dashboards/00000000-0000-4000-8000-000000000000/share', bo, {}), [404]],
      ['no credentials', async () => fetch(`${fixture.url}/api/web/dashboards`), [401]],
    ];
    it.each(cases)('%s', async (_name, request, statuses) => {
      const before = await workspace();
      const response = await request();
      expect(statuses).toContain(response.status);
      expect(response.headers.get('content-type') ?? 'application/json').toMatch(/json/);
      expect(await workspace()).toBe(before);
    });

    it('markup in a dashboard name comes back as JSON text, never HTML', async () => {
      const markup = '<img src=x onerror=alert(1)>';
      const created = await post('/api/web/dashboards', ana, { name: markup });
      expect(created.status).toBe(201);
      expect(created.headers.get('content-type')).toMatch(/application\/json/);
      const list = DashboardListResponseSchema.parse(await (await fetch(`${fixture.url}/api/web/dashboards`, { headers: ana })).json());
      expect(list.dashboards.map((dashboard) => dashboard.name)).toContain(markup);
    });
  });
});
