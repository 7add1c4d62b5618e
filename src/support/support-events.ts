import { randomUUID } from 'node:crypto';
import type { SqlRunner } from './sql-runner.ts';
import { timestampText } from './support-clock.ts';

export type SupportEventType =
  | 'turn'
  | 'policy_denial'
  | 'confirmation_requested'
  | 'write_committed'
  | 'confirmation_declined'
  | 'confirmation_rejected'
  | 'handoff_offered'
  | 'handoff_requested'
  | 'handoff_taken'
  | 'handoff_resolved'
  | 'csat_rating'
  | 'injection_suspected';

export interface SupportEvent {
  at: Date;
  conversationId: string | null;
  customerId: number | null;
  type: SupportEventType;
  intent?: string | null;
  tool?: string | null;
  orderId?: number | null;
  policySection?: string | null;
  outcome?: string | null;
  planner?: string | null;
  language?: string | null;
  /** csat_rating only: the shopper's 1–5 rating. */
  rating?: number | null;
}

const EVENT_COLUMNS = 'event_id, occurred_at, conversation_id, customer_id, event_type, intent, tool, order_id, policy_section, outcome, planner, language, rating';

function eventValues(event: SupportEvent, suffix: string): { sql: string; parameters: Record<string, string | number | null> } {
  const fields: Array<[string, string | number | null]> = [
    ['id', randomUUID()],
    ['at', timestampText(event.at)],
    ['conversation', event.conversationId],
    ['customer', event.customerId],
    ['type', event.type],
    ['intent', event.intent ?? null],
    ['tool', event.tool ?? null],
    ['order', event.orderId ?? null],
    ['section', event.policySection ?? null],
    ['outcome', event.outcome ?? null],
    ['planner', event.planner ?? null],
    ['language', event.language ?? null],
    ['rating', event.rating ?? null],
  ];
  return {
    sql: `(${fields.map(([name]) => (name === 'at' ? `$at${suffix}::TIMESTAMP` : `$${name}${suffix}`)).join(', ')})`,
    parameters: Object.fromEntries(fields.map(([name, value]) => [`${name}${suffix}`, value])),
  };
}

/** One INSERT of several support_events rows (a batch of turns, or the events a reply's commit carries). */
export function supportEventsInsert(events: readonly SupportEvent[]): { sql: string; parameters: Record<string, string | number | null> } {
  const values = events.map((event, index) => eventValues(event, `_${index}`));
  return { sql: `INSERT INTO support_events (${EVENT_COLUMNS}) VALUES ${values.map((value) => value.sql).join(', ')}`, parameters: Object.assign({}, ...values.map((value) => value.parameters)) };
}

/** Appends one row to support_events (analytics of support chats; never message text or personal data). */
export async function recordSupportEvent(runner: SqlRunner, event: SupportEvent): Promise<void> {
  const values = eventValues(event, '');
  await runner.run(`INSERT INTO support_events (${EVENT_COLUMNS}) VALUES ${values.sql}`, values.parameters);
}

const MAX_EVENT_BATCH = 64;

/**
 * Group commit for the events a turn records outside any write transaction: events that arrive while an insert is
 * running are written together by the next one (one multi-row INSERT instead of one statement and commit per turn).
 * Alone, an event is written at once; each caller still waits until its row is committed. A failed batch is
 * retried row by row, so one bad row cannot fail the others.
 */
export class SupportEventLog {
  private readonly queue: Array<{ event: SupportEvent; resolve: () => void; reject: (error: unknown) => void }> = [];
  private flushing = false;

  constructor(private readonly runner: SqlRunner) {}

  record(event: SupportEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_EVENT_BATCH);
        try {
          const insert = supportEventsInsert(batch.map((pending) => pending.event));
          await this.runner.run(insert.sql, insert.parameters);
          for (const pending of batch) pending.resolve();
        } catch (error) {
          if (batch.length === 1) {
            batch[0]?.reject(error);
            continue;
          }
          for (const pending of batch) await recordSupportEvent(this.runner, pending.event).then(pending.resolve, pending.reject);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
