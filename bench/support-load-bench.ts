import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { io as connect, type Socket } from 'socket.io-client';
import { seedDemo } from '../src/seed/seed-demo.ts';
import { signToken } from '../src/server/auth/tokens.ts';
import type { AnalyticsAsker } from '../src/server/analytics-chat.ts';
import { createShopLensServer } from '../src/server/create-server.ts';
import { CLIENT_EVENT_CHANNEL, SERVER_EVENT_CHANNEL, ServerEventSchema, type Acknowledgement } from '../src/server/protocol.ts';
import { createLogger } from '../src/server/request-logging.ts';
import { loadSupportBackend } from '../src/server/support-backend.ts';
import { FakeHandoffDesk, FakeSupportResponder } from '../src/server/testing/fake-support.ts';
import { Warehouse } from '../src/sql/warehouse.ts';

export interface SupportLoadBenchOptions {
  connections?: number;
  messagesPerConnection?: number;
  /** Give up on a reply after this long (counted as lost). */
  replyTimeoutMs?: number;
  /** Hard stop for the whole run. */
  deadlineMs?: number;
  /** 'auto' uses the real SupportAgent when src/support has one, else the fake. */
  responder?: 'auto' | 'fake';
  /**
   * Pause before each message, uniformly between the two (people type); [0, 0] sends everything at once,
   * which measures queueing under a burst rather than latency under load.
   */
  thinkTimeMs?: [number, number];
  /** The server's maxConcurrentTurns (default: the server's default). */
  maxConcurrentTurns?: number;
}

function thinkRange(text: string | undefined): [number, number] {
  const [shortest, longest] = (text ?? '').split('-').map(Number);
  if (!Number.isFinite(shortest) || !Number.isFinite(longest) || (shortest as number) > (longest as number)) throw new Error('--think takes MIN-MAX in milliseconds, e.g. 5000-15000');
  return [shortest as number, longest as number];
}

const QUESTIONS = ['Where is my order?', '我的订单到哪了?', 'What is the status of my latest order?', '订单什么时候到?'];
const SECRET = 'support-load-bench-secret-0123456789abcdef';
const NO_ANALYTICS: AnalyticsAsker = { ask: () => Promise.reject(new Error('the support bench asks no analytics questions')) };

export function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export interface ClientOutcome {
  ackLatencies: number[];
  replyLatencies: number[];
  /** The reply latency of the chat's first message (its first turn reads the shopper's orders), when it got one. */
  firstReplyLatency?: number;
  errors: string[];
  lost: number;
  duplicateDeliveries: number;
}

/** One shopper: sends its messages one after another, each after the previous reply arrived. */
export async function runShopper(url: string, token: string, messages: number, replyTimeoutMs: number, deadline: number, thinkTimeMs: [number, number]): Promise<ClientOutcome> {
  const outcome: ClientOutcome = { ackLatencies: [], replyLatencies: [], errors: [], lost: 0, duplicateDeliveries: 0 };
  const socket: Socket = connect(`${url}/support`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 20_000 });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  } catch (error) {
    outcome.errors.push(`connect: ${(error as Error).message}`);
    outcome.lost += messages;
    socket.close();
    return outcome;
  }
  const seen = new Set<number>();
  const replyWaiters = new Map<number, () => void>();
  const arrivedAt = new Map<number, number>();
  socket.on(SERVER_EVENT_CHANNEL, (raw: unknown) => {
    const event = ServerEventSchema.safeParse(raw);
    if (!event.success) {
      outcome.errors.push('invalid server event');
      return;
    }
    const data = event.data;
    if (data.type === 'error') outcome.errors.push(`error event: ${data.code}`);
    if (data.type !== 'message-end') return;
    if (seen.has(data.seq)) outcome.duplicateDeliveries += 1;
    seen.add(data.seq);
    const replyTo = data.message.replyTo;
    if (data.message.role !== 'assistant' || replyTo === undefined || arrivedAt.has(replyTo)) return;
    arrivedAt.set(replyTo, performance.now());
    replyWaiters.get(replyTo)?.();
  });
  let conversationId: string | undefined;
  for (let index = 0; index < messages; index += 1) {
    if (performance.now() > deadline) {
      outcome.lost += messages - index;
      break;
    }
    const [shortest, longest] = thinkTimeMs;
    if (longest > 0) await new Promise((resolve) => setTimeout(resolve, shortest + Math.random() * (longest - shortest)));
    const started = performance.now();
    const text = QUESTIONS[index % QUESTIONS.length] as string;
    let acknowledgement: Acknowledgement;
    try {
      acknowledgement = (await socket.timeout(replyTimeoutMs).emitWithAck(CLIENT_EVENT_CHANNEL, { type: 'message-send', conversationId, idempotencyKey: randomUUID(), text })) as Acknowledgement;
    } catch {
      outcome.errors.push('acknowledgement timeout');
      outcome.lost += 1;
      continue;
    }
    if (!acknowledgement.ok || acknowledgement.seq === undefined) {
      outcome.errors.push(`refused: ${acknowledgement.ok ? 'no seq' : acknowledgement.code}`);
      outcome.lost += 1;
      continue;
    }
    outcome.ackLatencies.push(performance.now() - started);
    conversationId = acknowledgement.conversationId;
    const seq = acknowledgement.seq;
    // The reply may already be here (a fast bot can answer before the acknowledgement arrives).
    const early = arrivedAt.get(seq);
    const replied =
      early !== undefined ||
      (await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), replyTimeoutMs);
        replyWaiters.set(seq, () => {
          clearTimeout(timer);
          resolve(true);
        });
      }));
    replyWaiters.delete(seq);
    if (replied) outcome.replyLatencies.push((early ?? performance.now()) - started);
    else outcome.lost += 1;
    if (replied && index === 0) outcome.firstReplyLatency = outcome.replyLatencies.at(-1);
  }
  socket.close();
  return outcome;
}

/**
 * Starts a local server over a fresh demo warehouse, connects `connections` shoppers to /support at once (500
 * distinct demo customers by default), has each ask a few order-status questions in turn, and prints reply
 * latency (p50/p95/p99), errors, lost replies and duplicate deliveries. Client and server share this process.
 */
export async function runSupportLoadBench(options: SupportLoadBenchOptions = {}): Promise<void> {
  const connections = options.connections ?? 500;
  const messagesPerConnection = options.messagesPerConnection ?? 3;
  const replyTimeoutMs = options.replyTimeoutMs ?? 30_000;
  const thinkTimeMs = options.thinkTimeMs ?? [1000, 5000];
  const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-support-bench-'));
  const databasePath = path.join(folder, 'demo.duckdb');
  try {
    const seeding = await Warehouse.open({ path: databasePath, mode: 'read-write' });
    await seedDemo(seeding, { users: Math.max(3000, connections * 4), days: 30, seed: 11 });
    seeding.close();
    const warehouse = await Warehouse.open({ path: databasePath, mode: 'sandboxed', memoryLimit: '2GB' });
    const customers = (await warehouse.query(`SELECT DISTINCT user_id FROM orders WHERE user_id IS NOT NULL ORDER BY user_id LIMIT ${connections}`)).rows.map((row) => Number(row.user_id));
    if (customers.length < connections) throw new Error(`only ${customers.length} demo customers have orders; raise the seed's users`);
    const backend = options.responder === 'fake' ? { description: 'fake (forced)' } : await loadSupportBackend(warehouse);
    const fake = new FakeSupportResponder(warehouse);
    const responder = 'responder' in backend && backend.responder ? backend.responder : fake;
    const responderName = responder === fake ? `FakeSupportResponder (real SupportAgent not used: ${backend.description})` : backend.description;
    const server = createShopLensServer({
      warehouse,
      secret: SECRET,
      analyticsAgent: NO_ANALYTICS,
      supportResponder: responder,
      handoffDesk: 'desk' in backend && backend.desk ? backend.desk : new FakeHandoffDesk(warehouse, fake),
      // One IP, many shoppers: the per-IP limit would (rightly) throttle this bench.
      rateLimits: { perIp: { capacity: 1_000_000, refillPerSecond: 1_000_000 } },
      maxConcurrentTurns: options.maxConcurrentTurns,
      logger: createLogger({ level: 'warn' }),
    });
    const address = await server.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${address.port}`;
    const tokens = await Promise.all(customers.map((customerId) => signToken(SECRET, { role: 'customer', customerId }, '1h')));

    const started = performance.now();
    const deadline = started + (options.deadlineMs ?? 180_000);
    const outcomes = await Promise.all(tokens.map((token) => runShopper(url, token, messagesPerConnection, replyTimeoutMs, deadline, thinkTimeMs)));
    const elapsedSeconds = (performance.now() - started) / 1000;
    await server.close();

    // Every acknowledged message must have exactly one bot turn's replies in the warehouse.
    const stored = await warehouse.query(
      `SELECT count(*) FILTER (WHERE m.role = 'user') AS user_messages,
              count(*) FILTER (WHERE m.role = 'assistant') AS replies,
              count(DISTINCT CASE WHEN m.role = 'assistant' THEN m.conversation_id || '#' || json_extract_string(m.payload, '$.replyTo') END) AS answered
         FROM messages m JOIN conversations c USING (conversation_id) WHERE c.kind = 'support'`,
    );
    warehouse.close();

    const replyLatencies = outcomes.flatMap((outcome) => outcome.replyLatencies).sort((left, right) => left - right);
    const ackLatencies = outcomes.flatMap((outcome) => outcome.ackLatencies).sort((left, right) => left - right);
    const errors = outcomes.flatMap((outcome) => outcome.errors);
    const lost = outcomes.reduce((sum, outcome) => sum + outcome.lost, 0);
    const duplicates = outcomes.reduce((sum, outcome) => sum + outcome.duplicateDeliveries, 0);
    const errorKinds = new Map<string, number>();
    for (const error of errors) errorKinds.set(error, (errorKinds.get(error) ?? 0) + 1);
    const row = stored.rows[0] ?? {};
    const sent = connections * messagesPerConnection;
    const print = (line: string) => process.stdout.write(`${line}\n`);
    print(`support chat load: ${connections} concurrent /support connections (distinct customers) × ${messagesPerConnection} messages = ${sent} messages`);
    print(`  responder: ${responderName}; bot turns at once: ${options.maxConcurrentTurns ?? 'server default'}`);
    print(
      thinkTimeMs[1] > 0
        ? `  think time before each message: ${thinkTimeMs[0]}–${thinkTimeMs[1]} ms (offered load ≈ ${((connections * 2000) / (thinkTimeMs[0] + thinkTimeMs[1])).toFixed(0)} messages/s)`
        : '  burst: every shopper sends at once, the next message as soon as the reply arrives',
    );
    print(`  wall time ${elapsedSeconds.toFixed(1)} s, ${(replyLatencies.length / elapsedSeconds).toFixed(1)} replies/s (client and server in one process, 127.0.0.1)`);
    print(`  reply latency (send → reply message-end): p50 ${percentile(replyLatencies, 0.5).toFixed(1)} ms, p95 ${percentile(replyLatencies, 0.95).toFixed(1)} ms, p99 ${percentile(replyLatencies, 0.99).toFixed(1)} ms, max ${(replyLatencies.at(-1) ?? Number.NaN).toFixed(1)} ms`);
    print(`  acknowledgement latency (persisted): p50 ${percentile(ackLatencies, 0.5).toFixed(1)} ms, p95 ${percentile(ackLatencies, 0.95).toFixed(1)} ms, p99 ${percentile(ackLatencies, 0.99).toFixed(1)} ms`);
    print(`  replies received ${replyLatencies.length}/${sent}, lost ${lost}, duplicate deliveries ${duplicates}, errors ${errors.length}${errorKinds.size ? ` (${[...errorKinds].map(([kind, count]) => `${kind} ×${count}`).join(', ')})` : ''}`);
    print(`  warehouse: ${String(row.user_messages)} user messages, ${String(row.replies)} bot replies answering ${String(row.answered)} distinct messages`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // npx tsx bench/support-load-bench.ts [--fake] [--burst | --think MIN-MAX] [--connections N] [--turns N]
  const connectionsIndex = process.argv.indexOf('--connections');
  const turnsIndex = process.argv.indexOf('--turns');
  const thinkIndex = process.argv.indexOf('--think');
  await runSupportLoadBench({
    responder: process.argv.includes('--fake') ? 'fake' : 'auto',
    thinkTimeMs: process.argv.includes('--burst') ? [0, 0] : thinkIndex > 0 ? thinkRange(process.argv[thinkIndex + 1]) : undefined,
    connections: connectionsIndex > 0 ? Number(process.argv[connectionsIndex + 1]) : undefined,
    maxConcurrentTurns: turnsIndex > 0 ? Number(process.argv[turnsIndex + 1]) : undefined,
  });
}
