/**
 * The WebSocket protocol of the ShopLens server, shared by the server and web clients.
 *
 * Transport: socket.io. A client sends every request on the `client-event` channel as one `ClientEvent`
 * (optionally with a socket.io acknowledgement callback, answered with an `Acknowledgement`), and receives
 * everything on the `server-event` channel as one `ServerEvent`. Both are zod discriminated unions on `type`.
 * Events about a persisted message carry its `seq` (per-conversation sequence number); a client remembers
 * the highest `seq` it has seen and sends `resume` with it after a reconnect.
 */
import { z } from 'zod';
import { AnswerSchema } from '../analytics/answer/answer.ts';
import { ChartSpecSchema } from '../analytics/answer/chart-spec.ts';

export const CLIENT_EVENT_CHANNEL = 'client-event';
export const SERVER_EVENT_CHANNEL = 'server-event';

/** Absolute cap on a message's length; the server's configured limit (default 4000) is usually lower. */
export const MAX_TEXT_LENGTH = 16_000;

const ConversationIdSchema = z.string().min(1).max(100);
const IdempotencyKeySchema = z.string().min(8).max(128);
const TextSchema = z.string().trim().min(1).max(MAX_TEXT_LENGTH);

// ---------------------------------------------------------------- client → server

export const MessageSendSchema = z.strictObject({
  type: z.literal('message-send'),
  /** Leave out to start a new conversation; the acknowledgement says which id it got. */
  conversationId: ConversationIdSchema.optional(),
  /** Unique per message (e.g. a UUID); a retried send with the same key is processed once. */
  idempotencyKey: IdempotencyKeySchema,
  text: TextSchema,
});

export const ConfirmationAnswerSchema = z.strictObject({
  type: z.literal('confirmation-answer'),
  conversationId: ConversationIdSchema,
  confirmationId: z.string().min(1).max(200),
  confirm: z.boolean(),
});

/** Stop the analytics turn `streamId` (a long model training, say); it ends with a short "cancelled" answer. */
export const TurnCancelSchema = z.strictObject({
  type: z.literal('turn-cancel'),
  conversationId: ConversationIdSchema,
  streamId: z.string().min(1).max(100),
});

export const ResumeSchema = z.strictObject({
  type: z.literal('resume'),
  conversationId: ConversationIdSchema,
  /** Highest seq the client already has (0 for none): the server sends every message after it, once. */
  lastSeq: z.number().int().min(0),
});

export const QueueListSchema = z.strictObject({ type: z.literal('queue-list') });

export const ConversationTakeSchema = z.strictObject({ type: z.literal('conversation-take'), conversationId: ConversationIdSchema });

export const AgentReplySchema = z.strictObject({
  type: z.literal('agent-reply'),
  conversationId: ConversationIdSchema,
  idempotencyKey: IdempotencyKeySchema,
  text: TextSchema,
});

export const ConversationResolveSchema = z.strictObject({ type: z.literal('conversation-resolve'), conversationId: ConversationIdSchema });

/** /support: the shopper's 1–5 rating (CSAT) of a chat an agent resolved; once per conversation. */
export const CsatSubmitSchema = z.strictObject({ type: z.literal('csat-submit'), conversationId: ConversationIdSchema, rating: z.number().int().min(1).max(5) });

/** /support and /agents, while a person is in the chat: the sender started (true) or stopped (false) typing. */
export const TypingSignalSchema = z.strictObject({ type: z.literal('typing-signal'), conversationId: ConversationIdSchema, active: z.boolean() });

export const ClientEventSchema = z.discriminatedUnion('type', [
  MessageSendSchema,
  ConfirmationAnswerSchema,
  ResumeSchema,
  TurnCancelSchema,
  QueueListSchema,
  ConversationTakeSchema,
  AgentReplySchema,
  ConversationResolveSchema,
  CsatSubmitSchema,
  TypingSignalSchema,
]);
export type ClientEvent = z.infer<typeof ClientEventSchema>;
export type ClientEventType = ClientEvent['type'];

/** Which requests each namespace accepts; anything else is answered with error `unsupported_event`. */
export const NAMESPACE_EVENTS = {
  '/analytics': ['message-send', 'resume', 'turn-cancel'],
  '/support': ['message-send', 'confirmation-answer', 'resume', 'csat-submit', 'typing-signal'],
  '/agents': ['queue-list', 'conversation-take', 'agent-reply', 'conversation-resolve', 'resume', 'typing-signal'],
} as const satisfies Record<string, readonly ClientEventType[]>;
export type NamespaceName = keyof typeof NAMESPACE_EVENTS;

// ---------------------------------------------------------------- server → client

export const TableSchema = z.object({ columns: z.array(z.unknown()), rows: z.array(z.record(z.string(), z.unknown())) });
/** What a confirmation card does, so its buttons can say it ("Cancel order" / "Keep order"). */
export const CONFIRMATION_ACTIONS = ['cancel_order', 'return', 'exchange', 'change_address', 'change_payment', 'change_items', 'default_address', 'several'] as const;
export type ConfirmationAction = (typeof CONFIRMATION_ACTIONS)[number];
export const ConfirmationSchema = z.object({ confirmationId: z.string(), summary: z.string(), expiresAt: z.string(), action: z.enum(CONFIRMATION_ACTIONS).optional() });
export const HandoffSchema = z.object({ state: z.enum(['queued', 'human']), ticketId: z.string() });
export const CitationSchema = z.object({ articleId: z.string(), section: z.string(), title: z.string() });
export const MessageRoleSchema = z.enum(['user', 'assistant', 'tool', 'system', 'agent']);

/** A persisted message as it travels: the whole of it, so a client can rebuild a transcript from these alone. */
export const WireMessageSchema = z.object({
  conversationId: z.string(),
  seq: z.number().int().positive(),
  role: MessageRoleSchema,
  text: z.string(),
  intent: z.string().nullable(),
  createdAt: z.string(),
  /** For replies: the seq of the user message they answer. */
  replyTo: z.number().int().positive().optional(),
  table: TableSchema.optional(),
  chart: ChartSpecSchema.optional(),
  confirmation: ConfirmationSchema.optional(),
  handoff: HandoffSchema.optional(),
  citations: z.array(CitationSchema).optional(),
  /** Analytics replies: the full answer (status, sql, columns, rows, chart, assumptions …). */
  answer: AnswerSchema.optional(),
  /** The system note that an agent resolved the chat: the widget asks the shopper for a 1–5 rating (csat-submit). */
  ratingRequested: z.boolean().optional(),
  /** On a replayed resolved note: the rating the shopper already gave, so a reloaded widget shows it instead of asking again. */
  rating: z.number().int().min(1).max(5).optional(),
});
export type WireMessage = z.infer<typeof WireMessageSchema>;

const conversationId = z.string();
const streamId = z.string();
const seq = z.number().int().positive();

export const QueueEntrySchema = z.object({
  conversationId: z.string(),
  customerId: z.number().nullable(),
  summary: z.string(),
  queuedAt: z.string(),
});
export type QueueEntry = z.infer<typeof QueueEntrySchema>;

/** /agents only: who the shopper of a conversation is, as the customer context panel shows it. */
export const CustomerContextSchema = z.object({
  customer: z.object({ customer_id: z.number(), user_name: z.string().nullable(), signup_date: z.string().nullable(), city: z.string().nullable() }).nullable(),
  default_address: z
    .object({ street: z.string(), city: z.string().nullable(), province: z.string().nullable(), postal_code: z.string().nullable(), country: z.string().nullable(), full_address: z.string().nullable() })
    .nullable(),
  payment_methods: z.array(z.object({ method_id: z.number(), kind: z.string(), last4: z.string().nullable(), balance: z.number().nullable(), is_default: z.boolean() })),
  orders: z.array(
    z.object({ order_no: z.string(), status: z.string(), created_at: z.string(), total_amount: z.number(), items: z.number(), tracking_number: z.string().nullable() }),
  ),
  conversations: z.array(z.object({ conversation_id: z.string(), state: z.string(), created_at: z.string(), messages: z.number(), last_intent: z.string().nullable() })),
  tickets: z.array(z.object({ ticket_id: z.string(), kind: z.string(), status: z.string(), order_no: z.string().nullable(), created_at: z.string() })),
});
export type CustomerContextWire = z.infer<typeof CustomerContextSchema>;

export const ErrorCodeSchema = z.enum([
  'invalid_payload',
  'unsupported_event',
  'unauthorized',
  'token_expired',
  'forbidden',
  'conversation_not_found',
  'conversation_state',
  /** POST /api/sql: the guard refused the statement or it failed (timeout, memory); `kind` says which. */
  'query_refused',
  'rate_limited',
  'message_too_long',
  'agent_failed',
  'support_unavailable',
  'server_shutting_down',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ServerEventSchema = z.discriminatedUnion('type', [
  /**
   * A turn started: the bot is working on the message `replyTo` (on /support this is also the bot's typing on; it is
   * sent only when the reply is not ready at once). Transient events of the turn share `streamId`.
   */
  z.object({ type: z.literal('message-start'), conversationId, streamId, replyTo: seq.optional(), seq: seq.optional() }),
  z.object({ type: z.literal('phase-change'), conversationId, streamId, phase: z.string() }),
  z.object({ type: z.literal('tool-call-start'), conversationId, streamId, callId: z.string(), toolName: z.string() }),
  /** Long tool work (a model training) in progress: phase, percent done (0–100), time since it started. */
  z.object({ type: z.literal('tool-progress'), conversationId, streamId, callId: z.string(), toolName: z.string(), phase: z.string(), percent: z.number(), elapsedMs: z.number() }),
  z.object({ type: z.literal('tool-result'), conversationId, streamId, callId: z.string(), toolName: z.string(), ok: z.boolean(), elapsedMs: z.number() }),
  /** Live text of the reply being written; the `message-end` that follows carries the authoritative text. */
  z.object({ type: z.literal('text-delta'), conversationId, streamId, delta: z.string(), seq: seq.optional() }),
  z.object({ type: z.literal('table'), conversationId, seq, table: TableSchema }),
  z.object({ type: z.literal('chart'), conversationId, seq, chart: ChartSpecSchema }),
  z.object({ type: z.literal('confirmation-request'), conversationId, seq, confirmation: ConfirmationSchema }),
  z.object({ type: z.literal('handoff-start'), conversationId, seq, handoff: HandoffSchema }),
  /**
   * A message was persisted (the shopper's own, a bot reply, a human agent's reply, a system note). `replay`
   * is true when it is sent again because of `resume` or a retried `message-send`.
   */
  z.object({
    type: z.literal('message-end'),
    conversationId,
    seq,
    streamId: streamId.optional(),
    replay: z.boolean(),
    message: WireMessageSchema,
    /** /support: the last reply of a bot turn; the bot stopped typing. */
    endsTurn: z.literal(true).optional(),
  }),
  /**
   * Bot, human agent or (to /agents) shopper typing. The bot's every `active: true` is followed by `active: false`,
   * also when the turn failed; people's signals are rate limited (at most one per second per person and chat).
   */
  z.object({ type: z.literal('typing'), conversationId, actor: z.enum(['bot', 'agent', 'customer']), active: z.boolean() }),
  z.object({
    type: z.literal('error'),
    code: ErrorCodeSchema,
    message: z.string(),
    conversationId: z.string().optional(),
    /** The request that failed, when known. */
    requestType: z.string().optional(),
    /** Dotted path of the bad field, for `invalid_payload`. */
    field: z.string().optional(),
    retryAfterSeconds: z.number().optional(),
    /** /support: the bot's turn for this message failed; the bot stopped typing. */
    replyTo: seq.optional(),
  }),
  /** /agents: the hand-off queue, oldest first. */
  z.object({ type: z.literal('queue-update'), entries: z.array(QueueEntrySchema) }),
  /** /agents: the conversation an agent just took, with its history and the bot's summary. */
  z.object({
    type: z.literal('conversation-open'),
    conversationId,
    customerId: z.number().nullable(),
    state: z.string(),
    summary: z.string(),
    messages: z.array(WireMessageSchema),
    /** The shopper's language, when known: what the console's canned replies are inserted in. */
    language: z.enum(['en', 'zh']).optional(),
  }),
  /** /agents, to the agent who took or reopened the conversation only: the customer context panel's data. */
  z.object({ type: z.literal('customer-context'), conversationId, context: CustomerContextSchema }),
]);
export type ServerEvent = z.infer<typeof ServerEventSchema>;
export type ServerEventOf<Type extends ServerEvent['type']> = Extract<ServerEvent, { type: Type }>;

/**
 * Whether an event ends the bot's typing: a bot turn's last reply (`message-end` with `endsTurn`), its failure (`error`
 * with `replyTo`), or an explicit `typing` off of the bot (a turn that ended without a reply, and analytics turns).
 */
export function endsBotTyping(event: ServerEvent): boolean {
  if (event.type === 'message-end') return event.endsTurn === true;
  if (event.type === 'error') return event.replyTo !== undefined;
  return event.type === 'typing' && event.actor === 'bot' && !event.active;
}

/** What the socket.io acknowledgement callback of a client event receives. */
export const AcknowledgementSchema = z.union([
  z.object({
    ok: z.literal(true),
    conversationId: z.string().optional(),
    /** Seq of the message the request persisted (message-send, agent-reply). */
    seq: z.number().int().positive().optional(),
    /** True when this was a retry of an already processed message: nothing ran again. */
    duplicate: z.boolean().optional(),
    /** resume: how many messages were sent again. */
    replayed: z.number().int().min(0).optional(),
  }),
  z.object({ ok: z.literal(false), code: ErrorCodeSchema, message: z.string(), field: z.string().optional(), retryAfterSeconds: z.number().optional() }),
]);
export type Acknowledgement = z.infer<typeof AcknowledgementSchema>;

/** REST: POST /api/support/guest. Phone or e-mail must match the order's buyer or shipping phone. */
export const GuestVerificationRequestSchema = z
  .strictObject({
    orderNumber: z.string().trim().min(4).max(64),
    phone: z.string().trim().min(5).max(32).optional(),
    email: z.string().trim().min(3).max(200).optional(),
  })
  .refine((value) => value.phone !== undefined || value.email !== undefined, { message: 'Give phone or email', path: ['phone'] });

/** REST: POST /api/ask. */
/** POST /api/sql: one statement for the guarded SQL shell (what `shoplens sql` sends while a server runs). */
export const SqlRequestSchema = z.strictObject({ sql: z.string().min(1).max(20_000) });

export const AskRequestSchema = z.strictObject({
  question: TextSchema,
  conversationId: ConversationIdSchema.optional(),
});

/** The first failing field of a zod error, as a dotted path ('text', 'lastSeq', 'type' …). */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  const field = issue ? issue.path.map(String).join('.') || '(payload)' : '(payload)';
  if (issue?.code === 'unrecognized_keys') return { field: issue.keys.join(','), message: `unknown field(s): ${issue.keys.join(', ')}` };
  return { field, message: issue?.message ?? 'invalid payload' };
}
