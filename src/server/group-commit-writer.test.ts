import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../sql/warehouse.ts';
import { GroupCommitWriter } from './group-commit-writer.ts';

describe('GroupCommitWriter: a bot turn\'s dialogue state and events commit with its replies', () => {
  let warehouse: Warehouse;
  let writer: GroupCommitWriter;
  const at = new Date('2025-11-30T10:00:00Z');
  const event = (conversationId: string) => ({ at, conversationId, customerId: 7, type: 'turn' as const, intent: 'order_status', outcome: 'answered', planner: 'offline', language: 'en' });

  beforeEach(async () => {
    warehouse = await Warehouse.open({ path: ':memory:' });
    writer = new GroupCommitWriter(warehouse);
    for (const id of ['a', 'b']) {
      await writer.append({ conversationId: id, create: { kind: 'support', customerId: 7, context: { scope: { kind: 'customer', customerId: 7 } } }, messages: [{ role: 'user', content: 'where is my order?' }] });
    }
  });
  afterEach(() => warehouse.close());

  const contextOf = async (id: string) => JSON.parse(String((await warehouse.query('SELECT context::VARCHAR AS context FROM conversations WHERE conversation_id = $id', { id })).rows[0]?.context)) as unknown;

  it('writes the replies, the new context and the events together; a request without a context keeps its own', async () => {
    const context = JSON.stringify({ scope: { kind: 'customer', customerId: 7 }, support: { misunderstood: 0, lastOrderNo: 'SL1' } });
    const [withTurn, plain] = await Promise.all([
      writer.append({ conversationId: 'a', messages: [{ role: 'assistant', content: 'It is on its way.' }], intent: { seq: 1, intent: 'order_status' }, context, events: [event('a')] }),
      writer.append({ conversationId: 'b', messages: [{ role: 'assistant', content: 'Hello.' }] }),
    ]);
    expect(withTurn?.[0]?.seq).toBe(2);
    expect(plain?.[0]?.seq).toBe(2);
    expect(await contextOf('a')).toEqual(JSON.parse(context));
    expect(await contextOf('b')).toEqual({ scope: { kind: 'customer', customerId: 7 } });
    const events = await warehouse.query('SELECT conversation_id, event_type, intent FROM support_events');
    expect(events.rows).toEqual([{ conversation_id: 'a', event_type: 'turn', intent: 'order_status' }]);
  });

  it('writes none of them when the replies cannot be stored', async () => {
    const failed = writer.append({ conversationId: 'missing', messages: [{ role: 'assistant', content: 'x' }], context: '{"support":{}}', events: [event('missing')] });
    await expect(failed).rejects.toThrow(/No conversation missing/);
    expect((await warehouse.query('SELECT count(*)::INTEGER AS n FROM support_events')).rows[0]?.n).toBe(0);
  });
});
