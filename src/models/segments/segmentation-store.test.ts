import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { trainingsSettled } from '../model-store/ensure-trained.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { computeSegmentation } from './compute-segmentation.ts';
import { HAND_CUSTOMERS, HAND_EXPECTED } from './rfm-hand-fixture.ts';
import { samplePcaPoints, summariseClusters, summariseRfmSegments } from './segment-summaries.ts';
import { ensureSegmentation } from './segmentation-store.ts';
import { listStoredModels } from '../model-store/stored-model.ts';
import { dataFingerprint, writeUserSegments } from './user-segments-table.ts';

const AS_OF = '2025-06-30';

function daysBefore(days: number, time = '12:00:00'): string {
  const date = new Date(`${AS_OF}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return `${date.toISOString().slice(0, 10)} ${time}`;
}

/**
 * The hand-scored customers of rfm-scores.test.ts as real orders: each has `frequency` paid orders, the last
 * one `recencyDays` before AS_OF, worth `monetary` in total. Noise that must NOT count: an unpaid order after
 * the last paid one (user 9, which would otherwise make them recent), an order after AS_OF, and user 11, who
 * only browses (a prospect).
 */
async function handWarehouse(): Promise<Warehouse> {
  const warehouse = await Warehouse.open({ path: ':memory:' });
  await warehouse.run(`INSERT INTO products (product_id, title_en, category) VALUES (1, 'Mug', 'Home'), (2, 'Tea', 'Snacks')`);
  let orderId = 0;
  const orders: string[] = [];
  const lines: string[] = [];
  const addOrder = (userId: number, created: string, amount: number, paid: boolean) => {
    orderId += 1;
    orders.push(`(${orderId}, 'SO${orderId}', ${userId}, '${paid ? 'delivered' : 'cancelled'}', TIMESTAMP '${created}', ${paid ? `TIMESTAMP '${created}'` : 'NULL'}, ${amount}, ${amount})`);
    lines.push(`(${orderId}, 1, ${1 + (orderId % 2)}, 1, ${amount}, ${amount})`);
  };
  for (const customer of HAND_CUSTOMERS) {
    for (let earlier = customer.frequency - 1; earlier >= 1; earlier--) addOrder(customer.userId, daysBefore(customer.recencyDays + earlier), 1, true);
    addOrder(customer.userId, daysBefore(customer.recencyDays, '23:30:00'), customer.monetary - (customer.frequency - 1), true);
  }
  addOrder(9, daysBefore(0), 5000, false);
  addOrder(1, '2025-07-05 10:00:00', 7000, true);
  await warehouse.run(`INSERT INTO orders (order_id, order_no, user_id, status, created_at, paid_at, items_amount, total_amount) VALUES ${orders.join(', ')}`);
  await warehouse.run(`INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, amount) VALUES ${lines.join(', ')}`);
  const events: string[] = [];
  for (let userId = 1; userId <= 11; userId++) {
    for (let index = 0; index < 3 + userId; index++) {
      events.push(`(${userId * 100 + index}, ${userId}, ${userId * 10 + (index % 2)}, ${1 + (index % 2)}, '${index % 4 === 3 ? 'cart' : 'view'}', TIMESTAMP '${daysBefore(userId + index)}', ${10 + index}, '${userId % 2 === 0 ? 'ios' : 'pc'}')`);
    }
  }
  await warehouse.run(`INSERT INTO events (event_id, user_id, session_id, product_id, event_type, event_time, dwell_seconds, device) VALUES ${events.join(', ')}`);
  return warehouse;
}

let open: Warehouse | undefined;
afterEach(async () => {
  // A cancelled recompute may still be stopping: closing under its queries crashed the test worker.
  if (open) await trainingsSettled(open);
  open?.close();
  open = undefined;
});

describe('segmentation on a warehouse', () => {
  it('computes the hand-checked RFM scores from orders, ignoring unpaid and later orders, and marks browsers as prospects', async () => {
    open = await handWarehouse();
    const segmentation = await computeSegmentation(open, AS_OF);
    const byUser = new Map(segmentation.users.map((user) => [user.userId, user]));
    for (const [userId, r, f, m, segment] of HAND_EXPECTED) {
      const user = byUser.get(userId);
      const customer = HAND_CUSTOMERS.find((candidate) => candidate.userId === userId);
      expect([user?.recencyScore, user?.frequencyScore, user?.monetaryScore, user?.rfmSegment]).toEqual([r, f, m, segment]);
      expect([user?.recencyDays, user?.frequency, user?.monetary]).toEqual([customer?.recencyDays, customer?.frequency, customer?.monetary]);
    }
    expect(byUser.get(11)).toMatchObject({ rfmSegment: 'prospects', rfmSegmentZh: '潜在客户（未购买）', frequency: 0, recencyScore: null });
    expect(segmentation.model.buyers).toBe(10);
    expect(segmentation.model.users).toBe(11);
    // Seeded: the same data gives the same clusters and coordinates.
    expect((await computeSegmentation(open, AS_OF)).users).toEqual(segmentation.users);
  });

  it('writes user_segments, summaries add up to the independently computed GMV, and a second call reuses it', async () => {
    open = await handWarehouse();
    const first = await ensureSegmentation(open, AS_OF);
    expect(first.recomputed).toBe(true);
    // Derived data stays out of the behaviour tables (main): only the cache schema holds it.
    const inMain = await open.query("SELECT count(*) AS tables FROM duckdb_tables() WHERE schema_name = 'main' AND table_name IN ('user_segments', 'segmentation_model')");
    expect(inMain.rows[0]?.tables).toBe(0);
    const columns = await open.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'shoplens_cache' AND table_name = 'user_segments' ORDER BY ordinal_position`);
    expect(columns.rows.map((row) => `${row.column_name} ${row.data_type}`)).toEqual([
      'user_id BIGINT', 'rfm_segment VARCHAR', 'rfm_segment_zh VARCHAR', 'recency_days INTEGER', 'frequency INTEGER', 'monetary DOUBLE',
      'r_score INTEGER', 'f_score INTEGER', 'm_score INTEGER', 'cluster INTEGER', 'cluster_label VARCHAR', 'cluster_label_zh VARCHAR',
      'pca_x DOUBLE', 'pca_y DOUBLE', 'segment VARCHAR', 'computed_at_as_of DATE',
    ]);
    const stored = await open.query(`SELECT count(*) AS users, count(*) FILTER (WHERE segment = rfm_segment) AS same, min(computed_at_as_of) AS as_of FROM shoplens_cache.user_segments`);
    expect(stored.rows[0]).toEqual({ users: 11, same: 11, as_of: AS_OF });

    const gmv = await open.query(`SELECT sum(i.amount) AS gmv FROM orders o JOIN order_items i USING (order_id) WHERE o.paid_at IS NOT NULL AND o.created_at < DATE '${AS_OF}' + 1`);
    const segments = await summariseRfmSegments(open);
    expect(segments.reduce((sum, segment) => sum + segment.total_spend, 0)).toBeCloseTo(Number(gmv.rows[0]?.gmv), 6);
    expect(segments.reduce((sum, segment) => sum + segment.users, 0)).toBe(11);
    expect(segments.find((segment) => segment.segment === 'champions')?.users).toBe(2);
    const clusters = await summariseClusters(open);
    expect(clusters.reduce((sum, cluster) => sum + cluster.share, 0)).toBeCloseTo(1, 9);
    expect(clusters).toHaveLength(first.model.clusterCount);
    expect(await samplePcaPoints(open, 5)).toHaveLength(5);

    const second = await ensureSegmentation(open, AS_OF);
    expect(second.recomputed).toBe(false);
    expect(second.model.profiles).toEqual(first.model.profiles);
    // New data makes the stored segmentation stale.
    await open.run(`INSERT INTO events (event_id, user_id, session_id, event_type, event_time) VALUES (999999, 12, 999, 'search', TIMESTAMP '${daysBefore(1)}')`);
    const third = await ensureSegmentation(open, AS_OF);
    expect(third.recomputed).toBe(true);
    expect(third.model.users).toBe(12);
  });

  it('recomputes through the model store: progress, one shared training for concurrent questions, listed with the models', async () => {
    open = await handWarehouse();
    const phases: string[] = [];
    const [first, second] = await Promise.all([
      ensureSegmentation(open, AS_OF, { onProgress: (progress) => phases.push(progress.phase) }),
      ensureSegmentation(open, AS_OF),
    ]);
    expect(first.recomputed).toBe(true);
    expect(second.model).toEqual(first.model);
    expect(phases).toEqual(expect.arrayContaining(['writing user_segments', 'done']));
    const listed = (await listStoredModels(open)).find((model) => model.model === 'customer_segments');
    expect(listed?.metrics.users).toBe(first.model.users);
    // A cancelled question rejects with a cancellation; the segmentation already stored stays current and usable.
    const controller = new AbortController();
    const cancelled = ensureSegmentation(open, AS_OF, { recompute: true, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(cancelled).rejects.toThrow(/cancel/i);
    expect((await ensureSegmentation(open, AS_OF)).recomputed).toBe(false);
  });

  it('refuses to recompute on a read-only warehouse, with advice', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-segments-'));
    try {
      const file = path.join(folder, 'shop.duckdb');
      const writer = await Warehouse.open({ path: file });
      await writer.run(`INSERT INTO orders (order_id, order_no, user_id, status, created_at, paid_at, items_amount, total_amount) VALUES (1, 'A1', 7, 'paid', TIMESTAMP '2025-06-01 10:00:00', TIMESTAMP '2025-06-01 10:00:00', 10, 10)`);
      await writer.run(`INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, amount) VALUES (1, 1, 1, 1, 10, 10)`);
      writer.close();
      open = await Warehouse.open({ path: file, mode: 'read-only' });
      await expect(ensureSegmentation(open, AS_OF)).rejects.toThrow(/read-only.*sandboxed/);
    } finally {
      open?.close();
      open = undefined;
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('replaces the previous segmentation atomically: a failing write leaves it untouched', async () => {
    open = await handWarehouse();
    await ensureSegmentation(open, AS_OF);
    const before = await open.query('SELECT * FROM shoplens_cache.user_segments ORDER BY user_id');
    const meta = await open.query('SELECT value FROM shoplens_cache.segmentation_model');
    const segmentation = await computeSegmentation(open, AS_OF);
    const first = segmentation.users[0];
    if (!first) throw new Error('no users');
    const broken = { ...segmentation, users: [...segmentation.users, { ...first, rfmSegment: 'lost' as const }] };
    await expect(writeUserSegments(open, broken, await dataFingerprint(open))).rejects.toThrow(/PRIMARY KEY|primary key|Duplicate|duplicate/);
    expect((await open.query('SELECT * FROM shoplens_cache.user_segments ORDER BY user_id')).rows).toEqual(before.rows);
    expect((await open.query('SELECT value FROM shoplens_cache.segmentation_model')).rows).toEqual(meta.rows);
  });
});
