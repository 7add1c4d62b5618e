import { describe, expect, it } from 'vitest';
import { useSupportFixture } from './support-test-kit.ts';

/**
 * Issue 11: a confirmed write that moves money records it in payments, in the same transaction as the order
 * change, so an order's payment history stays true after support has acted on it. Answering writes nothing.
 */
const kit = useSupportFixture({ users: 400 });

async function movements(orderId: number): Promise<{ kind: string; method: string; amount: number; reason: string }[]> {
  const { rows } = await kit.fixture.warehouse.query(`SELECT kind, method, amount::DOUBLE AS amount, reason FROM payments WHERE order_id = $id AND reason <> 'order' ORDER BY payment_id`, { id: orderId });
  return rows.map((row) => ({ kind: String(row.kind), method: String(row.method), amount: Number(row.amount), reason: String(row.reason) }));
}

async function orderOf(orderId: number): Promise<{ total: number; method: string }> {
  const row = (await kit.fixture.warehouse.query('SELECT total_amount::DOUBLE AS total, payment_method FROM orders WHERE order_id = $id', { id: orderId })).rows[0];
  return { total: Number(row?.total), method: String(row?.payment_method) };
}

describe('money movements of confirmed writes', () => {
  it('en: cancelling a paid order records the refund to the original method; declining records nothing', async () => {
    const order = await kit.picker.pick(`o.status = 'paid' AND o.payment_method <> 'cod'`);
    const { total, method } = await orderOf(order.orderId);
    const { chat } = await kit.chatFor(order.customerId);
    const card = await chat(`Please cancel order ${order.orderNo}, I changed my mind`);
    expect(card.confirmation).toBeDefined();
    expect(await movements(order.orderId)).toEqual([]);
    await chat('yes');
    expect(await movements(order.orderId)).toEqual([{ kind: 'refund', method, amount: total, reason: 'cancel' }]);

    const other = await kit.picker.pick(`o.status = 'paid'`);
    const second = await kit.chatFor(other.customerId);
    expect((await second.chat(`Please cancel order ${other.orderNo}, I changed my mind`)).confirmation).toBeDefined();
    await second.chat('no');
    expect(await movements(other.orderId)).toEqual([]);
  });

  it('zh: changing the payment method of a paid order refunds the old method and charges the new one', async () => {
    const order = await kit.picker.pick(`o.status = 'paid' AND o.payment_method = 'alipay'`);
    const { total } = await orderOf(order.orderId);
    const { chat } = await kit.chatFor(order.customerId);
    const card = await chat(`订单${order.orderNo}的支付方式改成微信支付`);
    expect(card.confirmation).toBeDefined();
    await chat('确认');
    expect(await movements(order.orderId)).toEqual([
      { kind: 'refund', method: 'alipay', amount: total, reason: 'payment_change' },
      { kind: 'charge', method: 'wechat_pay', amount: total, reason: 'payment_change' },
    ]);
  });

  it('cancelling an unpaid order moves no money', async () => {
    const order = await kit.picker.pick(`o.status = 'pending'`);
    const { chat } = await kit.chatFor(order.customerId);
    expect((await chat(`Please cancel order ${order.orderNo}, I changed my mind`)).confirmation).toBeDefined();
    await chat('yes');
    expect((await kit.fixture.warehouse.query('SELECT status FROM orders WHERE order_id = $id', { id: order.orderId })).rows[0]?.status).toBe('cancelled');
    expect(await movements(order.orderId)).toEqual([]);
  });
});
