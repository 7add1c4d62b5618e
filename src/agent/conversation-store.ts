import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Warehouse } from '../sql/warehouse.ts';
import type { PreviousTurn } from './planner.ts';

const StoredMemorySchema = z.object({ memory: z.unknown().optional() }).loose();

export class ConversationNotFoundError extends Error {
  override readonly name = 'ConversationNotFoundError';
  constructor(readonly conversationId: string) {
    super(`No conversation ${conversationId}. Start a new one by leaving out --conversation, or check the id.`);
  }
}

/**
 * Analytics conversations in DuckDB (tables conversations and messages), so follow-ups survive restarts.
 * Each message gets the next per-conversation sequence number inside one transaction.
 */
export class ConversationStore {
  constructor(private readonly warehouse: Warehouse) {}

  async create(kind: 'analytics' | 'support', options: { title?: string; language?: string; customerId?: number; analystId?: string } = {}): Promise<string> {
    const conversationId = randomUUID();
    await this.warehouse.run(
      `INSERT INTO conversations (conversation_id, kind, customer_id, analyst_id, language, title, created_at, updated_at)
       VALUES ($id, $kind, $customer, $analyst, $language, $title, now()::TIMESTAMP, now()::TIMESTAMP)`,
      { id: conversationId, kind, customer: options.customerId ?? null, analyst: options.analystId ?? null, language: options.language ?? null, title: options.title ?? null },
    );
    return conversationId;
  }

  async exists(conversationId: string): Promise<boolean> {
    const result = await this.warehouse.query('SELECT 1 FROM conversations WHERE conversation_id = $id', { id: conversationId });
    return result.rows.length > 0;
  }

  /**
   * Appends messages in order; returns their sequence numbers. The transaction names the two tables it writes: one
   * that does not counts as a write to every table, which would drop every cached read (the support chat's shoppers'
   * orders) on each analytics answer.
   */
  async append(conversationId: string, messages: { role: 'user' | 'assistant'; content: string; payload?: unknown }[]): Promise<number[]> {
    return this.warehouse.transaction(async (connection) => {
      const reader = await connection.runAndReadAll('SELECT last_seq FROM conversations WHERE conversation_id = $id', { id: conversationId });
      const row = reader.getRows()[0];
      if (!row) throw new ConversationNotFoundError(conversationId);
      let sequence = Number(row[0]);
      const sequences: number[] = [];
      for (const message of messages) {
        sequence += 1;
        await connection.run(
          `INSERT INTO messages (conversation_id, seq, role, content, payload, created_at)
           VALUES ($id, $seq, $role, $content, $payload, now()::TIMESTAMP)`,
          { id: conversationId, seq: sequence, role: message.role, content: message.content, payload: message.payload === undefined ? null : JSON.stringify(message.payload) },
        );
        sequences.push(sequence);
      }
      await connection.run('UPDATE conversations SET last_seq = $seq, updated_at = now()::TIMESTAMP WHERE conversation_id = $id', { id: conversationId, seq: sequence });
      return sequences;
    }, { writes: ['conversations', 'messages'] });
  }

  /** Earlier turns (question plus the planner's memory of it), oldest first. */
  async history(conversationId: string, limit = 10): Promise<PreviousTurn[]> {
    if (!(await this.exists(conversationId))) throw new ConversationNotFoundError(conversationId);
    const result = await this.warehouse.query(
      `SELECT role, content, payload FROM messages WHERE conversation_id = $id ORDER BY seq`,
      { id: conversationId },
    );
    const turns: PreviousTurn[] = [];
    for (const row of result.rows) {
      if (row.role === 'user') turns.push({ question: String(row.content ?? '') });
      else if (row.role === 'assistant' && turns.length > 0 && typeof row.payload === 'string') {
        const parsed = StoredMemorySchema.safeParse(JSON.parse(row.payload));
        const last = turns[turns.length - 1] as PreviousTurn;
        if (parsed.success) last.memory = parsed.data.memory;
      }
    }
    return turns.slice(-limit);
  }
}
