import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSeededWarehouses, type SeededWarehouses } from '../sql/engine/testing/seeded-warehouses.ts';
import type { Warehouse } from '../sql/warehouse.ts';
import { EVALUATORS } from './model-evaluators.ts';
import type { ModelReport } from './model-report.ts';

// `shoplens train` / `shoplens model` on a chDB warehouse: every evaluation (hold-out splits, leave-last-out, the
// propensity text route, synthetic anomalies) reads the behaviour tables where they are and must measure the same
// numbers as on DuckDB over the same seeded data. Only timings may differ.
const SEED = { users: 400, days: 60, seed: 7, endDate: '2025-11-30' };
let seeded: SeededWarehouses;
let duckdb: Warehouse;
let chdb: Warehouse;

// Both opened sandboxed, as `shoplens model` opens them: the evaluations must not need to write the warehouse.
beforeAll(async () => {
  seeded = await openSeededWarehouses(SEED, 'shoplens-evaluation-parity-');
  ({ duckdb, chdb } = seeded);
}, 120_000);

afterAll(() => seeded?.close());

const TIMING_METRIC = /seconds|_ms$/;
/** Durations in the prose ("trained in 0.26 s", "12 ms") are the only text allowed to differ. */
const withoutTimings = (detail: string) => detail.replace(/\d+(\.\d+)? (s|ms)\b/g, '<time>');

function metricDifferences(expected: ModelReport, actual: ModelReport): string[] {
  const names = [...new Set([...Object.keys(expected.metrics), ...Object.keys(actual.metrics)])].filter((name) => !TIMING_METRIC.test(name));
  return names.flatMap((name) => {
    const [left, right] = [expected.metrics[name], actual.metrics[name]];
    if (left === undefined || right === undefined) return [`${name}: ${left} vs ${right}`];
    const same = left === right || (Number.isNaN(left) && Number.isNaN(right)) || Math.abs(left - right) <= 1e-9 * Math.max(Math.abs(left), Math.abs(right));
    return same ? [] : [`${name}: ${left} vs ${right}`];
  });
}

describe('model evaluations on DuckDB and chDB over the same seeded data', () => {
  it('the chDB warehouse answers from ClickHouse: its state file holds no behaviour rows', async () => {
    const { rows } = await chdb.query('SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM orders) + (SELECT count(*) FROM reviews) AS n');
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it.each(Object.keys(EVALUATORS))('%s: the same metrics (1e-9 relative) and the same findings', async (name) => {
    const evaluate = await (EVALUATORS[name] as () => Promise<(warehouse: Warehouse) => Promise<ModelReport>>)();
    const expected = await evaluate(duckdb);
    const actual = await evaluate(chdb);
    expect(metricDifferences(expected, actual)).toEqual([]);
    expect(actual.details.map(withoutTimings)).toEqual(expected.details.map(withoutTimings));
    expect(actual.model).toBe(expected.model);
    // The hold-out parts measured something (a silent read of the state file's empty tables would give zeros).
    const measured: Record<string, (metrics: Record<string, number>) => boolean> = {
      segments: (metrics) => (metrics.holdout_28d_purchase_rate_all_buyers ?? 0) > 0,
      forecast: (metrics) => (metrics.gmv_backtest_mape ?? 0) > 0,
      baskets: (metrics) => (metrics.holdout_cases ?? 0) > 0,
      propensity: (metrics) => (metrics.evaluation_users ?? 0) > 0 && (metrics.text_route_auc ?? 0.5) !== 0.5,
      sentiment: (metrics) => (metrics.held_out_reviews ?? 0) > 0,
      recommendations: (metrics) => (metrics.cases ?? 0) > 0,
      anomalies: (metrics) => metrics.injected_bot_sessions === 18 && metrics.injected_burst_user_rank === 1,
    };
    expect(measured[name]?.(actual.metrics), JSON.stringify(actual.metrics)).toBe(true);
  }, 60_000);

  it('nothing was written to ClickHouse or left behind in DuckDB by the evaluations', async () => {
    const engine = chdb.behaviourEngine;
    expect(engine).toBeDefined();
    const tables = await engine?.query("SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name");
    expect(tables?.rows.map((row) => row.name)).toEqual(['events', 'order_items', 'orders', 'products', 'reviews', 'support_events', 'users']);
    const temporary = await duckdb.query('SELECT count(*) AS n FROM duckdb_tables() WHERE temporary');
    expect(Number(temporary.rows[0]?.n)).toBe(0);
  });
});
