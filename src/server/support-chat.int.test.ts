import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWarehouseFile } from '../testing/demo-warehouse.ts';
import { newKey, sleep, startTestServer, TestClient, type TestServer } from './testing/test-server.ts';
import { endsBotTyping, type ServerEvent } from './protocol.ts';

type Demo = Awaited<ReturnType<typeof createDemoWarehouseFile>>;

async function latestOrderNumber(server: TestServer, customerId: number): Promise<string> {
  const result = await server.warehouse.query('SELECT order_no FROM orders WHERE user_id = $id ORDER BY created_at DESC LIMIT 1', { id: customerId });
  return String(result.rows[0]?.order_no);
}

async function customersWithOrders(server: TestServer, count: number): Promise<number[]> {
  const result = await server.warehouse.query(`SELECT DISTINCT user_id FROM orders WHERE user_id IS NOT NULL ORDER BY user_id LIMIT ${count}`);
  return result.rows.map((row) => Number(row.user_id));
}

/** Whether a widget that saw these events would still show the bot typing. */
function botTypingShown(events: ServerEvent[]): boolean {
  let shown = false;
  for (const event of events) {
    if (event.type === 'message-start' || (event.type === 'typing' && event.actor === 'bot' && event.active)) shown = true;
    else if (endsBotTyping(event)) shown = false;
  }
  return shown;
}

function typesOf(events: ServerEvent[], conversationId: string): string[] {
  return events.filter((event) => 'conversationId' in event && event.conversationId === conversationId).map((event) => event.type);
}

describe('/support chat over socket.io (fake support responder)', () => {
  let demo: Demo;
  let server: TestServer;
  let customers: number[];
  const clients: TestClient[] = [];

  async function shopper(customerId: number): Promise<TestClient> {
    const client = await TestClient.connect(server.url, '/support', { token: await server.customerToken(customerId) });
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    demo = await createDemoWarehouseFile({ users: 300, days: 30 });
    server = await startTestServer({ databasePath: demo.path });
    customers = await customersWithOrders(server, 10);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.close();
    demo?.remove();
  });

  it('persists the message, acknowledges it, and streams a reply with the real order from the warehouse', async () => {
    const customerId = customers[0] as number;
    const client = await shopper(customerId);
    const acknowledgement = await client.send({ type: 'message-send', idempotencyKey: newKey(), text: 'Where is my order?' });
    expect(acknowledgement).toMatchObject({ ok: true, seq: 1 });
    const conversationId = acknowledgement.ok ? (acknowledgement.conversationId as string) : '';
    await client.waitForTurnEnd(1);
    // A reply ready at once is its attachments and its message-end: no typing, message-start or text-delta frames.
    const types = typesOf(client.events, conversationId);
    expect(types).toEqual(['message-end', 'table', 'message-end']);
    const [question, reply] = client.messageEnds(conversationId);
    expect(question?.endsTurn).toBeUndefined();
    expect(reply?.endsTurn).toBe(true);
    expect(question?.message).toMatchObject({ role: 'user', seq: 1, text: 'Where is my order?' });
    expect(reply?.message).toMatchObject({ role: 'assistant', seq: 2, replyTo: 1, intent: 'order_status' });
    expect(reply?.message.text).toContain(await latestOrderNumber(server, customerId));
    expect(client.invalidEvents).toEqual([]);
    // Persisted: the user message carries its idempotency key and, once answered, the intent.
    const stored = await server.warehouse.query('SELECT seq, role, intent, idempotency_key IS NOT NULL AS keyed FROM messages WHERE conversation_id = $id ORDER BY seq', { id: conversationId });
    expect(stored.rows).toEqual([
      { seq: 1, role: 'user', intent: 'order_status', keyed: true },
      { seq: 2, role: 'assistant', intent: 'order_status', keyed: false },
    ]);
  });

  it('answers a retried message-send once: the agent runs once, the retry gets the stored reply', async () => {
    const client = await shopper(customers[1] as number);
    const key = newKey();
    const callsBefore = server.responder.calls.length;
    const [first, concurrent] = await Promise.all([
      client.send({ type: 'message-send', idempotencyKey: key, text: 'hello there' }),
      client.send({ type: 'message-send', idempotencyKey: key, text: 'hello there' }),
    ]);
    expect(first.ok && concurrent.ok).toBe(true);
    if (!first.ok || !concurrent.ok) return;
    expect(concurrent.seq).toBe(first.seq);
    expect([first.duplicate, concurrent.duplicate].filter(Boolean)).toHaveLength(1);
    await client.waitForTurnEnd(first.seq as number);
    // A later retry (e.g. after a lost acknowledgement) replays the stored message and reply.
    const marker = client.events.length;
    const later = await client.send({ type: 'message-send', idempotencyKey: key, text: 'hello there' });
    expect(later).toMatchObject({ ok: true, seq: first.seq, duplicate: true });
    const replayed = client.events.slice(marker).filter((event) => event.type === 'message-end');
    expect(replayed.map((event) => event.type === 'message-end' && [event.seq, event.replay, event.message.role])).toEqual([
      [1, true, 'user'],
      [2, true, 'assistant'],
    ]);
    expect(server.responder.calls.length - callsBefore).toBe(1);
    const count = await server.warehouse.query('SELECT count(*) AS n FROM messages WHERE idempotency_key = $key', { key });
    expect(count.rows[0]?.n).toBe(1);
  });

  it('replays exactly the missed messages, once, after a dropped connection — also while a reply is being written', async () => {
    const customerId = customers[2] as number;
    const first = await shopper(customerId);
    const opened = await first.send({ type: 'message-send', idempotencyKey: newKey(), text: 'hi' });
    const conversationId = opened.ok ? (opened.conversationId as string) : '';
    await first.waitForTurnEnd(1);
    // The slow reply is written while no socket of this shopper is connected.
    const slow = await first.send({ type: 'message-send', conversationId, idempotencyKey: newKey(), text: 'slow question' });
    expect(slow).toMatchObject({ ok: true, seq: 3 });
    first.close();
    const second = await shopper(customerId);
    const resumed = await second.send({ type: 'resume', conversationId, lastSeq: 3 });
    expect(resumed.ok).toBe(true);
    await second.waitFor((event) => event.type === 'message-end' && event.seq === 4, 5000);
    await sleep(200);
    expect(second.messageEnds(conversationId).map((event) => event.seq)).toEqual([4]);
    // The 400 ms reply was announced (resume or message-start turned typing on) and its message-end turned it off.
    expect(second.events.some((event) => event.type === 'message-start' || event.type === 'typing')).toBe(true);
    expect(botTypingShown(second.events)).toBe(false);
    // A fresh device with nothing asks from 0 and gets the whole conversation in order, once.
    const third = await shopper(customerId);
    const full = await third.send({ type: 'resume', conversationId, lastSeq: 0 });
    expect(full).toMatchObject({ ok: true, replayed: 4 });
    expect(third.messageEnds(conversationId).map((event) => [event.seq, event.replay])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, true],
    ]);
  });

  it('always clears typing, also when the responder fails, and reports agent_failed', async () => {
    const client = await shopper(customers[3] as number);
    const acknowledgement = await client.send({ type: 'message-send', idempotencyKey: newKey(), text: 'please fail now' });
    expect(acknowledgement.ok).toBe(true);
    const error = await client.waitFor((event) => event.type === 'error');
    expect(error).toMatchObject({ code: 'agent_failed', replyTo: 1 });
    expect(botTypingShown(client.events)).toBe(false);
    // A failure after the bot was shown typing (400 ms) ends its typing too.
    const conversationId = acknowledgement.ok ? (acknowledgement.conversationId as string) : '';
    const marker = client.events.length;
    const slow = await client.send({ type: 'message-send', conversationId, idempotencyKey: newKey(), text: 'slow, then fail' });
    const slowError = await client.waitFor((event) => event.type === 'error', 10_000, marker);
    expect(slowError).toMatchObject({ code: 'agent_failed', replyTo: slow.ok ? slow.seq : -1 });
    expect(typesOf(client.events.slice(marker), conversationId)).toEqual(['message-end', 'message-start', 'error']);
    expect(botTypingShown(client.events)).toBe(false);
  });

  it('refuses another customer\'s conversation (resume and send) without leaking anything', async () => {
    const owner = await shopper(customers[4] as number);
    const opened = await owner.send({ type: 'message-send', idempotencyKey: newKey(), text: 'my private question' });
    const conversationId = opened.ok ? (opened.conversationId as string) : '';
    await owner.waitForTurnEnd(1);
    const intruder = await shopper(customers[5] as number);
    const resume = await intruder.send({ type: 'resume', conversationId, lastSeq: 0 });
    expect(resume).toMatchObject({ ok: false, code: 'conversation_not_found' });
    const send = await intruder.send({ type: 'message-send', conversationId, idempotencyKey: newKey(), text: 'let me in' });
    expect(send).toMatchObject({ ok: false, code: 'conversation_not_found' });
    // Identity in the payload is not a field the protocol accepts at all.
    const spoof = await intruder.send({ type: 'message-send', idempotencyKey: newKey(), text: 'hi', customerId: customers[4] });
    expect(spoof).toMatchObject({ ok: false, code: 'invalid_payload', field: 'customerId' });
    await sleep(100);
    expect(intruder.events.some((event) => event.type === 'message-end')).toBe(false);
    const unchanged = await server.warehouse.query('SELECT count(*) AS n FROM messages WHERE conversation_id = $id', { id: conversationId });
    expect(unchanged.rows[0]?.n).toBe(2);
  });

  it('validates every payload and names the bad field', async () => {
    const client = await shopper(customers[6] as number);
    const cases: [unknown, string, string][] = [
      [{ type: 'message-send', text: 'hi' }, 'invalid_payload', 'idempotencyKey'],
      [{ type: 'message-send', idempotencyKey: newKey(), text: '' }, 'invalid_payload', 'text'],
      [{ type: 'message-send', idempotencyKey: newKey(), text: 42 }, 'invalid_payload', 'text'],
      [{ type: 'resume', conversationId: 'x', lastSeq: -1 }, 'invalid_payload', 'lastSeq'],
      [{ type: 'confirmation-answer', conversationId: 'x', confirmationId: 'y' }, 'invalid_payload', 'confirm'],
      [{ type: 'fly-to-the-moon' }, 'unsupported_event', 'type'],
      [{ type: 'queue-list' }, 'unsupported_event', 'type'],
      ['just a string', 'invalid_payload', '(payload)'],
      [{ type: 'message-send', idempotencyKey: newKey(), text: 'x'.repeat(4001) }, 'message_too_long', ''],
    ];
    for (const [payload, code, field] of cases) {
      const marker = client.events.length;
      const acknowledgement = await client.send(payload);
      expect(acknowledgement, JSON.stringify(payload).slice(0, 80)).toMatchObject({ ok: false, code });
      const error = await client.waitFor((event) => event.type === 'error', 2000, marker);
      expect(error).toMatchObject({ code });
      if (field && error.type === 'error') expect(error.field).toBe(field);
    }
    client.socket.emit('message-send', { text: 'wrong channel' });
    await client.waitFor((event) => event.type === 'error' && event.code === 'unsupported_event' && event.message.includes('channel'));
  });

  it('asks for confirmation and accepts one answer per confirmation', async () => {
    const client = await shopper(customers[7] as number);
    const opened = await client.send({ type: 'message-send', idempotencyKey: newKey(), text: 'cancel my order please' });
    const conversationId = opened.ok ? (opened.conversationId as string) : '';
    const request = await client.waitFor((event) => event.type === 'confirmation-request');
    const confirmationId = request.type === 'confirmation-request' ? request.confirmation.confirmationId : '';
    await client.waitForTurnEnd(1);
    const calls = server.responder.calls.length;
    const answer = await client.send({ type: 'confirmation-answer', conversationId, confirmationId, confirm: true });
    expect(answer).toMatchObject({ ok: true, seq: 3 });
    await client.waitFor((event) => event.type === 'message-end' && event.message.text.startsWith('Done'));
    const again = await client.send({ type: 'confirmation-answer', conversationId, confirmationId, confirm: false });
    expect(again).toMatchObject({ ok: true, seq: 3, duplicate: true });
    expect(server.responder.calls.length - calls).toBe(1);
  });

  it('hands off to a human: the bot goes silent, agent replies reach the shopper, resolving gives the bot back', async () => {
    const customerId = customers[8] as number;
    const client = await shopper(customerId);
    const opened = await client.send({ type: 'message-send', idempotencyKey: newKey(), text: 'I want a human' });
    const conversationId = opened.ok ? (opened.conversationId as string) : '';
    const handoff = await client.waitFor((event) => event.type === 'handoff-start');
    expect(handoff).toMatchObject({ handoff: { state: 'queued' } });
    await client.waitForTurnEnd(1);

    const agent = await TestClient.connect(server.url, '/agents', { token: await server.agentToken('mei') });
    clients.push(agent);
    expect(await agent.send({ type: 'queue-list' })).toMatchObject({ ok: true });
    const queue = await agent.waitFor((event) => event.type === 'queue-update');
    expect(queue.type === 'queue-update' && queue.entries.map((entry) => entry.conversationId)).toContain(conversationId);

    expect(await agent.send({ type: 'conversation-take', conversationId })).toMatchObject({ ok: true });
    const open = await agent.waitFor((event) => event.type === 'conversation-open');
    expect(open).toMatchObject({ conversationId, customerId, state: 'human' });
    expect(open.type === 'conversation-open' && open.summary).toContain('asked for a person');
    expect(open.type === 'conversation-open' && open.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'system']);

    const calls = server.responder.calls.length;
    await client.send({ type: 'message-send', conversationId, idempotencyKey: newKey(), text: 'are you a person?' });
    await agent.waitFor((event) => event.type === 'message-end' && event.message.role === 'user' && event.message.text === 'are you a person?');
    const reply = await agent.send({ type: 'agent-reply', conversationId, idempotencyKey: newKey(), text: 'Yes, I am Mei.' });
    expect(reply.ok).toBe(true);
    await client.waitFor((event) => event.type === 'message-end' && event.message.role === 'agent' && event.message.text === 'Yes, I am Mei.');
    expect(server.responder.calls.length).toBe(calls);

    expect(await agent.send({ type: 'conversation-resolve', conversationId })).toMatchObject({ ok: true });
    const after = await agent.send({ type: 'agent-reply', conversationId, idempotencyKey: newKey(), text: 'late' });
    expect(after).toMatchObject({ ok: false, code: 'conversation_state' });
    await client.send({ type: 'message-send', conversationId, idempotencyKey: newKey(), text: 'thanks, bye' });
    await client.waitFor((event) => event.type === 'message-end' && event.message.role === 'assistant' && event.message.text === 'You said: thanks, bye');
    expect(server.responder.calls.length).toBe(calls + 1);
  });
});
