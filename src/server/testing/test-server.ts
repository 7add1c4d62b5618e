import { randomUUID } from 'node:crypto';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { AnalyticsAgent } from '../../analytics/analytics-agent.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { signToken } from '../auth/tokens.ts';
import type { AnalyticsAsker } from '../analytics-chat.ts';
import { createShopLensServer, type ShopLensServer, type ShopLensServerOptions } from '../create-server.ts';
import { CLIENT_EVENT_CHANNEL, endsBotTyping, SERVER_EVENT_CHANNEL, ServerEventSchema, type Acknowledgement, type ServerEvent } from '../protocol.ts';
import { createLogger } from '../request-logging.ts';
import type { HandoffDesk, SupportResponder } from '../support-responder.ts';
import { FakeHandoffDesk, FakeSupportResponder } from './fake-support.ts';

export const TEST_SECRET = 'shoplens-test-secret-0123456789abcdefghijklmnop';

export interface TestServer {
  url: string;
  server: ShopLensServer;
  warehouse: Warehouse;
  responder: FakeSupportResponder;
  desk: FakeHandoffDesk;
  customerToken(customerId: number, ttl?: string): Promise<string>;
  analystToken(name?: string): Promise<string>;
  agentToken(name?: string): Promise<string>;
  close(): Promise<void>;
}

/** A real server on 127.0.0.1 and a free port, over a warehouse file opened 'sandboxed'. */
export async function startTestServer(
  options: {
    databasePath: string;
    responder?: SupportResponder;
    desk?: HandoffDesk;
    /** Builds the support side over the server's warehouse (e.g. the real SupportAgent via loadSupportBackend). */
    backend?: (warehouse: Warehouse) => Promise<{ responder?: SupportResponder; desk?: HandoffDesk }>;
    analyticsAgent?: AnalyticsAsker;
    fakeDelayMs?: number;
    /** Run with no support agent at all (as when src/support is not installed). */
    withoutSupport?: boolean;
    /** Folders the sandboxed warehouse may read (an import staging folder). */
    readableDirectories?: string[];
  } & Partial<Omit<ShopLensServerOptions, 'warehouse' | 'secret' | 'analyticsAgent' | 'supportResponder' | 'handoffDesk'>>,
): Promise<TestServer> {
  const warehouse = await Warehouse.open({ path: options.databasePath, mode: 'sandboxed', memoryLimit: '1GB', readableDirectories: options.readableDirectories });
  const responder = new FakeSupportResponder(warehouse, { delayMs: options.fakeDelayMs });
  const desk = new FakeHandoffDesk(warehouse, responder);
  const analyticsAgent = options.analyticsAgent ?? (await AnalyticsAgent.create({ warehouse }));
  const backend = options.backend ? await options.backend(warehouse) : {};
  const server = createShopLensServer({
    ...options,
    warehouse,
    secret: TEST_SECRET,
    analyticsAgent,
    supportResponder: options.withoutSupport ? undefined : (backend.responder ?? options.responder ?? responder),
    handoffDesk: backend.desk ?? options.desk ?? desk,
    logger: options.logger ?? createLogger({ level: 'silent' }),
  });
  const address = await server.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${address.port}`,
    server,
    warehouse,
    responder,
    desk,
    customerToken: (customerId, ttl = '1h') => signToken(TEST_SECRET, { role: 'customer', customerId }, ttl),
    analystToken: (name = 'ana') => signToken(TEST_SECRET, { role: 'analyst', name }, '1h'),
    agentToken: (name = 'agent-1') => signToken(TEST_SECRET, { role: 'agent', name }, '1h'),
    async close() {
      await server.close();
      warehouse.close();
    },
  };
}

/** A socket.io client that records every server event (validated against the protocol) in order. */
export class TestClient {
  readonly events: ServerEvent[] = [];
  readonly invalidEvents: unknown[] = [];
  private readonly waiters: { predicate: (event: ServerEvent) => boolean; resolve: (event: ServerEvent) => void }[] = [];

  private constructor(readonly socket: ClientSocket) {
    socket.on(SERVER_EVENT_CHANNEL, (raw: unknown) => {
      const parsed = ServerEventSchema.safeParse(raw);
      if (!parsed.success) {
        this.invalidEvents.push(raw);
        return;
      }
      this.events.push(parsed.data);
      for (const waiter of [...this.waiters]) {
        if (waiter.predicate(parsed.data)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(parsed.data);
        }
      }
    });
  }

  /** Connects or rejects with the server's refusal (`error.data.code`). */
  static connect(url: string, namespace: string, auth: Record<string, string>, options: { transport?: 'websocket' | 'polling' } = {}): Promise<TestClient> {
    const socket = connect(`${url}${namespace}`, { auth, transports: [options.transport ?? 'websocket'], reconnection: false, forceNew: true, timeout: 5000 });
    const client = new TestClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(client));
      socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
        socket.close();
        reject(error);
      });
    });
  }

  send(event: unknown, timeoutMs = 15_000): Promise<Acknowledgement> {
    return this.socket.timeout(timeoutMs).emitWithAck(CLIENT_EVENT_CHANNEL, event) as Promise<Acknowledgement>;
  }

  /** Sends without waiting for (or asking for) an acknowledgement. */
  sendWithoutAck(event: unknown): void {
    this.socket.emit(CLIENT_EVENT_CHANNEL, event);
  }

  /** The first recorded or future event matching the predicate. */
  waitFor(predicate: (event: ServerEvent) => boolean, timeoutMs = 10_000, from = 0): Promise<ServerEvent> {
    const existing = this.events.slice(from).find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no matching event within ${timeoutMs} ms; got ${this.events.map((event) => event.type).join(', ')}`));
      }, timeoutMs);
      const waiter = {
        predicate,
        resolve: (event: ServerEvent) => {
          clearTimeout(timer);
          resolve(event);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** The event that ends the bot's turn for the user message `seq` of a support chat (its last reply or its error). */
  waitForTurnEnd(seq: number, timeoutMs = 10_000, from = 0): Promise<ServerEvent> {
    return this.waitFor((event) => endsTurnOf(event, seq), timeoutMs, from);
  }

  /** message-end events of one conversation, in arrival order. */
  messageEnds(conversationId: string): Extract<ServerEvent, { type: 'message-end' }>[] {
    return this.events.filter((event): event is Extract<ServerEvent, { type: 'message-end' }> => event.type === 'message-end' && event.conversationId === conversationId);
  }

  close(): void {
    this.socket.close();
  }
}

/** Whether `event` ends the support bot's turn for the user message `seq`: its last reply, or its failure. */
export function endsTurnOf(event: ServerEvent, seq: number): boolean {
  if (!endsBotTyping(event)) return false;
  if (event.type === 'message-end') return event.message.replyTo === seq;
  return event.type === 'error' && event.replyTo === seq;
}

export function newKey(): string {
  return randomUUID();
}

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
