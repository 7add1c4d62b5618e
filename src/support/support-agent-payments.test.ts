import { describe, expect, it } from 'vitest';
import { money } from './orders/order-presentation.ts';
import { useSupportFixture } from './support-test-kit.ts';

/**
 * Issue 11: the shopper's saved payment methods, gift-card balance and an order's charges and refunds, read from
 * payment_methods / payments for the signed-in shopper only, and never written by answering.
 */
const kit = useSupportFixture({ users: 400 });

async function scalar(sql: string, parameters: Record<string, number> = {}): Promise<number> {
  return Number(Object.values((await kit.fixture.warehouse.query(sql, parameters)).rows[0] ?? {})[0]);
}

const hasGiftCard = `EXISTS (SELECT 1 FROM payment_methods m WHERE m.user_id = o.user_id AND m.kind = 'gift_card')`;

describe('payment information', () => {
  it('en: the gift-card balance is the sum of the shopper\'s gift cards in the database', async () => {
    const order = await kit.picker.pick(hasGiftCard);
    const balance = await scalar(`SELECT sum(balance) FROM payment_methods WHERE user_id = $user AND kind = 'gift_card'`, { user: order.customerId });
    const { chat } = await kit.chatFor(order.customerId);
    const reply = await chat("What's the balance on my gift card?");
    expect(reply.intent).toBe('payment_info');
    expect(reply.text).toContain(money(balance, 'en', 'CNY'));
    expect(reply.confirmation).toBeUndefined();
  });

  it('zh: a shopper without a gift card is told the balance is zero, not another shopper\'s card', async () => {
    const order = await kit.picker.pick(`NOT ${hasGiftCard}`);
    const { chat } = await kit.chatFor(order.customerId);
    const reply = await chat('我的礼品卡还剩多少钱?');
    expect(reply.text).toContain(money(0, 'zh', 'CNY'));
    expect(reply.text).toMatch(/没有 ShopLens 礼品卡/);
  });

  it('zh: saved methods are listed, each card by its last four digits', async () => {
    const order = await kit.picker.pick(`o.payment_method = 'credit_card' AND ${hasGiftCard}`);
    const last4 = String((await kit.fixture.warehouse.query(`SELECT last4 FROM payment_methods WHERE user_id = $user AND kind = 'credit_card'`, { user: order.customerId })).rows[0]?.last4);
    const { chat } = await kit.chatFor(order.customerId);
    const reply = await chat('我绑定了哪些支付方式?');
    expect(reply.intent).toBe('payment_info');
    expect(reply.text).toContain(`信用卡(尾号 ${last4})`);
    expect(reply.text).toContain('礼品卡');
    expect(reply.table?.rows.length).toBe(await scalar('SELECT count(*) FROM payment_methods WHERE user_id = $user', { user: order.customerId }));
  });

  it('en: the payments of a cancelled paid order list the charge and the refund with totals; nothing is written', async () => {
    const order = await kit.picker.pick(`o.status = 'cancelled' AND o.paid_at IS NOT NULL`);
    const total = await scalar('SELECT total_amount::DOUBLE FROM orders WHERE order_id = $id', { id: order.orderId });
    const paymentsBefore = await scalar('SELECT count(*) FROM payments');
    const { chat } = await kit.chatFor(order.customerId);
    const reply = await chat(`Show me the payments and refunds for order ${order.orderNo}`);
    expect(reply.intent).toBe('payment_info');
    expect(reply.text).toMatch(new RegExp(`charged ${money(total, 'en', 'CNY').replace(/[.$¥]/g, '\\$&')}.*refunded ${money(total, 'en', 'CNY').replace(/[.$¥]/g, '\\$&')}`));
    expect(reply.text).toContain(`net ${money(0, 'en', 'CNY')}`);
    expect(reply.table?.rows).toHaveLength(2);
    expect(await scalar('SELECT count(*) FROM payments')).toBe(paymentsBefore);
  });

  it("another shopper's order is reported as not found, with none of its payments", async () => {
    const mine = await kit.picker.pick(`o.status = 'delivered'`);
    const theirs = await kit.picker.pick(`o.status = 'delivered' AND o.paid_at IS NOT NULL`);
    const total = await scalar('SELECT total_amount::DOUBLE FROM orders WHERE order_id = $id', { id: theirs.orderId });
    const { chat } = await kit.chatFor(mine.customerId);
    const reply = await chat(`订单${theirs.orderNo}的付款和退款记录给我看看`);
    expect(reply.text).toContain(theirs.orderNo);
    expect(reply.text).not.toContain(money(total, 'zh', 'CNY'));
    expect(reply.table).toBeUndefined();
  });

  it('asking about the shop\'s accepted payment methods stays an FAQ question', async () => {
    const order = await kit.picker.pick('TRUE');
    const { chat } = await kit.chatFor(order.customerId);
    const reply = await chat('What payment methods do you accept?');
    expect(reply.intent).toBe('faq');
  });
});
