import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../sql/warehouse.ts';
import { seedDemo, type SeedOptions } from './seed-demo.ts';
import { SEEDED_TABLES } from './staging-schema.ts';

const SMALL: SeedOptions = { users: 300, days: 20, seed: 42 };

/** Order-independent content checksum: row count plus the sum of every column's hash. */
async function checksums(warehouse: Warehouse): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of SEEDED_TABLES) {
    const { rows } = await warehouse.query(`SELECT count(*)::VARCHAR || ':' || sum(hash(${table}))::VARCHAR AS checksum FROM ${table}`);
    result[table] = String(rows[0]?.checksum);
  }
  return result;
}

async function seeded(options: SeedOptions): Promise<Warehouse> {
  const warehouse = await Warehouse.open({ path: ':memory:', mode: 'read-write' });
  await seedDemo(warehouse, options);
  return warehouse;
}

async function scalar(warehouse: Warehouse, sql: string): Promise<number> {
  const { rows } = await warehouse.query(sql);
  return Number(Object.values(rows[0] ?? {})[0]);
}

describe('seedDemo (small)', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await seeded(SMALL);
  });
  afterAll(() => warehouse.close());

  it('produces identical tables for the same options and different ones for another seed', async () => {
    const first = await checksums(warehouse);
    const again = await seeded(SMALL);
    const other = await seeded({ ...SMALL, seed: 43 });
    try {
      expect(await checksums(again)).toEqual(first);
      const different = await checksums(other);
      for (const table of ['users', 'events', 'orders', 'order_items', 'reviews']) {
        expect(different[table], table).not.toBe(first[table]);
      }
    } finally {
      again.close();
      other.close();
    }
  });

  it('refuses a warehouse open read-only (a server\'s sandboxed one may seed: its own writes work)', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-seed-read-only-'));
    try {
      const file = path.join(folder, 'x.duckdb');
      (await Warehouse.open({ path: file, mode: 'read-write' })).close();
      const readOnly = await Warehouse.open({ path: file, mode: 'read-only' });
      try {
        await expect(seedDemo(readOnly, SMALL)).rejects.toMatchObject({ name: 'SeedError' });
      } finally {
        readOnly.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('records only deterministic parameters in meta', async () => {
    const { rows } = await warehouse.query(`SELECT key, value FROM meta WHERE key NOT IN ('schema_version', 'warehouse_profile') ORDER BY key`);
    expect(rows).toEqual([
      { key: 'dataset', value: 'demo' },
      { key: 'days', value: '20' },
      { key: 'end_date', value: '2025-11-30' },
      { key: 'seed', value: '42' },
      { key: 'shop_currency', value: 'CNY' },
      { key: 'shop_locale', value: 'zh-CN' },
      { key: 'shop_time_zone', value: 'Asia/Shanghai' },
      { key: 'users', value: '300' },
    ]);
    // The stored profile holds no timestamp, so two identical seeds stay identical.
    const profile = await warehouse.query(`SELECT value FROM meta WHERE key = 'warehouse_profile'`);
    expect(JSON.parse(String(profile.rows[0]?.value))).toMatchObject({ profile: { tableRows: { users: 300 } }, dateRange: { to: '2025-11-30' } });
  });

  it('keeps events inside the window with unique ids and matches every purchase to an order line', async () => {
    expect(await scalar(warehouse, `SELECT count(*) - count(DISTINCT event_id) FROM events`)).toBe(0);
    expect(await scalar(warehouse, `SELECT count(*) FROM events WHERE event_time < '2025-11-11' OR event_time >= '2025-12-01'`)).toBe(0);
    const purchases = await scalar(warehouse, `SELECT count(*) FROM events WHERE event_type = 'purchase'`);
    expect(purchases).toBeGreaterThan(0);
    expect(await scalar(warehouse, `SELECT count(*) FROM order_items`)).toBe(purchases);
    const matched = await scalar(
      warehouse,
      `SELECT count(*) FROM events e
       JOIN orders o ON o.user_id = e.user_id AND o.created_at = e.event_time AND o.device = e.device
       JOIN order_items i ON i.order_id = o.order_id AND i.product_id = e.product_id
       WHERE e.event_type = 'purchase'`,
    );
    expect(matched).toBe(purchases);
    expect(await scalar(warehouse, `SELECT count(*) FROM events WHERE event_type = 'search' AND (search_query IS NULL OR product_id IS NOT NULL OR page <> 'search')`)).toBe(0);
    expect(await scalar(warehouse, `SELECT count(*) FROM events WHERE event_type <> 'search' AND product_id IS NULL`)).toBe(0);
  });

  it('keeps order amounts consistent', async () => {
    expect(await scalar(warehouse, `SELECT count(*) FROM order_items WHERE amount <> quantity * unit_price`)).toBe(0);
    expect(
      await scalar(
        warehouse,
        `SELECT count(*) FROM orders o JOIN (SELECT order_id, sum(amount) AS items FROM order_items GROUP BY ALL) i USING (order_id)
         WHERE o.items_amount <> i.items OR o.total_amount <> o.items_amount - o.discount_amount + o.shipping_fee`,
      ),
    ).toBe(0);
    expect(await scalar(warehouse, `SELECT count(*) FROM orders WHERE shipping_fee > 0 AND items_amount - discount_amount >= 99`)).toBe(0);
    expect(await scalar(warehouse, `SELECT count(*) FROM products p JOIN order_items i USING (product_id) WHERE i.unit_price <> p.price`)).toBe(0);
    expect(await scalar(warehouse, `SELECT count(*) - count(DISTINCT order_no) FROM orders`)).toBe(0);
    expect(await scalar(warehouse, `SELECT count(*) FROM orders WHERE NOT regexp_full_match(order_no, 'SL\\d{8}\\d{8}')`)).toBe(0);
  });

  it('gives every status a plausible timeline', async () => {
    const violations = await scalar(
      warehouse,
      `SELECT count(*) FROM orders WHERE
         (paid_at IS NOT NULL AND paid_at < created_at)
         OR (shipped_at IS NOT NULL AND (paid_at IS NULL OR shipped_at < paid_at))
         OR (delivered_at IS NOT NULL AND (shipped_at IS NULL OR delivered_at < shipped_at))
         OR (returned_at IS NOT NULL AND (delivered_at IS NULL OR returned_at <= delivered_at))
         OR (cancelled_at IS NOT NULL AND shipped_at IS NOT NULL)
         OR (status = 'pending' AND paid_at IS NOT NULL)
         OR (status = 'paid' AND (paid_at IS NULL OR shipped_at IS NOT NULL OR cancelled_at IS NOT NULL))
         OR (status = 'shipped' AND (shipped_at IS NULL OR delivered_at IS NOT NULL))
         OR (status = 'delivered' AND (delivered_at IS NULL OR returned_at IS NOT NULL))
         OR (status = 'cancelled' AND cancelled_at IS NULL)
         OR (status = 'returned' AND returned_at IS NULL)
         OR ((shipped_at IS NULL) <> (carrier IS NULL)) OR ((carrier IS NULL) <> (tracking_number IS NULL))
         OR greatest(created_at, paid_at, shipped_at, delivered_at, cancelled_at, returned_at) >= TIMESTAMP '2025-12-01'`,
    );
    expect(violations).toBe(0);
    expect(
      await scalar(
        warehouse,
        `SELECT count(*) FROM orders o WHERE (status = 'returned') <> EXISTS
           (SELECT 1 FROM order_items i WHERE i.order_id = o.order_id AND i.returned_quantity > 0)`,
      ),
    ).toBe(0);
  });

  it('writes reviews only after delivery, for products the reviewer ordered', async () => {
    expect(await scalar(warehouse, `SELECT count(*) FROM reviews`)).toBeGreaterThan(0);
    expect(
      await scalar(
        warehouse,
        `SELECT count(*) FROM reviews r LEFT JOIN orders o USING (order_id)
         LEFT JOIN order_items i ON i.order_id = r.order_id AND i.product_id = r.product_id
         WHERE o.delivered_at IS NULL OR r.created_at <= o.delivered_at OR r.user_id <> o.user_id OR i.order_id IS NULL`,
      ),
    ).toBe(0);
  });

  it('never shows a product before its launch date', async () => {
    expect(
      await scalar(warehouse, `SELECT count(*) FROM events e JOIN products p USING (product_id) WHERE e.event_time::DATE < p.launch_date`),
    ).toBe(0);
  });

  it('leaves the previous data intact when seeding fails half-way', async () => {
    const before = await checksums(warehouse);
    await expect(
      seedDemo(warehouse, { users: 200, days: 10, seed: 7 }, (progress) => {
        if (progress.phase === 'loading' && progress.done === 3) throw new Error('simulated failure while loading');
      }),
    ).rejects.toMatchObject({ name: 'SeedError', message: expect.stringContaining('simulated failure') });
    expect(await checksums(warehouse)).toEqual(before);
    expect(await scalar(warehouse, `SELECT value FROM meta WHERE key = 'users'`)).toBe(300);
  });
});
