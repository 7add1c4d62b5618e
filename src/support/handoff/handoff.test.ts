import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerSession, openSupportFixture, OrderPicker, send, startConversation, type SupportFixture } from '../support-test-kit.ts';
import { listQueue, requestHandoff, resolveConversation, takeConversation } from '../support-agent.ts';
import { HandoffStateError } from './handoff-error.ts';

let fixture: SupportFixture;
let picker: OrderPicker;

beforeAll(async () => {
  fixture = await openSupportFixture();
  picker = new OrderPicker(fixture.warehouse);
});
afterAll(() => fixture?.close());

async function conversationState(conversationId: string) {
  const result = await fixture.warehouse.query('SELECT state, last_seq FROM conversations WHERE conversation_id = $id', { id: conversationId });
  return result.rows[0] as { state: string; last_seq: number };
}

describe('hand-off state machine: bot → queued → human → resolved → bot', () => {
  it('runs the whole round trip and starts the bot fresh afterwards', async () => {
    const customer = await picker.pick(`o.status = 'delivered'`, `(SELECT count(*) FROM orders x WHERE x.user_id = o.user_id AND x.status = 'delivered') >= 2`);
    const conversationId = await startConversation(fixture.warehouse, customer.customerId);
    const session = customerSession(customer.customerId);
    const chat = (text: string) => send(fixture.agent, fixture.warehouse, conversationId, session, text);

    // bot: a half-done return, then the shopper asks for a person.
    const which = await chat('我要退货,包装破损了');
    expect(which.table).toBeDefined();
    const queued = await chat('还是转人工吧');
    expect(queued.handoff?.state).toBe('queued');
    const ticketId = queued.handoff?.ticketId as string;
    expect(await conversationState(conversationId)).toMatchObject({ state: 'queued' });

    // queued: the queue shows a summary the agent can act on; asking again keeps the same ticket.
    const queue = await listQueue(fixture.warehouse);
    const entry = queue.find((item) => item.conversationId === conversationId);
    expect(entry).toMatchObject({ customerId: customer.customerId });
    expect(entry?.summary).toContain('退货');
    expect(entry?.summary).toContain('我要退货,包装破损了');
    expect((await requestHandoff(fixture.warehouse, conversationId, session, 'again')).ticketId).toBe(ticketId);
    const waiting = await chat('有人吗');
    expect(waiting).toMatchObject({ intent: 'handoff', handoff: { state: 'queued', ticketId } });
    await expect(resolveConversation(fixture.warehouse, conversationId, 'agent-7')).rejects.toThrow(HandoffStateError);

    // human: one agent takes it; the bot stays silent; nobody else can take it.
    await takeConversation(fixture.warehouse, conversationId, 'agent-7');
    expect(await conversationState(conversationId)).toMatchObject({ state: 'human' });
    expect(await fixture.agent.handleMessage({ conversationId, session, text: '你好,我的包裹坏了' })).toEqual([]);
    await expect(takeConversation(fixture.warehouse, conversationId, 'agent-8')).rejects.toMatchObject({ from: 'human', to: 'human' });
    expect((await listQueue(fixture.warehouse)).some((item) => item.conversationId === conversationId)).toBe(false);

    // resolved: the ticket is completed and the agent's actions are audited.
    await resolveConversation(fixture.warehouse, conversationId, 'agent-7');
    const { last_seq: resolvedAt } = await conversationState(conversationId);
    expect(await conversationState(conversationId)).toMatchObject({ state: 'resolved' });
    const ticket = await fixture.warehouse.query(`SELECT status, json_extract_string(payload, '$.taken_by') AS taken_by, json_extract_string(payload, '$.resolved_by') AS resolved_by FROM tickets WHERE ticket_id = $id`, { id: ticketId });
    expect(ticket.rows[0]).toEqual({ status: 'completed', taken_by: 'agent-7', resolved_by: 'agent-7' });
    const audit = await fixture.warehouse.query(`SELECT actor, tool FROM audit_log WHERE conversation_id = $id ORDER BY occurred_at, tool`, { id: conversationId });
    expect(audit.rows).toEqual([
      { actor: `customer:${customer.customerId}`, tool: 'escalate_to_human' },
      { actor: 'agent:agent-7', tool: 'take_conversation' },
      { actor: 'agent:agent-7', tool: 'resolve_conversation' },
    ]);

    // → bot: the next message is answered from scratch; nothing from the old thread (its task, its list) is reused.
    const yes = await chat('确认');
    expect(yes.text).toContain('没有需要您确认');
    expect(await conversationState(conversationId)).toMatchObject({ state: 'bot' });
    const first = await chat('第一个');
    expect(first.intent).toBe('other');
    const context = await fixture.warehouse.query(`SELECT json_extract(context, '$.support.threadStartSeq')::BIGINT AS start, json_extract(context, '$.support.task') AS task FROM conversations WHERE conversation_id = $id`, { id: conversationId });
    expect(context.rows[0]).toEqual({ start: resolvedAt, task: null });

    // And a second hand-off opens a new ticket whose summary only quotes the new thread.
    const again = await chat('转人工');
    expect(again.handoff?.ticketId).not.toBe(ticketId);
    const summary = (await listQueue(fixture.warehouse)).find((item) => item.conversationId === conversationId)?.summary ?? '';
    expect(summary).not.toContain('包装破损');
    expect(summary).toContain('第一个');
  });

  it('the summary names the order acted on: not an order only asked about, not one that was not found', async () => {
    const customer = await picker.pick(`o.status = 'paid'`, `(SELECT count(*) FROM orders x WHERE x.user_id = o.user_id AND x.status IN ('paid', 'shipped', 'delivered')) >= 2`);
    const other = (await fixture.warehouse.query(
      `SELECT order_no FROM orders WHERE user_id = $user AND order_id <> $id AND status IN ('paid', 'shipped', 'delivered') ORDER BY order_id LIMIT 1`,
      { user: customer.customerId, id: customer.orderId },
    )).rows[0]?.order_no as string;
    const conversationId = await startConversation(fixture.warehouse, customer.customerId);
    const chat = (text: string) => send(fixture.agent, fixture.warehouse, conversationId, customerSession(customer.customerId, 'en'), text);

    expect((await chat(`Please cancel order ${customer.orderNo}, I changed my mind`)).confirmation).toBeDefined();
    await chat('yes');
    expect((await fixture.warehouse.query('SELECT status FROM orders WHERE order_id = $id', { id: customer.orderId })).rows[0]?.status).toBe('cancelled');
    // Afterwards the shopper asks about another of their orders and about one that does not exist.
    expect((await chat(`Where is my order ${other}?`)).text).toContain(other);
    const missing = 'SL20991231999999';
    expect((await chat(`And where is order ${missing}?`)).text).toContain(missing);
    const { summary } = await requestHandoff(fixture.warehouse, conversationId, customerSession(customer.customerId, 'en'), 'I need a person');

    // What the bot says about orders, before it quotes the shopper's own words (which do mention the others).
    const [facts, quoted] = summary.split('; Recent messages: ');
    expect(facts).toBe(`Customer ${customer.customerId} asked for a human: I need a person; Done in this chat: cancel an order ${customer.orderNo}`);
    expect(quoted).toBe(`"yes" / "Where is my order ${other}?" / "And where is order ${missing}?"`);
  });

  it('a card the shopper had not answered is named as not done, not as done', async () => {
    const customer = await picker.pick(`o.status = 'paid'`);
    const conversationId = await startConversation(fixture.warehouse, customer.customerId);
    const session = customerSession(customer.customerId, 'en');
    expect((await send(fixture.agent, fixture.warehouse, conversationId, session, `Cancel order ${customer.orderNo}, I changed my mind`)).confirmation).toBeDefined();
    const { summary } = await requestHandoff(fixture.warehouse, conversationId, session, 'I need a person');
    expect(summary.split('; Recent messages: ')[0]).toBe(`Customer ${customer.customerId} asked for a human: I need a person; Card not confirmed (withdrawn at the hand-off, nothing done): cancel an order ${customer.orderNo}`);
    expect((await fixture.warehouse.query('SELECT status FROM orders WHERE order_id = $id', { id: customer.orderId })).rows[0]?.status).toBe('paid');
  });

  it('zh: after an agent resolved the thread, the next summary names only the new thread\'s order, in progress', async () => {
    const customer = await picker.pick(`o.status = 'paid' AND o.payment_method IN ('alipay', 'credit_card', 'union_pay')`);
    const conversationId = await startConversation(fixture.warehouse, customer.customerId);
    const session = customerSession(customer.customerId, 'zh');
    const chat = (text: string) => send(fixture.agent, fixture.warehouse, conversationId, session, text);
    expect((await chat(`订单${customer.orderNo}的付款方式能改成微信支付吗`)).confirmation).toBeDefined();
    await chat('确认');
    expect((await fixture.warehouse.query('SELECT payment_method FROM orders WHERE order_id = $id', { id: customer.orderId })).rows[0]?.payment_method).toBe('wechat_pay');
    expect((await requestHandoff(fixture.warehouse, conversationId, session, '转人工')).summary).toContain(`本次已办理:修改支付方式 ${customer.orderNo}`);
    await takeConversation(fixture.warehouse, conversationId, 'agent-3');
    await resolveConversation(fixture.warehouse, conversationId, 'agent-3');

    // A new thread: an address change of the same order, waiting for the address, then a person again.
    expect((await chat(`订单 ${customer.orderNo} 要改收货地址`)).text).toContain('新的收货地址');
    const { summary } = await requestHandoff(fixture.warehouse, conversationId, session, '转人工');
    expect(summary.split(';最近消息:')[0]).toBe(`顾客 ${customer.customerId} 请求人工:转人工;正在办理:修改地址 ${customer.orderNo}`);
  });

  it('refuses transitions from the wrong state or for unknown conversations', async () => {
    const customer = await picker.pick(`o.status = 'delivered'`);
    const conversationId = await startConversation(fixture.warehouse, customer.customerId);
    await expect(takeConversation(fixture.warehouse, conversationId, 'agent-1')).rejects.toMatchObject({ from: 'bot', to: 'human' });
    await expect(resolveConversation(fixture.warehouse, conversationId, 'agent-1')).rejects.toMatchObject({ from: 'bot', to: 'resolved' });
    await expect(takeConversation(fixture.warehouse, 'missing', 'agent-1')).rejects.toMatchObject({ from: 'missing' });
    const other = await picker.pick(`o.status = 'delivered'`);
    await expect(requestHandoff(fixture.warehouse, conversationId, customerSession(other.customerId), 'not mine')).rejects.toMatchObject({ kind: 'conversation_not_found' });
  });
});
