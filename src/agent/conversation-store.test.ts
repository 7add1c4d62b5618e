import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../sql/warehouse.ts';
import { ConversationStore } from './conversation-store.ts';

describe('ConversationStore.append', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open({ path: ':memory:' });
  });
  afterEach(() => warehouse.close());

  it('stores the messages in order and moves the write clock of conversations and messages only', async () => {
    const store = new ConversationStore(warehouse);
    const conversationId = await store.create('analytics', { title: 'GMV' });
    const orders = warehouse.writeStamp('orders');
    const conversations = warehouse.writeStamp('conversations');
    expect(await store.append(conversationId, [{ role: 'user', content: 'GMV?' }, { role: 'assistant', content: '42' }])).toEqual([1, 2]);
    // Another table's cached reads (a shopper's orders) stay valid across an analytics answer.
    expect(warehouse.writeStamp('orders')).toBe(orders);
    expect(warehouse.writeStamp('conversations')).toBeGreaterThan(conversations);
    expect(warehouse.writeStamp('messages')).toBeGreaterThan(conversations);
    expect(await store.history(conversationId)).toEqual([{ question: 'GMV?' }]);
  });
});
