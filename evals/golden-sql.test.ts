import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonRow } from '../src/sql/json-values.ts';
import { seedDemo } from '../src/seed/seed-demo.ts';
import { Warehouse } from '../src/sql/warehouse.ts';
import { runGold } from './evaluate-units.ts';
import { checkGoldItem } from './gold-checks.ts';
import { itemsOf, loadGoldenSet } from './load-golden.ts';

// A small demo with the default window (2025-09-02 … 2025-11-30), so every relative period in the golden set
// has data; the full default demo is checked by golden-sql.int.test.ts.
const SMALL_DEMO = { users: 500, days: 90, seed: 42, endDate: '2025-11-30' };

const items = itemsOf(loadGoldenSet());

describe('gold SQL on a small demo', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open({ path: ':memory:', mode: 'read-write' });
    await seedDemo(warehouse, SMALL_DEMO);
  });
  afterAll(() => warehouse.close());

  const goldOf = async (id: string): Promise<JsonRow[]> => {
    const sql = items.find((item) => item.id === id)?.goldSql;
    if (sql === undefined) throw new Error(`no gold SQL for ${id}`);
    return (await runGold(warehouse, sql)).rows;
  };
  const total = (rows: JsonRow[], column: string) => rows.reduce((sum, row) => sum + Number(row[column]), 0);

  it('runs every gold query: no errors, rows unless allow_empty, ratios within 0–1', async () => {
    const problems: string[] = [];
    for (const item of items) {
      const check = await checkGoldItem(warehouse, item, { checkTies: false });
      problems.push(...check.problems.map((problem) => `${item.id}: ${problem}`));
    }
    expect(problems).toEqual([]);
  });

  // Independent gold queries for the same facts must agree; this catches slips in hand-written SQL.
  it('agrees with itself: last week’s GMV equals its split by category, by city and the comparison’s current value', async () => {
    const [lookup] = await goldOf('lookup-gmv-last-week-zh');
    const gmv = Number(lookup?.gmv);
    expect(gmv).toBeGreaterThan(0);
    expect(total(await goldOf('breakdown-gmv-category-last-week-zh'), 'gmv')).toBeCloseTo(gmv, 2);
    expect(total(await goldOf('chain-gmv-city-mobile-zh-t2'), 'gmv')).toBeCloseTo(gmv, 2);
    expect(total(await goldOf('contribution-gmv-drop-last-week-category-zh'), 'value_current')).toBeCloseTo(gmv, 2);
    expect(Number((await goldOf('comparison-gmv-last-week-wow-zh'))[0]?.gmv)).toBeCloseTo(gmv, 2);
  });

  it('agrees with itself: monthly revenue matches last month, this month and the month-over-month comparison', async () => {
    const months = new Map((await goldOf('trend-monthly-revenue-en')).map((row) => [String(row.month), Number(row.gmv)]));
    const [comparison] = await goldOf('comparison-revenue-mom-en');
    expect(Number(comparison?.gmv)).toBeCloseTo(months.get('2025-11-01') ?? Number.NaN, 2);
    expect(Number(comparison?.gmv_previous)).toBeCloseTo(months.get('2025-10-01') ?? Number.NaN, 2);
    expect(Number((await goldOf('lookup-revenue-last-month-en'))[0]?.gmv)).toBeCloseTo(months.get('2025-10-01') ?? Number.NaN, 2);
  });

  it('agrees with itself: the funnel starts with no more users than visited, and steps only shrink', async () => {
    const funnel = await goldOf('funnel-last-week-en');
    const users = funnel.map((row) => Number(row.users));
    expect(users).toEqual([...users].sort((left, right) => right - left));
    expect(funnel[0]?.overall_conversion_rate).toBe(1);
    const [conversion] = await goldOf('lookup-conversion-last-week-en');
    expect(Number(conversion?.conversion_rate)).toBeGreaterThan(0);
  });

  it('agrees with itself: daily visitors equal daily DAU and weekly cohorts cover every new user', async () => {
    expect(await goldOf('trend-daily-visitors-last-14-days-en')).toEqual(
      (await goldOf('trend-daily-dau-last-14-days-zh')).map((row) => ({ day: row.day, uv: row.dau })),
    );
    const cohorts = await goldOf('retention-october-cohorts-en');
    const [october] = await goldOf('lookup-new-users-october-en');
    expect(total(cohorts, 'cohort_users')).toBe(Number(october?.new_users));
  });
});
