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

  it('checks a send inside the batch: a key already sent writes nothing, a refused request fails alone', async () => {
    const send = (id: string, key: string, text: string) =>
      writer.appendOutcome({
        conversationId: id,
        unlessSent: { idempotencyKey: key, role: 'user' },
        authorize: (row) => {
          if (row?.customer_id !== 7) throw new Error(`not yours: ${id}`);
        },
        messages: [{ role: 'user', content: text, idempotencyKey: key }],
      });
    await warehouse.run(`INSERT INTO conversations (conversation_id, kind, customer_id, context, created_at, updated_at) VALUES ('other', 'support', 8, '{}', now()::TIMESTAMP, now()::TIMESTAMP)`);
    const first = await send('a', 'key-1', 'first');
    expect(first).toMatchObject({ created: false, messages: [{ seq: 2, idempotencyKey: 'key-1' }] });
    expect(first.previousSeq).toBeUndefined();
    // One batch: a retry, a new message, a message into another customer's chat, one into a chat that does not exist.
    const [retry, fresh, refused, missing] = await Promise.allSettled([send('a', 'key-1', 'first'), send('b', 'key-1', 'same key, other chat'), send('other', 'key-2', 'let me in'), send('nowhere', 'key-3', 'x')]);
    expect(retry).toMatchObject({ status: 'fulfilled', value: { previousSeq: 2, messages: [] } });
    expect(fresh).toMatchObject({ status: 'fulfilled', value: { messages: [{ conversationId: 'b', seq: 2 }] } });
    expect(refused).toMatchObject({ status: 'rejected', reason: { message: 'not yours: other' } });
    expect(missing).toMatchObject({ status: 'rejected', reason: { message: 'not yours: nowhere' } });
    const stored = await warehouse.query(`SELECT conversation_id, seq, content FROM messages WHERE idempotency_key IS NOT NULL ORDER BY conversation_id, seq`);
    expect(stored.rows).toEqual([
      { conversation_id: 'a', seq: 2, content: 'first' },
      { conversation_id: 'b', seq: 2, content: 'same key, other chat' },
    ]);
  });

  it('creates a conversation once: a retried first message finds it and its message', async () => {
    const create = { kind: 'support' as const, customerId: 7, context: { scope: { kind: 'customer', customerId: 7 } } };
    const first = (text: string) => writer.appendOutcome({ conversationId: 'new', create, unlessSent: { idempotencyKey: 'opening', role: 'user' }, authorize: () => {}, messages: [{ role: 'user', content: text, idempotencyKey: 'opening' }] });
    expect(await first('hello')).toMatchObject({ created: true, messages: [{ seq: 1 }] });
    expect(await first('hello')).toMatchObject({ created: false, previousSeq: 1, messages: [] });
    expect((await warehouse.query(`SELECT count(*)::INTEGER AS n FROM conversations WHERE conversation_id = 'new'`)).rows[0]?.n).toBe(1);
  });

  it('writes a batch of first messages as their conversations with the last seq, and every text exactly as sent', async () => {
    const statements: string[] = [];
    const transaction = warehouse.transaction.bind(warehouse);
    warehouse.transaction = ((work, options) =>
      transaction(async (connection) => {
        const run = connection.run.bind(connection);
        connection.run = ((sql: string, ...rest: unknown[]) => (statements.push(sql.trim().split(/\s+/).slice(0, 3).join(' ')), (run as (...args: unknown[]) => ReturnType<typeof run>)(sql, ...rest))) as typeof connection.run;
        return work(connection);
      }, options)) as typeof warehouse.transaction;
    // Text that would break a hand-built list: quotes, a backslash, JSON syntax, a NUL-free control character, CJK, emoji.
    const texts = [`it's "quoted" \\ {"a": [1, 2]}, \n next line`, '我的订单到哪了? 🚚', ''];
    const opened = await Promise.all(
      texts.map((text, index) =>
        writer.appendOutcome({
          conversationId: `first-${index}`,
          create: { kind: 'support', customerId: 40 + index, language: index === 1 ? 'zh' : 'en', title: text.slice(0, 80), context: { scope: { kind: 'customer', customerId: 40 + index }, note: text } },
          unlessSent: { idempotencyKey: `key-${index}`, role: 'user' },
          authorize: (row) => {
            if (row?.customer_id !== 40 + index || row?.state !== 'bot') throw new Error('wrong row');
          },
          messages: ({ lastSeq, state }) => [{ role: 'user', content: text, idempotencyKey: `key-${index}`, payload: { route: state === 'bot' ? 'bot' : 'human', after: lastSeq, text } }],
        }),
      ),
    );
    expect(opened.map((outcome) => [outcome.created, outcome.messages[0]?.seq])).toEqual([[true, 1], [true, 1], [true, 1]]);
    // One transaction: one read, the conversations' insert and the messages' insert; no update of rows it just inserted.
    expect(statements.filter((sql) => !/^(BEGIN|COMMIT)/.test(sql))).toEqual(["SELECT 'now' AS", 'INSERT INTO conversations', 'INSERT INTO messages']);
    const stored = await warehouse.query(`SELECT m.conversation_id, m.seq, m.content, m.payload::VARCHAR AS payload, m.idempotency_key, c.last_seq, c.customer_id, c.state, c.title, c.language, c.context::VARCHAR AS context
                                           FROM messages m JOIN conversations c USING (conversation_id) WHERE m.conversation_id LIKE 'first-%' ORDER BY m.conversation_id`);
    expect(stored.rows.map((row) => ({ ...row, payload: JSON.parse(String(row.payload)), context: JSON.parse(String(row.context)) }))).toEqual(
      texts.map((text, index) => ({
        conversation_id: `first-${index}`, seq: 1, content: text, payload: { route: 'bot', after: 0, text }, idempotency_key: `key-${index}`,
        last_seq: 1, customer_id: 40 + index, state: 'bot', title: text.slice(0, 80), language: index === 1 ? 'zh' : 'en', context: { scope: { kind: 'customer', customerId: 40 + index }, note: text },
      })),
    );
    // The row the writer keeps for the turn is the row as stored.
    for (const index of texts.keys()) {
      const kept = writer.snapshots.current(`first-${index}`);
      const row = (await warehouse.query(`SELECT conversation_id, kind, customer_id, analyst_id, state, language, context::VARCHAR AS context, last_seq FROM conversations WHERE conversation_id = $id`, { id: `first-${index}` })).rows[0];
      expect(kept).toEqual(row);
    }
  });
});

describe('GroupCommitWriter: the commit interval', () => {
  let warehouse: Warehouse;
  afterEach(() => warehouse.close());

  it('writes an append to an idle writer at once, and gathers what arrives within the interval after a transaction', async () => {
    warehouse = await Warehouse.open({ path: ':memory:' });
    const writer = new GroupCommitWriter(warehouse, { commitIntervalMs: 300 });
    const transactions: number[] = [];
    const transaction = warehouse.transaction.bind(warehouse);
    warehouse.transaction = ((work, options) => {
      transactions.push(performance.now());
      return transaction(work, options);
    }) as typeof warehouse.transaction;
    const create = { kind: 'support' as const, customerId: 7, context: {} };
    await writer.append({ conversationId: 'a', create, messages: [{ role: 'user', content: 'hello' }] });
    // Idle longer than the interval: the next append does not wait.
    await new Promise((resolve) => setTimeout(resolve, 320));
    const asked = performance.now();
    await writer.append({ conversationId: 'a', messages: [{ role: 'assistant', content: 'hi' }] });
    expect(transactions).toHaveLength(2);
    expect((transactions[1] as number) - asked).toBeLessThan(100);
    // Busy: appends that come one after another within the interval share the next transaction, in order.
    const appends = [writer.append({ conversationId: 'a', messages: [{ role: 'user', content: 'one' }] })];
    await new Promise((resolve) => setTimeout(resolve, 20));
    appends.push(writer.append({ conversationId: 'a', messages: [{ role: 'user', content: 'two' }] }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    appends.push(writer.append({ conversationId: 'a', messages: [{ role: 'user', content: 'three' }] }));
    const stored = await Promise.all(appends);
    expect(transactions).toHaveLength(3);
    expect((transactions[2] as number) - (transactions[1] as number)).toBeGreaterThanOrEqual(295);
    expect(stored.map((messages) => messages[0]?.seq)).toEqual([3, 4, 5]);
  });
});

