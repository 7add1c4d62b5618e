import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWarehouseFile } from '../testing/demo-warehouse.ts';
import type { AnalyticsAsker } from './analytics-chat.ts';
import { endsBotTyping } from './protocol.ts';
import type { SupportResponder } from './support-responder.ts';
import { FakeSupportResponder } from './testing/fake-support.ts';
import { newKey, startTestServer, TestClient, type TestServer } from './testing/test-server.ts';

type Demo = Awaited<ReturnType<typeof createDemoWarehouseFile>>;

/** These servers never answer analytics questions; skipping AnalyticsAgent.create keeps start-up quick. */
const NO_ANALYTICS: AnalyticsAsker = { ask: () => Promise.reject(new Error('not used')) };

describe('restarts, graceful shutdown and rate limits', () => {
  let demo: Demo;
  let customerId: number;

  beforeAll(async () => {
    demo = await createDemoWarehouseFile({ users: 200, days: 20 });
    customerId = 1;
  });
  afterAll(() => demo?.remove());

  it('loses no acknowledged message across a restart, and answers the one left unanswered exactly once', async () => {
    const server1 = await startTestServerWithHang(demo.path);
    const client = await TestClient.connect(server1.url, '/support', { token: await server1.customerToken(customerId) });
    const opened = await client.send({ type: 'message-send', idempotencyKey: newKey(), text: 'hello' });
    const conversationId = opened.ok ? (opened.conversationId as string) : '';
    await client.waitFor((event) => event.type === 'message-end' && event.seq === 2);
    await client.send({ type: 'message-send', conversationId, idempotencyKey: newKey(), text: 'where is my order' });
    await client.waitFor((event) => event.type === 'message-end' && event.seq === 4);
    const hangKey = newKey();
    expect(await client.send({ type: 'message-send', conversationId, idempotencyKey: hangKey, text: 'hang on a second' })).toMatchObject({ ok: true, seq: 5 });
    const disconnected = new Promise<string>((resolve) => client.socket.once('disconnect', (reason) => resolve(reason)));
    await server1.close();
    expect(await disconnected).toBe('io server disconnect');
    client.close();

    const server2 = await startTestServer({ databasePath: demo.path, analyticsAgent: NO_ANALYTICS });
    try {
      const again = await TestClient.connect(server2.url, '/support', { token: await server2.customerToken(customerId) });
      expect(await again.send({ type: 'resume', conversationId, lastSeq: 0 })).toMatchObject({ ok: true, replayed: 5 });
      expect(again.messageEnds(conversationId).map((event) => [event.seq, event.message.role])).toEqual([
        [1, 'user'],
        [2, 'assistant'],
        [3, 'user'],
        [4, 'assistant'],
        [5, 'user'],
      ]);
      // The client never saw a reply to seq 5, so it resends with the same key: nothing is stored twice,
      // and the bot answers it now, once.
      expect(await again.send({ type: 'message-send', conversationId, idempotencyKey: hangKey, text: 'hang on a second' })).toMatchObject({ ok: true, seq: 5, duplicate: true });
      const reply = await again.waitFor((event) => event.type === 'message-end' && event.seq === 6);
      expect(reply.type === 'message-end' && reply.message).toMatchObject({ role: 'assistant', replyTo: 5 });
      expect(await again.send({ type: 'message-send', conversationId, idempotencyKey: hangKey, text: 'hang on a second' })).toMatchObject({ ok: true, seq: 5, duplicate: true });
      await again.waitForTurnEnd(5);
      expect(server2.responder.calls.filter((call) => call.conversationId === conversationId)).toHaveLength(1);
      const stored = await server2.warehouse.query('SELECT seq, role FROM messages WHERE conversation_id = $id ORDER BY seq', { id: conversationId });
      expect(stored.rows.map((row) => row.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant']);
      again.close();
    } finally {
      await server2.close();
    }
  });

  it('finishes replies in flight before shutting down', async () => {
    const server = await startTestServer({ databasePath: demo.path, analyticsAgent: NO_ANALYTICS, fakeDelayMs: 300 });
    const client = await TestClient.connect(server.url, '/support', { token: await server.customerToken(2) });
    const acknowledgement = await client.send({ type: 'message-send', idempotencyKey: newKey(), text: 'hello before closing' });
    const conversationId = acknowledgement.ok ? (acknowledgement.conversationId as string) : '';
    const closing = server.close();
    const ready = await fetch(`${server.url}/readyz`).then((response) => response.status).catch(() => 'refused');
    expect([503, 'refused']).toContain(ready);
    await closing;
    expect(client.messageEnds(conversationId).map((event) => event.message.role)).toEqual(['user', 'assistant']);
    // The 300 ms reply showed the bot typing (message-start), and its message-end ended the turn.
    expect(client.events.filter((event) => event.type === 'message-start' || endsBotTyping(event)).map((event) => event.type)).toEqual(['message-start', 'message-end']);
    client.close();
  });

  it('answers support_unavailable, and stores nothing, when no support agent is installed', async () => {
    const server = await startTestServer({ databasePath: demo.path, analyticsAgent: NO_ANALYTICS, withoutSupport: true });
    try {
      const client = await TestClient.connect(server.url, '/support', { token: await server.customerToken(9) });
      const before = await server.warehouse.query('SELECT count(*) AS n FROM messages');
      expect(await client.send({ type: 'message-send', idempotencyKey: newKey(), text: 'hello?' })).toMatchObject({ ok: false, code: 'support_unavailable' });
      await client.waitFor((event) => event.type === 'error' && event.code === 'support_unavailable');
      const after = await server.warehouse.query('SELECT count(*) AS n FROM messages');
      expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
      client.close();
    } finally {
      await server.close();
    }
  });

  it('rate-limits per conversation, per user and per IP with retry-after, and keeps serving', async () => {
    const server = await startTestServer({
      databasePath: demo.path,
      analyticsAgent: NO_ANALYTICS,
      rateLimits: {
        perConversation: { capacity: 2, refillPerSecond: 0.1 },
        perUser: { capacity: 4, refillPerSecond: 0.1 },
        perIp: { capacity: 7, refillPerSecond: 0.1 },
      },
    });
    try {
      const client = await TestClient.connect(server.url, '/support', { token: await server.customerToken(3) });
      const opened = await client.send({ type: 'message-send', idempotencyKey: newKey(), text: 'one' });
      const conversationId = opened.ok ? (opened.conversationId as string) : '';
      expect(await client.send({ type: 'message-send', conversationId, idempotencyKey: newKey(), text: 'two' })).toMatchObject({ ok: true });
      const third = await client.send({ type: 'message-send', conversationId, idempotencyKey: newKey(), text: 'three' });
      expect(third).toMatchObject({ ok: false, code: 'rate_limited' });
      const error = await client.waitFor((event) => event.type === 'error' && event.code === 'rate_limited');
      expect(error.type === 'error' && error.retryAfterSeconds).toBeGreaterThan(0);
      // Per user: new conversations still count against the same account.
      expect(await client.send({ type: 'message-send', idempotencyKey: newKey(), text: 'four' })).toMatchObject({ ok: true });
      expect(await client.send({ type: 'message-send', idempotencyKey: newKey(), text: 'five' })).toMatchObject({ ok: true });
      expect(await client.send({ type: 'message-send', idempotencyKey: newKey(), text: 'six' })).toMatchObject({ ok: false, code: 'rate_limited' });
      // Per IP: other accounts from the same address share the IP bucket (4 used by the first shopper).
      const results: string[] = [];
      for (const other of [4, 5, 6, 7]) {
        const otherClient = await TestClient.connect(server.url, '/support', { token: await server.customerToken(other) });
        const result = await otherClient.send({ type: 'message-send', idempotencyKey: newKey(), text: 'hi' });
        results.push(result.ok ? 'ok' : result.code);
        otherClient.close();
      }
      expect(results).toEqual(['ok', 'ok', 'ok', 'rate_limited']);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(client.socket.connected).toBe(true);
      client.close();
    } finally {
      await server.close();
    }
  });
});

/** The fake responder, except that "hang" never gets an answer: a server stopped mid-reply. */
async function startTestServerWithHang(databasePath: string): Promise<TestServer> {
  let inner: FakeSupportResponder | undefined;
  const responder: SupportResponder = {
    handleMessage: (input) => (/hang/.test(input.text) ? new Promise(() => undefined) : (inner as FakeSupportResponder).handleMessage(input)),
    handleConfirmation: (input) => (inner as FakeSupportResponder).handleConfirmation(input),
  };
  const server = await startTestServer({ databasePath, analyticsAgent: NO_ANALYTICS, shutdownTimeoutMs: 200, responder });
  inner = server.responder;
  return server;
}
