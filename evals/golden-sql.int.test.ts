import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/seed/seed-demo.ts';
import { Warehouse } from '../src/sql/warehouse.ts';
import { checkGoldItem } from './gold-checks.ts';
import { itemsOf, loadGoldenSet } from './load-golden.ts';

/**
 * Every gold query against the full default demo (20,000 users × 90 days, seed 42), which is what `npm run eval`
 * scores against: no errors, rows, ratios within 0–1 and no ranking whose LIMIT cuts through a tie. Set
 * SHOPLENS_EVAL_DB to an already seeded default demo to skip the ~10 s of seeding.
 */
describe('gold SQL on the default demo', () => {
  let warehouse: Warehouse;
  let directory: string | undefined;

  beforeAll(async () => {
    const cached = process.env.SHOPLENS_EVAL_DB;
    if (cached && existsSync(cached)) {
      warehouse = await Warehouse.open({ path: cached, mode: 'read-only' });
      return;
    }
    directory = mkdtempSync(path.join(tmpdir(), 'shoplens-golden-'));
    warehouse = await Warehouse.open({ path: path.join(directory, 'demo.duckdb'), mode: 'read-write' });
    await seedDemo(warehouse, {});
  }, 120_000);

  afterAll(() => {
    warehouse?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('is seeded with the default demo', async () => {
    const { rows } = await warehouse.query('SELECT count(*) AS users FROM users');
    expect(rows[0]?.users).toBe(20_000);
  });

  it('runs every gold query cleanly, with untied rankings', async () => {
    const problems: string[] = [];
    for (const item of itemsOf(loadGoldenSet())) {
      const check = await checkGoldItem(warehouse, item, { checkTies: true });
      problems.push(...check.problems.map((problem) => `${item.id}: ${problem}`));
    }
    expect(problems).toEqual([]);
  }, 60_000);
});
