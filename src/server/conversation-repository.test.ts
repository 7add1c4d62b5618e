import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../sql/warehouse.ts';
import { ConversationRepository } from './conversation-repository.ts';

describe('ConversationRepository.update', () => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await Warehouse.open({ path: ':memory:' });
    await warehouse.run(`INSERT INTO orders (order_id, order_no, user_id, status, created_at, items_amount, total_amount) VALUES (1, 'SL1', 7, 'paid', TIMESTAMP '2025-11-01', 10, 10)`);
  });
  afterEach(() => warehouse.close());

  it('changes the messages and counts as a write to messages only: kept reads of other tables stay kept', async () => {
    const repository = new ConversationRepository(warehouse);
    const conversationId = await repository.create({ kind: 'analytics', analystId: 'a', title: 'q' });
    const [stored] = await repository.append(conversationId, [{ role: 'assistant', content: 'answer' }]);
    const reads: string[] = [];
    const query = warehouse.query.bind(warehouse);
    warehouse.query = (sql, parameters) => (reads.push(sql.includes('FROM orders') ? 'orders' : 'messages'), query(sql, parameters));
    const status = () => warehouse.cachedQuery('SELECT status FROM orders WHERE order_id = $id', { id: 1 }, ['orders']);
    const intent = () => warehouse.cachedQuery('SELECT intent FROM messages WHERE conversation_id = $id', { id: conversationId }, ['messages']);
    await status();
    await intent();
    await repository.update([{ conversationId, seq: stored?.seq as number, intent: 'kpi' }]);
    await status();
    expect((await intent()).rows[0]?.intent).toBe('kpi');
    // The orders read was kept across the update; the messages read was done again and sees the change.
    expect(reads).toEqual(['orders', 'messages', 'messages']);
  });
});
