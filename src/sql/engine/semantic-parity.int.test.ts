import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS } from '../semantic/catalogue/metrics.ts';
import { compileContribution } from '../semantic/compile/compile-contribution.ts';
import { compileDistribution } from '../semantic/compile/compile-distribution.ts';
import { compileFunnel } from '../semantic/compile/compile-funnel.ts';
import { compileSemanticQuery, type CompileOptions } from '../semantic/compile/compile-query.ts';
import { compileRetention } from '../semantic/compile/compile-retention.ts';
import type { CompiledQuery } from '../semantic/compile/compiled-query.ts';
import { SemanticQueryError } from '../semantic/semantic-error.ts';
import { buildRandomFixture } from '../semantic/testing/random-fixture.ts';
import { loadFixture } from '../semantic/testing/semantic-fixture.ts';
import { CLICKHOUSE_DIALECT } from './clickhouse-dialect.ts';
import { resultDifferences } from './testing/compare-results.ts';
import { openEnginePair, type EnginePair } from './testing/fixture-engines.ts';

// The reference fixture's dimension sets (compile-query-reference.int.test.ts) and windows.
const DIMENSION_SETS = [
  [], ['category'], ['brand'], ['device'], ['city'], ['gender', 'channel'], ['age_band'], ['day'], ['week'], ['hour'], ['weekday'],
  ['new_vs_returning'], ['new_vs_returning', 'week'], ['payment_method'], ['language'], ['support_intent'], ['support_outcome'],
  ['support_intent', 'language'],
];
const WINDOWS = [
  { start: '2025-11-01', end: '2025-11-30' },
  { start: '2025-10-20', end: '2025-11-09' },
];

let engines: EnginePair;
let nonEmptyResults = 0;
beforeAll(async () => {
  engines = await openEnginePair((warehouse) => loadFixture(warehouse, buildRandomFixture(20251111)));
}, 60_000);
afterAll(async () => engines?.close());

/** Compiles once per dialect and runs each on its engine; returns the differences (empty when equal). */
async function differences(compile: (options: CompileOptions) => CompiledQuery): Promise<string[]> {
  const onDuckDb = compile({});
  const onClickHouse = compile({ dialect: CLICKHOUSE_DIALECT });
  const expected = await engines.duckdb.query(onDuckDb.sql, onDuckDb.parameters);
  if (expected.rows.length > 0) nonEmptyResults += 1;
  let actual;
  try {
    actual = await engines.chdb.query(onClickHouse.sql, onClickHouse.parameters);
  } catch (error) {
    return [`chDB failed: ${(error as Error).message.slice(0, 300)}`];
  }
  return resultDifferences(expected, actual);
}

function skipsUnsupported(error: unknown): boolean {
  return error instanceof SemanticQueryError && (error.parameter === 'dimensions' || error.parameter === 'filters');
}

describe('semantic compilers give the same answers on DuckDB and chDB', () => {
  it('for every metric × reference dimension set × window', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    const nonEmptyBefore = nonEmptyResults;
    for (const window of WINDOWS) {
      // The second window (across a month boundary) on a few sets only, to keep the suite within CI's time.
      for (const dimensions of window === WINDOWS[0] ? DIMENSION_SETS : DIMENSION_SETS.filter((set) => ['', 'day', 'week', 'category'].includes(set.join()))) {
        for (const metric of METRICS) {
          const input = { metrics: [metric.id], dimensions, timeRange: window };
          try {
            compileSemanticQuery(input);
          } catch (error) {
            if (skipsUnsupported(error)) continue;
            throw error;
          }
          const found = await differences((options) => compileSemanticQuery(input, options));
          if (found.length > 0) mismatches.push(`${metric.id} by [${dimensions}] ${window.start}: ${found.join(' | ')}`);
          checked += 1;
        }
      }
    }
    expect(mismatches.slice(0, 40)).toEqual([]);
    expect(checked).toBeGreaterThan(300);
    expect(nonEmptyResults - nonEmptyBefore).toBeGreaterThan(250);
  }, 240_000);

  it('with filters, comparisons, orderings and limits', async () => {
    const window = WINDOWS[0];
    const queries = [
      { metrics: ['gmv', 'orders'], dimensions: ['city'], filters: [{ dimension: 'gender', operator: 'in', values: ['female'] }], timeRange: window },
      { metrics: ['uv', 'conversion_rate'], dimensions: ['category'], filters: [{ dimension: 'city', operator: 'not_in', values: ['北京', 'shanghai'] }], timeRange: window },
      { metrics: ['gmv'], dimensions: ['category'], timeRange: window, compareTo: WINDOWS[1] },
      { metrics: ['aov', 'gmv'], timeRange: window, compareTo: WINDOWS[1] },
      { metrics: ['pv'], dimensions: ['day'], filters: [{ dimension: 'weekday', operator: 'in', values: [6, 7] }], timeRange: window },
      { metrics: ['gmv'], dimensions: ['brand'], orderBy: { field: 'gmv', direction: 'asc' }, limit: 3, timeRange: window },
      { metrics: ['orders'], dimensions: ['age_band'], filters: [{ dimension: 'age_band', operator: 'in', values: ['25-34'] }], timeRange: window, language: 'zh' },
      { metrics: ['uv'], dimensions: ['gender'], timeRange: window, language: 'zh' },
      { metrics: ['gmv', 'orders'], dimensions: ['category'], filters: [{ dimension: 'weekday', operator: 'in', values: [6, 7] }], timeRange: window, average: { per: 'day' } },
      { metrics: ['units'], timeRange: window, compareTo: WINDOWS[1], average: { per: 'week' } },
      { metrics: ['gmv'], dimensions: ['category', 'brand'], orderBy: { field: 'gmv', direction: 'desc' }, limitPerGroup: 2, timeRange: window },
      { metrics: ['gmv'], dimensions: ['category'], orderBy: { field: 'gmv', direction: 'desc' }, rankOf: { dimension: 'category', value: 'Phones' }, timeRange: window },
      // Numeric bounds bind their numbers as parameters of the value's type (a float for amounts).
      { metrics: ['orders', 'revenue_per_buyer'], filters: [{ dimension: 'order_amount', operator: 'gt', values: [300] }, { dimension: 'user_age', operator: 'between', values: [25, 34] }], timeRange: window },
      { metrics: ['units', 'cart_abandoners'], dimensions: ['category'], filters: [{ dimension: 'product_price', operator: 'lt', values: [99.5] }], timeRange: window },
      // A daily average split by weekday or weekend divides each group by its own days.
      { metrics: ['orders', 'buyers'], dimensions: ['day_type'], timeRange: window, average: { per: 'day' } },
      // So does one by weekday; by hour, each hour divides by every day of the period.
      { metrics: ['orders', 'gmv'], dimensions: ['weekday'], timeRange: WINDOWS[1], average: { per: 'day' } },
      { metrics: ['uv'], dimensions: ['weekday', 'hour'], filters: [{ dimension: 'weekday', operator: 'in', values: [6, 7] }], timeRange: window, average: { per: 'day' } },
      { metrics: ['orders'], dimensions: ['hour'], timeRange: window, compareTo: WINDOWS[1], average: { per: 'day' } },
      // Hours and weekdays recur in both periods of a comparison.
      { metrics: ['orders', 'conversion_rate'], dimensions: ['hour'], timeRange: { start: '2025-11-11', end: '2025-11-11' }, compareTo: { start: '2025-11-10', end: '2025-11-10' } },
      { metrics: ['gmv'], dimensions: ['weekday'], timeRange: { start: '2025-11-24', end: '2025-11-30' }, compareTo: { start: '2025-11-17', end: '2025-11-23' } },
      // Words inside text, any case, on both engines (ClickHouse's lower() folds only ASCII).
      { metrics: ['searches', 'searchers'], filters: [{ dimension: 'search_query', operator: 'contains', values: ['手机', 'SNACK'] }], timeRange: window },
      // One place below the first, and a breakdown without its all-zero groups.
      { metrics: ['gmv'], dimensions: ['brand'], orderBy: { field: 'gmv', direction: 'desc' }, limit: 1, offset: 2, timeRange: window },
      { metrics: ['cancelled_orders', 'returned_orders'], dimensions: ['city'], omitZeroRows: true, timeRange: window },
      // Running totals: a window over the buckets, restarting per device.
      { metrics: ['gmv', 'units'], dimensions: ['week', 'device'], timeRange: window, cumulative: true },
      // Groups kept by their value (HAVING), the bound a parameter on both engines.
      { metrics: ['gmv', 'orders'], dimensions: ['customer'], timeRange: window, thresholds: [{ metric: 'orders', operator: 'gte', values: [2] }, { metric: 'gmv', operator: 'gt', values: [100.5] }] },
    ];
    const mismatches: string[] = [];
    for (const input of queries) {
      const found = await differences((options) => compileSemanticQuery(input, options));
      if (found.length > 0) mismatches.push(`${JSON.stringify(input)}: ${found.join(' | ')}`);
    }
    expect(mismatches).toEqual([]);
  }, 60_000);

  it('for funnels, retention, distributions and contributions', async () => {
    const window = WINDOWS[0];
    const cases: [string, (options: CompileOptions) => CompiledQuery][] = [
      ['funnel', (options) => compileFunnel({ steps: ['view', 'cart', 'purchase'], timeRange: window }, options)],
      ['funnel by device', (options) => compileFunnel({ steps: ['view', 'cart', 'purchase'], dimension: 'device', timeRange: window }, options)],
      ['funnel by week zh', (options) => compileFunnel({ steps: ['view', 'purchase'], dimension: 'week', timeRange: window, language: 'zh' }, options)],
      ['retention days', (options) => compileRetention({ mode: 'days', days: [1, 3, 7], timeRange: { start: '2025-10-01', end: '2025-11-30' } }, options)],
      ['retention weeks', (options) => compileRetention({ mode: 'weeks', weeks: 4, timeRange: { start: '2025-10-01', end: '2025-11-30' } }, options)],
      ['retention filtered', (options) => compileRetention({ mode: 'days', days: [1, 7], timeRange: { start: '2025-10-01', end: '2025-11-30' }, filters: [{ dimension: 'gender', operator: 'in', values: ['male'] }] }, options)],
      ['price distribution', (options) => compileDistribution({ subject: 'product_price', timeRange: window }, options)],
      ['order amount distribution', (options) => compileDistribution({ subject: 'order_amount', timeRange: window }, options)],
      ['price distribution of a category', (options) => compileDistribution({ subject: 'product_price', edges: [0, 20, 50, 100], timeRange: window, filters: [{ dimension: 'category', operator: 'in', values: ['Snacks'] }] }, options)],
      ['order amounts of women', (options) => compileDistribution({ subject: 'order_amount', timeRange: window, filters: [{ dimension: 'gender', operator: 'in', values: ['female'] }] }, options)],
      ['contribution gmv', (options) => compileContribution({ metric: 'gmv', dimensions: ['city', 'device', 'weekday'], timeRange: window, compareTo: WINDOWS[1] }, options)],
      ['contribution ratio', (options) => compileContribution({ metric: 'conversion_rate', dimensions: ['category', 'gender'], timeRange: window, compareTo: WINDOWS[1] }, options)],
    ];
    const mismatches: string[] = [];
    for (const [name, compile] of cases) {
      const found = await differences(compile);
      if (found.length > 0) mismatches.push(`${name}: ${found.join(' | ')}`);
    }
    expect(mismatches).toEqual([]);
  }, 60_000);

  it('matches nothing for a hostile filter value on either engine', async () => {
    const input = { metrics: ['uv'], dimensions: ['city'], filters: [{ dimension: 'city', operator: 'in', values: ["nobody\\' OR 1=1 --"] }], timeRange: WINDOWS[0] };
    for (const [engine, dialect] of [[engines.duckdb, undefined], [engines.chdb, CLICKHOUSE_DIALECT]] as const) {
      const compiled = compileSemanticQuery(input, dialect ? { dialect } : {});
      expect(compiled.sql).not.toContain('nobody');
      expect((await engine.query(compiled.sql, compiled.parameters)).rows).toEqual([]);
    }
    // The same value unfiltered would have matched rows, so an empty answer means the filter held.
    const unfiltered = compileSemanticQuery({ ...input, filters: [] }, { dialect: CLICKHOUSE_DIALECT });
    expect((await engines.chdb.query(unfiltered.sql, unfiltered.parameters)).rows.length).toBeGreaterThan(0);
  });
});
