import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWarehouseFile } from '../testing/demo-warehouse.ts';
import type { SupportReply, SupportResponder } from './support-responder.ts';
import { newKey, sleep, startTestServer, TestClient, type TestServer } from './testing/test-server.ts';

// A bot slot is for the responder's work: a turn whose reply waits for its commit (the group commit's next
// transaction, up to its interval under load) must not keep the next shopper's turn from starting.
describe('bot turn slots', () => {
  let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
  let server: TestServer;
  const started = new Map<string, number>();
  let delayNextCommit = false;
  let delayedCommitEnded = Number.POSITIVE_INFINITY;

  const responder: SupportResponder = {
    async handleMessage(input): Promise<SupportReply[]> {
      started.set(input.text, performance.now());
      if (input.text === 'first') {
        await sleep(100);
        // The next transaction is this turn's reply: make its commit slow.
        delayNextCommit = true;
      }
      return [{ text: `re: ${input.text}`, intent: 'other' }];
    },
    handleConfirmation: () => Promise.resolve([]),
  };

  beforeAll(async () => {
    demo = await createDemoWarehouseFile({ users: 60, days: 10 });
    server = await startTestServer({ databasePath: demo.path, responder, maxConcurrentTurns: 1 });
    const transaction = server.warehouse.transaction.bind(server.warehouse);
    server.warehouse.transaction = (async (work, options) => {
      if (!delayNextCommit) return transaction(work, options);
      delayNextCommit = false;
      await sleep(500);
      try {
        return await transaction(work, options);
      } finally {
        delayedCommitEnded = performance.now();
      }
    }) as typeof server.warehouse.transaction;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    demo?.remove();
  });

  it('the next turn runs while a reply waits for its commit, and both replies arrive in full', async () => {
    const customers = (await server.warehouse.query('SELECT DISTINCT user_id FROM orders WHERE user_id IS NOT NULL ORDER BY user_id LIMIT 2')).rows.map((row) => Number(row.user_id));
    const [one, two] = await Promise.all(customers.map(async (customerId) => TestClient.connect(server.url, '/support', { token: await server.customerToken(customerId) })));
    try {
      const [first, second] = await Promise.all([
        one?.send({ type: 'message-send', idempotencyKey: newKey(), text: 'first' }),
        two?.send({ type: 'message-send', idempotencyKey: newKey(), text: 'second' }),
      ]);
      expect(first).toMatchObject({ ok: true, seq: 1 });
      expect(second).toMatchObject({ ok: true, seq: 1 });
      await Promise.all([one?.waitForTurnEnd(1), two?.waitForTurnEnd(1)]);
      // With one slot, 'second' waited for 'first''s responder, but not for its 500 ms commit.
      expect(started.get('second')).toBeGreaterThan(started.get('first') as number);
      expect(started.get('second')).toBeLessThan(delayedCommitEnded - 300);
      const replies = await server.warehouse.query(`SELECT content FROM messages WHERE role = 'assistant' ORDER BY content`);
      expect(replies.rows).toEqual([{ content: 're: first' }, { content: 're: second' }]);
    } finally {
      one?.close();
      two?.close();
    }
  });
});

describe('analytics turns take slots of their own', () => {
  it('a shopper is answered while analysts\' questions are still running, even with a single bot slot', async () => {
    const demo = await createDemoWarehouseFile({ users: 60, days: 10 });
    let release: () => void = () => undefined;
    const hanging = new Promise<void>((resolve) => (release = resolve));
    let asked = 0;
    const analyticsAgent = {
      ask: async () => {
        asked += 1;
        await hanging;
        throw new Error('released at the end of the test');
      },
    };
    const server = await startTestServer({ databasePath: demo.path, analyticsAgent, maxConcurrentTurns: 1 });
    const client = await TestClient.connect(server.url, '/support', { token: await server.customerToken(1) });
    try {
      const questions = Array.from({ length: 3 }, async (_, index) =>
        fetch(`${server.url}/api/ask`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await server.analystToken(`ana-${index}`)}`, 'idempotency-key': newKey() },
          body: JSON.stringify({ question: 'GMV last week' }),
        }),
      );
      while (asked === 0) await sleep(10);
      const sent = await client.send({ type: 'message-send', idempotencyKey: newKey(), text: 'hello' });
      expect(sent).toMatchObject({ ok: true, seq: 1 });
      await client.waitForTurnEnd(1, 5_000);
      release();
      await Promise.all(questions);
    } finally {
      release();
      client.close();
      await server.close();
      demo.remove();
    }
  }, 60_000);
});
