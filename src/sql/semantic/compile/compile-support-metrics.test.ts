import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse.ts';
import { availableDimensions, availableMetrics } from '../catalogue/catalogue.ts';
import { loadSupportRows, SUPPORT_WEEK } from '../testing/support-fixture.ts';
import { compileSemanticQuery } from './compile-query.ts';
import type { SemanticQueryInput } from './semantic-query.ts';

// Expected numbers are worked out by hand from the rows in testing/support-fixture.ts (see its comment).
describe('support metrics on hand-made support_events rows', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open({ path: ':memory:' });
    await loadSupportRows(warehouse);
  });
  afterAll(() => warehouse.close());

  async function rows(query: Omit<SemanticQueryInput, 'timeRange'>) {
    const compiled = compileSemanticQuery({ ...query, timeRange: SUPPORT_WEEK });
    return (await warehouse.query(compiled.sql, compiled.parameters)).rows;
  }

  function byKey(result: Record<string, unknown>[], dimension: string, metric: string): Record<string, unknown> {
    return Object.fromEntries(result.map((row) => [String(row[dimension]), row[metric]]));
  }

  it('counts turns, conversations, hand-offs, the hand-off rate and policy denials for the week', async () => {
    const [row] = await rows({ metrics: ['support_turns', 'support_conversations', 'handoffs', 'handoff_rate', 'policy_denials'] });
    expect(row).toMatchObject({ support_turns: 12, support_conversations: 5, handoffs: 4, policy_denials: 4 });
    expect(row?.handoff_rate).toBeCloseTo(4 / 5, 12);
  });

  it('attributes a hand-off to the topic the shopper was on, also when that turn was before the week', async () => {
    const result = await rows({ metrics: ['support_conversations', 'handoffs', 'handoff_rate', 'policy_denials'], dimensions: ['support_intent'] });
    expect(byKey(result, 'support_intent', 'support_conversations')).toMatchObject({ return: 2, handoff: 4, order_status: 1, cancel_order: 1, confirmation: 1, greeting: 1, exchange: 1 });
    expect(byKey(result, 'support_intent', 'handoffs')).toMatchObject({ return: 3, handoff: 1, exchange: 0, greeting: 0 });
    expect(byKey(result, 'support_intent', 'handoff_rate')).toMatchObject({ return: 1, handoff: 0.25, greeting: 0 });
    expect(byKey(result, 'support_intent', 'policy_denials')).toMatchObject({ return: 3, exchange: 1, handoff: 0 });
  });

  it('filters by intent, and splits by language, outcome and day', async () => {
    const [returns] = await rows({ metrics: ['handoffs'], filters: [{ dimension: 'support_intent', operator: 'in', values: ['退货'] }] });
    expect(returns?.handoffs).toBe(3);
    const language = await rows({ metrics: ['handoffs', 'support_conversations'], dimensions: ['language'] });
    expect(byKey(language, 'language', 'handoffs')).toMatchObject({ zh: 3, en: 1 });
    expect(byKey(language, 'language', 'support_conversations')).toMatchObject({ zh: 3, en: 2 });
    const outcomes = await rows({ metrics: ['policy_denials'], dimensions: ['support_outcome'] });
    expect(byKey(outcomes, 'support_outcome', 'policy_denials')).toMatchObject({ return_window_passed: 2, exchange_window_passed: 1, item_already_returned: 1 });
    const days = await rows({ metrics: ['handoffs'], dimensions: ['day'] });
    expect(days.map((row) => row.handoffs)).toEqual([2, 0, 1, 0, 1, 0, 0]);
  });

  it('shows intents in Chinese for Chinese answers', async () => {
    const compiled = compileSemanticQuery({ metrics: ['handoffs'], dimensions: ['support_intent'], timeRange: SUPPORT_WEEK, language: 'zh' });
    expect(compiled.assumptions.map((assumption) => assumption.zh).join('\n')).toContain('转人工会话数');
    const result = (await warehouse.query(compiled.sql, compiled.parameters)).rows;
    expect(result.map((row) => row.support_intent)).toEqual(expect.arrayContaining(['退货', '转人工']));
  });

  it('is offered only when support_events exists, and refuses commerce dimensions', () => {
    const commerceOnly = ['users', 'products', 'events', 'orders', 'order_items', 'reviews'];
    expect(availableMetrics(commerceOnly).map((metric) => metric.id)).not.toContain('handoffs');
    expect(availableDimensions(commerceOnly).map((dimension) => dimension.id)).not.toContain('support_intent');
    expect(() => compileSemanticQuery({ metrics: ['handoffs'], timeRange: SUPPORT_WEEK }, { tables: commerceOnly })).toThrow(/support_events|Use one of/);
    expect(() => compileSemanticQuery({ metrics: ['handoffs'], dimensions: ['category'], timeRange: SUPPORT_WEEK })).toThrow(/category/);
  });
});
