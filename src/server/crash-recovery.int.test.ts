import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../sql/warehouse.ts';
import { createDemoWarehouseFile } from '../testing/demo-warehouse.ts';
import { signToken } from './auth/tokens.ts';
import type { Acknowledgement } from './protocol.ts';
import { newKey, sleep, TEST_SECRET, TestClient } from './testing/test-server.ts';

/**
 * kill -9 of the server mid-burst: every acknowledged shopper message survives, is stored once, and gets its reply
 * after a restart once the shopper resumes. Then SIGTERM with turns in flight drains in time, without a crash.
 */
const SERVER_SCRIPT = fileURLToPath(new URL('./testing/crash-test-server.ts', import.meta.url));
let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
const clients: TestClient[] = [];

function startServer(): Promise<{ child: ChildProcess; url: string; exit: Promise<{ code: number | null; signal: string | null; output: string }> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_SCRIPT, demo.path, '300'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exit = new Promise<{ code: number | null; signal: string | null; output: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, output })),
  );
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /READY (\S+)/.exec(output);
      if (ready?.[1]) resolve({ child, url: ready[1], exit });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exit.then((result) => reject(new Error(`server exited before READY: ${JSON.stringify(result)}`)));
  });
}

beforeAll(async () => {
  demo = await createDemoWarehouseFile({ users: 100, days: 10 });
}, 120_000);
afterAll(() => {
  for (const client of clients) client.close();
  demo?.remove();
});

interface Sent {
  customerId: number;
  idempotencyKey: string;
  acknowledgement?: Extract<Acknowledgement, { ok: true }>;
}

describe('crash safety', () => {
  it('kill -9 mid-burst: acknowledged messages are neither lost nor duplicated, and all get answered after restart + resume', async () => {
    const first = await startServer();
    const shoppers = [1, 2, 3, 4, 5, 6];
    const sockets = await Promise.all(shoppers.map(async (customerId) => TestClient.connect(first.url, '/support', { token: await signToken(TEST_SECRET, { role: 'customer', customerId }, '1h') })));
    clients.push(...sockets);
    const sent: Sent[] = [];
    // Each shopper sends 5 messages in a row (same conversation after the first), without waiting for replies.
    const bursts = sockets.map(async (socket, index) => {
      let conversationId: string | undefined;
      for (let message = 0; message < 5; message += 1) {
        const entry: Sent = { customerId: shoppers[index] as number, idempotencyKey: newKey() };
        sent.push(entry);
        const acknowledgement = await socket
          .send({ type: 'message-send', idempotencyKey: entry.idempotencyKey, text: `question ${message}`, ...(conversationId ? { conversationId } : {}) }, 3000)
          .catch(() => undefined);
        if (acknowledgement?.ok) {
          entry.acknowledgement = acknowledgement;
          conversationId = acknowledgement.conversationId;
        }
      }
    });
    // Kill once a dozen messages are acknowledged: with 300 ms turns and 4 bot slots most are still unanswered.
    while (sent.filter((entry) => entry.acknowledgement).length < 12) await sleep(10);
    first.child.kill('SIGKILL');
    expect((await first.exit).signal).toBe('SIGKILL');
    await Promise.all(bursts);
    const acknowledged = sent.filter((entry) => entry.acknowledgement);
    expect(acknowledged.length).toBeGreaterThanOrEqual(12);

    const second = await startServer();
    const conversations = new Map<string, number>();
    for (const entry of acknowledged) conversations.set(entry.acknowledgement?.conversationId as string, entry.customerId);
    for (const [conversationId, customerId] of conversations) {
      const socket = await TestClient.connect(second.url, '/support', { token: await signToken(TEST_SECRET, { role: 'customer', customerId }, '1h') });
      clients.push(socket);
      expect(await socket.send({ type: 'resume', conversationId, lastSeq: 0 })).toMatchObject({ ok: true });
    }
    // Every acknowledged message gets its reply (turns are 300 ms, 4 at a time).
    const deadline = Date.now() + 30_000;
    let unanswered = acknowledged.length;
    while (unanswered > 0 && Date.now() < deadline) {
      await sleep(500);
      unanswered = 0;
      for (const entry of acknowledged) {
        const replies = await countRepliesWhileServing(second.url, entry);
        if (replies === 0) unanswered += 1;
      }
    }
    second.child.kill('SIGTERM');
    const stopped = await second.exit;
    expect(stopped).toMatchObject({ code: 0, signal: null });

    const warehouse = await Warehouse.open({ path: demo.path, mode: 'read-only' });
    try {
      for (const entry of acknowledged) {
        const { conversationId, seq } = entry.acknowledgement as { conversationId: string; seq: number };
        const stored = await warehouse.query('SELECT count(*) AS n FROM messages WHERE conversation_id = $id AND idempotency_key = $key AND role = $role', {
          id: conversationId,
          key: entry.idempotencyKey,
          role: 'user',
        });
        expect(stored.rows[0]?.n, `message ${seq} stored once`).toBe(1);
        const replies = await warehouse.query(
          `SELECT count(*) AS n FROM messages WHERE conversation_id = $id AND role = 'assistant' AND TRY_CAST(json_extract(payload, '$.replyTo') AS BIGINT) = $seq`,
          { id: conversationId, seq },
        );
        expect(replies.rows[0]?.n, `message ${seq} of ${conversationId} answered exactly once`).toBe(1);
      }
    } finally {
      warehouse.close();
    }
  }, 120_000);

  it('SIGTERM with many turns in flight drains within 10 s and exits cleanly (no SIGSEGV)', async () => {
    const server = await startServer();
    const sockets = await Promise.all([11, 12, 13, 14, 15, 16, 17, 18].map(async (customerId) => TestClient.connect(server.url, '/support', { token: await signToken(TEST_SECRET, { role: 'customer', customerId }, '1h') })));
    clients.push(...sockets);
    await Promise.all(sockets.flatMap((socket) => [0, 1, 2].map(() => socket.send({ type: 'message-send', idempotencyKey: newKey(), text: 'hello' }, 3000).catch(() => undefined))));
    const started = Date.now();
    server.child.kill('SIGTERM');
    const stopped = await server.exit;
    expect(stopped.signal).toBeNull();
    expect(stopped.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(12_000);
  }, 60_000);
});

/** Replies stored for one acknowledged message, as the shopper would see them after a resume. */
async function countRepliesWhileServing(url: string, entry: Sent): Promise<number> {
  const { conversationId, seq } = entry.acknowledgement as { conversationId: string; seq: number };
  const socket = await TestClient.connect(url, '/support', { token: await signToken(TEST_SECRET, { role: 'customer', customerId: entry.customerId }, '1h') });
  try {
    await socket.send({ type: 'resume', conversationId, lastSeq: seq });
    return socket.events.filter((event) => event.type === 'message-end' && event.message.role === 'assistant' && event.message.replyTo === seq).length;
  } finally {
    socket.close();
  }
}
