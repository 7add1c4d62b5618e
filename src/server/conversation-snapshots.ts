import type { Warehouse } from '../sql/warehouse.ts';

/** Rows kept at most (least recently written dropped first): one per recently active conversation. */
const DEFAULT_CAPACITY = 5_000;

/** A conversations row as the group commit last committed it (the columns of CONVERSATION_ROW_COLUMNS). */
export type ConversationRow = Readonly<Record<string, unknown>>;

/**
 * The conversation rows the group commit itself last wrote, so that the bot turn which follows a shopper's message
 * need not read its conversation again. Only rows the commit updated are kept (a concurrent change of such a row makes
 * DuckDB refuse the commit), and they are valid only while nothing else may have written `conversations` since: every
 * write through the Warehouse moves the table's write clock, and any move this writer did not make drops them all
 * (a hand-off, the analytics agent's own conversations, an import). Only one process writes a warehouse.
 */
export class ConversationSnapshots {
  private readonly rows = new Map<string, ConversationRow>();
  /** The table's write stamp right after this writer's last transaction ended; -1: none yet. */
  private ownStamp = -1;

  constructor(
    private readonly warehouse: Warehouse,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  /** Called in the tick the group commit's transaction ended (stamps from Warehouse.transaction's `observe`). */
  written(stamps: { before: number; after: number; committed: boolean }, rows: ReadonlyMap<string, ConversationRow> | undefined): void {
    if (stamps.before !== this.ownStamp) this.rows.clear();
    this.ownStamp = stamps.after;
    if (!stamps.committed || !rows) return;
    for (const [conversationId, row] of rows) {
      this.rows.delete(conversationId);
      this.rows.set(conversationId, Object.freeze({ ...row }));
    }
    while (this.rows.size > this.capacity) this.rows.delete(this.rows.keys().next().value as string);
  }

  /** The row as this writer last committed it, or undefined when it may have changed since (or is not known). */
  current(conversationId: string): ConversationRow | undefined {
    if (this.warehouse.writeStamp('conversations') !== this.ownStamp) {
      this.rows.clear();
      return undefined;
    }
    return this.rows.get(conversationId);
  }
}
