import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ScheduleService, type Clock } from '../analytics/schedules/schedule-service.ts';
import { ScheduleStore } from '../analytics/schedules/schedule-store.ts';
import { AnalyticsAgent } from '../analytics/analytics-agent.ts';
import { createDemoWarehouseFile } from '../testing/demo-warehouse.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

describe('REST /api/schedules and /api/alerts', () => {
  let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
  let server: TestServer;
  let now = new Date('2026-12-06T07:00:00Z');
  const clock: Clock = { now: () => new Date(now) };
  let schedules: ScheduleService;

  beforeAll(async () => {
    demo = await createDemoWarehouseFile({ users: 300, days: 30 });
    // The service needs the server's own warehouse (one DuckDB process): the backend hook builds it there, and the
    // getter hands it to createShopLensServer, which reads the options after the hook ran.
    server = await startTestServer({
      databasePath: demo.path,
      backend: async (warehouse: Warehouse) => {
        const agent = await AnalyticsAgent.create({ warehouse });
        schedules = new ScheduleService({ store: new ScheduleStore(warehouse), ask: async (question) => (await agent.ask(question)).answer, clock });
        return {};
      },
      get schedules() {
        return schedules;
      },
    });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    demo?.remove();
  });

  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: z.record(z.string(), z.unknown()).parse(await response.json()) };
  };

  it('creates, lists, runs on the clock, shows alerts to their owner only, acknowledges and deletes', async () => {
    const mei = await server.analystToken('mei');
    const li = await server.analystToken('li');
    const created = await call('POST', '/api/schedules', mei, { question: 'GMV last week', cadence: 'daily', hour: 8, rule: { kind: 'threshold', direction: 'above', value: 1 } });
    expect(created.status).toBe(201);
    const scheduleId = String(created.body.scheduleId);
    expect(created.body).toMatchObject({ question: 'GMV last week', language: 'en', cadence: 'daily', nextRunAt: '2026-12-06T08:00:00.000Z' });

    expect(((await call('GET', '/api/schedules', mei)).body.schedules as unknown[]).length).toBe(1);
    expect((await call('GET', '/api/schedules', li)).body.schedules).toEqual([]);

    now = new Date('2026-12-06T08:01:00Z');
    const [run] = await schedules.runDue();
    expect(run?.fired).toBe(true);
    const alerts = (await call('GET', '/api/alerts', mei)).body.alerts as { runId: string; question: string; message: string }[];
    expect(alerts.map((alert) => alert.question)).toEqual(['GMV last week']);
    expect(alerts[0]?.message).toMatch(/above the threshold/);
    expect((await call('GET', '/api/alerts', li)).body.alerts).toEqual([]);
    expect((await call('POST', `/api/alerts/${alerts[0]?.runId}/acknowledge`, li)).status).toBe(404);
    expect((await call('POST', `/api/alerts/${alerts[0]?.runId}/acknowledge`, mei)).status).toBe(200);
    expect((await call('GET', '/api/alerts', mei)).body.alerts).toEqual([]);
    expect(((await call('GET', '/api/alerts?all=true', mei)).body.alerts as unknown[]).length).toBe(1);

    const manual = await call('POST', `/api/schedules/${scheduleId}/run`, mei);
    expect(manual.status).toBe(200);
    expect(manual.body.fired).toBe(true);
    expect((await call('POST', `/api/schedules/${scheduleId}/run`, li)).status).toBe(404);
    expect((await call('DELETE', `/api/schedules/${scheduleId}`, li)).status).toBe(404);
    expect((await call('DELETE', `/api/schedules/${scheduleId}`, mei)).status).toBe(200);
    expect((await call('GET', '/api/schedules', mei)).body.schedules).toEqual([]);
  });

  it('validates bodies with a clear field, and refuses other roles', async () => {
    const token = await server.analystToken('mei');
    const badRule = await call('POST', '/api/schedules', token, { question: 'GMV', cadence: 'daily', rule: { kind: 'threshold', direction: 'sideways', value: 1 } });
    expect(badRule.status).toBe(400);
    expect(badRule.body.error).toMatchObject({ code: 'invalid_payload', field: 'rule.direction' });
    const weekly = await call('POST', '/api/schedules', token, { question: 'GMV', cadence: 'weekly', rule: { kind: 'anomaly' } });
    expect(weekly.body.error).toMatchObject({ code: 'invalid_payload', field: 'weekday' });
    const hook = await call('POST', '/api/schedules', token, { question: 'GMV', cadence: 'daily', rule: { kind: 'anomaly' }, webhook_url: 'ftp://example.test/x' });
    expect(hook.body.error).toMatchObject({ field: 'webhook_url' });
    expect((await call('POST', '/api/alerts/not-a-uuid/acknowledge', token)).body.error).toMatchObject({ field: 'id' });
    const customer = await server.customerToken(1);
    expect((await call('GET', '/api/schedules', customer)).status).toBe(403);
  });
});
