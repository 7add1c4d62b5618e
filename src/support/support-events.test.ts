import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../sql/warehouse.ts';
import { SupportEventLog } from './support-events.ts';
import type { SqlRunner } from './sql-runner.ts';

describe('SupportEventLog', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open({ path: ':memory:' });
  });
  afterAll(() => warehouse.close());

  it('writes concurrent events together, every one exactly once, and each caller waits for its row', async () => {
    const statements: string[] = [];
    const runner: SqlRunner = {
      query: (sql, parameters) => warehouse.query(sql, parameters),
      run: (sql, parameters) => {
        statements.push(sql);
        return warehouse.run(sql, parameters);
      },
    };
    const log = new SupportEventLog(runner);
    const at = new Date('2025-01-02T03:04:05Z');
    await Promise.all(Array.from({ length: 150 }, (_, index) => log.record({ at, conversationId: `c${index}`, customerId: index, type: 'turn', intent: 'order_status', outcome: 'answered', planner: 'offline', language: index % 2 ? 'zh' : 'en' })));
    const rows = await warehouse.query("SELECT count(*) AS n, count(DISTINCT conversation_id) AS conversations, min(occurred_at)::VARCHAR AS at FROM support_events WHERE event_type = 'turn'");
    expect(rows.rows).toEqual([{ n: 150, conversations: 150, at: '2025-01-02 03:04:05' }]);
    // The first event alone, then the rest in batches of at most 64.
    expect(statements.length).toBeLessThanOrEqual(4);
  });

  it('a bad row fails only its own caller', async () => {
    const log = new SupportEventLog({ query: (sql, parameters) => warehouse.query(sql, parameters), run: (sql, parameters) => warehouse.run(sql, parameters) });
    const at = new Date('2025-01-02T03:04:05Z');
    const outcomes = await Promise.allSettled([
      log.record({ at, conversationId: 'ok-1', customerId: 1, type: 'turn' }),
      log.record({ at, conversationId: 'ok-2', customerId: 2, type: 'turn' }),
      log.record({ at: new Date(Number.NaN), conversationId: 'bad', customerId: 3, type: 'turn' }),
      log.record({ at, conversationId: 'ok-3', customerId: 4, type: 'turn' }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const rows = await warehouse.query("SELECT conversation_id FROM support_events WHERE conversation_id IN ('ok-1', 'ok-2', 'ok-3', 'bad') ORDER BY 1");
    expect(rows.rows.map((row) => row.conversation_id)).toEqual(['ok-1', 'ok-2', 'ok-3']);
  });
});
