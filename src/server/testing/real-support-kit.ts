import { HashingEncoder } from '../../models/embeddings/hashing-encoder.ts';
import { loadAsOfDate } from '../../sql/semantic/index.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { csatRatingOf, listQueue, loadCustomerContext, recordCsatRating, resolveConversation, SupportAgent, takeConversation } from '../../support/support-agent.ts';
import type { ManualClock } from '../../support/support-test-kit.ts';
import { createDemoWarehouseFile } from '../../testing/demo-warehouse.ts';
import type { AnalyticsAsker } from '../analytics-chat.ts';
import type { Acknowledgement, ServerEvent, WireMessage } from '../protocol.ts';
import { loadSupportBackend } from '../support-backend.ts';
import { endsTurnOf, newKey, startTestServer, TestClient, type TestServer } from './test-server.ts';

const NO_ANALYTICS: AnalyticsAsker = { ask: () => Promise.reject(new Error('analytics is not used by the support tests')) };

/** The support side exactly as `shoplens serve` loads it (loadSupportBackend), refusing to run without it. */
export async function realSupportBackend(warehouse: Warehouse) {
  const backend = await loadSupportBackend(warehouse);
  if (!backend.responder || !backend.desk) throw new Error(`support backend incomplete: ${backend.description}`);
  return backend;
}

export interface RealSupportServer {
  server: TestServer;
  /** The data's latest date: what the support policy counts windows to. */
  asOf: string;
  close(): Promise<void>;
}

/**
 * A real server on 127.0.0.1 over a freshly seeded demo file, answered by the real SupportAgent. Without a clock
 * it is wired exactly as `shoplens serve` wires it (loadSupportBackend); with one, the agent is built directly
 * with that clock (token expiry) and the hand-off functions of src/support as the desk.
 */
export async function startRealSupportServer(options: { users: number; clock?: ManualClock }): Promise<RealSupportServer> {
  const demo = await createDemoWarehouseFile({ users: options.users, days: 30 });
  let server: TestServer | undefined;
  try {
    server = await startTestServer({
      databasePath: demo.path,
      analyticsAgent: NO_ANALYTICS,
      // Generous limits: one test shopper sends many messages quickly.
      rateLimits: { perUser: { capacity: 500, refillPerSecond: 100 }, perConversation: { capacity: 100, refillPerSecond: 10 } },
      backend: async (warehouse: Warehouse) => {
        if (!options.clock) return realSupportBackend(warehouse);
        const agent = await SupportAgent.create({
          warehouse,
          clock: options.clock,
          selectEncoder: async () => ({ encoder: new HashingEncoder(), kind: 'fallback', reason: 'test encoder' }),
        });
        return {
          responder: agent,
          desk: {
            listQueue: () => listQueue(warehouse),
            takeConversation: (conversationId, agentId) => takeConversation(warehouse, conversationId, agentId, { clock: options.clock }),
            resolveConversation: (conversationId, agentId) => resolveConversation(warehouse, conversationId, agentId, { clock: options.clock }),
            customerContext: (conversationId) => loadCustomerContext(warehouse, conversationId),
            rateConversation: async (input) => void (await recordCsatRating(warehouse, input, { clock: options.clock })),
            conversationRating: (conversationId) => csatRatingOf(warehouse, conversationId),
          },
        };
      },
    });
    const asOf = await loadAsOfDate(server.warehouse);
    const started = server;
    return {
      server: started,
      asOf,
      async close() {
        await started.close();
        demo.remove();
      },
    };
  } catch (error) {
    await server?.close();
    demo.remove();
    throw error;
  }
}

export interface Turn {
  acknowledgement: Acknowledgement;
  seq: number;
  /** The bot's reply (the last assistant message answering this message). */
  reply: WireMessage;
  replies: WireMessage[];
  /** Every server event this socket received for the turn, from the send to typing off. */
  events: ServerEvent[];
}

/** One shopper over a real socket.io client, sending the way the web client does and waiting for the bot. */
export class ShopperChat {
  conversationId: string | undefined;

  private constructor(readonly client: TestClient) {}

  static async open(server: TestServer, customerId: number): Promise<ShopperChat> {
    return new ShopperChat(await TestClient.connect(server.url, '/support', { token: await server.customerToken(customerId) }));
  }

  /** A shopper message the bot answers; resolves once the turn is over (typing off). */
  say(text: string): Promise<Turn> {
    return this.turn({ type: 'message-send', ...(this.conversationId ? { conversationId: this.conversationId } : {}), idempotencyKey: newKey(), text });
  }

  /** The confirmation card's buttons. */
  answer(confirmationId: string, confirm: boolean, conversationId = this.conversationId): Promise<Turn> {
    return this.turn({ type: 'confirmation-answer', conversationId, confirmationId, confirm });
  }

  /** A message sent while a person has the chat: stored and acknowledged, no bot turn expected. */
  async sayToPerson(text: string): Promise<{ acknowledgement: Acknowledgement; marker: number }> {
    const marker = this.client.events.length;
    const acknowledgement = await this.client.send({ type: 'message-send', conversationId: this.conversationId, idempotencyKey: newKey(), text });
    if (!acknowledgement.ok) throw new Error(`send refused: ${acknowledgement.code} ${acknowledgement.message}`);
    return { acknowledgement, marker };
  }

  private async turn(event: Record<string, unknown>): Promise<Turn> {
    const marker = this.client.events.length;
    const acknowledgement = await this.client.send(event);
    if (!acknowledgement.ok) throw new Error(`${String(event.type)} refused: ${acknowledgement.code} ${acknowledgement.message}`);
    const conversationId = acknowledgement.conversationId as string;
    this.conversationId ??= conversationId;
    const seq = acknowledgement.seq as number;
    const mine = (candidate: ServerEvent) => 'conversationId' in candidate && candidate.conversationId === conversationId;
    const endsThisTurn = (candidate: ServerEvent) => mine(candidate) && endsTurnOf(candidate, seq);
    await this.client.waitFor(endsThisTurn, 20_000, marker);
    const endIndex = this.client.events.findIndex((candidate, index) => index >= marker && endsThisTurn(candidate));
    const events = this.client.events.slice(marker, endIndex + 1);
    const failure = events.find((candidate) => candidate.type === 'error');
    if (failure) throw new Error(`turn failed: ${JSON.stringify(failure)}`);
    const replies = events
      .filter((candidate): candidate is Extract<ServerEvent, { type: 'message-end' }> => candidate.type === 'message-end' && candidate.message.role === 'assistant' && candidate.message.replyTo === seq)
      .map((candidate) => candidate.message);
    const reply = replies.at(-1);
    if (!reply) throw new Error(`no bot reply to seq ${seq}; events: ${events.map((candidate) => candidate.type).join(', ')}`);
    return { acknowledgement, seq, reply, replies, events };
  }

  close(): void {
    this.client.close();
  }
}

/** Order numbers are echoed from the shopper's own message; masking them lets two answers be compared word for word. */
export function maskOrderNumbers(text: string): string {
  return text.replace(/SL\d+/g, 'SL…');
}

/** audit_log rows about one order (denials and commits), by time; rows of the same second in no set order (whole-second timestamps, random ids). */
export async function auditRowsOf(warehouse: Warehouse, orderId: number): Promise<Record<string, unknown>[]> {
  const result = await warehouse.query(
    `SELECT actor, tool, policy_decision, conversation_id, json_extract_string(result, '$.status') AS status FROM audit_log
      WHERE json_extract(arguments, '$.orderId')::BIGINT = $order OR json_extract_string(arguments, '$.order_no') = (SELECT order_no FROM orders WHERE order_id = $order)
      ORDER BY occurred_at, audit_id`,
    { order: orderId },
  );
  return result.rows;
}

export async function committedWrites(warehouse: Warehouse, orderId: number): Promise<number> {
  return (await auditRowsOf(warehouse, orderId)).filter((row) => row.status === 'committed').length;
}
