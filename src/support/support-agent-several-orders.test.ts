import { describe, expect, it } from 'vitest';
import { useSupportFixture } from './support-test-kit.ts';

/**
 * Issue 11: a request spanning several orders gets ONE card listing every order and refund with the total computed
 * from the database, and on yes every part commits in one transaction (each with its audit row) or none does.
 * The previous bot cancelled only the first order named.
 */
const kit = useSupportFixture({ users: 800 });

/** A shopper with at least two paid orders. */
const twoPaid = `o.status = 'paid' AND (SELECT count(*) FROM orders other WHERE other.user_id = o.user_id AND other.status = 'paid') >= 2`;

async function paidOrdersOf(customerId: number) {
  const { rows } = await kit.fixture.warehouse.query(`SELECT order_id, order_no, total_amount::DOUBLE AS total FROM orders WHERE user_id = $user AND status = 'paid' ORDER BY order_id LIMIT 2`, { user: customerId });
  return rows.map((row) => ({ orderId: Number(row.order_id), orderNo: String(row.order_no), total: Number(row.total) }));
}

const yuan = (value: number) => `¥${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

describe('one card for several orders', () => {
  it('en: cancelling two orders shows both and the summed refund on one card, and commits both with their refunds and audit rows', async () => {
    const picked = await kit.picker.pick(twoPaid);
    const [first, second] = await paidOrdersOf(picked.customerId);
    const { chat } = await kit.chatFor(picked.customerId);
    const card = await chat(`Please cancel both ${first?.orderNo} and ${second?.orderNo}, I changed my mind.`);
    expect(card.confirmation?.action).toBe('several');
    expect(card.confirmation?.summary).toContain(String(first?.orderNo));
    expect(card.confirmation?.summary).toContain(String(second?.orderNo));
    const total = Math.round(((first?.total ?? 0) + (second?.total ?? 0)) * 100) / 100;
    expect(card.confirmation?.summary).toContain(`In total ${yuan(total)} will be refunded`);
    await chat('yes');
    const { rows } = await kit.fixture.warehouse.query(`SELECT status, cancel_reason FROM orders WHERE order_id IN ($a, $b)`, { a: first?.orderId ?? 0, b: second?.orderId ?? 0 });
    expect(rows).toEqual([{ status: 'cancelled', cancel_reason: 'changed_mind' }, { status: 'cancelled', cancel_reason: 'changed_mind' }]);
    const refunds = await kit.fixture.warehouse.query(`SELECT sum(amount)::DOUBLE AS amount, count(*) AS n FROM payments WHERE order_id IN ($a, $b) AND reason = 'cancel'`, { a: first?.orderId ?? 0, b: second?.orderId ?? 0 });
    expect(Number(refunds.rows[0]?.amount)).toBeCloseTo(total, 2);
    const audit = await kit.fixture.warehouse.query(`SELECT count(*) AS n FROM audit_log WHERE tool = 'cancel_order' AND policy_decision LIKE 'allow:%' AND result::VARCHAR LIKE '%committed%' AND conversation_id IN (SELECT conversation_id FROM conversations WHERE customer_id = $user)`, { user: picked.customerId });
    expect(Number(audit.rows[0]?.n)).toBe(2);
  });

  it('zh: an order of another shopper among them is said not found and nothing is cancelled', async () => {
    const picked = await kit.picker.pick(twoPaid);
    const [mine] = await paidOrdersOf(picked.customerId);
    const foreign = await kit.picker.pick(`o.status = 'paid'`);
    const { chat } = await kit.chatFor(picked.customerId);
    const reply = await chat(`${mine?.orderNo}和${foreign.orderNo}都帮我取消,不想要了`);
    expect(reply.confirmation).toBeUndefined();
    expect(reply.text).toContain(`没有找到订单 ${foreign.orderNo}`);
    const { rows } = await kit.fixture.warehouse.query(`SELECT status FROM orders WHERE order_id IN ($a, $b)`, { a: mine?.orderId ?? 0, b: foreign.orderId });
    expect(rows.map((row) => row.status)).toEqual(['paid', 'paid']);
  });
});
