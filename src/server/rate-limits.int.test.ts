import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWarehouseFile } from '../testing/demo-warehouse.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';
import { demoLoginRouter } from './web/demo-login.ts';

/** Every REST route is limited per IP, sign-in and sign-out included; health checks are not. */
describe('per-IP limits on every API route', () => {
  let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
  let server: TestServer;
  beforeAll(async () => {
    demo = await createDemoWarehouseFile({ users: 50, days: 5 });
    server = await startTestServer({
      databasePath: demo.path,
      rateLimits: { perIp: { capacity: 4, refillPerSecond: 0.01 } },
      extendApp: (app, context) => app.use(demoLoginRouter({ enabled: true, secret: context.authentication.secret })),
    });
  });
  afterAll(async () => {
    await server?.close();
    demo?.remove();
  });

  it('demo sign-in, sign-out and the rest share one per-IP budget; the next request is 429 with Retry-After; /healthz still answers', async () => {
    const signIn = () => fetch(`${server.url}/api/web/demo/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'customer', customerId: 1 }) });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await signIn()).status);
    statuses.push((await fetch(`${server.url}/api/auth/sign-out`, { method: 'POST' })).status);
    const limited = await signIn();
    expect(statuses).toEqual([200, 200, 200, 401]);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
