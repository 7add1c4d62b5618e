import { describe, expect, it } from 'vitest';
import { useSupportFixture } from './support-test-kit.ts';

/**
 * Dialogue that follows the shopper (issue 11): hand-off and complaints recognised broadly, anger offers a person
 * as a question the next "yes" answers, and replies stay in the shopper's language whatever an address contains.
 */
const kit = useSupportFixture({ users: 600 });
const chatFor = (customerId: number) => kit.chatFor(customerId);

describe('hand-off and complaints', () => {
  it.each(['I need a person', 'agent', '我要投诉', 'I want to file a complaint about your service'])('"%s" queues the conversation for a person', async (text) => {
    const order = await kit.picker.pick(`o.status = 'delivered'`);
    const { chat, state } = await chatFor(order.customerId);
    const reply = await chat(text);
    expect(reply.intent).toBe('handoff');
    expect(reply.handoff?.state).toBe('queued');
    expect(await state()).toBe('queued');
  });

  it.each([
    ['en', 'This is unacceptable, my parcel {order} is a week late and nobody tells me anything!', 'yes', /Would you like me to pass you to a person\?$/],
    ['zh', '你们太过分了!{order}一个星期了还没到,也没人管!', '是的', /需要为您转接人工客服吗[?？]$/],
  ])('%s: an angry message is answered and ends by offering a person; yes hands off', async (_language, text, yes, offer) => {
    const order = await kit.picker.pick(`o.status = 'shipped'`);
    const { chat, state } = await chatFor(order.customerId);
    const reply = await chat(text.replace('{order}', order.orderNo));
    expect(reply.text).toContain(order.orderNo);
    expect(reply.text).toMatch(offer);
    expect((await chat(yes)).handoff?.state).toBe('queued');
    expect(await state()).toBe('queued');
  });
});

describe('language', () => {
  it('an English message with a Chinese address gets English replies', async () => {
    const order = await kit.picker.pick(`o.status IN ('pending', 'paid')`, `(SELECT count(*) FROM orders x WHERE x.user_id = o.user_id AND x.status IN ('pending', 'paid')) = 1`);
    const { chat } = await chatFor(order.customerId);
    const reply = await chat(`Change the address of my order ${order.orderNo} to 北京市朝阳区建国路88号SOHO现代城5号楼1201`);
    // Chinese only where the address (or a field of it) is read back.
    const chinese = reply.text.match(/\p{Script=Han}+/gu) ?? [];
    expect(chinese.filter((run) => !'北京市朝阳区建国路88号SOHO现代城5号楼1201'.includes(run))).toEqual([]);
    expect(reply.text).toMatch(/confirm/i);
  });

  it('a Chinese message with an English address gets Chinese replies', async () => {
    const order = await kit.picker.pick(`o.status IN ('pending', 'paid')`, `(SELECT count(*) FROM orders x WHERE x.user_id = o.user_id AND x.status IN ('pending', 'paid')) = 1`);
    const { chat } = await chatFor(order.customerId);
    const reply = await chat(`把订单${order.orderNo}的地址改成 Room 5, 18 Nanjing West Road, Shanghai`);
    expect(reply.text).toMatch(/请确认|地址/);
  });
});

describe('never mind and new requests', () => {
  const ONE_OPEN = `(SELECT count(*) FROM orders x WHERE x.user_id = o.user_id AND x.status IN ('pending', 'paid')) = 1`;

  it.each([
    ['zh', '取消订单{order},不想要了', '算了,不取消了'],
    ['en', 'I want to cancel {order}, I changed my mind', "never mind, I'll keep it"],
  ])('%s: "%s" then "%s" declines the card and changes nothing', async (_language, request, neverMind) => {
    const order = await kit.picker.pick(`o.status IN ('pending', 'paid')`, ONE_OPEN);
    const { chat } = await chatFor(order.customerId);
    const card = await chat(request.replace('{order}', order.orderNo));
    // The card says what it does, so its buttons read "Cancel order" / "Keep order".
    expect(card.confirmation?.action).toBe('cancel_order');
    const reply = await chat(neverMind);
    expect(reply.confirmation).toBeUndefined();
    const row = await kit.fixture.warehouse.query('SELECT status FROM support_confirmations WHERE confirmation_id = $id', { id: card.confirmation?.confirmationId ?? '' });
    expect(row.rows[0]?.status).toBe('declined');
    const status = await kit.fixture.warehouse.query('SELECT status FROM orders WHERE order_id = $id', { id: order.orderId });
    expect(status.rows[0]?.status).not.toBe('cancelled');
  });

  it('en: a second exchange request while the bot waits for a reason is not taken as the reason', async () => {
    const order = await kit.picker.pick(
      `o.status = 'delivered' AND o.delivered_at::DATE >= DATE '${kit.fixture.asOf}' - INTERVAL 6 DAY AND o.exchange_count = 0 AND (SELECT count(*) FROM order_items i WHERE i.order_id = o.order_id) = 1`,
    );
    const { chat } = await chatFor(order.customerId);
    const asked = await chat(`I want to exchange the item from ${order.orderNo}`);
    expect(asked.text).toMatch(/reason/i);
    const reply = await chat('I also want to exchange something from another order');
    expect(reply.confirmation).toBeUndefined();
    expect(reply.text).toContain(`set aside the exchange request for order ${order.orderNo}`);
  });

  it('zh: a new request while the bot waits for an address is handled and the earlier one announced as set aside', async () => {
    const open = await kit.picker.pick(`o.status IN ('pending', 'paid')`, ONE_OPEN);
    const { chat } = await chatFor(open.customerId);
    const asked = await chat(`${open.orderNo}的收货地址要改一下`);
    expect(asked.text).toContain('地址');
    const reply = await chat(`帮我取消订单${open.orderNo}吧,不想要了`);
    expect(reply.text).toContain('已放下之前的改地址申请');
    expect(reply.confirmation?.summary).toContain(open.orderNo);
  });
});

describe('cancellation reasons', () => {
  it.each([
    ['en', 'please cancel {order}', '2', 'Reason: ordered by mistake', 'yes', 'ordered_by_mistake'],
    ['zh', '取消订单{order}', '发货太慢了', '原因:发货/配送太慢', '确认', 'delivery_too_slow'],
  ])('%s: without a reason the bot asks from the fixed list; the answer is on the card and in orders.cancel_reason', async (_language, request, answer, onCard, yes, code) => {
    const order = await kit.picker.pick(`o.status IN ('pending', 'paid')`, `(SELECT count(*) FROM orders x WHERE x.user_id = o.user_id AND x.status IN ('pending', 'paid')) = 1`);
    const { chat } = await chatFor(order.customerId);
    const asked = await chat(request.replace('{order}', order.orderNo));
    expect(asked.confirmation).toBeUndefined();
    expect(asked.text).toMatch(/1\) (changed my mind|不想要了)/);
    const card = await chat(answer);
    expect(card.confirmation?.summary).toContain(onCard);
    await chat(yes);
    const row = await kit.fixture.warehouse.query('SELECT status, cancel_reason FROM orders WHERE order_id = $id', { id: order.orderId });
    expect(row.rows[0]).toEqual({ status: 'cancelled', cancel_reason: code });
  });
});

describe('addresses', () => {
  const ONE_OPEN = `(SELECT count(*) FROM orders x WHERE x.user_id = o.user_id AND x.status IN ('pending', 'paid')) = 1`;

  it('en: the address is read back by field before the card is confirmed, and the postal code is stored', async () => {
    const order = await kit.picker.pick(`o.status IN ('pending', 'paid')`, ONE_OPEN);
    const { chat } = await chatFor(order.customerId);
    const card = await chat(`Please change the shipping address of ${order.orderNo} to 88 Wensan Road, Xihu District, Hangzhou, Zhejiang 310012`);
    expect(card.confirmation?.summary).toContain('street: 88 Wensan Road; city: Hangzhou; postal code: 310012');
    await chat('yes');
    const row = await kit.fixture.warehouse.query('SELECT shipping_city, shipping_postal_code FROM orders WHERE order_id = $id', { id: order.orderId });
    expect(row.rows[0]).toEqual({ shipping_city: 'Hangzhou', shipping_postal_code: '310012' });
  });

  it('zh: a city alone is not an address: the bot asks for the street and house number', async () => {
    const order = await kit.picker.pick(`o.status IN ('pending', 'paid')`, ONE_OPEN);
    const { chat } = await chatFor(order.customerId);
    const reply = await chat(`订单${order.orderNo}的地址改成杭州市西湖区文三路附近`);
    expect(reply.confirmation).toBeUndefined();
    expect(reply.text).toContain('门牌号');
  });
});

describe('payment method of an order not yet shipped', () => {
  it.each([
    ['en', 'Can I switch the payment method of order {order} to Alipay?', 'alipay', 'to Alipay', 'yes'],
    ['zh', '订单{order}的付款方式能改成微信支付吗', 'wechat_pay', '改为微信支付', '确认'],
  ])('%s: "%s" → a card with the money movements → the order is paid by the new method', async (_language, request, method, onCard, yes) => {
    const order = await kit.picker.pick(`o.status = 'paid' AND o.payment_method IN ('alipay', 'wechat_pay', 'credit_card', 'union_pay') AND o.payment_method <> '${method}'`, `(SELECT count(*) FROM orders x WHERE x.user_id = o.user_id AND x.status IN ('pending', 'paid')) = 1`);
    const { chat } = await chatFor(order.customerId);
    const card = await chat(request.replace('{order}', order.orderNo));
    expect(card.confirmation?.action).toBe('change_payment');
    expect(card.confirmation?.summary).toContain(onCard);
    const total = (await kit.fixture.warehouse.query('SELECT total_amount::DOUBLE AS total FROM orders WHERE order_id = $id', { id: order.orderId })).rows[0]?.total;
    expect(card.confirmation?.summary).toContain(`¥${Number(total).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    await chat(yes);
    const row = await kit.fixture.warehouse.query('SELECT payment_method FROM orders WHERE order_id = $id', { id: order.orderId });
    expect(row.rows[0]?.payment_method).toBe(method);
  });

  it('en: a shipped order keeps its payment method (P8)', async () => {
    const order = await kit.picker.pick(`o.status = 'shipped'`);
    const { chat } = await chatFor(order.customerId);
    const reply = await chat(`please change the payment method of ${order.orderNo} to credit card`);
    expect(reply.confirmation).toBeUndefined();
    expect(reply.text).toMatch(/only before it ships/);
  });
});

describe('order facts', () => {
  it.each([
    ['en', 'How did I pay for order {order}?', { alipay: 'Alipay', wechat_pay: 'WeChat Pay', credit_card: 'credit card', union_pay: 'UnionPay' }],
    ['zh', '订单{order}是用什么付的款?', { alipay: '支付宝', wechat_pay: '微信支付', credit_card: '信用卡', union_pay: '银联' }],
  ])('%s: "%s" states the amount and the method', async (_language, question, labels) => {
    const order = await kit.picker.pick(`o.status = 'delivered' AND o.payment_method IN ('alipay', 'wechat_pay', 'credit_card', 'union_pay')`);
    const row = (await kit.fixture.warehouse.query('SELECT payment_method, total_amount::DOUBLE AS total FROM orders WHERE order_id = $id', { id: order.orderId })).rows[0];
    const { chat } = await chatFor(order.customerId);
    const reply = await chat(question.replace('{order}', order.orderNo));
    expect(reply.text).toContain(labels[String(row?.payment_method) as keyof typeof labels]);
    expect(reply.text).toContain(`¥${Number(row?.total).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
  });
});

describe('refund to a gift card', () => {
  it('en: "put the refund on a gift card" is on the card and in the return ticket', async () => {
    const order = await kit.picker.pick(`o.status = 'delivered' AND o.delivered_at::DATE >= DATE '${kit.fixture.asOf}' - INTERVAL 6 DAY AND (SELECT count(*) FROM order_items i WHERE i.order_id = o.order_id) = 1 AND (SELECT sum(returned_quantity) FROM order_items i WHERE i.order_id = o.order_id) = 0`);
    const { chat } = await chatFor(order.customerId);
    let reply = await chat(`I want to return the item from ${order.orderNo} and put the refund on a gift card`);
    if (!reply.confirmation) reply = await chat('changed my mind');
    expect(reply.confirmation?.summary).toContain('refunded to a ShopLens gift card');
    await chat('yes');
    const ticket = await kit.fixture.warehouse.query(`SELECT json_extract_string(payload, '$.refund_method') AS method FROM tickets WHERE order_id = $order AND kind = 'return'`, { order: order.orderId });
    expect(ticket.rows[0]?.method).toBe('gift_card');
  });
});
