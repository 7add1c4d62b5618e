import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { z } from 'zod';
import type { Warehouse } from '../sql/warehouse.ts';
import type { AnalyticsChat } from './analytics-chat.ts';
import { authenticate, credentialsOfHeaders, type AuthenticationSettings } from './auth/authenticate.ts';
import { verifyGuest } from './auth/guest-verification.ts';
import { principalKey, signToken, ttlSeconds } from './auth/tokens.ts';
import { tokenDigest } from './auth/token-revocations.ts';
import type { ChatHub } from './chat-hub.ts';
import { toRequestError } from './client-events.ts';
import { AskRequestSchema, firstIssue, GuestVerificationRequestSchema, SqlRequestSchema, type ErrorCode } from './protocol.ts';
import { isSqlGuardError, runAsQueryUser, runGuardedSql, SQL_SHELL_POLICY } from '../sql/guard/index.ts';
import { requestLogging } from './request-logging.ts';
import { describeWarehouse } from '../sql/semantic/index.ts';
import type { ScheduleService } from '../analytics/schedules/schedule-service.ts';
import { mountScheduleRoutes } from './schedule-routes.ts';
import { mountImportRoutes } from './imports/import-routes.ts';
import type { ServerImporter } from './imports/import-runner.ts';
import { mountOperatorJobRoutes } from './jobs/operator-job-routes.ts';
import type { OperatorJobs } from './jobs/operator-jobs.ts';
import { AuthenticationError, InvalidPayloadError, RateLimitedError, ServerRequestError } from './server-errors.ts';

const STATUS_OF: Record<ErrorCode, number> = {
  invalid_payload: 400,
  unsupported_event: 400,
  unauthorized: 401,
  token_expired: 401,
  forbidden: 403,
  conversation_not_found: 404,
  conversation_state: 409,
  query_refused: 422,
  message_too_long: 413,
  rate_limited: 429,
  agent_failed: 502,
  support_unavailable: 503,
  server_shutting_down: 503,
  internal: 500,
};

const IdempotencyKeyHeaderSchema = z.string().min(8).max(128).optional();

function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    throw new InvalidPayloadError(issue.field, `${issue.field}: ${issue.message}`);
  }
  return parsed.data;
}

export interface HttpRouteOptions {
  hub: ChatHub;
  analytics: AnalyticsChat;
  authentication: AuthenticationSettings;
  corsOrigins: string[];
  guestTokenTtl: string;
  /** Mounts more routes (e.g. the web front end) after the API and before the 404 handler. */
  extendApp?: AppExtension;
  /** Scheduled questions and alerts (/api/schedules, /api/alerts); without it those routes do not exist. */
  schedules?: ScheduleService;
  /** Imports through the server (/api/imports); without it those routes do not exist. */
  importer?: ServerImporter;
  /** `shoplens seed`, `train`, `model` and `sentiment` through the server (/api/jobs); without it those routes do not exist. */
  operatorJobs?: OperatorJobs;
  /** Closes the open sockets of a signed-out token or a revoked principal. */
  disconnectRevoked?: (match: { tokenDigest?: string; principal?: string }) => void;
}

const RevokeRequestSchema = z.strictObject({ subject: z.string().regex(/^(analyst|agent|customer|guest):[^\s]{1,100}$/, 'a principal such as agent:mei or customer:42') });
/** Who may revoke other principals: the operator's API key and the server's own local CLI token. */
const REVOKING_ANALYSTS = new Set(['api-key', 'local-cli']);

/** Mounts more routes with what they need to authenticate and read (the web front end's mountWebApp fits). */
export type AppExtension = (app: express.Express, context: { warehouse: Warehouse; authentication: AuthenticationSettings }) => void;

/** REST beside the sockets: health, readiness, one-shot analytics questions and guest verification. */
export function createHttpApp(options: HttpRouteOptions): express.Express {
  const { hub, analytics, authentication } = options;
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(cors({ origin: options.corsOrigins.length > 0 ? options.corsOrigins : false }));
  app.use(requestLogging(hub.logger));
  // Every API route, the ones mounted by extendApp (demo sign-in) included, is limited per IP before any work.
  app.use('/api', (request, _response, next) => {
    hub.rateLimiter.checkHttpRequest(request.ip ?? 'unknown');
    next();
  });
  app.use(express.json({ limit: '64kb' }));

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });

  app.get('/readyz', async (_request, response) => {
    if (hub.draining) {
      response.status(503).json({ status: 'shutting-down' });
      return;
    }
    try {
      const result = await hub.warehouse.query('SELECT 1 AS ok');
      if (result.rows[0]?.ok !== 1) throw new Error('SELECT 1 did not return 1');
      response.json({ status: 'ready' });
    } catch (error) {
      hub.logger.warn({ err: error }, 'readiness check failed');
      response.status(503).json({ status: 'not-ready' });
    }
  });

  app.post('/api/ask', async (request, response) => {
    hub.assertAcceptingWork();
    const principal = await authenticate(credentialsOfHeaders(request.headers), ['analyst'], authentication);
    hub.rateLimiter.check({ user: principalKey(principal), ip: request.ip ?? 'unknown' });
    const body = parseBody(AskRequestSchema, request.body);
    const idempotencyKey = IdempotencyKeyHeaderSchema.safeParse(request.get('idempotency-key'));
    if (!idempotencyKey.success) throw new InvalidPayloadError('Idempotency-Key', 'The Idempotency-Key header must be 8–128 characters.');
    const outcome = await hub.track(
      runAsQueryUser(principalKey(principal), () => analytics.ask(principal, { conversationId: body.conversationId, text: body.question, idempotencyKey: idempotencyKey.data })),
    );
    if (outcome.duplicate) response.setHeader('Idempotent-Replay', 'true');
    response.json(outcome.answer);
  });

  // The SQL shell through the server (`shoplens sql` while the server owns the warehouse): the same guard, policy,
  // timeout, row cap and per-user concurrency as model-written SQL.
  app.post('/api/sql', async (request, response) => {
    hub.assertAcceptingWork();
    const principal = await authenticate(credentialsOfHeaders(request.headers), ['analyst'], authentication);
    hub.rateLimiter.check({ user: principalKey(principal), ip: request.ip ?? 'unknown' });
    const body = parseBody(SqlRequestSchema, request.body);
    try {
      const result = await hub.track(runAsQueryUser(principalKey(principal), () => runGuardedSql(hub.warehouse, body.sql, { policy: SQL_SHELL_POLICY })));
      response.json({ columns: result.columns, rows: result.rows, truncated: result.truncated, truncatedBy: result.truncatedBy ?? null });
    } catch (error) {
      if (!isSqlGuardError(error)) throw error;
      response.status(STATUS_OF.query_refused).json({ error: { code: 'query_refused', kind: error.kind, message: error.message, feedback: error.toFeedback() } });
    }
  });

  // What this warehouse can answer (`shoplens describe` while the server owns the warehouse).
  app.get('/api/describe', async (request, response) => {
    hub.assertAcceptingWork();
    const principal = await authenticate(credentialsOfHeaders(request.headers), ['analyst'], authentication);
    hub.rateLimiter.check({ user: principalKey(principal), ip: request.ip ?? 'unknown' });
    response.json(await hub.track(describeWarehouse(hub.warehouse)));
  });

  // Sign-out: the presented token stops working at once (every role), and its open sockets are closed.
  app.post('/api/auth/sign-out', async (request, response) => {
    const credentials = credentialsOfHeaders(request.headers);
    const principal = await authenticate(credentials, ['analyst', 'customer', 'guest', 'agent'], authentication);
    hub.rateLimiter.check({ user: principalKey(principal), ip: request.ip ?? 'unknown' });
    if (!credentials.token) throw new InvalidPayloadError('authorization', 'Sign-out needs the bearer token to revoke (an API key cannot be signed out).');
    await authentication.revocations?.revokeToken(credentials.token);
    options.disconnectRevoked?.({ tokenDigest: tokenDigest(credentials.token) });
    hub.logger.info({ principal: principalKey(principal) }, 'token signed out');
    response.json({ revoked: true });
  });

  // Agent removal or "sign out everywhere": every token of that principal issued before now stops working.
  app.post('/api/auth/revoke', async (request, response) => {
    const principal = await authenticate(credentialsOfHeaders(request.headers), ['analyst'], authentication);
    hub.rateLimiter.check({ user: principalKey(principal), ip: request.ip ?? 'unknown' });
    if (principal.role !== 'analyst' || !REVOKING_ANALYSTS.has(principal.analystId)) {
      throw new AuthenticationError('forbidden', 'Only the operator (SHOPLENS_API_KEY or the local CLI token) can revoke access.');
    }
    const body = parseBody(RevokeRequestSchema, request.body);
    await authentication.revocations?.revokeSubject(body.subject);
    options.disconnectRevoked?.({ principal: body.subject });
    hub.logger.info({ subject: body.subject, by: principalKey(principal) }, 'principal revoked');
    response.json({ revoked: body.subject });
  });

  app.post('/api/support/guest', async (request, response) => {
    hub.assertAcceptingWork();
    hub.rateLimiter.checkGuestVerification(request.ip ?? 'unknown');
    const body = parseBody(GuestVerificationRequestSchema, request.body);
    const scope = await verifyGuest(hub.warehouse, body);
    if (!scope) throw new AuthenticationError('unauthorized', 'No order matches that order number and phone or e-mail.');
    const token = await signToken(authentication.secret, { role: 'guest', ...scope }, options.guestTokenTtl);
    response.json({ token, expiresInSeconds: ttlSeconds(options.guestTokenTtl), scope: { kind: 'guest-order', orderId: scope.orderId } });
  });

  if (options.schedules) mountScheduleRoutes(app, { hub, authentication, schedules: options.schedules });
  if (options.importer) mountImportRoutes(app, { hub, authentication, importer: options.importer });
  if (options.operatorJobs) mountOperatorJobRoutes(app, { hub, authentication, jobs: options.operatorJobs });

  options.extendApp?.(app, { warehouse: hub.warehouse, authentication });

  app.use((_request, response) => {
    response.status(404).json({ error: { code: 'not_found', message: 'No such endpoint. See docs/server.md.' } });
  });

  // Express 5 forwards rejected promises of async handlers here.
  app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    let requestError: ServerRequestError;
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500 && !(error instanceof ServerRequestError)) {
      // body-parser: malformed JSON (400) or a body over the limit (413).
      requestError = status === 413 ? new ServerRequestError('message_too_long', 'The request body is over 64 kB.') : new InvalidPayloadError('(body)', 'The request body is not valid JSON.');
    } else {
      requestError = toRequestError(error);
    }
    if (requestError.code === 'internal') hub.logger.error({ err: error }, 'request failed');
    if (requestError instanceof RateLimitedError) response.setHeader('Retry-After', String(Math.ceil(requestError.retryAfterSeconds)));
    const body: Record<string, unknown> = { code: requestError.code, message: requestError.message };
    if (requestError instanceof InvalidPayloadError) body.field = requestError.field;
    if (requestError instanceof RateLimitedError) body.retryAfterSeconds = requestError.retryAfterSeconds;
    response.status(STATUS_OF[requestError.code]).json({ error: body });
  });
  return app;
}
