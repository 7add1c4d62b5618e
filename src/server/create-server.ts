import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { Warehouse } from '../sql/warehouse.ts';
import { AgentsChat } from './agents-chat.ts';
import { AnalyticsChat, type AnalyticsAsker } from './analytics-chat.ts';
import { principalKey, TtlSchema, type Principal } from './auth/tokens.ts';
import { TokenRevocations } from './auth/token-revocations.ts';
import { ChatHub } from './chat-hub.ts';
import { createHttpApp, type AppExtension } from './http-routes.ts';
import type { ScheduleService } from '../analytics/schedules/schedule-service.ts';
import { NAMESPACE_EVENTS } from './protocol.ts';
import { RateLimiter, DEFAULT_RATE_LIMITS, type RateLimitSettings } from './rate-limiter.ts';
import { createLogger } from './request-logging.ts';
import { registerNamespaces } from './socket-namespaces.ts';
import { SupportChat } from './support-chat.ts';
import { TypingSignals } from './typing-signals.ts';
import type { HandoffDesk, SupportResponder } from './support-responder.ts';
import type { ServerImporter } from './imports/import-runner.ts';
import type { OperatorJobs } from './jobs/operator-jobs.ts';

export interface ShopLensServerOptions {
  /** Opened by the caller ('sandboxed' in production) and closed by the caller after close(). */
  warehouse: Warehouse;
  /** HS256 secret for tokens (see loadJwtSecret). */
  secret: string;
  /** Optional SHOPLENS_API_KEY: analyst access to /analytics and POST /api/ask without a token. */
  apiKey?: string;
  analyticsAgent: AnalyticsAsker;
  /** The customer-service bot; without one /support answers every message with error support_unavailable. */
  supportResponder?: SupportResponder;
  /** Why there is no support responder, told to shoppers (default: no support agent is installed). */
  supportUnavailableReason?: string;
  /** The hand-off queue for /agents. */
  handoffDesk?: HandoffDesk;
  /** Allowed browser origins (CORS) for REST and sockets; empty means same-origin only. */
  corsOrigins?: string[];
  rateLimits?: Partial<RateLimitSettings>;
  /** Longest accepted message, in characters (default 4000). */
  maxMessageLength?: number;
  /** Lifetime of guest tokens from POST /api/support/guest (default 30m). */
  guestTokenTtl?: string;
  /** Bot turns (support and analytics) running at once; more wait in arrival order (default 8). */
  maxConcurrentTurns?: number;
  /** Mounts more routes on the express app (e.g. mountWebApp from ./web) before the 404 handler. */
  extendApp?: AppExtension;
  /** Scheduled questions: REST routes, and a timer that runs due schedules from listen() until close(). */
  schedules?: ScheduleService;
  /** Imports through the server (`shoplens import` while it runs); its staging folder must be readable by the warehouse. */
  importer?: ServerImporter;
  /** seed / train / model / sentiment for the CLI while this server owns the warehouse (/api/jobs). */
  operatorJobs?: OperatorJobs;
  /** How often the scheduler looks for due schedules (default one minute). */
  schedulePollMs?: number;
  /** How long close() waits for replies in flight (default 10 s). */
  shutdownTimeoutMs?: number;
  logger?: Logger;
}

export interface ShopLensServer {
  httpServer: HttpServer;
  io: Server;
  listen(port: number, host: string): Promise<AddressInfo>;
  /**
   * Graceful: refuses new requests, waits for replies in flight, disconnects every socket, stops the HTTP
   * server. Does not close the warehouse (the caller owns it).
   */
  close(): Promise<void>;
}

export function createShopLensServer(options: ShopLensServerOptions): ShopLensServer {
  const logger = options.logger ?? createLogger();
  const rateLimiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...options.rateLimits });
  const corsOrigins = options.corsOrigins ?? [];
  const guestTokenTtl = TtlSchema.parse(options.guestTokenTtl ?? '30m');
  const httpServer = createServer();
  const io = new Server(httpServer, {
    cors: { origin: corsOrigins.length > 0 ? corsOrigins : false },
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });
  const hub = new ChatHub(options.warehouse, io, logger, rateLimiter, options.maxMessageLength ?? 4000, options.maxConcurrentTurns ?? 8);
  const revocations = new TokenRevocations(options.warehouse);
  const authentication = { secret: options.secret, apiKey: options.apiKey, revocations };
  const analytics = new AnalyticsChat(hub, options.analyticsAgent);
  const support = new SupportChat(hub, options.supportResponder, options.handoffDesk, options.supportUnavailableReason);
  const agents = new AgentsChat(hub, options.handoffDesk, support);
  const typing = new TypingSignals(hub);
  registerNamespaces(io, hub, { analytics, support, agents, desk: options.handoffDesk, typing }, authentication);
  /** Closes every open socket authenticated by that token (sign-out) or principal (revocation). */
  const disconnectRevoked = (match: { tokenDigest?: string; principal?: string }) => {
    for (const namespace of Object.keys(NAMESPACE_EVENTS)) {
      for (const socket of io.of(namespace).sockets.values()) {
        const principal = socket.data.principal as Principal | undefined;
        const byToken = match.tokenDigest !== undefined && socket.data.tokenDigest === match.tokenDigest;
        const byPrincipal = match.principal !== undefined && principal !== undefined && principalKey(principal) === match.principal;
        if (byToken || byPrincipal) socket.disconnect(true);
      }
    }
  };
  const app = createHttpApp({ hub, analytics, authentication, corsOrigins, guestTokenTtl, extendApp: options.extendApp, disconnectRevoked, schedules: options.schedules, importer: options.importer, operatorJobs: options.operatorJobs });
  // engine.io answers its own path on this same server; express must not also answer it (a 404 there, then
  // engine.io writing to the same response, crashed the process on long-polling requests).
  const socketPath = io.path();
  httpServer.on('request', (request, response) => {
    if (request.url?.startsWith(`${socketPath}/`)) return;
    app(request, response);
  });
  // Refuse new socket.io connections while draining (sockets already open keep working until close).
  io.engine.on('connection_error', (error: { message?: string }) => logger.debug({ reason: error.message }, 'socket.io connection error'));

  let closing: Promise<void> | undefined;
  return {
    httpServer,
    io,
    async listen(port, host) {
      await revocations.load();
      options.schedules?.start(options.schedulePollMs);
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve(httpServer.address() as AddressInfo);
        });
      });
    },
    close() {
      closing ??= (async () => {
        hub.draining = true;
        await options.schedules?.stop();
        // Stop accepting connections; open ones stay until the replies in flight are done.
        httpServer.close();
        const drained = await hub.drain(options.shutdownTimeoutMs ?? 10_000);
        if (!drained) logger.warn({ inFlight: hub.inFlightCount }, 'shutdown timed out with replies still in flight');
        // Disconnect politely first so buffered events (the last message-end, typing off) are flushed;
        // io.close() alone would drop engine.io's write buffers.
        for (const namespace of Object.keys(NAMESPACE_EVENTS)) io.of(namespace).disconnectSockets(true);
        const flushDeadline = Date.now() + 2000;
        while (io.engine.clientsCount > 0 && Date.now() < flushDeadline) await new Promise((resolve) => setTimeout(resolve, 10));
        await io.close();
        httpServer.closeAllConnections();
        rateLimiter.close();
        typing.close();
        await hub.repository.close();
        options.importer?.staging.close();
        logger.info('server closed');
      })();
      return closing;
    },
  };
}
