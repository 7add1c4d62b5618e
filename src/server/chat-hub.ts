import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import type { Warehouse } from '../sql/warehouse.ts';
import type { Principal } from './auth/tokens.ts';
import { derivedConversationId, mayAccess } from './conversation-access.ts';
import { ConversationRepository, type ConversationKind, type ConversationRecord, type StoredMessage } from './conversation-repository.ts';
import { KeyedMutex } from '../concurrency/keyed-mutex.ts';
import { Semaphore } from './semaphore.ts';
import { SERVER_EVENT_CHANNEL, type Acknowledgement, type NamespaceName, type ServerEvent, type WireMessage } from './protocol.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { ConversationAccessError, ServerRequestError } from './server-errors.ts';
import { toWireMessage } from './wire-message.ts';

/** Analytics turns at once: twice the query gate's overall bound, so a turn's own writes and planning overlap queries. */
const ANALYTICS_TURNS_AT_ONCE = 4;

export interface SendLookUp {
  conversationId: string;
  /** Null when the send opens a new conversation. */
  conversation: ConversationRecord | null;
  /** The message already stored for this idempotency key: the send is a retry. */
  previous: StoredMessage | null;
}

export function roomOf(conversationId: string): string {
  return `conversation:${conversationId}`;
}

/** Which namespaces see a conversation's messages: support ones reach the shopper and the human agents. */
function namespacesOf(kind: ConversationKind): NamespaceName[] {
  return kind === 'support' ? ['/support', '/agents'] : ['/analytics'];
}

/**
 * State shared by the namespaces: the repository, the per-conversation locks, in-flight work (for graceful
 * shutdown) and the broadcast helpers. One conversation's persistence, broadcasts and replays all happen under
 * its lock, which is what makes `resume` deliver every missed message exactly once.
 */
export class ChatHub {
  readonly repository: ConversationRepository;
  /** Per conversation: append + broadcast, and resume's read + join, never interleave. */
  readonly locks = new KeyedMutex();
  /** Per conversation: one bot turn at a time, in the order the messages were persisted. */
  readonly turns = new KeyedMutex();
  /**
   * Across conversations: a few bot turns at a time. Hundreds of turns at once would only fight over
   * DuckDB and slow down everything, acknowledgements included; queued turns wait in arrival order.
   */
  readonly botSlots: Semaphore;
  /**
   * Analytics turns have slots of their own: in the shared ones, 50 analysts' questions (each waiting at the query
   * gate, which runs 2 queries at once) kept shoppers' quick turns waiting for seconds.
   */
  readonly analyticsSlots: Semaphore;
  private readonly pendingSends = new Map<string, Promise<Acknowledgement>>();
  private readonly activeTurns = new Set<string>();
  private readonly botTyping = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  draining = false;

  constructor(
    readonly warehouse: Warehouse,
    readonly io: Server,
    readonly logger: Logger,
    readonly rateLimiter: RateLimiter,
    readonly maxMessageLength: number,
    maxConcurrentTurns: number,
  ) {
    this.repository = new ConversationRepository(warehouse);
    this.botSlots = new Semaphore(maxConcurrentTurns);
    this.analyticsSlots = new Semaphore(Math.min(maxConcurrentTurns, ANALYTICS_TURNS_AT_ONCE));
  }

  /** Remembers work so that close() can wait for it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const forget = () => this.inFlight.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Waits until no tracked work is left (new work may start meanwhile), or the timeout passes. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight.size > 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.inFlight]),
        new Promise((resolve) => {
          timer = setTimeout(resolve, remaining);
        }),
      ]);
      clearTimeout(timer);
    }
    return true;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Runs `work` once per key while it is in flight; concurrent callers with the same key share its result. */
  async once(key: string, work: () => Promise<Acknowledgement>): Promise<Acknowledgement> {
    const pending = this.pendingSends.get(key);
    if (pending) {
      const acknowledgement = await pending;
      return acknowledgement.ok ? { ...acknowledgement, duplicate: true } : acknowledgement;
    }
    const promise = work();
    this.pendingSends.set(key, promise);
    try {
      return await promise;
    } finally {
      this.pendingSends.delete(key);
    }
  }

  /** Marks a bot turn for a user message; returns false when one is already running for it. */
  beginTurn(conversationId: string, seq: number): boolean {
    const key = `${conversationId}#${seq}`;
    if (this.activeTurns.has(key)) return false;
    this.activeTurns.add(key);
    return true;
  }

  endTurn(conversationId: string, seq: number): void {
    this.activeTurns.delete(`${conversationId}#${seq}`);
  }

  isTurnActive(conversationId: string, seq: number): boolean {
    return this.activeTurns.has(`${conversationId}#${seq}`);
  }

  /** The conversation if this principal may use it; otherwise the same refusal whether or not it exists. */
  async requireConversation(principal: Principal, conversationId: string): Promise<ConversationRecord> {
    const conversation = await this.repository.find(conversationId);
    if (!conversation || !mayAccess(principal, conversation)) throw new ConversationAccessError(conversationId);
    return conversation;
  }

  /**
   * For a send: which conversation (the requested one, or the one this key opens), whether it exists, and the
   * message already sent with this key in it (a retry). Refuses conversations of other accounts.
   */
  async lookUpSend(principal: Principal, requestedId: string | undefined, idempotencyKey: string, role: 'user' | 'agent'): Promise<SendLookUp> {
    const conversationId = requestedId ?? derivedConversationId(principal, idempotencyKey);
    const found = await this.repository.conversationWithKey(conversationId, idempotencyKey, role);
    if (found ? !mayAccess(principal, found.conversation) : requestedId !== undefined) throw new ConversationAccessError(conversationId);
    return { conversationId, conversation: found?.conversation ?? null, previous: found?.previous ?? null };
  }

  emitTo(target: Socket, event: ServerEvent): void {
    target.emit(SERVER_EVENT_CHANNEL, event);
  }

  emitToConversation(kind: ConversationKind, conversationId: string, event: ServerEvent): void {
    const room = roomOf(conversationId);
    for (const namespace of namespacesOf(kind)) {
      const target = this.io.of(namespace);
      // socket.io encodes an event before it looks for recipients; most support chats have no agent in the room.
      // (Rooms are in this process's memory: there is no adapter that could know of sockets elsewhere.)
      if (!target.adapter.rooms.get(room)?.size) continue;
      target.to(room).emit(SERVER_EVENT_CHANNEL, event);
    }
  }

  emitToNamespace(namespace: NamespaceName, room: string, event: ServerEvent): void {
    this.io.of(namespace).to(room).emit(SERVER_EVENT_CHANNEL, event);
  }

  /**
   * Broadcasts freshly persisted messages: for each, its attachments (table, chart, confirmation-request,
   * handoff-start) and then message-end. Call under the conversation's lock, right after the append.
   */
  publish(kind: ConversationKind, messages: StoredMessage[], streamId?: string, options: { endsTurn?: boolean } = {}): void {
    for (const [index, message] of messages.entries()) {
      const wire = toWireMessage(message);
      const base = { conversationId: wire.conversationId, seq: wire.seq };
      if (wire.table) this.emitToConversation(kind, wire.conversationId, { type: 'table', ...base, table: wire.table });
      if (wire.chart) this.emitToConversation(kind, wire.conversationId, { type: 'chart', ...base, chart: wire.chart });
      if (wire.confirmation) this.emitToConversation(kind, wire.conversationId, { type: 'confirmation-request', ...base, confirmation: wire.confirmation });
      if (wire.handoff) this.emitToConversation(kind, wire.conversationId, { type: 'handoff-start', ...base, handoff: wire.handoff });
      const endsTurn = options.endsTurn && index === messages.length - 1 ? { endsTurn: true as const } : {};
      this.emitToConversation(kind, wire.conversationId, { type: 'message-end', ...base, streamId, replay: false, message: wire, ...endsTurn });
    }
  }

  /**
   * Sends stored messages again to one socket (retry or resume). `decorate` adds what is known only now (a
   * resolved note's rating, given after it was stored).
   */
  replay(socket: Socket, messages: StoredMessage[], decorate: (wire: WireMessage) => WireMessage = (wire) => wire): void {
    for (const message of messages) {
      this.emitTo(socket, { type: 'message-end', conversationId: message.conversationId, seq: message.seq, replay: true, message: decorate(toWireMessage(message)) });
    }
  }

  setBotTyping(kind: ConversationKind, conversationId: string, active: boolean): void {
    if (active) this.botTyping.add(conversationId);
    else this.botTyping.delete(conversationId);
    this.emitToConversation(kind, conversationId, { type: 'typing', conversationId, actor: 'bot', active });
  }

  /** A support turn that takes a while: its `message-start` is the bot's typing on (no typing frame of its own). */
  startBotReply(conversationId: string, streamId: string, replyTo: number): void {
    this.botTyping.add(conversationId);
    this.emitToConversation('support', conversationId, { type: 'message-start', conversationId, streamId, replyTo });
  }

  /** Ends a support turn's typing; `announce` sends typing off when no reply or error event ended it. */
  endBotReply(conversationId: string, announce: boolean): void {
    this.botTyping.delete(conversationId);
    if (announce) this.emitToConversation('support', conversationId, { type: 'typing', conversationId, actor: 'bot', active: false });
  }

  /**
   * resume: every message after lastSeq, exactly once. Reading and joining the room happen under the
   * conversation's lock, so a message is either in the replay or broadcast to the room afterwards, never both.
   */
  async resume(socket: Socket, principal: Principal, conversationId: string, lastSeq: number, decorate?: (wire: WireMessage) => WireMessage): Promise<Acknowledgement> {
    const conversation = await this.requireConversation(principal, conversationId);
    const replayed = await this.locks.run(conversationId, async () => {
      const missed = await this.repository.messagesAfter(conversationId, lastSeq);
      this.replay(socket, missed, decorate);
      await socket.join(roomOf(conversationId));
      return missed.length;
    });
    if (this.botTyping.has(conversationId)) this.emitTo(socket, { type: 'typing', conversationId, actor: 'bot', active: true });
    return { ok: true, conversationId: conversation.conversationId, replayed };
  }

  assertAcceptingWork(): void {
    if (this.draining) throw new ServerRequestError('server_shutting_down', 'The server is shutting down; reconnect in a moment and resend with the same idempotencyKey.');
  }
}
