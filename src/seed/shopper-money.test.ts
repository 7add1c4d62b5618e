import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../sql/warehouse.ts';
import { seedDemo } from './seed-demo.ts';
import { SHOPPER_MONEY_TABLES } from './shopper-money.ts';

async function scalar(warehouse: Warehouse, sql: string): Promise<number> {
  const { rows } = await warehouse.query(sql);
  return Number(Object.values(rows[0] ?? {})[0]);
}

describe('demo profile and money tables', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open({ path: ':memory:', mode: 'read-write' });
    await seedDemo(warehouse, { users: 300, days: 20, seed: 42 });
  });
  afterAll(() => warehouse.close());

  it('fills every table, the same way for the same seed', async () => {
    const checksum = async (target: Warehouse) => {
      const sums: string[] = [];
      for (const table of SHOPPER_MONEY_TABLES) sums.push(String((await target.query(`SELECT count(*) || ':' || sum(hash(${table})) AS c FROM ${table}`)).rows[0]?.c));
      return sums;
    };
    const again = await Warehouse.open({ path: ':memory:', mode: 'read-write' });
    try {
      await seedDemo(again, { users: 300, days: 20, seed: 42 });
      expect(await checksum(again)).toEqual(await checksum(warehouse));
    } finally {
      again.close();
    }
    for (const table of SHOPPER_MONEY_TABLES) expect(await scalar(warehouse, `SELECT count(*) FROM ${table}`), table).toBeGreaterThan(0);
  });

  it('gives every shopper with an address exactly one default, parsed into street, city and province', async () => {
    expect(await scalar(warehouse, `SELECT count(*) FROM (SELECT user_id FROM customer_addresses GROUP BY user_id HAVING count(*) FILTER (WHERE is_default) <> 1)`)).toBe(0);
    // The default is the address of the shopper's latest order.
    expect(await scalar(warehouse, `
      SELECT count(*) FROM customer_addresses a
      WHERE a.is_default AND a.full_address <> (SELECT o.shipping_address FROM orders o WHERE o.user_id = a.user_id ORDER BY o.created_at DESC, o.order_id DESC LIMIT 1)`)).toBe(0);
    expect(await scalar(warehouse, `SELECT count(*) FROM customer_addresses WHERE street = full_address OR street LIKE '%省%' OR street LIKE '%区%' OR province IS NULL OR city IS NULL`)).toBe(0);
    expect(await scalar(warehouse, `SELECT count(*) FROM customer_addresses WHERE NOT ends_with(full_address, street)`)).toBe(0);
  });

  it('saves the methods a shopper paid with (cards with last4), and gift cards with a balance', async () => {
    expect(await scalar(warehouse, `
      SELECT count(*) FROM (SELECT DISTINCT user_id, payment_method FROM orders WHERE user_id IS NOT NULL AND payment_method <> 'cod') o
      WHERE NOT EXISTS (SELECT 1 FROM payment_methods m WHERE m.user_id = o.user_id AND m.kind = o.payment_method)`)).toBe(0);
    expect(await scalar(warehouse, `SELECT count(*) FROM payment_methods WHERE (kind IN ('credit_card', 'union_pay')) <> (last4 IS NOT NULL)`)).toBe(0);
    expect(await scalar(warehouse, `SELECT count(*) FROM payment_methods WHERE (kind = 'gift_card') <> (balance IS NOT NULL)`)).toBe(0);
    expect(await scalar(warehouse, `SELECT count(*) FROM payment_methods WHERE kind = 'gift_card'`)).toBeGreaterThan(0);
    expect(await scalar(warehouse, `SELECT count(*) FROM payment_methods WHERE kind = 'cod'`)).toBe(0);
  });

  it('charges each paid order its total and refunds cancelled and returned ones, never more than was charged', async () => {
    expect(await scalar(warehouse, `
      SELECT count(*) FROM orders o WHERE o.paid_at IS NOT NULL
        AND (SELECT coalesce(sum(amount), 0) FROM payments p WHERE p.order_id = o.order_id AND p.kind = 'charge') <> o.total_amount`)).toBe(0);
    expect(await scalar(warehouse, `SELECT count(*) FROM payments p JOIN orders o USING (order_id) WHERE o.paid_at IS NULL`)).toBe(0);
    expect(await scalar(warehouse, `
      SELECT count(*) FROM orders o WHERE o.paid_at IS NOT NULL AND o.status IN ('cancelled', 'returned')
        AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.order_id AND p.kind = 'refund')`)).toBe(0);
    expect(await scalar(warehouse, `
      SELECT count(*) FROM (SELECT order_id, sum(CASE kind WHEN 'charge' THEN amount ELSE -amount END) AS net FROM payments GROUP BY order_id) WHERE net < 0`)).toBe(0);
    expect(await scalar(warehouse, `SELECT count(*) FROM payments p JOIN orders o USING (order_id) WHERE p.method <> o.payment_method`)).toBe(0);
  });
});
