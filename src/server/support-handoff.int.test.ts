import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderPicker, orderState } from '../support/support-test-kit.ts';
import type { ServerEvent } from './protocol.ts';
import { committedWrites, ShopperChat, startRealSupportServer, type RealSupportServer } from './testing/real-support-kit.ts';
import { newKey, sleep, TestClient } from './testing/test-server.ts';

/**
 * Hand-off to a person over real sockets, with the server wired exactly as `shoplens serve` wires it
 * (loadSupportBackend: the real SupportAgent and the hand-off functions of src/support).
 */
let real: RealSupportServer;
let picker: OrderPicker;
const clients: { close(): void }[] = [];

beforeAll(async () => {
  real = await startRealSupportServer({ users: 300 });
  picker = new OrderPicker(real.server.warehouse);
});
afterAll(async () => {
  for (const client of clients) client.close();
  await real?.close();
});

const warehouse = () => real.server.warehouse;

async function shopperFor(customerId: number): Promise<ShopperChat> {
  const shopper = await ShopperChat.open(real.server, customerId);
  clients.push(shopper);
  return shopper;
}

async function agentDesk(name: string): Promise<TestClient> {
  const agent = await TestClient.connect(real.server.url, '/agents', { token: await real.server.agentToken(name) });
  clients.push(agent);
  return agent;
}

async function conversationRow(conversationId: string) {
  return (await warehouse().query(
    `SELECT c.state, t.status AS ticket_status, t.ticket_id FROM conversations c LEFT JOIN tickets t ON t.conversation_id = c.conversation_id AND t.kind = 'handoff'
      WHERE c.conversation_id = $id`,
    { id: conversationId },
  )).rows;
}

const isQueueWith = (conversationId: string) => (event: ServerEvent) => event.type === 'queue-update' && event.entries.some((entry) => entry.conversationId === conversationId);
const isQueueWithout = (conversationId: string) => (event: ServerEvent) => event.type === 'queue-update' && !event.entries.some((entry) => entry.conversationId === conversationId);

/** A shopper with a delivered order who asked for a person, and an agent desk that saw the chat queued. */
async function queuedChat(agentName: string, request: string) {
  const order = await picker.pick(`o.status = 'delivered'`);
  const agent = await agentDesk(agentName);
  const shopper = await shopperFor(order.customerId);
  await shopper.say(request);
  const conversationId = shopper.conversationId as string;
  await agent.waitFor(isQueueWith(conversationId), 5000);
  return { order, agent, shopper, conversationId };
}

/** No bot turn answers a message (checked after a short wait: the bot would have started by then). */
async function expectNoBotTurn(shopper: ShopperChat, seq: number): Promise<void> {
  // Deterministic part: the server routed the stored message to the people, not the bot.
  const stored = await warehouse().query(`SELECT json_extract_string(payload, '$.route') AS route FROM messages WHERE conversation_id = $id AND seq = $seq`, { id: shopper.conversationId as string, seq });
  expect(stored.rows).toEqual([{ route: 'human' }]);
  await sleep(400);
  expect(shopper.client.events.some((event) => event.type === 'message-start' && event.replyTo === seq)).toBe(false);
  expect(shopper.client.events.some((event) => event.type === 'message-end' && event.message.role === 'assistant' && event.message.replyTo === seq)).toBe(false);
}

describe('hand-off to a person and back to the bot', () => {
  it('zh: 转人工 mid-task → queue → take → the agent replies → resolve → the bot answers afresh, the old card is dead', async () => {
    const order = await picker.pick(`o.status = 'paid'`);
    const agent = await agentDesk('mei');
    const shopper = await shopperFor(order.customerId);

    // A cancellation is pending when the shopper asks for a person.
    const cardTurn = await shopper.say(`我要取消订单 ${order.orderNo},不想要了`);
    const confirmationId = cardTurn.reply.confirmation?.confirmationId as string;
    expect(confirmationId).toMatch(/^cf_/);
    const handoff = await shopper.say('转人工');
    const conversationId = shopper.conversationId as string;
    expect(handoff.reply.intent).toBe('handoff');
    const start = handoff.events.find((event) => event.type === 'handoff-start');
    expect(start).toMatchObject({ conversationId, handoff: { state: 'queued', ticketId: expect.stringMatching(/^TK/) } });
    expect(await conversationRow(conversationId)).toEqual([{ state: 'queued', ticket_status: 'open', ticket_id: handoff.reply.handoff?.ticketId }]);
    const card = await warehouse().query('SELECT status FROM support_confirmations WHERE confirmation_id = $id', { id: confirmationId });
    expect(card.rows[0]?.status).toBe('superseded');

    // Pushed to every connected agent without asking, and listed on request.
    const pushed = await agent.waitFor(isQueueWith(conversationId), 5000);
    const entry = pushed.type === 'queue-update' ? pushed.entries.find((candidate) => candidate.conversationId === conversationId) : undefined;
    expect(entry).toMatchObject({ customerId: order.customerId });
    expect(entry?.summary.length).toBeGreaterThan(0);
    const marker = agent.events.length;
    expect(await agent.send({ type: 'queue-list' })).toMatchObject({ ok: true });
    await agent.waitFor(isQueueWith(conversationId), 5000, marker);

    // While queued the bot stays silent; the message is kept for the person.
    const waiting = await shopper.sayToPerson('有人吗?');
    await expectNoBotTurn(shopper, waiting.acknowledgement.ok ? (waiting.acknowledgement.seq as number) : -1);

    expect(await agent.send({ type: 'conversation-take', conversationId })).toMatchObject({ ok: true, conversationId });
    const open = await agent.waitFor((event) => event.type === 'conversation-open' && event.conversationId === conversationId);
    expect(open).toMatchObject({ conversationId, customerId: order.customerId, state: 'human', summary: entry?.summary, language: 'zh' });
    const history = open.type === 'conversation-open' ? open.messages : [];
    expect(history.filter((message) => message.role === 'user').map((message) => message.text)).toEqual([`我要取消订单 ${order.orderNo},不想要了`, '转人工', '有人吗?']);
    expect(history.map((message) => message.seq)).toEqual(history.map((_, index) => index + 1));
    await shopper.client.waitFor((event) => event.type === 'message-end' && event.message.role === 'system' && event.message.text === '人工客服已接入对话。');
    expect(await conversationRow(conversationId)).toEqual([{ state: 'human', ticket_status: 'open', ticket_id: handoff.reply.handoff?.ticketId }]);
    await agent.waitFor(isQueueWithout(conversationId), 5000, agent.events.indexOf(open));
    // A second agent cannot take it as well.
    const other = await agentDesk('lei');
    expect(await other.send({ type: 'conversation-take', conversationId })).toMatchObject({ ok: false, code: 'conversation_state' });

    // The shopper's message reaches the person, not the bot.
    const question = await shopper.sayToPerson('退款什么时候到账?');
    await agent.waitFor((event) => event.type === 'message-end' && event.message.role === 'user' && event.message.text === '退款什么时候到账?');
    await expectNoBotTurn(shopper, question.acknowledgement.ok ? (question.acknowledgement.seq as number) : -1);

    const reply = await agent.send({ type: 'agent-reply', conversationId, idempotencyKey: newKey(), text: '您好,我是人工客服小美,退款一般 1-3 个工作日到账。' });
    expect(reply).toMatchObject({ ok: true, conversationId });
    const delivered = await shopper.client.waitFor((event) => event.type === 'message-end' && event.message.role === 'agent');
    expect(delivered).toMatchObject({ replay: false, message: { text: '您好,我是人工客服小美,退款一般 1-3 个工作日到账。' } });
    const stored = await warehouse().query(`SELECT content FROM messages WHERE conversation_id = $id AND role = 'agent'`, { id: conversationId });
    expect(stored.rows).toEqual([{ content: '您好,我是人工客服小美,退款一般 1-3 个工作日到账。' }]);

    expect(await agent.send({ type: 'conversation-resolve', conversationId })).toMatchObject({ ok: true });
    await shopper.client.waitFor((event) => event.type === 'message-end' && event.message.role === 'system' && event.message.text === '人工客服已结束本次服务。');
    expect(await conversationRow(conversationId)).toEqual([{ state: 'resolved', ticket_status: 'completed', ticket_id: handoff.reply.handoff?.ticketId }]);
    expect(await agent.send({ type: 'agent-reply', conversationId, idempotencyKey: newKey(), text: 'late' })).toMatchObject({ ok: false, code: 'conversation_state' });

    // Back to the bot: "确认" finds nothing pending (the card from before the hand-off is not reused) …
    const lastSeqBefore = Number((await warehouse().query('SELECT last_seq FROM conversations WHERE conversation_id = $id', { id: conversationId })).rows[0]?.last_seq);
    const confirm = await shopper.say('确认');
    expect(confirm.reply).toMatchObject({ role: 'assistant', intent: 'confirmation', text: '目前没有需要您确认的操作。' });
    expect((await orderState(warehouse(), order.orderId)).status).toBe('paid');
    expect(await committedWrites(warehouse(), order.orderId)).toBe(0);
    // … nothing of the old thread is sent again, and the next question is answered normally.
    expect(confirm.events.filter((event) => event.type === 'message-end').map((event) => event.type === 'message-end' && event.seq)).toEqual([lastSeqBefore + 1, lastSeqBefore + 2]);
    expect(shopper.client.events.some((event) => event.type === 'message-end' && event.replay)).toBe(false);
    const status = await shopper.say('我的订单到哪了');
    expect(status.reply.intent).toBe('order_status');
    expect(status.reply.text + JSON.stringify(status.reply.table ?? {})).toContain(order.orderNo);
    expect((await conversationRow(conversationId))[0]?.state).toBe('bot');
    const events = await warehouse().query(
      // Timestamps have whole seconds and ids are random, so take and resolve in one second cannot be ordered: compare as a set.
      `SELECT event_type FROM support_events WHERE conversation_id = $id AND event_type LIKE 'handoff_%' ORDER BY event_type`,
      { id: conversationId },
    );
    expect(events.rows.map((row) => row.event_type)).toEqual(['handoff_requested', 'handoff_resolved', 'handoff_taken']);
    const audit = await warehouse().query(`SELECT actor, tool FROM audit_log WHERE conversation_id = $id AND actor LIKE 'agent:%' ORDER BY tool`, { id: conversationId });
    expect(audit.rows).toEqual([{ actor: 'agent:mei', tool: 'resolve_conversation' }, { actor: 'agent:mei', tool: 'take_conversation' }]);
  });

  it('en: "talk to a human" → take → reply → resolve → "where is my order" is answered by the bot', async () => {
    const order = await picker.pick(`o.status = 'shipped'`, `(SELECT count(*) FROM orders x WHERE x.user_id = o.user_id AND x.status IN ('pending', 'paid', 'shipped')) = 1`);
    const agent = await agentDesk('ana');
    const shopper = await shopperFor(order.customerId);
    const handoff = await shopper.say('I want to talk to a human');
    const conversationId = shopper.conversationId as string;
    expect(handoff.reply).toMatchObject({ intent: 'handoff', handoff: { state: 'queued' } });
    await agent.waitFor(isQueueWith(conversationId), 5000);
    expect(await agent.send({ type: 'conversation-take', conversationId })).toMatchObject({ ok: true });
    const open = await agent.waitFor((event) => event.type === 'conversation-open' && event.conversationId === conversationId);
    expect(open.type === 'conversation-open' && open.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'system']);
    await shopper.client.waitFor((event) => event.type === 'message-end' && event.message.role === 'system' && event.message.text === 'A customer-service agent has joined the chat.');
    expect(await agent.send({ type: 'agent-reply', conversationId, idempotencyKey: newKey(), text: 'Hi, this is Ana from customer service.' })).toMatchObject({ ok: true });
    await shopper.client.waitFor((event) => event.type === 'message-end' && event.message.role === 'agent' && event.message.text === 'Hi, this is Ana from customer service.');
    expect(await agent.send({ type: 'conversation-resolve', conversationId })).toMatchObject({ ok: true });

    const status = await shopper.say('where is my order?');
    const facts = (await warehouse().query('SELECT tracking_number FROM orders WHERE order_id = $order', { order: order.orderId })).rows[0];
    expect(status.reply).toMatchObject({ role: 'assistant', intent: 'order_status' });
    expect(status.reply.text).toContain(order.orderNo);
    expect(status.reply.text).toContain(String(facts?.tracking_number));
    expect(status.events.filter((event) => event.type === 'message-end').every((event) => event.type === 'message-end' && !event.replay)).toBe(true);
    expect((await conversationRow(conversationId))[0]).toMatchObject({ state: 'bot', ticket_status: 'completed' });
  });

  it('the agent who takes a conversation gets the customer context (profile, orders with status, past chats, tickets); the shopper never does', async () => {
    const order = await picker.pick(`o.status = 'delivered'`, `(SELECT count(*) FROM orders x WHERE x.user_id = o.user_id) >= 2`);
    const agent = await agentDesk('kai');
    const earlier = await shopperFor(order.customerId);
    await earlier.say('where is my order?');
    const shopper = await shopperFor(order.customerId);
    const handoff = await shopper.say('I need a person');
    const conversationId = shopper.conversationId as string;
    expect(handoff.reply).toMatchObject({ intent: 'handoff', handoff: { state: 'queued' } });
    await agent.waitFor(isQueueWith(conversationId), 5000);
    const marker = agent.events.length;
    expect(await agent.send({ type: 'conversation-take', conversationId })).toMatchObject({ ok: true });
    const event = await agent.waitFor((candidate) => candidate.type === 'customer-context' && candidate.conversationId === conversationId, 5000, marker);
    const context = event.type === 'customer-context' ? event.context : undefined;

    const user = (await warehouse().query('SELECT user_name, city FROM users WHERE user_id = $user', { user: order.customerId })).rows[0];
    expect(context?.customer).toMatchObject({ customer_id: order.customerId, user_name: user?.user_name ?? null, city: user?.city ?? null });
    const orders = await warehouse().query(`SELECT order_no, status FROM orders WHERE user_id = $user ORDER BY created_at DESC, order_id DESC LIMIT 10`, { user: order.customerId });
    expect(context?.orders.map(({ order_no, status }) => ({ order_no, status }))).toEqual(orders.rows);
    expect(context?.orders.some((candidate) => candidate.order_no === order.orderNo && candidate.status === 'delivered')).toBe(true);
    // The other chat of this shopper, not the one being taken; the hand-off ticket of this one.
    expect(context?.conversations.map((conversation) => conversation.conversation_id)).toContain(earlier.conversationId);
    expect(context?.conversations.map((conversation) => conversation.conversation_id)).not.toContain(conversationId);
    expect(context?.tickets).toContainEqual(expect.objectContaining({ ticket_id: handoff.reply.handoff?.ticketId, kind: 'handoff', status: 'open' }));

    // Reopening after a reconnect (resume) sends it again, to that agent only.
    const reopened = await agentDesk('kai');
    expect(await reopened.send({ type: 'resume', conversationId, lastSeq: 0 })).toMatchObject({ ok: true });
    const again = await reopened.waitFor((candidate) => candidate.type === 'customer-context' && candidate.conversationId === conversationId, 5000);
    expect(again.type === 'customer-context' && again.context.orders).toEqual(context?.orders);
    await sleep(200);
    expect(shopper.client.events.some((candidate) => candidate.type === 'customer-context')).toBe(false);
    expect(earlier.client.events.some((candidate) => candidate.type === 'customer-context')).toBe(false);
  });

  it('CSAT: after an agent resolves, the shopper rates the chat once (1–5); stored with its event and audit row', async () => {
    const { order, agent, shopper, conversationId } = await queuedChat('lin', 'I want to talk to a human');
    // Not resolved yet: nothing to rate.
    expect(await shopper.client.send({ type: 'csat-submit', conversationId, rating: 5 })).toMatchObject({ ok: false, code: 'conversation_state' });
    expect(await agent.send({ type: 'conversation-take', conversationId })).toMatchObject({ ok: true });
    expect(await agent.send({ type: 'conversation-resolve', conversationId })).toMatchObject({ ok: true });
    const note = await shopper.client.waitFor((event) => event.type === 'message-end' && event.message.role === 'system' && event.message.text === 'The customer-service agent has closed this chat.');
    expect(note.type === 'message-end' && note.message.ratingRequested).toBe(true);

    expect(await shopper.client.send({ type: 'csat-submit', conversationId, rating: 6 })).toMatchObject({ ok: false, code: 'invalid_payload', field: 'rating' });
    // Someone else's conversation is not found for them.
    const stranger = await shopperFor((await picker.pick(`o.status = 'delivered'`)).customerId);
    await stranger.say('hello');
    expect(await stranger.client.send({ type: 'csat-submit', conversationId, rating: 1 })).toMatchObject({ ok: false, code: 'conversation_not_found' });
    // An agent cannot rate on the shopper's behalf (the event is not part of /agents).
    expect(await agent.send({ type: 'csat-submit', conversationId, rating: 5 } as never)).toMatchObject({ ok: false, code: 'unsupported_event' });

    expect(await shopper.client.send({ type: 'csat-submit', conversationId, rating: 4 })).toMatchObject({ ok: true, conversationId });
    expect(await shopper.client.send({ type: 'csat-submit', conversationId, rating: 1 })).toMatchObject({ ok: false, code: 'conversation_state' });
    const stored = await warehouse().query('SELECT customer_id, agent_id, rating FROM support_ratings WHERE conversation_id = $id', { id: conversationId });
    expect(stored.rows).toEqual([{ customer_id: order.customerId, agent_id: 'lin', rating: 4 }]);
    const events = await warehouse().query(`SELECT rating, customer_id FROM support_events WHERE conversation_id = $id AND event_type = 'csat_rating'`, { id: conversationId });
    expect(events.rows).toEqual([{ rating: 4, customer_id: order.customerId }]);
    const audit = await warehouse().query(`SELECT actor, json_extract(arguments, '$.rating')::INTEGER AS rating FROM audit_log WHERE conversation_id = $id AND tool = 'rate_conversation'`, { id: conversationId });
    expect(audit.rows).toEqual([{ actor: `customer:${order.customerId}`, rating: 4 }]);

    // A reload (a new socket resuming from 0) replays the resolved note with the stored rating: not asked again.
    const reloaded = await shopperFor(order.customerId);
    expect(await reloaded.client.send({ type: 'resume', conversationId, lastSeq: 0 })).toMatchObject({ ok: true });
    const replayed = await reloaded.client.waitFor((event) => event.type === 'message-end' && event.message.role === 'system' && event.message.ratingRequested === true);
    expect(replayed.type === 'message-end' && replayed.message.rating).toBe(4);
  });

  it('typing both ways while a person is in the chat: each side sees the other, never itself; rate limited', async () => {
    const { agent, shopper, conversationId } = await queuedChat('yun', '我要转人工');
    // With the bot, nobody is shown typing; queued, the signal is accepted but no agent has the chat to see it.
    const botChat = await shopperFor((await picker.pick(`o.status = 'delivered'`)).customerId);
    await botChat.say('hello');
    expect(await botChat.client.send({ type: 'typing-signal', conversationId: botChat.conversationId as string, active: true })).toMatchObject({ ok: false, code: 'conversation_state' });
    expect(await shopper.client.send({ type: 'typing-signal', conversationId, active: true })).toMatchObject({ ok: true });
    await sleep(1100);
    expect(agent.events.some((event) => event.type === 'typing' && event.actor === 'customer')).toBe(false);
    expect(await agent.send({ type: 'conversation-take', conversationId })).toMatchObject({ ok: true });

    const isTyping = (actor: string, active: boolean) => (event: ServerEvent) => event.type === 'typing' && event.conversationId === conversationId && event.actor === actor && event.active === active;
    const agentMark = agent.events.length;
    const shopperMark = shopper.client.events.length;
    expect(await agent.send({ type: 'typing-signal', conversationId, active: true })).toMatchObject({ ok: true });
    await shopper.client.waitFor(isTyping('agent', true), 5000, shopperMark);
    expect(await shopper.client.send({ type: 'typing-signal', conversationId, active: true })).toMatchObject({ ok: true });
    await agent.waitFor(isTyping('customer', true), 5000, agentMark);

    // Twenty quick toggles by the shopper: held to one trailing broadcast of the last state (false).
    for (let index = 0; index < 20; index += 1) await shopper.client.send({ type: 'typing-signal', conversationId, active: index % 2 === 1 ? false : true });
    await agent.waitFor(isTyping('customer', false), 5000, agentMark);
    await sleep(1200);
    const seenByAgent = agent.events.slice(agentMark).filter((event) => event.type === 'typing' && event.actor === 'customer');
    expect(seenByAgent.map((event) => event.type === 'typing' && event.active)).toEqual([true, false]);
    // Nobody is shown their own typing.
    expect(shopper.client.events.slice(shopperMark).some((event) => event.type === 'typing' && event.actor === 'customer')).toBe(false);
    expect(agent.events.slice(agentMark).some((event) => event.type === 'typing' && event.actor === 'agent')).toBe(false);
    // A stranger cannot signal in this chat.
    const stranger = await shopperFor((await picker.pick(`o.status = 'delivered'`)).customerId);
    await stranger.say('hello');
    expect(await stranger.client.send({ type: 'typing-signal', conversationId, active: true })).toMatchObject({ ok: false, code: 'conversation_not_found' });
  });

  it('a shopper token cannot open /agents', async () => {
    const customer = await picker.pick(`o.status = 'delivered'`);
    const refused = await TestClient.connect(real.server.url, '/agents', { token: await real.server.customerToken(customer.customerId) }).catch((error: Error & { data?: { code?: string } }) => error);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error & { data?: { code?: string } }).data?.code).toBe('forbidden');
  });
});
