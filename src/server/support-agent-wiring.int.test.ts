import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWarehouseFile } from '../testing/demo-warehouse.ts';
import { Warehouse } from '../sql/warehouse.ts';
import type { AnalyticsAsker } from './analytics-chat.ts';
import { loadSupportBackend } from './support-backend.ts';
import { newKey, startTestServer, TestClient, type TestServer } from './testing/test-server.ts';

const installed = existsSync(fileURLToPath(new URL('../support/support-agent.ts', import.meta.url)));
const NO_ANALYTICS: AnalyticsAsker = { ask: () => Promise.reject(new Error('not used')) };

/** The real customer-service agent of src/support behind the server, end to end over socket.io. */
describe.skipIf(!installed)('/support with the real SupportAgent', () => {
  let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
  let server: TestServer;
  let customerId: number;
  let orderNumbers: string[];

  beforeAll(async () => {
    demo = await createDemoWarehouseFile({ users: 300, days: 30 });
    const probe = await Warehouse.open({ path: demo.path, mode: 'sandboxed' });
    const customer = await probe.query(`SELECT user_id FROM orders GROUP BY user_id ORDER BY count(*) DESC, user_id LIMIT 1`);
    customerId = Number(customer.rows[0]?.user_id);
    orderNumbers = (await probe.query('SELECT order_no FROM orders WHERE user_id = $id', { id: customerId })).rows.map((row) => String(row.order_no));
    probe.close();
    server = await startTestServer({
      databasePath: demo.path,
      analyticsAgent: NO_ANALYTICS,
      backend: async (warehouse) => {
        const backend = await loadSupportBackend(warehouse);
        if (!backend.responder || !backend.desk) throw new Error(`support backend incomplete: ${backend.description}`);
        return backend;
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    demo?.remove();
  });

  it('answers an order question from the shopper\'s own orders, then hands off to a human and back', async () => {
    const shopper = await TestClient.connect(server.url, '/support', { token: await server.customerToken(customerId) });
    const opened = await shopper.send({ type: 'message-send', idempotencyKey: newKey(), text: '我的订单到哪了?' });
    expect(opened).toMatchObject({ ok: true, seq: 1 });
    const conversationId = opened.ok ? (opened.conversationId as string) : '';
    await shopper.waitForTurnEnd(1, 20_000);
    const replies = shopper.messageEnds(conversationId).filter((event) => event.message.role === 'assistant');
    expect(replies.length).toBeGreaterThan(0);
    expect(replies[0]?.message.intent).toBe('order_status');
    const mentioned = replies.map((event) => event.message.text + JSON.stringify(event.message.table ?? '')).join(' ');
    expect(orderNumbers.some((orderNumber) => mentioned.includes(orderNumber))).toBe(true);
    expect(shopper.invalidEvents).toEqual([]);

    const handOff = await shopper.send({ type: 'message-send', conversationId, idempotencyKey: newKey(), text: '转人工' });
    await shopper.waitFor((event) => event.type === 'handoff-start', 20_000);
    await shopper.waitForTurnEnd(handOff.ok ? (handOff.seq as number) : -1, 20_000);

    const agent = await TestClient.connect(server.url, '/agents', { token: await server.agentToken('mei') });
    await agent.send({ type: 'queue-list' });
    const queue = await agent.waitFor((event) => event.type === 'queue-update');
    expect(queue.type === 'queue-update' && queue.entries.map((entry) => entry.conversationId)).toContain(conversationId);
    expect(await agent.send({ type: 'conversation-take', conversationId })).toMatchObject({ ok: true });
    const open = await agent.waitFor((event) => event.type === 'conversation-open');
    expect(open.type === 'conversation-open' && open.summary.length).toBeGreaterThan(0);
    expect(await agent.send({ type: 'agent-reply', conversationId, idempotencyKey: newKey(), text: '您好,我是人工客服小美。' })).toMatchObject({ ok: true });
    await shopper.waitFor((event) => event.type === 'message-end' && event.message.role === 'agent');
    expect(await agent.send({ type: 'conversation-resolve', conversationId })).toMatchObject({ ok: true });
    const state = await server.warehouse.query('SELECT state FROM conversations WHERE conversation_id = $id', { id: conversationId });
    expect(state.rows[0]?.state).toBe('resolved');
    shopper.close();
    agent.close();
  });
});
