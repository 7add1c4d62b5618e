import { io, type Socket } from 'socket.io-client';
import { CLIENT_EVENT_CHANNEL, SERVER_EVENT_CHANNEL, type Acknowledgement, type ClientEvent, type NamespaceName, type ServerEvent } from '../../../src/server/protocol.ts';
import { authOf, type Credential } from './credentials.ts';
import { parseAcknowledgement, parseServerEvent } from './parse-server-event.ts';

export type ConnectionStatus =
  | { state: 'connecting' }
  | { state: 'connected'; reconnected: boolean }
  | { state: 'reconnecting' }
  | { state: 'refused'; code: string; message: string };

export interface ProtocolSocketListener {
  event(event: ServerEvent): void;
  status(status: ConnectionStatus): void;
}

interface PendingRequest {
  event: ClientEvent;
  timeoutMs: number;
  attempt: number;
  resolve(acknowledgement: Acknowledgement): void;
}

/** Requests the server processes once however often they arrive (idempotency key or confirmation id). */
function isSafeToResend(event: ClientEvent): boolean {
  return event.type === 'message-send' || event.type === 'agent-reply' || event.type === 'confirmation-answer' || event.type === 'resume' || event.type === 'queue-list';
}

const AUTH_CODES = new Set(['unauthorized', 'token_expired', 'forbidden']);

/**
 * One socket.io connection to a ShopLens namespace speaking the zod-validated protocol. Reconnects by itself
 * (also after the server closed it for a restart), re-sends idempotent requests whose acknowledgement was lost,
 * and reports `connected` with `reconnected: true` so the page can `resume` its conversations.
 */
export class ProtocolSocket {
  private readonly socket: Socket;
  private readonly pending = new Set<PendingRequest>();
  private hasConnected = false;
  private closedByPage = false;
  private retryDelayMs = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    namespace: NamespaceName,
    credential: Credential,
    private readonly listener: ProtocolSocketListener,
  ) {
    // WebSocket only: no long-polling fallback to keep HTTP routes and sockets apart, and replies stream at once.
    this.socket = io(namespace, { auth: authOf(credential), transports: ['websocket'], reconnectionDelay: 500, reconnectionDelayMax: 5000, timeout: 8000 });
    this.listener.status({ state: 'connecting' });
    this.socket.on('connect', () => {
      const reconnected = this.hasConnected;
      this.hasConnected = true;
      this.listener.status({ state: 'connected', reconnected });
      for (const request of this.pending) this.emit(request);
    });
    this.socket.on('disconnect', (reason) => {
      if (this.closedByPage) return;
      this.listener.status({ state: 'reconnecting' });
      for (const request of [...this.pending]) {
        if (!isSafeToResend(request.event)) this.settle(request, { ok: false, code: 'internal', message: 'The connection dropped before the server answered; try again.' });
      }
      // socket.io does not retry after the server closed the socket itself (e.g. a restart); this page does.
      if (reason === 'io server disconnect') this.retryLater();
    });
    this.socket.on('connect', () => {
      this.retryDelayMs = 0;
    });
    this.socket.on('connect_error', (error: Error & { data?: { code?: unknown } }) => {
      const code = typeof error.data?.code === 'string' ? error.data.code : null;
      if (code && AUTH_CODES.has(code)) {
        this.listener.status({ state: 'refused', code, message: error.message });
        for (const request of [...this.pending]) this.settle(request, { ok: false, code: 'unauthorized', message: error.message });
      } else {
        this.listener.status({ state: 'reconnecting' });
        // A refusal by server middleware (e.g. while it restarts) ends socket.io's own retries; keep trying.
        if (!this.socket.active) this.retryLater();
      }
    });
    this.socket.on(SERVER_EVENT_CHANNEL, (raw: unknown) => {
      const parsed = parseServerEvent(raw);
      if (parsed.ok) this.listener.event(parsed.event);
      else console.warn('ShopLens: ignored a server event that does not match the protocol:', parsed.problem);
    });
  }

  /** Reconnects with a growing pause (0.5 s … 5 s), for the cases socket.io does not retry by itself. */
  private retryLater(): void {
    if (this.closedByPage || this.retryTimer !== undefined) return;
    this.retryDelayMs = Math.min(5000, Math.max(500, this.retryDelayMs * 2));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.closedByPage && !this.socket.connected) this.socket.connect();
    }, this.retryDelayMs);
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Sends a request; resolves with its acknowledgement (failures too: `ok: false` with a code). */
  send(event: ClientEvent, timeoutMs = 30_000): Promise<Acknowledgement> {
    return new Promise((resolve) => {
      const request: PendingRequest = { event, timeoutMs, attempt: 0, resolve };
      this.pending.add(request);
      if (this.socket.connected) this.emit(request);
      // Otherwise the 'connect' handler sends it.
    });
  }

  private emit(request: PendingRequest): void {
    const attempt = ++request.attempt;
    this.socket.timeout(request.timeoutMs).emit(CLIENT_EVENT_CHANNEL, request.event, (error: Error | null, raw: unknown) => {
      if (attempt !== request.attempt || !this.pending.has(request)) return;
      if (error) {
        // Lost with the connection: an idempotent request goes out again on reconnect.
        if (!this.socket.connected && isSafeToResend(request.event)) return;
        this.settle(request, { ok: false, code: 'internal', message: 'The server did not answer in time; try again.' });
        return;
      }
      this.settle(request, parseAcknowledgement(raw));
    });
  }

  private settle(request: PendingRequest, acknowledgement: Acknowledgement): void {
    if (!this.pending.delete(request)) return;
    request.resolve(acknowledgement);
  }

  close(): void {
    this.closedByPage = true;
    clearTimeout(this.retryTimer);
    this.socket.close();
    for (const request of [...this.pending]) this.settle(request, { ok: false, code: 'internal', message: 'Closed.' });
  }
}
