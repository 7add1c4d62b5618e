import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../sql/warehouse.ts';
import { loadSupportRows } from '../../sql/semantic/testing/support-fixture.ts';
import { AnalyticsAgent } from '../analytics-agent.ts';

// The support rows of testing/support-fixture.ts; one event and one order put the as-of date on 2025-11-30, so
// "last week" / "上周" is 2025-11-17 … 2025-11-23. Expected numbers are worked out by hand in that file's comment.
describe('AnalyticsAgent answers customer-service questions offline', () => {
  let directory: string;
  let warehouse: Warehouse;
  let agent: AnalyticsAgent;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'shoplens-support-analytics-'));
    const path = join(directory, 'support.duckdb');
    // Written read-write, then reopened sandboxed: the agent only runs SQL on a sandboxed warehouse.
    warehouse = await Warehouse.open({ path });
    await warehouse.run("INSERT INTO events (event_id, user_id, session_id, event_type, event_time) VALUES (1, 1, 1, 'view', TIMESTAMP '2025-11-30 10:00:00')");
    await warehouse.run("INSERT INTO orders (order_id, order_no, user_id, status, created_at, items_amount, total_amount) VALUES (1, 'SL1', 1, 'pending', TIMESTAMP '2025-11-01 10:00:00', 0, 0)");
    await loadSupportRows(warehouse);
    // CSAT ratings of two resolved chats last week (5 and 2) and one this week (1), as recordCsatRating writes them.
    await warehouse.run(
      `INSERT INTO support_events (event_id, occurred_at, conversation_id, event_type, intent, outcome, planner, rating) VALUES
         ('s1', TIMESTAMP '2025-11-17 11:00:00', 'c1', 'csat_rating', 'handoff', '5', 'human', 5),
         ('s2', TIMESTAMP '2025-11-21 09:00:00', 'c4', 'csat_rating', 'handoff', '2', 'human', 2),
         ('s3', TIMESTAMP '2025-11-25 09:00:00', 'c5', 'csat_rating', 'handoff', '1', 'human', 1)`,
    );
    warehouse.close();
    warehouse = await Warehouse.open({ path, mode: 'sandboxed' });
    agent = await AnalyticsAgent.create({ warehouse });
  });
  afterAll(() => {
    warehouse?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function ask(question: string) {
    const { answer } = await agent.ask(question, { planner: 'offline' });
    expect(answer.status, `${question}: ${answer.answer}`).toBe('answered');
    expect(answer.planner).toBe('offline');
    return answer;
  }

  const value = (rows: Record<string, unknown>[], column: string) => rows[0]?.[column];

  it.each([
    ['上周退货咨询有多少转人工?', 3],
    ['how many return requests were handed to a human last week', 3],
    ['how many support conversations were handed to a human last week', 4],
    ['上周转人工多少个会话', 4],
  ])('%s → %d hand-offs', async (question, expected) => {
    const answer = await ask(question);
    expect(answer.columns.map((column) => column.id)).toEqual(['handoffs']);
    expect(value(answer.rows, 'handoffs')).toBe(expected);
    expect(answer.sql).toContain('handoff_requested');
  });

  it('answers the average CSAT of last week in both languages', async () => {
    for (const question of ['上周的客服满意度', 'average CSAT last week']) {
      const answer = await ask(question);
      expect(answer.columns.map((column) => column.id)).toEqual(['csat']);
      expect(value(answer.rows, 'csat')).toBeCloseTo(3.5, 12);
      expect(answer.sql).toContain('csat_rating');
    }
  });

  it('answers the hand-off rate in both languages', async () => {
    for (const question of ['上周的转人工率', 'handoff rate last week']) {
      const answer = await ask(question);
      expect(value(answer.rows, 'handoff_rate')).toBeCloseTo(0.8, 12);
    }
  });

  it('splits policy denials by intent in both languages', async () => {
    for (const question of ['policy denials by intent last week', '上周各咨询类型的政策拒绝次数']) {
      const answer = await ask(question);
      expect(answer.columns.map((column) => column.id)).toEqual(['support_intent', 'policy_denials']);
      const denials = Object.fromEntries(answer.rows.map((row) => [String(row.support_intent), row.policy_denials]));
      // Tables show display names in the answer's language, as the narrative does.
      const returnKey = question.includes('上周') ? '退货' : 'return requests';
      const exchangeKey = question.includes('上周') ? '换货' : 'exchange requests';
      expect(denials[returnKey]).toBe(3);
      expect(denials[exchangeKey]).toBe(1);
    }
  });

  it('counts support conversations and ranks intents', async () => {
    expect(value((await ask('上周咨询量是多少')).rows, 'support_conversations')).toBe(5);
    expect(value((await ask('how many support conversations last week')).rows, 'support_conversations')).toBe(5);
    const top = await ask('上周咨询量最多的咨询类型是哪个');
    expect(top.rows).toHaveLength(1);
    expect(top.rows[0]).toMatchObject({ support_intent: '转人工', support_conversations: 4 });
    const english = await ask('which support intent had the most support conversations last week');
    expect(english.rows[0]).toMatchObject({ support_intent: 'handoff', support_conversations: 4 });
    // Only a grouping named: the grouping implies the metric.
    const shortest = await ask('上周哪类咨询最多');
    expect(shortest.rows[0]).toMatchObject({ support_intent: '转人工', support_conversations: 4 });
  });
});
