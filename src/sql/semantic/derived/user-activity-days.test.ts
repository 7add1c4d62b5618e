import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse.ts';
import { DIMENSIONS } from '../catalogue/dimensions.ts';
import { METRICS } from '../catalogue/metrics.ts';
import { compileContribution } from '../compile/compile-contribution.ts';
import { compileDistribution } from '../compile/compile-distribution.ts';
import { compileFunnel } from '../compile/compile-funnel.ts';
import { compileRetention } from '../compile/compile-retention.ts';
import { compileSemanticQuery } from '../compile/compile-query.ts';
import type { CompiledQuery } from '../compile/compiled-query.ts';
import { buildRandomFixture } from '../testing/random-fixture.ts';
import { loadFixture } from '../testing/semantic-fixture.ts';
import { USER_ACTIVITY_DAYS, userActivityDaysReady } from './user-activity-days.ts';

const WINDOW = { start: '2025-10-20', end: '2025-11-23' };

/** Queries whose SQL reads activity: both retention modes, a user filter, and the day-N metrics by a user and a first-event attribute. */
const QUERIES: { name: string; compile: (derived: boolean) => CompiledQuery }[] = [
  { name: 'day-N cohorts', compile: (derived) => compileRetention({ timeRange: WINDOW, days: [1, 3, 7] }, { derived: { userActivityDays: derived } }) },
  { name: 'week-N cohorts', compile: (derived) => compileRetention({ timeRange: WINDOW, mode: 'weeks', weeks: 4 }, { derived: { userActivityDays: derived } }) },
  {
    name: 'cohorts of one city tier',
    compile: (derived) => compileRetention({ timeRange: WINDOW, filters: [{ dimension: 'city_tier', operator: 'in', values: ['tier1'] }] }, { derived: { userActivityDays: derived } }),
  },
  ...['channel', 'device'].map((dimension) => ({
    name: `day-1 and day-7 retention by ${dimension}`,
    compile: (derived: boolean) =>
      compileSemanticQuery({ metrics: ['day1_retention', 'day7_retention', 'new_users'], dimensions: [dimension], timeRange: WINDOW }, { derived: { userActivityDays: derived } }),
  })),
  {
    name: 'day-30 and next-month retention by channel',
    compile: (derived: boolean) =>
      compileSemanticQuery({ metrics: ['day30_retention', 'month1_retention', 'new_users'], dimensions: ['channel'], timeRange: { start: '2025-09-01', end: '2025-11-23' } }, { derived: { userActivityDays: derived } }),
  },
];

describe('user_activity_days cache', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open({ path: ':memory:' });
    await loadFixture(warehouse, buildRandomFixture(11, 150));
  });
  afterAll(() => warehouse.close());

  it('is built on first use, reused while the data is unchanged, and rebuilt when orders change', async () => {
    expect(await userActivityDaysReady(warehouse)).toBe(true);
    const builtAt = async () => (await warehouse.query(`SELECT strftime(built_at, '%c.%f') AS at FROM shoplens_cache.derived_tables`)).rows[0]?.at;
    const first = await builtAt();
    expect(first).toBeTypeOf('string');
    expect(await userActivityDaysReady(warehouse)).toBe(true);
    expect(await builtAt()).toBe(first);
    const before = Number((await warehouse.query(`SELECT count(*) AS days FROM ${USER_ACTIVITY_DAYS}`)).rows[0]?.days);
    // A new customer's first order on a day of its own adds one user-day.
    await warehouse.run(`INSERT INTO orders SELECT * REPLACE (999001 AS order_id, 'T-999001' AS order_no, 987654 AS user_id) FROM orders ORDER BY order_id LIMIT 1`);
    expect(await userActivityDaysReady(warehouse)).toBe(true);
    expect(await builtAt()).not.toBe(first);
    expect(Number((await warehouse.query(`SELECT count(*) AS days FROM ${USER_ACTIVITY_DAYS}`)).rows[0]?.days)).toBe(before + 1);
  });

  it.each(QUERIES)('answers $name exactly as the events table does', async ({ compile }) => {
    expect(await userActivityDaysReady(warehouse)).toBe(true);
    const cached = compile(true);
    expect(cached.sql).toContain(USER_ACTIVITY_DAYS);
    expect(cached.sql).not.toMatch(/FROM events/);
    const uncached = compile(false);
    // Filter values travel as parameters (never spliced into the SQL).
    const direct = await warehouse.query(uncached.sql, uncached.parameters);
    expect(direct.rows.length).toBeGreaterThan(0);
    expect((await warehouse.query(cached.sql, cached.parameters)).rows).toEqual(direct.rows);
  });
});

describe('SQL compiled for the cache that does not name it', () => {
  // runAnalysis compiles once for the cache, and for events only when that SQL names the cache table and the cache is
  // not current.
  it('is the events-table SQL: every metric by no, a time and each other dimension, and the other analyses', () => {
    const compilers: { name: string; compile: (derived: boolean) => CompiledQuery }[] = [
      ...METRICS.flatMap((metric) =>
        [[], ['day'], ...DIMENSIONS.filter((dimension) => dimension.kind !== 'time').map((dimension) => [dimension.id])].map((dimensions) => ({
          name: `${metric.id} by [${dimensions.join(', ')}]`,
          compile: (derived: boolean) => compileSemanticQuery({ metrics: [metric.id], dimensions, timeRange: WINDOW, compareTo: { start: '2025-09-15', end: '2025-10-19' } }, { derived: { userActivityDays: derived } }),
        })),
      ),
      { name: 'funnel', compile: (derived) => compileFunnel({ timeRange: WINDOW, steps: ['view', 'cart', 'purchase'], dimensions: ['device'] }, { derived: { userActivityDays: derived } }) },
      { name: 'distribution', compile: (derived) => compileDistribution({ timeRange: WINDOW, subject: 'order_amount' }, { derived: { userActivityDays: derived } }) },
      { name: 'contribution', compile: (derived) => compileContribution({ timeRange: WINDOW, compareTo: { start: '2025-09-15', end: '2025-10-19' }, metric: 'gmv' }, { derived: { userActivityDays: derived } }) },
    ];
    let withoutCache = 0;
    let failures = 0;
    for (const { name, compile } of compilers) {
      let cached: CompiledQuery;
      try {
        cached = compile(true);
      } catch (error) {
        // A metric that cannot be split by a dimension fails the same way without the cache.
        expect(() => compile(false), name).toThrow((error as Error).message);
        failures += 1;
        continue;
      }
      if (cached.sql.includes(USER_ACTIVITY_DAYS)) continue;
      expect(compile(false), name).toEqual(cached);
      withoutCache += 1;
    }
    expect(withoutCache).toBeGreaterThan(compilers.length / 2);
    expect(failures).toBeLessThan(compilers.length / 2);
  });
});
