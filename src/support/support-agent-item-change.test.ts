import { describe, expect, it } from 'vitest';
import { useSupportFixture } from './support-test-kit.ts';

/**
 * Issue 11: the items of an order that has not shipped change to other options of the same product (P9); the
 * difference is charged to the method the shopper picks (or refunded), written with the item change and its audit
 * row in one transaction; another product is refused. The previous bot had no such action.
 */
const kit = useSupportFixture({ users: 600 });

interface Line { line_no: number; product_id: number; quantity: number; unit_price: number; product_group: number }

async function linesOf(orderId: number): Promise<Line[]> {
  const { rows } = await kit.fixture.warehouse.query(
    `SELECT i.line_no, i.product_id, i.quantity, i.unit_price::DOUBLE AS unit_price, p.product_group FROM order_items i JOIN products p USING (product_id) WHERE i.order_id = $order ORDER BY line_no`,
    { order: orderId },
  );
  return rows.map((row) => ({ line_no: Number(row.line_no), product_id: Number(row.product_id), quantity: Number(row.quantity), unit_price: Number(row.unit_price), product_group: Number(row.product_group) }));
}

/** Another in-stock option of the line's product whose price differs in the wanted direction. */
async function optionFor(line: Line, direction: 'dearer' | 'cheaper') {
  const { rows } = await kit.fixture.warehouse.query(
    `SELECT product_id, option_en, option_zh, price::DOUBLE AS price FROM products WHERE product_group = $group AND product_id <> $own AND stock >= $quantity AND price ${direction === 'dearer' ? '>' : '<'} $price ORDER BY product_id LIMIT 1`,
    { group: line.product_group, own: line.product_id, quantity: line.quantity, price: line.unit_price },
  );
  const row = rows[0];
  return row ? { productId: Number(row.product_id), optionEn: String(row.option_en), optionZh: String(row.option_zh), price: Number(row.price) } : undefined;
}

const paidOneItem = (direction: 'dearer' | 'cheaper') => `o.status = 'paid' AND (SELECT count(*) FROM order_items i WHERE i.order_id = o.order_id) = 1
  AND EXISTS (SELECT 1 FROM order_items i JOIN products own USING (product_id) JOIN products other ON other.product_group = own.product_group AND other.product_id <> own.product_id
              WHERE i.order_id = o.order_id AND other.stock >= i.quantity AND other.price ${direction === 'dearer' ? '>' : '<'} i.unit_price)`;

async function movements(orderId: number) {
  const { rows } = await kit.fixture.warehouse.query(`SELECT kind, method, amount::DOUBLE AS amount FROM payments WHERE order_id = $id AND reason = 'item_change'`, { id: orderId });
  return rows.map((row) => ({ kind: String(row.kind), method: String(row.method), amount: Number(row.amount) }));
}

async function orderAmounts(orderId: number) {
  const row = (await kit.fixture.warehouse.query('SELECT items_amount::DOUBLE AS items, total_amount::DOUBLE AS total, payment_method FROM orders WHERE order_id = $id', { id: orderId })).rows[0];
  return { items: Number(row?.items), total: Number(row?.total), method: String(row?.payment_method) };
}

describe('changing the items of an order that has not shipped (P9)', () => {
  it('en: a dearer option asks which method pays the difference, the card states it, and the commit changes the item, the amounts and payments together', async () => {
    const order = await kit.picker.pick(paidOneItem('dearer'));
    const [line] = await linesOf(order.orderId);
    const option = await optionFor(line as Line, 'dearer');
    const before = await orderAmounts(order.orderId);
    const difference = Math.round(((option?.price ?? 0) - (line?.unit_price ?? 0)) * (line?.quantity ?? 1) * 100) / 100;
    const { chat } = await kit.chatFor(order.customerId);
    const asked = await chat(`Can I change the item in order ${order.orderNo} to ${option?.optionEn}?`);
    expect(asked.confirmation).toBeUndefined();
    expect(asked.text).toMatch(/Which payment method should pay the difference/);
    const card = await chat('WeChat Pay');
    expect(card.confirmation?.action).toBe('change_items');
    expect(card.confirmation?.summary).toContain(String(option?.optionEn));
    expect(card.confirmation?.summary).toContain(`¥${difference.toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    expect(card.confirmation?.summary).toContain('WeChat Pay');
    expect(await movements(order.orderId)).toEqual([]);
    await chat('yes');
    const [after] = await linesOf(order.orderId);
    expect(after?.product_id).toBe(option?.productId);
    expect(after?.unit_price).toBeCloseTo(option?.price ?? 0, 2);
    const amounts = await orderAmounts(order.orderId);
    expect(amounts.total).toBeCloseTo(before.total + difference, 2);
    expect(amounts.items).toBeCloseTo(before.items + difference, 2);
    expect(amounts.method).toBe(before.method);
    expect(await movements(order.orderId)).toEqual([{ kind: 'charge', method: 'wechat_pay', amount: difference }]);
    const audit = await kit.fixture.warehouse.query(`SELECT policy_decision FROM audit_log WHERE tool = 'change_order_items' AND result::VARCHAR LIKE '%committed%' AND conversation_id IN (SELECT conversation_id FROM conversations WHERE customer_id = $user)`, { user: order.customerId });
    expect(String(audit.rows[0]?.policy_decision)).toBe('allow:P9 item-change:target_available');
  });

  it('zh: a cheaper option is refunded to the original method the shopper picks', async () => {
    const order = await kit.picker.pick(paidOneItem('cheaper'));
    const [line] = await linesOf(order.orderId);
    const option = await optionFor(line as Line, 'cheaper');
    const before = await orderAmounts(order.orderId);
    const difference = Math.round(((line?.unit_price ?? 0) - (option?.price ?? 0)) * (line?.quantity ?? 1) * 100) / 100;
    const { chat } = await kit.chatFor(order.customerId);
    const asked = await chat(`订单${order.orderNo}里的商品能改成${option?.optionZh}吗?`);
    expect(asked.text).toContain('差价退回原支付方式还是');
    const card = await chat('原路退回');
    expect(card.confirmation?.summary).toContain(`合计退差价 ¥${difference.toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    await chat('确认');
    expect(await movements(order.orderId)).toEqual([{ kind: 'refund', method: before.method, amount: difference }]);
  });

  it('another product is refused under P9 and a shipped order cannot change items; nothing is written', async () => {
    const order = await kit.picker.pick(paidOneItem('dearer'));
    const [line] = await linesOf(order.orderId);
    const foreign = (await kit.fixture.warehouse.query('SELECT title_en FROM products WHERE product_group <> $group AND product_group IS NOT NULL ORDER BY product_id LIMIT 1', { group: line?.product_group ?? 0 })).rows[0]?.title_en;
    const { chat } = await kit.chatFor(order.customerId);
    const refused = await chat(`Please change the item in ${order.orderNo} to ${String(foreign)}`);
    expect(refused.confirmation).toBeUndefined();
    expect((await linesOf(order.orderId))[0]?.product_id).toBe(line?.product_id);

    const shipped = await kit.picker.pick(`o.status = 'shipped'`);
    const second = await kit.chatFor(shipped.customerId);
    const denied = await second.chat(`Can I change the items of order ${shipped.orderNo} to another colour? It has not shipped yet`);
    expect(denied.confirmation).toBeUndefined();
    expect(denied.text).toMatch(/P9 item-change|P4 exchanges/);
  });
});

describe('the default address of the profile (P10)', () => {
  async function defaults(userId: number) {
    return (await kit.fixture.warehouse.query('SELECT street, city, province, postal_code FROM customer_addresses WHERE user_id = $user AND is_default', { user: userId })).rows;
  }

  it('en: the address is read back field by field on a card and saved as the one default on yes', async () => {
    const order = await kit.picker.pick(`TRUE`);
    const { chat } = await kit.chatFor(order.customerId);
    const card = await chat('Please set my default address to 88 Wensan Road, Xihu District, Hangzhou, Zhejiang 310012');
    expect(card.confirmation?.action).toBe('default_address');
    expect(card.confirmation?.summary).toContain('street: 88 Wensan Road; city: Hangzhou; province: Zhejiang; postal code: 310012');
    expect((await defaults(order.customerId))[0]?.street).not.toBe('88 Wensan Road');
    await chat('yes');
    expect(await defaults(order.customerId)).toEqual([{ street: '88 Wensan Road', city: 'Hangzhou', province: 'Zhejiang', postal_code: '310012' }]);
  });

  it('zh: asks for the address, refuses a city without a street, then reads back and saves', async () => {
    const order = await kit.picker.pick(`TRUE`);
    const { chat } = await kit.chatFor(order.customerId);
    expect((await chat('我想修改账户的默认收货地址')).text).toContain('新的默认收货地址');
    const incomplete = await chat('成都');
    expect(incomplete.confirmation).toBeUndefined();
    const card = await chat('四川省成都市武侯区天府大道9号 610041');
    expect(card.confirmation?.summary).toContain('街道:天府大道9号;城市:成都');
    await chat('确认');
    expect(await defaults(order.customerId)).toEqual([{ street: '天府大道9号', city: 'Chengdu', province: 'Sichuan', postal_code: '610041' }]);
  });
});
