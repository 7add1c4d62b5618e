import type { ErrorCode } from './protocol.ts';

/**
 * A request the server refuses or could not complete. `code` travels to the client in an `error` event
 * (or an HTTP body), so it is stable; the message says what to do next.
 */
export class ServerRequestError extends Error {
  override readonly name: string = 'ServerRequestError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }
}

/** An inbound payload failed validation; `field` is the dotted path of the first bad field. */
export class InvalidPayloadError extends ServerRequestError {
  override readonly name = 'InvalidPayloadError';
  constructor(
    readonly field: string,
    message: string,
    readonly requestType?: string,
  ) {
    super('invalid_payload', message);
  }
}

/** No, a bad, a tampered or an expired credential, or a credential of the wrong role. */
export class AuthenticationError extends ServerRequestError {
  override readonly name = 'AuthenticationError';
  constructor(
    code: 'unauthorized' | 'token_expired' | 'forbidden',
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(code, message, options);
  }
}

/** A token bucket ran dry; `retryAfterSeconds` says when one more request will be accepted. */
export class RateLimitedError extends ServerRequestError {
  override readonly name = 'RateLimitedError';
  constructor(
    readonly limit: 'user' | 'ip' | 'conversation',
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', `Too many messages (per ${limit} limit). Retry in ${retryAfterSeconds} s.`);
  }
}

/** The conversation does not exist or belongs to someone else (the two are indistinguishable on purpose). */
export class ConversationAccessError extends ServerRequestError {
  override readonly name = 'ConversationAccessError';
  constructor(readonly conversationId: string) {
    super('conversation_not_found', `No conversation ${conversationId} for this account. Leave out conversationId to start a new one.`);
  }
}

/** The server could not start: bad environment, unreadable secret, unusable warehouse. */
export class ServerConfigurationError extends Error {
  override readonly name = 'ServerConfigurationError';
  constructor(
    message: string,
    readonly setting: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
  }
}
