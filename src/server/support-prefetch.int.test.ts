import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWarehouseFile } from '../testing/demo-warehouse.ts';
import type { SupportReply, SupportResponder, SupportSession } from './support-responder.ts';
import { newKey, startTestServer, TestClient, type TestServer } from './testing/test-server.ts';

// The server tells the responder about each stored message before its turn, so shoppers whose messages one
// group-commit transaction stored can share their turns' reads (SupportAgent.prefetch).
describe('support prefetch', () => {
  let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
  let server: TestServer;
  const calls: string[] = [];

  const responder: SupportResponder = {
    async handleMessage(input): Promise<SupportReply[]> {
      calls.push(`turn ${input.session.scope.customerId} ${input.text}`);
      return [{ text: `re: ${input.text}`, intent: 'other' }];
    },
    handleConfirmation: () => Promise.resolve([]),
    prefetch(session: SupportSession) {
      calls.push(`prefetch ${session.scope.kind} ${session.scope.customerId}`);
    },
  };

  beforeAll(async () => {
    demo = await createDemoWarehouseFile({ users: 60, days: 10 });
    server = await startTestServer({ databasePath: demo.path, responder });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    demo?.remove();
  });

  it('is called with each shopper\'s own session once per stored message, before its turn, and not for a retry', async () => {
    const customers = (await server.warehouse.query('SELECT DISTINCT user_id FROM orders WHERE user_id IS NOT NULL ORDER BY user_id LIMIT 2')).rows.map((row) => Number(row.user_id));
    const [one, two] = await Promise.all(customers.map(async (customerId) => TestClient.connect(server.url, '/support', { token: await server.customerToken(customerId) })));
    try {
      const key = newKey();
      await Promise.all([one?.send({ type: 'message-send', idempotencyKey: key, text: 'a' }), two?.send({ type: 'message-send', idempotencyKey: newKey(), text: 'b' })]);
      await Promise.all([one?.waitForTurnEnd(1), two?.waitForTurnEnd(1)]);
      for (const [customerId, text] of [[customers[0], 'a'], [customers[1], 'b']] as const) {
        const prefetched = calls.indexOf(`prefetch customer ${customerId}`);
        expect(prefetched).toBeGreaterThanOrEqual(0);
        expect(calls.indexOf(`turn ${customerId} ${text}`)).toBeGreaterThan(prefetched);
      }
      // The same key again: the stored message is replayed, nothing runs again.
      expect(await one?.send({ type: 'message-send', idempotencyKey: key, text: 'a' })).toMatchObject({ ok: true, duplicate: true });
      expect(calls.filter((call) => call.startsWith('prefetch'))).toHaveLength(2);
    } finally {
      one?.close();
      two?.close();
    }
  });
});
