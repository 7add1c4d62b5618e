/**
 * A support request that cannot be served as asked: the conversation is missing, belongs to someone else or
 * is not a support chat, or the session is malformed. `kind` says which; the message says what to do.
 */
export class SupportError extends Error {
  override readonly name = 'SupportError';
  readonly kind: 'conversation_not_found' | 'not_support_conversation' | 'invalid_session' | 'missing_identity';
  readonly conversationId?: string;

  constructor(message: string, options: { kind: SupportError['kind']; conversationId?: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.kind = options.kind;
    this.conversationId = options.conversationId;
  }
}
