import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWarehouseFile } from '../../testing/demo-warehouse.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { verifyToken } from '../auth/tokens.ts';
import { demoLoginEnabled, demoLoginRouter } from './demo-login.ts';
import { DemoCustomersResponseSchema, DemoTokenResponseSchema, WebConfigSchema } from './web-api-schemas.ts';
import { serveForTest } from './web-test-app.ts';

const SECRET = 'demo-login-test-secret-0123456789abcdefghij';

describe('demo login', () => {
  let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
  let warehouse: Warehouse;
  let enabled: Awaited<ReturnType<typeof serveForTest>>;
  let disabled: Awaited<ReturnType<typeof serveForTest>>;

  beforeAll(async () => {
    demo = await createDemoWarehouseFile({ users: 200, days: 14 });
    warehouse = await Warehouse.open({ path: demo.path, mode: 'read-only' });
    enabled = await serveForTest((app) => app.use(demoLoginRouter({ enabled: true, secret: SECRET, warehouse })));
    disabled = await serveForTest((app) => app.use(demoLoginRouter({ enabled: false, secret: SECRET, warehouse })));
  });

  afterAll(async () => {
    await enabled?.close();
    await disabled?.close();
    warehouse?.close();
    demo?.remove();
  });

  it('is on only when SHOPLENS_DEMO_LOGIN is exactly 1', () => {
    expect(demoLoginEnabled({ SHOPLENS_DEMO_LOGIN: '1' })).toBe(true);
    expect(demoLoginEnabled({ SHOPLENS_DEMO_LOGIN: 'true' })).toBe(false);
    expect(demoLoginEnabled({})).toBe(false);
  });

  it('tells the page whether demo sign-in exists, and hides the endpoints when it does not', async () => {
    expect(WebConfigSchema.parse(await (await fetch(`${disabled.url}/api/web/config`)).json())).toEqual({ demoLogin: false });
    expect((await fetch(`${disabled.url}/api/web/demo/customers`)).status).toBe(404);
    expect((await fetch(`${disabled.url}/api/web/demo/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"analyst"}' })).status).toBe(404);
    expect(WebConfigSchema.parse(await (await fetch(`${enabled.url}/api/web/config`)).json())).toEqual({ demoLogin: true });
  });

  it('lists customers who have orders, cancellable ones first', async () => {
    const { customers } = DemoCustomersResponseSchema.parse(await (await fetch(`${enabled.url}/api/web/demo/customers`)).json());
    expect(customers.length).toBeGreaterThan(0);
    expect(customers.every((customer) => customer.orderCount > 0 && customer.latestOrderNumber !== null)).toBe(true);
    const cancellable = customers.map((customer) => ['pending', 'paid'].includes(customer.latestOrderStatus ?? ''));
    expect(cancellable.indexOf(false) === -1 || cancellable.lastIndexOf(true) < cancellable.indexOf(false)).toBe(true);
  });

  it('signs tokens the server accepts, for each role', async () => {
    const post = (body: unknown) => fetch(`${enabled.url}/api/web/demo/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const analyst = DemoTokenResponseSchema.parse(await (await post({ role: 'analyst' })).json());
    expect(await verifyToken(SECRET, analyst.token)).toMatchObject({ role: 'analyst', analystId: 'demo-analyst' });
    const customer = DemoTokenResponseSchema.parse(await (await post({ role: 'customer', customerId: 12 })).json());
    expect(await verifyToken(SECRET, customer.token)).toMatchObject({ role: 'customer', customerId: 12 });
    expect((await post({ role: 'customer' })).status).toBe(400);
    expect((await post({ role: 'guest', customerId: 1, orderId: 2 })).status).toBe(400);
  });
});
