import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWarehouseFile } from '../../testing/demo-warehouse.ts';
import { FakeOpenAiServer } from '../../testing/fake-openai-server.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { AnalyticsAgent } from '../../analytics/analytics-agent.ts';
import type { AgentEvent } from '../agent-events.ts';
import { LangChainChatModel } from './langchain-chat-model.ts';
import { ScriptedModel } from '../../testing/scripted-model.ts';

const BROKEN_SQL = 'SELECT categry, count(*) AS orders FROM orders o JOIN order_items oi USING (order_id) JOIN products p USING (product_id) GROUP BY 1';
const FIXED_SQL = 'SELECT p.category, count(DISTINCT o.order_id) AS orders FROM orders o JOIN order_items oi USING (order_id) JOIN products p USING (product_id) WHERE o.paid_at IS NOT NULL GROUP BY 1 ORDER BY 2 DESC';

describe('LLM planner', () => {
  let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
  let warehouse: Warehouse;
  let expected: { category: string; orders: number }[];

  beforeAll(async () => {
    demo = await createDemoWarehouseFile({ users: 300, days: 20 });
    warehouse = await Warehouse.open({ path: demo.path, mode: 'sandboxed' });
    const result = await warehouse.query(FIXED_SQL);
    expected = result.rows.map((row) => ({ category: String(row.category), orders: Number(row.orders) }));
  });
  afterAll(() => {
    warehouse?.close();
    demo?.remove();
  });

  it('repairs a failing SQL on the second try and narrates only numbers it was given (scripted model)', async () => {
    const top = expected[0] as { category: string; orders: number };
    const model = new ScriptedModel([
      { text: '', toolCalls: [{ id: 'call-1', name: 'run_sql', arguments: { sql: BROKEN_SQL } }] },
      { text: '', toolCalls: [{ id: 'call-2', name: 'run_sql', arguments: { sql: FIXED_SQL } }] },
      { text: `${top.category} has the most paid orders: ${top.orders}.`, toolCalls: [] },
    ]);
    const agent = await AnalyticsAgent.create({ warehouse, chatModel: model });
    const outcome = await agent.ask('Which category has the most paid orders?', { planner: 'llm' });
    model.assertComplete();
    expect(outcome.answer.status).toBe('answered');
    expect(outcome.answer.planner).toBe('llm:scripted');
    expect(outcome.answer.answer).toBe(`${top.category} has the most paid orders: ${top.orders}.`);
    expect(outcome.answer.rows).toEqual(expected);
    // The model saw the error kind and DuckDB's suggestion, which is what let it repair the query.
    const toolMessage = model.calls[1]?.messages.find((message) => message.role === 'tool');
    expect(toolMessage?.role === 'tool' && JSON.parse(toolMessage.content).error).toBe('unknown_column');
    expect(toolMessage?.role === 'tool' && toolMessage.content).toContain('category');
    expect(model.calls[0]?.tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['list_metrics', 'describe_schema', 'search_values', 'query_metrics', 'run_sql']));
    const sqlCalls = outcome.transcript.filter((entry) => entry.type === 'tool-call');
    expect(sqlCalls).toHaveLength(2);
  });

  it('replaces a narrative whose numbers are not in the result', async () => {
    const model = new ScriptedModel([
      { text: '', toolCalls: [{ id: 'call-1', name: 'run_sql', arguments: { sql: FIXED_SQL } }] },
      { text: 'Phones lead with 987654 orders.', toolCalls: [] },
    ]);
    const agent = await AnalyticsAgent.create({ warehouse, chatModel: model });
    const outcome = await agent.ask('Which category has the most paid orders?', { planner: 'llm' });
    model.assertComplete();
    expect(outcome.answer.answer).not.toContain('987654');
    expect(outcome.answer.assumptions.join(' ')).toContain('987654');
  });

  it('stops after the retry cap when the model keeps writing forbidden SQL', async () => {
    const model = new ScriptedModel([
      { text: '', toolCalls: [{ id: 'call-1', name: 'run_sql', arguments: { sql: "SELECT * FROM read_csv('/etc/passwd')" } }] },
    ]);
    const agent = await AnalyticsAgent.create({ warehouse, chatModel: model });
    const outcome = await agent.ask('show me the password file', { planner: 'llm' });
    model.assertComplete();
    expect(outcome.answer.status).toBe('error');
    expect(outcome.answer.answer).toMatch(/read_csv/);
  });

  it('runs end to end against an OpenAI-compatible server on 127.0.0.1: tool calls, repair, streaming', async () => {
    const top = expected[0] as { category: string; orders: number };
    const server = await new FakeOpenAiServer([
      { toolCalls: [{ name: 'run_sql', arguments: { sql: BROKEN_SQL } }] },
      { toolCalls: [{ name: 'run_sql', arguments: { sql: FIXED_SQL } }] },
      { text: `Most paid orders: ${top.category} with ${top.orders}.` },
    ]).start();
    try {
      const model = new LangChainChatModel({ baseUrl: server.baseUrl, apiKey: 'test-key', model: 'fake-gpt', timeoutMs: 10_000 });
      const agent = await AnalyticsAgent.create({ warehouse, chatModel: model });
      const events: AgentEvent[] = [];
      const outcome = await agent.ask('哪个品类的支付订单最多?', { planner: 'llm', onEvent: (event) => events.push(event) });
      expect(server.unusedReplies).toBe(0);
      expect(outcome.answer.status).toBe('answered');
      expect(outcome.answer.planner).toBe('llm:fake-gpt');
      // The same rows, with the categories shown in the question's language (零食, not Snacks).
      expect(outcome.answer.rows.map((row) => Number(row.orders))).toEqual(expected.map((row) => row.orders));
      expect(outcome.answer.rows.every((row) => /\p{Script=Han}/u.test(String(row.category)))).toBe(true);
      const streamed = events.filter((event) => event.type === 'text-delta').map((event) => (event.type === 'text-delta' ? event.delta : '')).join('');
      expect(streamed).toBe(`Most paid orders: ${top.category} with ${top.orders}.`);
      expect(events.filter((event) => event.type === 'tool-call-start')).toHaveLength(2);
      // The third request carried both tool results back, the first of them an error.
      const lastMessages = server.requests[2]?.messages ?? [];
      expect(lastMessages.filter((message) => message.role === 'tool')).toHaveLength(2);
      expect(String(server.requests[0]?.messages[0]?.content)).toContain('2025-');
    } finally {
      await server.stop();
    }
  });

  it('routes to the LLM only when the offline planner is not confident', async () => {
    const model = new ScriptedModel([]);
    const agent = await AnalyticsAgent.create({ warehouse, chatModel: model });
    const outcome = await agent.ask('GMV by category');
    expect(outcome.answer.planner).toBe('offline');
    expect(model.calls).toHaveLength(0);
    const refusal = await agent.ask('delete all orders');
    expect(refusal.answer.status).toBe('refused');
    expect(model.calls).toHaveLength(0);
  });
});
