import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDemoWarehouseFile } from '../../testing/demo-warehouse.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { AnalyticsAgent } from '../analytics-agent.ts';
import { AnswerSchema, type Answer } from '../answer/answer.ts';
import { ScheduleError } from './schedule-error.ts';
import { ScheduleService, type Clock } from './schedule-service.ts';
import { SCHEDULE_SCHEMA, ScheduleStore } from './schedule-store.ts';

/** A clock the test moves by hand. */
class FakeClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(hours: number): void {
    this.current = new Date(this.current.getTime() + hours * 3_600_000);
  }
}

/** A local webhook receiver on 127.0.0.1 that keeps every JSON body it gets. */
async function webhookReceiver(): Promise<{ url: string; bodies: unknown[]; close: () => Promise<void> }> {
  const bodies: unknown[] = [];
  const readBody = async (request: IncomingMessage) => {
    let text = '';
    for await (const chunk of request) text += String(chunk);
    return text;
  };
  const server: Server = createServer((request, response) => {
    void readBody(request).then((text) => {
      bodies.push(z.unknown().parse(JSON.parse(text)));
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, bodies, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** An answer with one number, the way a lookup ("昨天的GMV") answers. */
function numberAnswer(value: number, language: 'en' | 'zh' = 'en'): Answer {
  return AnswerSchema.parse({
    status: 'answered', language, question: 'q', answer: `GMV was ${value}.`, sql: 'SELECT 1', truncated: false, chart: null, assumptions: [], follow_ups: [],
    clarification: null, planner: 'offline', as_of: '2025-11-30', conversation_id: null, timings: { total_ms: 1, duckdb_ms: 1 },
    columns: [{ id: 'gmv', label_en: 'GMV', label_zh: '成交额', unit: 'currency', role: 'metric' }],
    rows: [{ gmv: value }],
  });
}

describe('scheduled questions and alerts (fake clock)', () => {
  let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
  let warehouse: Warehouse;
  let agent: AnalyticsAgent;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;

  beforeAll(async () => {
    demo = await createDemoWarehouseFile({ users: 300, days: 30 });
    warehouse = await Warehouse.open({ path: demo.path, mode: 'sandboxed' });
    agent = await AnalyticsAgent.create({ warehouse });
    hook = await webhookReceiver();
  }, 120_000);
  /** An empty warehouse of its own for a test whose answers are scripted, so no other test's schedule is due. */
  const scratches: Warehouse[] = [];
  const scratch = async () => {
    const opened = await Warehouse.open({ path: ':memory:' });
    scratches.push(opened);
    return opened;
  };
  afterAll(async () => {
    for (const opened of scratches) opened.close();
    await hook?.close();
    warehouse?.close();
    demo?.remove();
  });

  it('runs a real question when it is due, fires a threshold alert into the inbox and the webhook, and stores runs in its own schema', async () => {
    const clock = new FakeClock(new Date('2026-12-06T07:30:00Z'));
    const service = new ScheduleService({ store: new ScheduleStore(warehouse), ask: async (question) => (await agent.ask(question)).answer, clock });
    const behaviourCounts = await warehouse.query('SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM events) AS events');
    const schedule = await service.create('analyst:mei', { question: '上周的成交额', cadence: 'daily', hour: 8, rule: { kind: 'threshold', direction: 'above', value: 1 }, webhook_url: hook.url });
    expect(schedule.language).toBe('zh');
    expect(schedule.nextRunAt).toBe('2026-12-06T08:00:00.000Z');

    expect(await service.runDue()).toEqual([]); // 07:30: not yet
    clock.advance(1);
    const [run] = await service.runDue();
    expect(run?.status).toBe('ok');
    expect(run?.fired).toBe(true);
    expect(run?.message).toMatch(/高于阈值/);
    expect(run?.webhookStatus).toBe('204');
    const gmv = await warehouse.query(`SELECT sum(i.amount) AS gmv FROM orders o JOIN order_items i USING (order_id)
      WHERE o.paid_at IS NOT NULL AND o.created_at >= TIMESTAMP '2025-11-17' AND o.created_at < TIMESTAMP '2025-11-24'`);
    expect(run?.value).toBeCloseTo(Number(gmv.rows[0]?.gmv), 2);
    expect(hook.bodies).toHaveLength(1);
    expect(hook.bodies[0]).toMatchObject({ type: 'shoplens.alert', schedule_id: schedule.scheduleId, run_id: run?.runId, question: '上周的成交额', value: run?.value });

    // The next run is tomorrow at 08:00; running again today does nothing.
    expect((await service.store.get(schedule.scheduleId)).nextRunAt).toBe('2026-12-07T08:00:00.000Z');
    expect(await service.runDue()).toEqual([]);

    const inbox = await service.store.alerts({ owner: 'analyst:mei' });
    expect(inbox.map((alert) => alert.runId)).toEqual([run?.runId]);
    await service.store.acknowledge(run?.runId as string, clock.now(), 'analyst:mei');
    expect(await service.store.alerts({ owner: 'analyst:mei' })).toEqual([]);
    await expect(service.store.acknowledge(run?.runId as string, clock.now(), 'analyst:someone-else')).rejects.toThrow(ScheduleError);

    const tables = await warehouse.query(`SELECT DISTINCT schema_name FROM duckdb_tables() WHERE table_name IN ('schedules', 'schedule_runs')`);
    expect(tables.rows.map((row) => row.schema_name)).toEqual([SCHEDULE_SCHEMA]);
    expect(await warehouse.query('SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM events) AS events')).toEqual(behaviourCounts);
  });

  it('fires a percent-change rule against the previous run, weekly on its weekday', async () => {
    const values = [100, 104, 80];
    const clock = new FakeClock(new Date('2026-12-06T10:00:00Z')); // a Sunday
    const service = new ScheduleService({ store: new ScheduleStore(await scratch()), ask: async () => numberAnswer(values.shift() as number), clock });
    const schedule = await service.create('analyst:li', { question: 'GMV yesterday', cadence: 'weekly', weekday: 1, hour: 9, rule: { kind: 'percent_change', direction: 'down', percent: 10 } });
    expect(schedule.nextRunAt).toBe('2026-12-07T09:00:00.000Z');
    const fired: boolean[] = [];
    for (let week = 0; week < 3; week++) {
      clock.advance(24 * 7);
      const runs = await service.runDue();
      expect(runs).toHaveLength(1);
      fired.push(runs[0]?.fired as boolean);
    }
    expect(fired).toEqual([false, false, true]);
    const [latest] = await service.store.runs(schedule.scheduleId);
    expect(latest?.message).toContain('-23.1%');
  });

  it('learns the question\'s own range, then fires an anomaly outside the forecast model\'s 95% interval', async () => {
    // Four weeks of a weekly rhythm with day-to-day noise, then a collapse.
    const rhythm = [100, 110, 105, 120, 130, 90, 95];
    const noise = [3, -4, 1, 5, -2, -5, 2, 4, -1, -3, 0, 3, -4, 1, 2, -2, 4, -3, 1, -1, 3, -2, 2, 4, -3, 1, -4, 0];
    const values = [...rhythm, ...rhythm, ...rhythm, ...rhythm].map((value, index) => value + (noise[index] as number));
    values.push(20);
    const clock = new FakeClock(new Date('2026-12-01T07:00:00Z'));
    const service = new ScheduleService({ store: new ScheduleStore(await scratch()), ask: async () => numberAnswer(values.shift() as number, 'zh'), clock });
    const schedule = await service.create('analyst:wang', { question: '昨天的成交额', cadence: 'daily', hour: 8, rule: { kind: 'anomaly' } });
    const runs = [];
    while (values.length > 0) {
      clock.advance(24);
      runs.push(...(await service.runDue()));
    }
    expect(runs).toHaveLength(29);
    // Three seasons of runs are learnt first; nothing fires meanwhile.
    expect(runs.slice(0, 21).every((run) => !run.fired && /正在学习/.test(run.message))).toBe(true);
    // Normal days: a 95% band lets about one in twenty through, so at most one of these seven may fire.
    expect(runs.slice(21, 28).filter((run) => run.fired).length).toBeLessThanOrEqual(1);
    expect(runs.slice(21, 28).some((run) => /位于预期的 95% 区间/.test(run.message))).toBe(true);
    expect(runs[28]?.fired).toBe(true);
    expect(runs[28]?.message).toMatch(/超出预期的 95% 区间/);
    const alerts = await service.store.alerts({ owner: 'analyst:wang' });
    expect(alerts[0]?.runId).toBe(runs[28]?.runId);
    expect(new Set(alerts.map((alert) => alert.scheduleId))).toEqual(new Set([schedule.scheduleId]));
  });

  it('records a failed run instead of losing it, and rejects bad schedules naming the parameter', async () => {
    const clock = new FakeClock(new Date('2026-12-06T07:00:00Z'));
    const service = new ScheduleService({ store: new ScheduleStore(await scratch()), ask: async () => { throw new Error('warehouse busy'); }, clock });
    const schedule = await service.create('analyst:zhao', { question: 'orders yesterday', cadence: 'daily', hour: 8, rule: { kind: 'threshold', direction: 'below', value: 5 } });
    clock.advance(2);
    const [run] = await service.runDue();
    expect(run).toMatchObject({ status: 'error', fired: false, message: 'warehouse busy' });
    expect((await service.store.get(schedule.scheduleId)).nextRunAt).toBe('2026-12-07T08:00:00.000Z');
    await expect(service.create('analyst:zhao', { question: 'x', cadence: 'weekly', rule: { kind: 'anomaly' } })).rejects.toMatchObject({ parameter: 'weekday' });
    await expect(service.create('analyst:zhao', { question: 'x', cadence: 'daily', rule: { kind: 'anomaly' }, webhook_url: 'file:///etc/passwd' })).rejects.toThrow(/webhook_url|http/);
  });

  it('ticks on its own timer once started, and stop() waits for the tick in progress', async () => {
    const clock = new FakeClock(new Date('2026-12-06T07:00:00Z'));
    let asked = 0;
    const service = new ScheduleService({ store: new ScheduleStore(await scratch()), ask: async () => (asked++, numberAnswer(42)), clock });
    await service.create('analyst:timer', { question: 'GMV yesterday', cadence: 'daily', hour: 8, rule: { kind: 'threshold', direction: 'above', value: 40 } });
    service.start(5);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(asked).toBe(0); // not due on the fake clock yet
    clock.advance(1);
    await expect.poll(async () => (await service.store.alerts({ owner: 'analyst:timer' })).length, { timeout: 5000 }).toBe(1);
    await service.stop();
    expect(asked).toBe(1); // due once: the next run is tomorrow
  });
});
