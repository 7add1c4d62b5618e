import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEnginePair, type EnginePair } from '../sql/engine/testing/fixture-engines.ts';
import { sameValue } from '../sql/engine/testing/compare-results.ts';
import type { JsonValue } from '../sql/json-values.ts';
import { buildRandomFixture } from '../sql/semantic/testing/random-fixture.ts';
import { loadFixture } from '../sql/semantic/testing/semantic-fixture.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { loadBaskets } from './baskets/load-baskets.ts';
import { FORECAST_METRICS, loadMetricSeries, resolveCategory } from './forecast/daily-series.ts';

// The model tools that run on ClickHouse (ENGINE_READY_TOOLS of analytics-agent.ts) read the behaviour tables
// through these loaders: over the reference fixture they must load the same data from DuckDB and from chDB.
const AS_OF = '2025-11-30';
let engines: EnginePair;
let chdb: Warehouse;

beforeAll(async () => {
  engines = await openEnginePair((warehouse) => loadFixture(warehouse, buildRandomFixture(20251111)));
  // What openWarehouseAt builds for a chdb:// location: a DuckDB state file (empty tables) with chDB behind it.
  chdb = await Warehouse.open({ path: ':memory:' });
  chdb.behaviourEngine = engines.chdb;
}, 60_000);
afterAll(async () => {
  chdb.behaviourEngine = undefined;
  chdb?.close();
  await engines?.close();
});

/** Deep equality with floats to 1e-9 relative; Maps compared as their entries. */
function differences(expected: unknown, actual: unknown, where = '$'): string[] {
  if (expected instanceof Map && actual instanceof Map) return differences([...expected.entries()], [...actual.entries()], where);
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return [`${where}: length ${expected.length} vs ${actual.length}`];
    return expected.flatMap((item, index) => differences(item, actual[index], `${where}[${index}]`)).slice(0, 5);
  }
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object') {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
    return keys.flatMap((key) => differences((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], `${where}.${key}`)).slice(0, 5);
  }
  return sameValue((expected ?? null) as JsonValue, (actual ?? null) as JsonValue) ? [] : [`${where}: ${JSON.stringify(expected)} vs ${JSON.stringify(actual)}`];
}

describe('model-tool queries on DuckDB and chDB over the reference fixture', () => {
  it('forecast_metric: every metric daily series, whole shop and per category, is the same', async () => {
    const duckdb = engines.duckdb.warehouse;
    const categories = (await duckdb.query('SELECT DISTINCT category FROM products WHERE category IS NOT NULL ORDER BY category LIMIT 2')).rows.map((row) => String(row.category));
    expect(categories.length).toBe(2);
    expect(await resolveCategory(chdb, categories[0]?.toUpperCase() ?? '')).toBe(await resolveCategory(duckdb, categories[0]?.toUpperCase() ?? ''));
    let nonZeroSeries = 0;
    for (const metric of FORECAST_METRICS) {
      for (const category of [undefined, ...categories]) {
        const expected = await loadMetricSeries(duckdb, metric, AS_OF, category).catch((error: Error) => error.message);
        const actual = await loadMetricSeries(chdb, metric, AS_OF, category).catch((error: Error) => error.message);
        expect(differences(expected, actual), `${metric} ${category ?? ''}`).toEqual([]);
        if (typeof expected !== 'string' && expected.values.some((value) => value > 0)) nonZeroSeries += 1;
      }
    }
    expect(nonZeroSeries).toBeGreaterThanOrEqual(8);
  });

  it('frequently_bought_together: the baskets at product and category level are the same', async () => {
    for (const level of ['product', 'category'] as const) {
      const expected = await loadBaskets(engines.duckdb.warehouse, level);
      const actual = await loadBaskets(chdb, level);
      expect(differences(expected, actual), level).toEqual([]);
      expect(expected.transactions.filter((items) => items.length >= 2).length).toBeGreaterThan(0);
    }
  });
});
