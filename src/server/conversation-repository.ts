import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { QueryParameters, QueryResult, Warehouse } from '../sql/warehouse.ts';
import type { ConversationRow } from './conversation-snapshots.ts';
import { GroupCommitWriter, type AppendOutcome, type AppendRequest, type NewConversation } from './group-commit-writer.ts';
import type { SupportScope } from './support-responder.ts';

export type ConversationKind = 'analytics' | 'support';
export type ConversationState = 'bot' | 'queued' | 'human' | 'resolved';
export type MessageRole = 'user' | 'assistant' | 'tool' | 'system' | 'agent';

/** What the server keeps in conversations.context: for support, the scope the conversation was opened under. */
const ConversationContextSchema = z
  .object({ scope: z.union([z.object({ kind: z.literal('customer'), customerId: z.number() }), z.object({ kind: z.literal('guest-order'), customerId: z.number(), orderId: z.number() })]).optional() })
  .loose();
export type ConversationContext = z.infer<typeof ConversationContextSchema>;

/** messages.payload as the server writes it (analytics rows written by the agent add memory, status …). */
export const MessagePayloadSchema = z
  .object({
    replyTo: z.number().int().optional(),
    /** User messages: whether the bot or the human agents got it. */
    route: z.enum(['bot', 'human']).optional(),
    /** 'confirmation-answer', 'agent-joined', 'conversation-resolved' … */
    kind: z.string().optional(),
    agentId: z.string().optional(),
    table: z.unknown().optional(),
    confirmation: z.unknown().optional(),
    handoff: z.unknown().optional(),
    citations: z.unknown().optional(),
    answer: z.unknown().optional(),
  })
  .loose();
export type MessagePayload = z.infer<typeof MessagePayloadSchema>;

export interface ConversationRecord {
  conversationId: string;
  kind: ConversationKind;
  customerId: number | null;
  analystId: string | null;
  state: ConversationState;
  language: string | null;
  context: ConversationContext;
  lastSeq: number;
}

export interface NewMessage {
  role: MessageRole;
  content: string;
  payload?: MessagePayload;
  intent?: string | null;
  idempotencyKey?: string | null;
}

export interface StoredMessage {
  conversationId: string;
  seq: number;
  role: MessageRole;
  content: string;
  payload: MessagePayload;
  intent: string | null;
  idempotencyKey: string | null;
  createdAt: string;
}

function messageColumns(alias = ''): string {
  const prefix = alias ? `${alias}.` : '';
  const plain = ['conversation_id', 'seq', 'role', 'content', 'payload', 'intent', 'idempotency_key'].map((column) => `${prefix}${column}`);
  return [...plain, `strftime(${prefix}created_at, '%Y-%m-%dT%H:%M:%S.%g') AS created_at`].join(', ');
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const CONVERSATION_COLUMNS = 'c.conversation_id, c.kind, c.customer_id, c.analyst_id, c.state, c.language, c.context, c.last_seq';

function toConversationRecord(row: Record<string, unknown>): ConversationRecord {
  const context = ConversationContextSchema.safeParse(parseJson(row.context) ?? {});
  return {
    conversationId: String(row.conversation_id),
    kind: row.kind as ConversationKind,
    customerId: typeof row.customer_id === 'number' ? row.customer_id : null,
    analystId: typeof row.analyst_id === 'string' ? row.analyst_id : null,
    state: row.state as ConversationState,
    language: typeof row.language === 'string' ? row.language : null,
    context: context.success ? context.data : {},
    lastSeq: Number(row.last_seq),
  };
}

function toStoredMessage(row: Record<string, unknown>): StoredMessage {
  const payload = MessagePayloadSchema.safeParse(parseJson(row.payload) ?? {});
  return {
    conversationId: String(row.conversation_id),
    seq: Number(row.seq),
    role: String(row.role) as MessageRole,
    content: typeof row.content === 'string' ? row.content : '',
    payload: payload.success ? payload.data : {},
    intent: typeof row.intent === 'string' ? row.intent : null,
    idempotencyKey: typeof row.idempotency_key === 'string' ? row.idempotency_key : null,
    createdAt: String(row.created_at ?? ''),
  };
}

/**
 * Conversations and messages in DuckDB. Every append takes the next per-conversation seq inside one
 * transaction (the same scheme as the analytics agent's ConversationStore, so both can write one table).
 */
export class ConversationRepository {
  private readonly writer: GroupCommitWriter;

  constructor(private readonly warehouse: Warehouse) {
    this.writer = new GroupCommitWriter(warehouse);
  }

  /**
   * Reads go through the warehouse's read pool (prepared plans, connections of their own): chat bookkeeping waits
   * neither behind agents' queries on the shared connection nor behind itself.
   */
  private read(sql: string, parameters: QueryParameters): Promise<QueryResult> {
    return this.warehouse.query(sql, parameters);
  }

  /** Nothing of its own to close any more (the read connections belong to the warehouse); kept for callers. */
  async close(): Promise<void> {}

  async create(options: { conversationId?: string; kind: ConversationKind; customerId?: number; analystId?: string; language?: string; title?: string; scope?: SupportScope }): Promise<string> {
    const conversationId = options.conversationId ?? randomUUID();
    const context: ConversationContext = options.scope ? { scope: options.scope } : {};
    await this.warehouse.run(
      `INSERT INTO conversations (conversation_id, kind, customer_id, analyst_id, language, title, context, created_at, updated_at)
       VALUES ($id, $kind, $customer, $analyst, $language, $title, $context, now()::TIMESTAMP, now()::TIMESTAMP)`,
      {
        id: conversationId,
        kind: options.kind,
        customer: options.customerId ?? null,
        analyst: options.analystId ?? null,
        language: options.language ?? null,
        title: options.title ?? null,
        context: JSON.stringify(context),
      },
    );
    return conversationId;
  }

  async find(conversationId: string): Promise<ConversationRecord | null> {
    const result = await this.read(`SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.conversation_id = $id`, { id: conversationId });
    const row = result.rows[0];
    return row ? toConversationRecord(row) : null;
  }

  /**
   * Appends messages in order, atomically (group-committed with other concurrent appends); returns them with
   * their seq. `create` inserts the conversation in the same transaction; `messages` may depend on its state.
   */
  append(conversationId: string, messages: NewMessage[]): Promise<StoredMessage[]> {
    return this.writer.append({ conversationId, messages });
  }

  appendWith(request: AppendRequest): Promise<StoredMessage[]> {
    return this.writer.append(request);
  }

  /**
   * appendWith, checked inside its transaction: `authorize` sees the conversation as stored (null: none, and no
   * `create`) and throws to refuse; with `unlessSent`, a key already sent writes nothing and names the earlier seq.
   * A send needs no read before it.
   */
  appendChecked(request: Omit<AppendRequest, 'authorize'> & { authorize: (conversation: ConversationRecord | null) => void }): Promise<AppendOutcome> {
    const { authorize, ...rest } = request;
    return this.writer.appendOutcome({ ...rest, authorize: (row) => authorize(row ? toConversationRecord(row) : null) });
  }

  /**
   * The conversations row as this repository's group commit last wrote it, while nothing else may have changed it
   * since (conversation-snapshots.ts); undefined otherwise: read it.
   */
  committedRow(conversationId: string): ConversationRow | undefined {
    return this.writer.snapshots.current(conversationId);
  }

  /** What appendWith({ create }) inserts for a new conversation. */
  conversationInsert(options: { kind: ConversationKind; customerId?: number; analystId?: string; language?: string; title?: string; scope?: SupportScope }): NewConversation {
    const context: ConversationContext = options.scope ? { scope: options.scope } : {};
    return { kind: options.kind, customerId: options.customerId, analystId: options.analystId, language: options.language, title: options.title, context };
  }

  /** Messages with seq > lastSeq, oldest first. */
  async messagesAfter(conversationId: string, lastSeq: number, limit = 1000): Promise<StoredMessage[]> {
    const result = await this.read(
      `SELECT ${messageColumns()} FROM messages WHERE conversation_id = $id AND seq > $seq ORDER BY seq LIMIT ${Math.trunc(limit)}`,
      { id: conversationId, seq: lastSeq },
    );
    return result.rows.map(toStoredMessage);
  }

  async message(conversationId: string, seq: number): Promise<StoredMessage | null> {
    const result = await this.read(`SELECT ${messageColumns()} FROM messages WHERE conversation_id = $id AND seq = $seq`, { id: conversationId, seq });
    const row = result.rows[0];
    return row ? toStoredMessage(row) : null;
  }

  /**
   * One query for a send: the conversation, if it exists, and the message of this role already sent in it with
   * this idempotency key, if any.
   */
  async conversationWithKey(conversationId: string, idempotencyKey: string, role: MessageRole): Promise<{ conversation: ConversationRecord; previous: StoredMessage | null } | null> {
    const result = await this.read(
      `SELECT ${CONVERSATION_COLUMNS},
              (SELECT min(m.seq) FROM messages m WHERE m.conversation_id = $id AND m.idempotency_key = $key AND m.role = $role) AS previous_seq
         FROM conversations c WHERE c.conversation_id = $id`,
      { id: conversationId, key: idempotencyKey, role },
    );
    const row = result.rows[0];
    if (!row) return null;
    // Retries are rare: only then read the earlier message itself.
    const previous = typeof row.previous_seq === 'number' ? await this.message(conversationId, row.previous_seq) : null;
    return { conversation: toConversationRecord(row), previous };
  }

  /** Replies persisted for the user message `seq` (payload.replyTo = seq). */
  /**
   * Shopper messages routed to the bot that no stored reply answers yet (acknowledged, then the server stopped or
   * crashed mid-turn), oldest first.
   */
  async unansweredBotMessages(conversationId: string, limit = 50): Promise<StoredMessage[]> {
    const result = await this.read(
      `SELECT ${messageColumns()} FROM messages m
        WHERE m.conversation_id = $id AND m.role = 'user' AND json_extract_string(m.payload, '$.route') = 'bot'
          AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.conversation_id = m.conversation_id AND r.seq > m.seq
                            AND r.role = 'assistant' AND TRY_CAST(json_extract(r.payload, '$.replyTo') AS BIGINT) = m.seq)
        ORDER BY m.seq LIMIT ${Math.trunc(limit)}`,
      { id: conversationId },
    );
    return result.rows.map(toStoredMessage);
  }

  async repliesTo(conversationId: string, seq: number): Promise<StoredMessage[]> {
    const later = await this.messagesAfter(conversationId, seq, 200);
    return later.filter((message) => message.payload.replyTo === seq);
  }

  /**
   * Changes several messages in one transaction: all of them or none. It writes `messages` only, and says so: unnamed,
   * the transaction counted as a write to every table, so each analytics answer (which ends with this) dropped every
   * shopper's kept orders, lines and options and the support turn's kept conversation rows.
   */
  async update(changes: { conversationId: string; seq: number; intent?: string | null; payload?: MessagePayload; idempotencyKey?: string }[]): Promise<void> {
    await this.warehouse.transaction(async (connection) => {
      for (const change of changes) {
        const assignments: string[] = [];
        const parameters: Record<string, string | number | null> = { id: change.conversationId, seq: change.seq };
        if (change.intent !== undefined) {
          assignments.push('intent = $intent');
          parameters.intent = change.intent;
        }
        if (change.payload !== undefined) {
          assignments.push('payload = $payload');
          parameters.payload = JSON.stringify(change.payload);
        }
        if (change.idempotencyKey !== undefined) {
          assignments.push('idempotency_key = $key');
          parameters.key = change.idempotencyKey;
        }
        if (assignments.length > 0) await connection.run(`UPDATE messages SET ${assignments.join(', ')} WHERE conversation_id = $id AND seq = $seq`, parameters);
      }
    }, { writes: ['messages'] });
  }
}
