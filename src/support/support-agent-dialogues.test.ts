import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatValue } from '../presentation/format-value.ts';
import { customerSession, openSupportFixture, OrderPicker, orderState, otherOptionOf, positionIn, send, startConversation, type SupportFixture } from './support-test-kit.ts';

let fixture: SupportFixture;
let picker: OrderPicker;
/** Delivered within the 7-day return window of the data's as-of date. */
let recentlyDelivered: string;

beforeAll(async () => {
  fixture = await openSupportFixture();
  picker = new OrderPicker(fixture.warehouse);
  recentlyDelivered = `o.status = 'delivered' AND o.delivered_at::DATE >= DATE '${fixture.asOf}' - INTERVAL 6 DAY AND o.exchange_count = 0`;
});
afterAll(() => fixture?.close());

async function conversationOf(customerId: number) {
  return { conversationId: await startConversation(fixture.warehouse, customerId), session: customerSession(customerId) };
}

async function auditRows(orderId: number) {
  const result = await fixture.warehouse.query(
    `SELECT actor, tool, policy_decision, json_extract_string(result, '$.status') AS status, arguments FROM audit_log
      WHERE json_extract(arguments, '$.orderId')::BIGINT = $order OR json_extract_string(arguments, '$.order_no') = (SELECT order_no FROM orders WHERE order_id = $order)
      ORDER BY occurred_at`,
    { order: orderId },
  );
  return result.rows;
}

describe('returns (退货)', () => {
  it('zh: 我要退货 → which order → which items → reason → confirm card → 确认 → done', async () => {
    const order = await picker.pick(`${recentlyDelivered} AND (SELECT count(*) FROM order_items i WHERE i.order_id = o.order_id) >= 2`,
      `(SELECT count(*) FROM orders x WHERE x.user_id = o.user_id AND x.status = 'delivered') BETWEEN 2 AND 5`);
    const { conversationId, session } = await conversationOf(order.customerId);
    const chat = (text: string) => send(fixture.agent, fixture.warehouse, conversationId, session, text);

    const which = await chat('我要退货');
    expect(which.intent).toBe('return');
    expect(which.text).toContain('哪个订单');
    expect(which.table?.rows.every((row) => row.status_code === 'delivered')).toBe(true);
    const position = positionIn(which, order.orderNo);
    expect(position).toBeDefined();

    const items = await chat(`第${position}个`);
    expect(items.text).toContain(order.orderNo);
    expect(items.text).toContain('哪些商品');
    expect(items.table?.rows.map((row) => row.line_no)).toEqual(Array.from({ length: order.lines }, (_, index) => index + 1));

    const reason = await chat('第1件');
    expect(reason.text).toContain('原因');

    const card = await chat('尺码不合适');
    expect(card.confirmation?.confirmationId).toMatch(/^cf_/);
    expect(card.text).toContain('请确认');
    expect(card.citations?.map((citation) => citation.section)).toContain('P2 returns');
    expect((await orderState(fixture.warehouse, order.orderId)).returned).toEqual(Array(order.lines).fill(0));

    const done = await chat('确认');
    expect(done.intent).toBe('return');
    expect(done.text).toMatch(/退货申请已受理\(工单号 TK\d{8}-[0-9A-F]{8}\)/);
    const lines = await fixture.warehouse.query('SELECT line_no, quantity, returned_quantity FROM order_items WHERE order_id = $order ORDER BY line_no', { order: order.orderId });
    expect(lines.rows[0]?.returned_quantity).toBe(lines.rows[0]?.quantity);
    expect(lines.rows.slice(1).every((row) => row.returned_quantity === 0)).toBe(true);
    const ticket = await fixture.warehouse.query(`SELECT kind, status, reason, customer_id FROM tickets WHERE order_id = $order`, { order: order.orderId });
    expect(ticket.rows).toEqual([{ kind: 'return', status: 'approved', reason: '尺码不合适', customer_id: order.customerId }]);
    const audit = await auditRows(order.orderId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: `customer:${order.customerId}`, tool: 'request_return', policy_decision: 'allow:P2 returns:within_window', status: 'committed' });
  });

  it('en: a partial return of one unit named by its item number, confirmed with the card button', async () => {
    const order = await picker.pick(`${recentlyDelivered} AND (SELECT count(*) FROM order_items i WHERE i.order_id = o.order_id) >= 2`);
    const { conversationId, session } = await conversationOf(order.customerId);
    const chat = (text: string) => send(fixture.agent, fixture.warehouse, conversationId, session, text);
    const items = await chat(`I want to return something from order ${order.orderNo}`);
    expect(items.text).toContain('which items');
    const reason = await chat('item 2, 1 unit');
    expect(reason.text).toContain('reason');
    const card = await chat('I changed my mind');
    expect(card.text).toContain('Please confirm');
    expect(card.text).toContain('×1');
    const confirmationId = card.confirmation?.confirmationId as string;
    const [done] = await fixture.agent.handleConfirmation({ conversationId, session, confirmationId, confirm: true });
    expect(done?.text).toContain('is approved');
    expect((await orderState(fixture.warehouse, order.orderId)).returned).toEqual([0, 1, ...Array(order.lines - 2).fill(0)]);
  });

  it('zh: a delivery 8 days ago is refused under P2 with the dates, and the denial is audited', async () => {
    const order = await picker.pick(`o.status = 'delivered' AND o.delivered_at::DATE = DATE '${fixture.asOf}' - INTERVAL 8 DAY`);
    const { conversationId, session } = await conversationOf(order.customerId);
    const reply = await send(fixture.agent, fixture.warehouse, conversationId, session, `我要退 ${order.orderNo} 的货`);
    expect(reply.text).toContain('已过去 8 天');
    expect(reply.citations?.[0]?.section).toBe('P2 returns');
    expect(reply.confirmation).toBeUndefined();
    const audit = await auditRows(order.orderId);
    expect(audit[0]).toMatchObject({ tool: 'request_return', policy_decision: 'deny:P2 returns:return_window_passed', status: 'denied' });
  });
});

describe('cancellations (取消订单)', () => {
  it('zh: 我要取消订单 → card → 确认 cancels the order with a refund to the original payment method', async () => {
    const order = await picker.pick(`o.status = 'paid'`);
    const { conversationId, session } = await conversationOf(order.customerId);
    const chat = (text: string) => send(fixture.agent, fixture.warehouse, conversationId, session, text);
    let reply = await chat('我要取消订单,不想要了');
    const position = positionIn(reply, order.orderNo);
    if (position !== undefined) reply = await chat(`第${position}个`);
    expect(reply.intent).toBe('cancel_order');
    expect(reply.confirmation).toBeDefined();
    expect(reply.text).toContain(order.orderNo);
    expect((await orderState(fixture.warehouse, order.orderId)).status).toBe('paid');
    const done = await chat('确认');
    expect(done.text).toContain(`订单 ${order.orderNo} 已取消`);
    expect(done.text).toMatch(/原路退回至(支付宝|微信支付|信用卡|银联|ShopLens)/);
    const state = await orderState(fixture.warehouse, order.orderId);
    expect(state.status).toBe('cancelled');
    expect(state.cancelled_at).toBe('2025-11-30 12:00:00');
    const reason = await fixture.warehouse.query('SELECT cancel_reason FROM orders WHERE order_id = $id', { id: order.orderId });
    expect(reason.rows[0]?.cancel_reason).toBe('changed_mind');
  });

  it('en: "no" to the card leaves the order exactly as it was', async () => {
    const order = await picker.pick(`o.status = 'paid'`);
    const { conversationId, session } = await conversationOf(order.customerId);
    const before = await orderState(fixture.warehouse, order.orderId);
    const card = await send(fixture.agent, fixture.warehouse, conversationId, session, `please cancel order ${order.orderNo}, I changed my mind`);
    expect(card.text).toContain(`Cancel order ${order.orderNo}`);
    const declined = await send(fixture.agent, fixture.warehouse, conversationId, session, 'no');
    expect(declined.text).toContain('nothing was changed');
    expect(await orderState(fixture.warehouse, order.orderId)).toEqual(before);
    const token = await fixture.warehouse.query('SELECT status FROM support_confirmations WHERE confirmation_id = $id', { id: card.confirmation?.confirmationId as string });
    expect(token.rows[0]?.status).toBe('declined');
  });

  it('en: a shipped order cannot be cancelled (P1), and the reply points to returns', async () => {
    const order = await picker.pick(`o.status = 'shipped'`);
    const { conversationId, session } = await conversationOf(order.customerId);
    const reply = await send(fixture.agent, fixture.warehouse, conversationId, session, `cancel order ${order.orderNo}, I changed my mind`);
    expect(reply.text).toContain('already shipped');
    expect(reply.citations?.[0]).toMatchObject({ section: 'P1 cancellation', articleId: 'policy-P1' });
    expect((await orderState(fixture.warehouse, order.orderId)).status).toBe('shipped');
  });
});

describe('exchanges (换货)', () => {
  it('zh: 我要换货 → order → item → reason → 确认, and a second exchange on the order is refused (P4)', async () => {
    const order = await picker.pick(recentlyDelivered, `(SELECT count(*) FROM orders x WHERE x.user_id = o.user_id AND x.status = 'delivered') <= 5`);
    const { conversationId, session } = await conversationOf(order.customerId);
    const chat = (text: string) => send(fixture.agent, fixture.warehouse, conversationId, session, text);
    let reply = await chat('我要换货');
    const position = positionIn(reply, order.orderNo);
    if (position !== undefined) reply = await chat(`第${position}个`);
    if (reply.text.includes('哪件商品')) reply = await chat('第1件');
    expect(reply.text).toContain('换货原因');
    const option = await otherOptionOf(fixture.warehouse, order.orderId, 1, 'zh');
    const card = await chat(`尺码偏小,换成${option}`);
    expect(card.text).toContain('只能换货一次');
    expect(card.text).toContain(`换成:${option}`);
    const done = await chat('确认');
    expect(done.text).toContain('换货申请已受理');
    expect((await orderState(fixture.warehouse, order.orderId)).exchange_count).toBe(1);

    const again = await chat(`我要换 ${order.orderNo} 的货`);
    expect(again.text).toContain('只能换货一次');
    expect(again.confirmation).toBeUndefined();
    const audit = await auditRows(order.orderId);
    expect(audit.map((row) => row.policy_decision)).toEqual(['allow:P4 exchanges:exchange_available', 'deny:P4 exchanges:exchange_used']);
  });

  it('en: exchange with the reason in the first message', async () => {
    const order = await picker.pick(`${recentlyDelivered} AND (SELECT count(*) FROM order_items i WHERE i.order_id = o.order_id) = 1`);
    const { conversationId, session } = await conversationOf(order.customerId);
    const option = await otherOptionOf(fixture.warehouse, order.orderId, 1, 'en');
    const card = await send(fixture.agent, fixture.warehouse, conversationId, session, `I'd like to exchange order ${order.orderNo} for the ${option} one, it is too small`);
    expect(card.confirmation).toBeDefined();
    expect(card.text).toContain('Reason: too small');
    const done = await send(fixture.agent, fixture.warehouse, conversationId, session, 'yes');
    expect(done.text).toContain('exchange for order');
    expect((await orderState(fixture.warehouse, order.orderId)).exchange_count).toBe(1);
  });
});

describe('address changes (改地址)', () => {
  it('zh: 我想改一下收货地址 → new address → card names the city → 确认', async () => {
    const order = await picker.pick(`o.status IN ('pending', 'paid')`, `(SELECT count(*) FROM orders x WHERE x.user_id = o.user_id AND x.status IN ('pending', 'paid')) = 1`);
    const { conversationId, session } = await conversationOf(order.customerId);
    const chat = (text: string) => send(fixture.agent, fixture.warehouse, conversationId, session, text);
    const ask = await chat('我想改一下收货地址');
    expect(ask.text).toContain(order.orderNo);
    expect(ask.text).toContain('新的收货地址');
    const card = await chat('上海市浦东新区世纪大道100号');
    expect(card.text).toContain('城市:上海');
    await chat('确认');
    expect(await orderState(fixture.warehouse, order.orderId)).toMatchObject({ shipping_address: '上海市浦东新区世纪大道100号', shipping_city: 'Shanghai' });
  });

  it('en: address in the first message; an address without a known city is asked for again', async () => {
    const order = await picker.pick(`o.status IN ('pending', 'paid')`);
    const { conversationId, session } = await conversationOf(order.customerId);
    const chat = (text: string) => send(fixture.agent, fixture.warehouse, conversationId, session, text);
    const unknown = await chat(`change the delivery address of order ${order.orderNo} to 12 Nowhere Lane, Atlantis`);
    expect(unknown.text).toContain('city we deliver to');
    expect(unknown.confirmation).toBeUndefined();
    const card = await chat('88 Nanjing Road, Huangpu District, Shanghai');
    expect(card.confirmation).toBeDefined();
    await chat('yes');
    expect(await orderState(fixture.warehouse, order.orderId)).toMatchObject({ shipping_address: '88 Nanjing Road, Huangpu District, Shanghai', shipping_city: 'Shanghai' });
  });

  it('zh: a shipped order keeps its address (P5)', async () => {
    const order = await picker.pick(`o.status = 'shipped'`);
    const { conversationId, session } = await conversationOf(order.customerId);
    const before = await orderState(fixture.warehouse, order.orderId);
    const reply = await send(fixture.agent, fixture.warehouse, conversationId, session, `订单 ${order.orderNo} 的地址改成北京市朝阳区建国路88号`);
    expect(reply.text).toContain('已经发货');
    expect(reply.citations?.[0]?.section).toBe('P5 address-change');
    expect(await orderState(fixture.warehouse, order.orderId)).toEqual(before);
  });
});

describe('order status (订单状态)', () => {
  it('zh: 我的订单到哪了 shows the one order on its way with carrier and tracking number from the data', async () => {
    const order = await picker.pick(`o.status = 'shipped'`, `(SELECT count(*) FROM orders x WHERE x.user_id = o.user_id AND x.status IN ('pending', 'paid', 'shipped')) = 1`);
    const { conversationId, session } = await conversationOf(order.customerId);
    const reply = await send(fixture.agent, fixture.warehouse, conversationId, session, '我的订单到哪了');
    const facts = (await fixture.warehouse.query('SELECT carrier, tracking_number, shipped_at FROM orders WHERE order_id = $order', { order: order.orderId })).rows[0];
    expect(reply.intent).toBe('order_status');
    expect(reply.text).toContain(`订单 ${order.orderNo} 当前状态:已发货`);
    expect(reply.text).toContain(String(facts?.carrier));
    expect(reply.text).toContain(String(facts?.tracking_number));
    expect(reply.text).toContain(String(facts?.shipped_at));
  });

  it('en: "where is my order SL…" gives the status and the timeline table', async () => {
    const order = await picker.pick(`o.status = 'delivered'`);
    const { conversationId, session } = await conversationOf(order.customerId);
    const reply = await send(fixture.agent, fixture.warehouse, conversationId, session, `where is my order ${order.orderNo}?`);
    const deliveredAt = (await fixture.warehouse.query('SELECT delivered_at FROM orders WHERE order_id = $order', { order: order.orderId })).rows[0]?.delivered_at;
    expect(reply.text).toContain(`Order ${order.orderNo} is delivered: delivered ${deliveredAt}`);
    expect(reply.table?.rows.map((row) => row.step_code)).toEqual(['created', 'paid', 'shipped', 'delivered']);
  });
});

describe('products, recommendations, FAQ, greetings', () => {
  it('zh and en product questions quote catalogue prices only', async () => {
    const customer = await picker.pick(`o.status = 'delivered'`);
    const { conversationId, session } = await conversationOf(customer.customerId);
    const headphones = (await fixture.warehouse.query(`SELECT title_zh, title_en, price FROM products WHERE category = 'Headphones'`)).rows;
    const zh = await send(fixture.agent, fixture.warehouse, conversationId, session, '这款耳机多少钱');
    expect(zh.intent).toBe('product_question');
    const named = headphones.find((product) => zh.text.includes(`「${product.title_zh}」`));
    expect(named).toBeDefined();
    expect(zh.text).toContain(formatValue(named?.price ?? null, 'currency', 'zh'));
    const en = await send(fixture.agent, fixture.warehouse, conversationId, session, 'how much are the AirPods Pro 2?');
    const airpods = headphones.filter((product) => String(product.title_en).startsWith('Apple AirPods Pro 2'));
    const quoted = airpods.find((product) => en.text.includes(String(product.title_en)));
    expect(quoted).toBeDefined();
    expect(en.text).toContain(formatValue(quoted?.price ?? null, 'currency', 'en'));
  });

  it('recommends headphones when asked for headphones', async () => {
    const customer = await picker.pick(`o.status = 'delivered'`);
    const { conversationId, session } = await conversationOf(customer.customerId);
    const reply = await send(fixture.agent, fixture.warehouse, conversationId, session, '推荐几款耳机');
    expect(reply.intent).toBe('recommendation');
    expect(reply.table?.rows.length).toBe(5);
    expect(reply.table?.rows.every((row) => row.category === '耳机')).toBe(true);
  });

  it('answers FAQ in both languages with the section cited', async () => {
    const customer = await picker.pick(`o.status = 'delivered'`);
    const { conversationId, session } = await conversationOf(customer.customerId);
    const zh = await send(fixture.agent, fixture.warehouse, conversationId, session, '退款多久到账');
    expect(zh).toMatchObject({ intent: 'faq', citations: [{ section: 'F1 refund-time', articleId: 'faq-F1', title: '退款多久到账?' }] });
    expect(zh.text).toContain('1-3 个工作日');
    const en = await send(fixture.agent, fixture.warehouse, conversationId, session, 'how long do refunds take?');
    expect(en.citations?.[0]).toMatchObject({ section: 'F1 refund-time', title: 'How long does a refund take?' });
    expect(en.text).toContain('1-3 business days');
    const greeting = await send(fixture.agent, fixture.warehouse, conversationId, session, '你好');
    expect(greeting.intent).toBe('greeting');
    expect((await send(fixture.agent, fixture.warehouse, conversationId, session, 'hello')).text).toContain('ShopLens assistant');
  });
});

describe('hand-off, anger and repeated misunderstanding', () => {
  it('zh: 转人工 queues the conversation with a ticket; en: "talk to a human" too', async () => {
    for (const text of ['转人工', 'I want to talk to a human']) {
      const customer = await picker.pick(`o.status = 'delivered'`);
      const { conversationId, session } = await conversationOf(customer.customerId);
      const reply = await send(fixture.agent, fixture.warehouse, conversationId, session, text);
      expect(reply.intent).toBe('handoff');
      expect(reply.handoff?.state).toBe('queued');
      const state = await fixture.warehouse.query(`SELECT c.state, t.kind, t.status FROM conversations c JOIN tickets t USING (conversation_id) WHERE c.conversation_id = $id`, { id: conversationId });
      expect(state.rows).toEqual([{ state: 'queued', kind: 'handoff', status: 'open' }]);
    }
  });

  it('zh: two turns not understood → offer a human → 是 → queued', async () => {
    const customer = await picker.pick(`o.status = 'delivered'`);
    const { conversationId, session } = await conversationOf(customer.customerId);
    const chat = (text: string) => send(fixture.agent, fixture.warehouse, conversationId, session, text);
    expect((await chat('啊啊啊哦哦')).text).toContain('没有理解');
    expect((await chat('呜呜呜嗯哼')).text).toContain('需要为您转接人工客服吗');
    const handoff = await chat('是');
    expect(handoff.handoff?.state).toBe('queued');
  });

  it('en: an angry message is answered and offered a human; "no" keeps the bot', async () => {
    const customer = await picker.pick(`o.status = 'delivered'`);
    const { conversationId, session } = await conversationOf(customer.customerId);
    const angry = await send(fixture.agent, fixture.warehouse, conversationId, session, 'this is ridiculous, where are my orders?');
    expect(angry.text).toContain('pass you to a person?');
    expect(angry.intent).toBe('order_status');
    const stay = await send(fixture.agent, fixture.warehouse, conversationId, session, 'no');
    expect(stay.text).toContain('still here');
    const state = await fixture.warehouse.query('SELECT state FROM conversations WHERE conversation_id = $id', { id: conversationId });
    expect(state.rows[0]?.state).toBe('bot');
  });
});

describe('support analytics', () => {
  it('records intents, denials, commits and hand-offs in support_events, and the server-stored messages carry intents', async () => {
    const turns = await fixture.warehouse.query(`SELECT intent, count(*) AS n FROM support_events WHERE event_type = 'turn' GROUP BY intent ORDER BY intent`);
    const intents = turns.rows.map((row) => row.intent);
    for (const intent of ['return', 'cancel_order', 'exchange', 'change_address', 'order_status', 'product_question', 'recommendation', 'faq', 'greeting', 'handoff', 'other']) expect(intents).toContain(intent);
    const kinds = await fixture.warehouse.query(`SELECT event_type, count(*) AS n FROM support_events WHERE event_type <> 'turn' GROUP BY 1 ORDER BY 1`);
    const count = (type: string) => Number(kinds.rows.find((row) => row.event_type === type)?.n ?? 0);
    expect(count('policy_denial')).toBeGreaterThanOrEqual(4);
    expect(count('write_committed')).toBe(7);
    expect(count('confirmation_declined')).toBe(1);
    expect(count('handoff_requested')).toBe(3);
    expect(count('handoff_offered')).toBe(2);
    const denials = await fixture.warehouse.query(`SELECT policy_section, outcome FROM support_events WHERE event_type = 'policy_denial' ORDER BY 1, 2`);
    expect(denials.rows.map((row) => row.policy_section)).toEqual(expect.arrayContaining(['P1 cancellation', 'P2 returns', 'P4 exchanges', 'P5 address-change']));
    const messageIntents = await fixture.warehouse.query(`SELECT count(*) AS n FROM messages WHERE role = 'assistant' AND intent IS NOT NULL`);
    expect(Number(messageIntents.rows[0]?.n)).toBeGreaterThan(30);
    console.log('support_events by type:', kinds.rows, 'turns by intent:', turns.rows);
  });
});
