import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seed/seed-demo.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { segmentCustomersTool } from './segment-customers.ts';

const AS_OF = '2025-11-30';
let folder: string;
let warehouse: Warehouse;

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'shoplens-segment-tool-'));
  const file = path.join(folder, 'demo.duckdb');
  const writer = await Warehouse.open({ path: file, mode: 'read-write' });
  await seedDemo(writer, { users: 600, days: 45, seed: 5, endDate: AS_OF });
  writer.close();
  // The agent runs tools on a sandboxed warehouse: writing its own tables must still work.
  warehouse = await Warehouse.open({ path: file, mode: 'sandboxed' });
});

afterAll(() => {
  warehouse.close();
  rmSync(folder, { recursive: true, force: true });
});

const context = () => ({ warehouse, language: 'en' as const, asOf: AS_OF });

interface Table {
  columns: { id: string; unit: string; role: string }[];
  rows: Record<string, unknown>[];
}

describe('segment_customers tool', () => {
  it('segments every active user, and per-segment spend adds up to GMV computed independently', async () => {
    const result = (await segmentCustomersTool.execute({ method: 'both', recompute: false }, context())) as Record<string, unknown>;
    expect(result.recomputed).toBe(true);
    const rfm = result.rfm_segments as Table;
    const active = await warehouse.query(`SELECT count(*) AS n FROM (SELECT user_id FROM events UNION SELECT user_id FROM orders WHERE user_id IS NOT NULL)`);
    expect(rfm.rows.reduce((sum, row) => sum + Number(row.users), 0)).toBe(Number(active.rows[0]?.n));
    expect(rfm.rows.reduce((sum, row) => sum + Number(row.share), 0)).toBeCloseTo(1, 3);
    const gmv = await warehouse.query(`SELECT sum(i.amount) AS gmv FROM orders o JOIN order_items i USING (order_id) WHERE o.paid_at IS NOT NULL AND o.user_id IS NOT NULL`);
    expect(rfm.rows.reduce((sum, row) => sum + Number(row.total_spend), 0)).toBeCloseTo(Number(gmv.rows[0]?.gmv), 0);
    const buyers = await warehouse.query(`SELECT count(DISTINCT user_id) AS n FROM orders WHERE paid_at IS NOT NULL AND user_id IS NOT NULL`);
    expect(result.buyers).toBe(Number(buyers.rows[0]?.n));
    expect(rfm.rows.find((row) => row.segment_id === 'prospects')?.avg_r_score).toBeNull();

    const clusters = result.clusters as Table & { chosen_k: number; silhouette_by_k: Table };
    expect(clusters.rows).toHaveLength(clusters.chosen_k);
    expect(clusters.silhouette_by_k.rows.map((row) => row.k)).toEqual(['2', '3', '4', '5', '6', '7', '8']);
    const best = Math.max(...clusters.silhouette_by_k.rows.map((row) => Number(row.silhouette)));
    expect(clusters.silhouette_by_k.rows.find((row) => row.k === String(clusters.chosen_k))?.silhouette).toBe(best);
    for (const row of clusters.rows) expect(String(row.label_zh)).toMatch(/[\u4e00-\u9fff]/);

    const scatter = result.scatter as Table;
    expect(scatter.rows.length).toBe(200);
    for (const row of scatter.rows) expect([typeof row.x, typeof row.y]).toEqual(['number', 'number']);
    expect(result.columns).toEqual(rfm.columns);

    const stored = await warehouse.query(`SELECT count(*) AS users, count(DISTINCT segment) AS segments FROM shoplens_cache.user_segments`);
    expect(stored.rows[0]?.users).toBe(Number(active.rows[0]?.n));
  });

  it('reuses the stored segmentation, recomputes on request, and answers in Chinese', async () => {
    const reused = (await segmentCustomersTool.execute({ method: 'rfm', recompute: false }, context())) as Record<string, unknown>;
    expect(reused.recomputed).toBe(false);
    expect(reused.clusters).toBeUndefined();
    const chinese = (await segmentCustomersTool.execute({ method: 'kmeans', recompute: true }, { ...context(), language: 'zh' })) as Record<string, unknown>;
    expect(chinese.recomputed).toBe(true);
    const rows = chinese.rows as Record<string, unknown>[];
    for (const row of rows) expect(row.cluster_label).toBe(row.label_zh);
  });
});
