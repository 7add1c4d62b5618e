import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsAgent } from '../../analytics/analytics-agent.ts';
import { seedIntoClickHouse } from '../../seed/seed-into-clickhouse.ts';
import { CACHE_WRITER_SETTING, openWarehouseAt } from '../../sql/engine/open-engine-warehouse.ts';
import { loadAsOfDate } from '../../sql/semantic/index.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { ensureSegmentation } from './segmentation-store.ts';

// "By segment" questions with a read-only ClickHouse user: the behaviour connection is opened read-only (ClickHouse
// itself refuses its writes, as the readonly = 2 profile does on a server), and only the cache-writer connection may
// copy the segmentation into shoplens_cache. On chDB both are connections to the same folder.
const SEED = { users: 200, days: 40, seed: 5, endDate: '2025-11-30' };
const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-cache-writer-'));
const location = { kind: 'chdb' as const, path: path.join(folder, 'shop-ch'), database: 'shoplens' };
const NO_ENVIRONMENT = {};

beforeAll(async () => {
  await seedIntoClickHouse(location, SEED);
}, 120_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function cachedSegmentTables(warehouse: Warehouse): Promise<number> {
  const { rows } = await (warehouse.behaviourEngine as NonNullable<Warehouse['behaviourEngine']>).query(
    "SELECT count() AS tables FROM system.tables WHERE database = 'shoplens_cache' AND name = 'user_segments'",
  );
  return Number(rows[0]?.tables);
}

describe('segments on ClickHouse with a read-only user', () => {
  it('without a cache writer: segment_customers still answers, the copy is refused by ClickHouse and the warning says what to configure', async () => {
    const warehouse = await openWarehouseAt(location, { mode: 'sandboxed', readOnlyEngine: true }, NO_ENVIRONMENT);
    try {
      const ensured = await ensureSegmentation(warehouse, await loadAsOfDate(warehouse));
      expect(ensured.model.users).toBeGreaterThan(100);
      expect(ensured.clickHouseCopyWarning).toContain('Cannot execute query in readonly mode');
      expect(ensured.clickHouseCopyWarning).toContain(`Set ${CACHE_WRITER_SETTING} to a ClickHouse user with SELECT, INSERT, CREATE TABLE and DROP TABLE on shoplens_cache.* only`);
      expect(await cachedSegmentTables(warehouse)).toBe(0);
    } finally {
      warehouse.close();
    }
  }, 60_000);

  it('with the cache writer: the copy lands in shoplens_cache, "by segment" questions answer, and the reading connection still cannot write', async () => {
    const warehouse = await openWarehouseAt(location, { mode: 'sandboxed', readOnlyEngine: true }, { [CACHE_WRITER_SETTING]: `chdb://${location.path}` });
    try {
      const ensured = await ensureSegmentation(warehouse, await loadAsOfDate(warehouse));
      expect(ensured.clickHouseCopyWarning).toBeUndefined();
      expect(await cachedSegmentTables(warehouse)).toBe(1);
      const reader = warehouse.behaviourEngine as NonNullable<Warehouse['behaviourEngine']>;
      const copied = await reader.query('SELECT count() AS users FROM shoplens_cache.user_segments');
      expect(Number(copied.rows[0]?.users)).toBe(ensured.model.users);
      await expect(reader.writeBatch(['DROP TABLE shoplens_cache.user_segments'])).rejects.toThrow(/readonly mode/);
      const agent = await AnalyticsAgent.create({ warehouse });
      const { answer } = await agent.ask('上个月各客户分群的GMV', { planner: 'offline' });
      expect(answer.status, answer.answer).toBe('answered');
      expect(answer.sql).toContain('user_segments');
      expect(answer.rows.length).toBeGreaterThan(1);
    } finally {
      warehouse.close();
    }
  }, 60_000);

  it('refuses a cache writer that names another warehouse', async () => {
    await expect(openWarehouseAt(location, { mode: 'sandboxed' }, { [CACHE_WRITER_SETTING]: `chdb://${folder}/elsewhere` }))
      .rejects.toThrow(/must name the same ClickHouse as the warehouse/);
  });
});
