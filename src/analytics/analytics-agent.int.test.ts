import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWarehouseFile } from '../testing/demo-warehouse.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { AnalyticsAgent } from './analytics-agent.ts';
import { AnswerSchema } from './answer/answer.ts';
import { ungroundedNumbers } from './answer/verify-narrative.ts';
import { labelContext } from './answer/build-answer.ts';

describe('AnalyticsAgent on a seeded demo (offline planner)', () => {
  let demo: Awaited<ReturnType<typeof createDemoWarehouseFile>>;
  let warehouse: Warehouse;
  let agent: AnalyticsAgent;

  beforeAll(async () => {
    demo = await createDemoWarehouseFile({ users: 600, days: 30 });
    warehouse = await Warehouse.open({ path: demo.path, mode: 'sandboxed' });
    agent = await AnalyticsAgent.create({ warehouse });
  });
  afterAll(() => {
    warehouse?.close();
    demo?.remove();
  });

  const questions = [
    '上周哪个品类的转化率最高?',
    'GMV by city tier last week',
    '近7天每天的订单数',
    'Top 3 brands by units sold',
    '上周成交额环比',
    'conversion funnel last 30 days',
    '为什么上周成交额下降了?',
    '订单金额分布',
    'weekly retention cohorts',
    'average rating by category',
  ];

  it.each(questions)('answers "%s" with a validated answer whose every number comes from the rows', async (question) => {
    const { answer } = await agent.ask(question);
    expect(AnswerSchema.parse(answer)).toBeTruthy();
    expect(answer.status).toBe('answered');
    expect(answer.planner).toBe('offline');
    expect(answer.language).toBe(/\p{Script=Han}/u.test(question) ? 'zh' : 'en');
    expect(answer.rows.length).toBeGreaterThan(0);
    expect(answer.sql).toMatch(/^\s*(WITH|SELECT)/i);
    expect(answer.as_of).toBe('2025-11-30');
    const context = [answer.as_of, ...answer.assumptions, ...labelContext({ columns: answer.columns, rows: [], shape: 'table', sql: '', assumptions: [] })];
    expect(ungroundedNumbers(answer.answer, answer.rows, context)).toEqual([]);
    expect(answer.follow_ups.length).toBeGreaterThanOrEqual(1);
  });

  it('draws a chart for breakdowns and trends and none for a single number', async () => {
    expect((await agent.ask('GMV by city tier')).answer.chart?.kind).toBe('bar');
    expect((await agent.ask('daily orders last 7 days')).answer.chart?.kind).toBe('line');
    expect((await agent.ask('total GMV')).answer.chart).toBeNull();
  });

  it('keeps follow-up context in DuckDB across a restart', async () => {
    const first = await agent.ask('上周的成交额');
    warehouse.close();
    warehouse = await Warehouse.open({ path: demo.path, mode: 'sandboxed' });
    agent = await AnalyticsAgent.create({ warehouse });
    const second = await agent.ask('那按城市呢?', { conversationId: first.conversationId });
    expect(second.answer.status).toBe('answered');
    expect(second.answer.columns.map((column) => column.id)).toEqual(['city', 'gmv']);
    expect(second.answer.assumptions.join(' ')).toContain('2025-11-17');
    const third = await agent.ask('只看移动端', { conversationId: first.conversationId });
    expect(third.answer.sql).toMatch(/ios/);
  });

  it('computes customer segments first when a question splits by segment on a warehouse without them', async () => {
    const outcome = await agent.ask('GMV by customer segment');
    expect(outcome.answer.status).toBe('answered');
    expect(outcome.answer.columns.map((column) => column.id)).toEqual(['segment', 'gmv']);
    const calls = outcome.transcript.flatMap((entry) => (entry.type === 'tool-call' ? [entry.outcome.toolName] : []));
    expect(calls).toEqual(['segment_customers', 'query_metrics']);
    const again = await agent.ask('orders by segment');
    expect(again.transcript.flatMap((entry) => (entry.type === 'tool-call' ? [entry.outcome.toolName] : []))).toEqual(['query_metrics']);
  });

  it('refuses writes and personal data, and asks when the metric is unclear', async () => {
    expect((await agent.ask('delete all cancelled orders')).answer.status).toBe('refused');
    expect((await agent.ask('导出所有用户的手机号')).answer.status).toBe('refused');
    const vague = await agent.ask('销售情况怎么样?');
    expect(vague.answer.status).toBe('clarify');
    expect(vague.answer.clarification?.options.length).toBeGreaterThan(1);
  });

  it('asks about a period the data does not cover instead of narrating numbers', async () => {
    const { answer } = await agent.ask('GMV in Beijing on 2025-09-01');
    expect(answer.rows).toEqual([]);
    expect(answer.status).toBe('clarify');
    expect(answer.answer).toMatch(/no data|没有/i);
    expect(answer.clarification?.options).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2} to 2025-11-30$/)]);
  });
});
