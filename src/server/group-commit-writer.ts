import type { DuckDBConnection } from '@duckdb/node-api';
import type { Warehouse } from '../sql/warehouse.ts';
import { supportEventsInsert, type SupportEvent } from '../support/support-events.ts';
import type { ConversationKind, ConversationState, MessagePayload, MessageRole, NewMessage, StoredMessage } from './conversation-repository.ts';

export interface NewConversation {
  kind: ConversationKind;
  customerId?: number;
  analystId?: string;
  language?: string;
  title?: string;
  context: Record<string, unknown>;
}

export interface AppendRequest {
  conversationId: string;
  /** Insert the conversation row first (its first message), in the same transaction. */
  create?: NewConversation;
  /** The messages, or a function of the conversation's state as read inside the transaction. */
  messages: NewMessage[] | ((conversation: { state: ConversationState; lastSeq: number }) => NewMessage[]);
  /** Also set the intent of an earlier message (the user message a reply answers). */
  intent?: { seq: number; intent: string };
  /** Also replace conversations.context (JSON text): the support bot's dialogue state after the turn these messages answer. */
  context?: string;
  /** Also insert these support_events rows (the turn's analytics events). */
  events?: readonly SupportEvent[];
}

interface Pending {
  request: AppendRequest;
  resolve: (messages: StoredMessage[]) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 100;
const CONFLICT_RETRIES = 5;

function isWriteConflict(error: unknown): boolean {
  return error instanceof Error && /conflict/i.test(error.message);
}

class MissingConversationError extends Error {
  override readonly name = 'MissingConversationError';
  constructor(readonly conversationId: string) {
    super(`No conversation ${conversationId}`);
  }
}

/**
 * Group commit for message appends: requests that arrive while a transaction is being written are gathered
 * and written together in the next one (a few multi-row statements instead of a transaction each), which is
 * what lets hundreds of concurrent chats share one DuckDB file. Each request still gets exactly its own
 * messages with the next per-conversation seq; if a batch fails, its requests are retried one by one so one
 * bad request cannot fail the others.
 */
export class GroupCommitWriter {
  private readonly queue: Pending[] = [];
  private flushing = false;

  constructor(private readonly warehouse: Warehouse) {}

  append(request: AppendRequest): Promise<StoredMessage[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flushAll());
      }
    });
  }

  private async flushAll(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const results = await this.withConflictRetries(() => this.writeBatch(batch.map((pending) => pending.request)));
          batch.forEach((pending, index) => pending.resolve(results[index] as StoredMessage[]));
        } catch {
          for (const pending of batch) {
            try {
              const [result] = await this.withConflictRetries(() => this.writeBatch([pending.request]));
              pending.resolve(result as StoredMessage[]);
            } catch (error) {
              pending.reject(error);
            }
          }
        }
      }
    } finally {
      this.flushing = false;
      // Requests that arrived after the loop's last check.
      if (this.queue.length > 0) {
        this.flushing = true;
        setImmediate(() => void this.flushAll());
      }
    }
  }

  private async withConflictRetries<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        if (!isWriteConflict(error) || attempt >= CONFLICT_RETRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
      }
    }
  }

  private writeBatch(requests: AppendRequest[]): Promise<StoredMessage[][]> {
    return this.warehouse.transaction((connection) => writeInTransaction(connection, requests), { writes: ['conversations', 'messages', 'support_events'] });
  }
}

async function writeInTransaction(connection: DuckDBConnection, requests: AppendRequest[]): Promise<StoredMessage[][]> {
  const creations = requests.filter((request) => request.create);
  if (creations.length > 0) {
    const parameters: Record<string, string | number | null> = {};
    const rows = creations.map((request, index) => {
      const create = request.create as NewConversation;
      Object.assign(parameters, {
        [`id${index}`]: request.conversationId,
        [`kind${index}`]: create.kind,
        [`customer${index}`]: create.customerId ?? null,
        [`analyst${index}`]: create.analystId ?? null,
        [`language${index}`]: create.language ?? null,
        [`title${index}`]: create.title ?? null,
        [`context${index}`]: JSON.stringify(create.context),
      });
      return `($id${index}, $kind${index}, $customer${index}, $analyst${index}, $language${index}, $title${index}, $context${index}, now()::TIMESTAMP, now()::TIMESTAMP)`;
    });
    await connection.run(
      `INSERT INTO conversations (conversation_id, kind, customer_id, analyst_id, language, title, context, created_at, updated_at) VALUES ${rows.join(', ')}`,
      parameters,
    );
  }

  const ids = [...new Set(requests.map((request) => request.conversationId))];
  const idParameters = Object.fromEntries(ids.map((id, index) => [`c${index}`, id]));
  const reader = await connection.runAndReadAll(
    `SELECT conversation_id, last_seq, state, strftime(now()::TIMESTAMP, '%Y-%m-%dT%H:%M:%S.%g') AS now_text
       FROM conversations WHERE conversation_id IN (${ids.map((_, index) => `$c${index}`).join(', ')})`,
    idParameters,
  );
  const current = new Map<string, { lastSeq: number; state: ConversationState }>();
  let createdAt = '';
  for (const row of reader.getRows()) {
    current.set(String(row[0]), { lastSeq: Number(row[1]), state: String(row[2]) as ConversationState });
    createdAt = String(row[3]);
  }

  const results: StoredMessage[][] = [];
  for (const request of requests) {
    const conversation = current.get(request.conversationId);
    if (!conversation) throw new MissingConversationError(request.conversationId);
    const messages = typeof request.messages === 'function' ? request.messages({ ...conversation }) : request.messages;
    const stored = messages.map((message, index): StoredMessage => ({
      conversationId: request.conversationId,
      seq: conversation.lastSeq + index + 1,
      role: message.role as MessageRole,
      content: message.content,
      payload: (message.payload ?? {}) as MessagePayload,
      intent: message.intent ?? null,
      idempotencyKey: message.idempotencyKey ?? null,
      createdAt,
    }));
    conversation.lastSeq += messages.length;
    results.push(stored);
  }

  const allMessages = results.flat();
  if (allMessages.length > 0) {
    const parameters: Record<string, string | number | null> = { created: createdAt };
    const rows = allMessages.map((message, index) => {
      Object.assign(parameters, {
        [`id${index}`]: message.conversationId,
        [`seq${index}`]: message.seq,
        [`role${index}`]: message.role,
        [`content${index}`]: message.content,
        [`payload${index}`]: JSON.stringify(message.payload),
        [`intent${index}`]: message.intent,
        [`key${index}`]: message.idempotencyKey,
      });
      return `($id${index}, $seq${index}::BIGINT, $role${index}, $content${index}, $payload${index}, $intent${index}, $key${index}, strptime($created, '%Y-%m-%dT%H:%M:%S.%g'))`;
    });
    await connection.run(
      `INSERT INTO messages (conversation_id, seq, role, content, payload, intent, idempotency_key, created_at) VALUES ${rows.join(', ')}`,
      parameters,
    );
  }
  // The last context a batch's requests set for each conversation (one turn at a time per conversation, so at most one).
  const contexts = new Map(requests.flatMap((request) => (request.context === undefined ? [] : [[request.conversationId, request.context] as const])));
  const touched = [...current.entries()].filter(([id]) => contexts.has(id) || allMessages.some((message) => message.conversationId === id));
  if (touched.length > 0) {
    const updateParameters: Record<string, string | number | null> = {};
    const values = touched.map(([id, conversation], index) => {
      updateParameters[`id${index}`] = id;
      updateParameters[`seq${index}`] = conversation.lastSeq;
      updateParameters[`context${index}`] = contexts.get(id) ?? null;
      return `($id${index}, $seq${index}::BIGINT, $context${index}::VARCHAR)`;
    });
    await connection.run(
      `UPDATE conversations SET last_seq = v.seq, context = coalesce(v.context::JSON, conversations.context), updated_at = now()::TIMESTAMP
         FROM (VALUES ${values.join(', ')}) AS v(id, seq, context) WHERE conversations.conversation_id = v.id`,
      updateParameters,
    );
  }
  const events = requests.flatMap((request) => request.events ?? []);
  if (events.length > 0) {
    const insert = supportEventsInsert(events);
    await connection.run(insert.sql, insert.parameters);
  }

  const intents = requests.filter((request) => request.intent);
  if (intents.length > 0) {
    const parameters: Record<string, string | number> = {};
    const values = intents.map((request, index) => {
      const intent = request.intent as { seq: number; intent: string };
      Object.assign(parameters, { [`id${index}`]: request.conversationId, [`seq${index}`]: intent.seq, [`intent${index}`]: intent.intent });
      return `($id${index}, $seq${index}::BIGINT, $intent${index})`;
    });
    await connection.run(
      `UPDATE messages SET intent = v.intent FROM (VALUES ${values.join(', ')}) AS v(id, seq, intent)
        WHERE messages.conversation_id = v.id AND messages.seq = v.seq`,
      parameters,
    );
  }
  return results;
}
