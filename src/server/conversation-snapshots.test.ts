import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../sql/warehouse.ts';
import { GroupCommitWriter } from './group-commit-writer.ts';

describe('ConversationSnapshots: the rows the group commit wrote, while nothing else wrote conversations', () => {
  let warehouse: Warehouse;
  let writer: GroupCommitWriter;
  const create = { kind: 'support' as const, customerId: 7, context: { scope: { kind: 'customer', customerId: 7 } } };

  beforeEach(async () => {
    warehouse = await Warehouse.open({ path: ':memory:' });
    writer = new GroupCommitWriter(warehouse);
    for (const id of ['a', 'b']) await writer.append({ conversationId: id, create, messages: [{ role: 'user', content: 'hi' }] });
  });
  afterEach(() => warehouse.close());

  const stored = async (id: string) =>
    (await warehouse.query('SELECT conversation_id, kind, customer_id, state, last_seq, context::VARCHAR AS context FROM conversations WHERE conversation_id = $id', { id })).rows[0];

  it('gives the row as committed, the new seq and dialogue state included, equal to what a read returns', async () => {
    const context = JSON.stringify({ scope: create.context.scope, support: { misunderstood: 1 } });
    await writer.append({ conversationId: 'a', messages: [{ role: 'assistant', content: 'Hello.' }], context });
    const row = writer.snapshots.current('a');
    const read = await stored('a');
    expect(row).toMatchObject({ conversation_id: 'a', kind: 'support', customer_id: 7, state: 'bot', last_seq: 2 });
    expect(JSON.parse(String(row?.context))).toEqual(JSON.parse(String(read?.context)));
    expect(writer.snapshots.current('b')).toMatchObject({ last_seq: 1 });
  });

  it('drops every row once anything else writes conversations, until the writer commits again', async () => {
    await warehouse.run(`UPDATE conversations SET state = 'queued' WHERE conversation_id = $id`, { id: 'b' });
    expect(writer.snapshots.current('a')).toBeUndefined();
    expect(writer.snapshots.current('b')).toBeUndefined();
    await writer.append({ conversationId: 'a', messages: [{ role: 'assistant', content: 'Hello.' }] });
    expect(writer.snapshots.current('a')).toMatchObject({ last_seq: 2, state: 'bot' });
    // b was not written by that commit: still unknown, never the stale 'bot' row.
    expect(writer.snapshots.current('b')).toBeUndefined();
  });

  it('keeps nothing of a batch that failed, and no row of a conversation it only read', async () => {
    await expect(writer.append({ conversationId: 'missing', messages: [{ role: 'assistant', content: 'x' }] })).rejects.toThrow(/No conversation missing/);
    expect(writer.snapshots.current('missing')).toBeUndefined();
    expect(writer.snapshots.current('a')).toMatchObject({ last_seq: 1 });
    // A retried send writes nothing: the row it read is not taken for a committed one.
    const retry = await writer.appendOutcome({ conversationId: 'a', unlessSent: { idempotencyKey: 'k', role: 'user' }, messages: [{ role: 'user', content: 'x', idempotencyKey: 'k' }] });
    expect(retry.messages).toHaveLength(1);
    await warehouse.run(`UPDATE conversations SET title = 'x' WHERE conversation_id = 'b'`);
    await writer.appendOutcome({ conversationId: 'a', unlessSent: { idempotencyKey: 'k', role: 'user' }, messages: [{ role: 'user', content: 'x', idempotencyKey: 'k' }] });
    expect(writer.snapshots.current('a')).toBeUndefined();
  });
});
