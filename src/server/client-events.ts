import type { Socket } from 'socket.io';
import { ConversationNotFoundError } from '../agent/conversation-store.ts';
import { assertNotExpired, principalKey, type Principal } from './auth/tokens.ts';
import type { ChatHub } from './chat-hub.ts';
import {
  CLIENT_EVENT_CHANNEL,
  ClientEventSchema,
  firstIssue,
  NAMESPACE_EVENTS,
  type Acknowledgement,
  type ClientEvent,
  type NamespaceName,
  type ServerEventOf,
} from './protocol.ts';
import { AuthenticationError, InvalidPayloadError, RateLimitedError, ServerRequestError } from './server-errors.ts';
import { SupportUnavailableError } from './support-responder.ts';

export type ClientEventHandlers<Name extends NamespaceName> = {
  [Type in (typeof NAMESPACE_EVENTS)[Name][number]]: (event: Extract<ClientEvent, { type: Type }>) => Promise<Acknowledgement>;
};

/** Any failure as the error the client sees; unexpected ones become `internal` with no details leaked. */
export function toRequestError(error: unknown): ServerRequestError {
  if (error instanceof ServerRequestError) return error;
  if (error instanceof SupportUnavailableError) return new ServerRequestError('support_unavailable', error.message, { cause: error });
  if (error instanceof ConversationNotFoundError) return new ServerRequestError('conversation_not_found', error.message, { cause: error });
  return new ServerRequestError('internal', 'Something went wrong on the server; try again. If it keeps happening, report the time to the operator.', { cause: error });
}

export function errorEventOf(error: ServerRequestError, context: { conversationId?: string; requestType?: string }): ServerEventOf<'error'> {
  const event: ServerEventOf<'error'> = { type: 'error', code: error.code, message: error.message };
  if (context.conversationId) event.conversationId = context.conversationId;
  const requestType = error instanceof InvalidPayloadError ? (error.requestType ?? context.requestType) : context.requestType;
  if (requestType) event.requestType = requestType;
  if (error instanceof InvalidPayloadError) event.field = error.field;
  if (error instanceof RateLimitedError) event.retryAfterSeconds = error.retryAfterSeconds;
  return event;
}

function acknowledgementOf(event: ServerEventOf<'error'>): Acknowledgement {
  const acknowledgement: Acknowledgement = { ok: false, code: event.code, message: event.message };
  if (event.field) acknowledgement.field = event.field;
  if (event.retryAfterSeconds !== undefined) acknowledgement.retryAfterSeconds = event.retryAfterSeconds;
  return acknowledgement;
}

function requestTypeOf(raw: unknown): string | undefined {
  if (typeof raw === 'object' && raw !== null && 'type' in raw && typeof raw.type === 'string') return raw.type.slice(0, 40);
  return undefined;
}

function conversationIdOf(raw: unknown): string | undefined {
  if (typeof raw === 'object' && raw !== null && 'conversationId' in raw && typeof raw.conversationId === 'string') return raw.conversationId.slice(0, 100);
  return undefined;
}

/**
 * Listens on the client-event channel: validates every payload with zod, checks the token has not expired
 * meanwhile, dispatches to the namespace's handlers and answers with an acknowledgement and, on failure,
 * an `error` event naming the problem. A handler's failure never escapes to crash the process.
 */
export function bindClientEvents<Name extends NamespaceName>(hub: ChatHub, socket: Socket, namespace: Name, principal: Principal, handlers: ClientEventHandlers<Name>): void {
  const allowed: readonly string[] = NAMESPACE_EVENTS[namespace];
  socket.on(CLIENT_EVENT_CHANNEL, (raw: unknown, callback?: unknown) => {
    const acknowledge = typeof callback === 'function' ? (callback as (acknowledgement: Acknowledgement) => void) : undefined;
    const requestType = requestTypeOf(raw);
    const work = (async (): Promise<Acknowledgement> => {
      assertNotExpired(principal);
      const parsed = ClientEventSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = firstIssue(parsed.error);
        throw new InvalidPayloadError(issue.field, `Invalid ${requestType ?? 'event'}: ${issue.field}: ${issue.message}`, requestType);
      }
      const event = parsed.data;
      if (!allowed.includes(event.type)) {
        throw new InvalidPayloadError('type', `${event.type} is not accepted on ${namespace}; it accepts ${allowed.join(', ')}.`, event.type);
      }
      hub.assertAcceptingWork();
      const handler = handlers[event.type as keyof ClientEventHandlers<Name>] as (event: ClientEvent) => Promise<Acknowledgement>;
      return handler(event);
    })();
    void hub.track(
      work.then(
        (acknowledgement) => acknowledge?.(acknowledgement),
        (error: unknown) => {
          const requestError = toRequestError(error);
          if (requestError.code === 'internal') hub.logger.error({ err: error, requestType, principal: principalKey(principal) }, 'client event failed');
          else hub.logger.debug({ code: requestError.code, requestType, principal: principalKey(principal) }, 'client event refused');
          const errorEvent = errorEventOf(requestError, { conversationId: conversationIdOf(raw), requestType });
          // An event type that exists but is not accepted here is unsupported; no type at all is an invalid payload.
          if (requestError instanceof InvalidPayloadError && requestError.field === 'type' && requestType !== undefined && !allowed.includes(requestType)) errorEvent.code = 'unsupported_event';
          hub.emitTo(socket, errorEvent);
          acknowledge?.(acknowledgementOf(errorEvent));
          if (requestError instanceof AuthenticationError && requestError.code === 'token_expired') socket.disconnect(true);
        },
      ),
    );
  });
  socket.onAny((eventName: string) => {
    if (eventName === CLIENT_EVENT_CHANNEL) return;
    hub.emitTo(socket, { type: 'error', code: 'unsupported_event', message: `Send requests on the "${CLIENT_EVENT_CHANNEL}" channel, not "${eventName.slice(0, 40)}".` });
  });
}
