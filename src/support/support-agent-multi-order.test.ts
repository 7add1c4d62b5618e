import { describe, expect, it } from 'vitest';
import { money } from './orders/order-presentation.ts';
import { useSupportFixture } from './support-test-kit.ts';

/** Issue 11: several orders named in one message are each answered, and their sum comes from the database. */
const kit = useSupportFixture({ users: 400 });

async function total(orderId: number): Promise<number> {
  return Number((await kit.fixture.warehouse.query('SELECT total_amount::DOUBLE AS t FROM orders WHERE order_id = $id', { id: orderId })).rows[0]?.t);
}

async function secondOrderOf(customerId: number, condition: string, except: number) {
  const row = (await kit.fixture.warehouse.query(`SELECT order_id, order_no, tracking_number FROM orders o WHERE user_id = $user AND order_id <> $except AND ${condition} ORDER BY order_no LIMIT 1`, { user: customerId, except })).rows[0];
  return { orderId: Number(row?.order_id), orderNo: String(row?.order_no), tracking: String(row?.tracking_number) };
}

describe('several orders in one message', () => {
  it('en: the status of two orders names both, with tracking, and what they cost together', async () => {
    const first = await kit.picker.pick(`o.status = 'shipped' AND o.tracking_number IS NOT NULL`, `(SELECT count(*) FROM orders x WHERE x.user_id = o.user_id AND x.status = 'delivered') > 0`);
    const second = await secondOrderOf(first.customerId, `status = 'delivered'`, first.orderId);
    const firstTracking = String((await kit.fixture.warehouse.query('SELECT tracking_number FROM orders WHERE order_id = $id', { id: first.orderId })).rows[0]?.tracking_number);
    const sum = (Math.round((await total(first.orderId)) * 100) + Math.round((await total(second.orderId)) * 100)) / 100;
    const { chat } = await kit.chatFor(first.customerId);
    const reply = await chat(`What's the status of ${first.orderNo} and ${second.orderNo}?`);
    expect(reply.text).toContain(first.orderNo);
    expect(reply.text).toContain(second.orderNo);
    expect(reply.text).toContain(firstTracking);
    expect(reply.text).toContain(`cost ${money(sum, 'en', 'CNY')}`);
    expect(reply.table?.rows).toHaveLength(2);
  });

  it("zh: another shopper's order among them is not found, and no sum includes it", async () => {
    const mine = await kit.picker.pick(`o.status = 'delivered'`);
    const theirs = await kit.picker.pick(`o.status = 'delivered'`);
    const { chat } = await kit.chatFor(mine.customerId);
    const reply = await chat(`${mine.orderNo}和${theirs.orderNo}两个订单加起来多少钱?`);
    expect(reply.text).toContain(money(await total(mine.orderId), 'zh', 'CNY'));
    expect(reply.text).not.toContain(money(await total(theirs.orderId), 'zh', 'CNY'));
    expect(reply.text).not.toMatch(/合计/);
    expect(reply.table?.rows).toHaveLength(1);
  });
});
