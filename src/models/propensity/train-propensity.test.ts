import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../sql/warehouse.ts';
import { createDemoWarehouseFile } from '../../testing/demo-warehouse.ts';
import { fitPropensity } from './propensity-model.ts';
import { loadDataStart, timeSplit } from './time-split.ts';
import { evaluateSplit, loadPropensityDataset } from './train-propensity.ts';

let demo: { path: string; remove: () => void };
let warehouse: Warehouse;

beforeAll(async () => {
  demo = await createDemoWarehouseFile({ users: 500, days: 30, seed: 9 });
  warehouse = await Warehouse.open({ path: demo.path, mode: 'read-write' });
}, 60_000);

afterAll(() => {
  warehouse?.close();
  demo?.remove();
});

/** Every number to 9 significant digits: what "the same model" means across summation orders. */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Number(value.toPrecision(9));
  if (Array.isArray(value)) return value.map(rounded);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rounded(item)]));
  return value;
}

describe('time split', () => {
  it('trains on nothing from the evaluation window: deleting it leaves the training models unchanged', async () => {
    const split = timeSplit(await loadDataStart(warehouse), '2025-11-30', 7);
    const { fitted, evaluation } = await evaluateSplit(warehouse, split);
    expect(evaluation.trainUsers).toBeGreaterThan(300);
    // Everything after the evaluation cutoff day — the window the metrics are measured on — goes away.
    const end = `TIMESTAMP '${split.evaluationCutoff}' + INTERVAL 1 DAY`;
    await warehouse.transaction(async (connection) => {
      await connection.run(`DELETE FROM events WHERE event_time >= ${end}`);
      await connection.run(`DELETE FROM reviews WHERE created_at >= ${end}`);
      await connection.run(`DELETE FROM order_items WHERE order_id IN (SELECT order_id FROM orders WHERE created_at >= ${end})`);
      await connection.run(`DELETE FROM orders WHERE created_at >= ${end}`);
      await connection.run(`UPDATE orders SET paid_at = NULL WHERE paid_at >= ${end}`);
    });
    const remaining = await warehouse.query(`SELECT count(*) AS n FROM orders WHERE created_at >= ${end}`);
    expect(Number(remaining.rows[0]?.n)).toBe(0);
    const training = await loadPropensityDataset(warehouse, split.trainCutoff, 7);
    const refitted = fitPropensity(training.values, training.labels);
    // Equal up to the order DuckDB's parallel sums add the same rows in (a few ulps), not bit for bit.
    expect(rounded(Array.from(refitted.logistic.coefficients))).toEqual(rounded(Array.from(fitted.logistic.coefficients)));
    expect(refitted.logistic.intercept).toBeCloseTo(fitted.logistic.intercept, 9);
    expect(rounded(refitted.boosted)).toEqual(rounded(fitted.boosted));
  }, 60_000);
});
