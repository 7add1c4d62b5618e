import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../sql/warehouse.ts';
import { createDemoWarehouseFile } from '../../testing/demo-warehouse.ts';
import { HashingEncoder } from '../embeddings/hashing-encoder.ts';
import { evaluatePropensity } from './evaluate-propensity.ts';

let demo: { path: string; remove: () => void };
let warehouse: Warehouse;

beforeAll(async () => {
  demo = await createDemoWarehouseFile({ users: 500, days: 30, seed: 7 });
  warehouse = await Warehouse.open({ path: demo.path, mode: 'read-only' });
}, 60_000);

afterAll(() => {
  warehouse?.close();
  demo?.remove();
});

describe('evaluatePropensity', () => {
  it('reports both models and the text route on the later window, with base rates counted independently', async () => {
    const report = await evaluatePropensity(warehouse, {
      selectEncoder: async () => ({ encoder: new HashingEncoder(), kind: 'fallback', reason: 'test: fallback encoder.' }),
    });
    console.log(JSON.stringify(report.metrics, null, 1));
    const metrics = report.metrics;
    for (const name of ['logistic_regression_auc', 'boosted_trees_auc', 'text_route_auc']) {
      expect(metrics[name]).toBeGreaterThanOrEqual(0);
      expect(metrics[name]).toBeLessThanOrEqual(1);
    }
    // 30 days ending 2025-11-30, 7-day horizon: train at 11-16, evaluate at 11-23.
    const { rows } = await warehouse.query(
      `SELECT count(*) AS users,
              count(*) FILTER (WHERE user_id IN (SELECT user_id FROM orders WHERE paid_at IS NOT NULL
                AND CAST(created_at AS DATE) BETWEEN DATE '2025-11-24' AND DATE '2025-11-30')) AS buyers
       FROM users WHERE signup_date <= DATE '2025-11-23'`,
    );
    expect(metrics.evaluation_users).toBe(Number(rows[0]?.users));
    expect(metrics.evaluation_base_rate).toBeCloseTo(Number(rows[0]?.buyers) / Number(rows[0]?.users), 12);
    expect(metrics.always_no_accuracy).toBeCloseTo(1 - (metrics.evaluation_base_rate as number), 12);
    expect(report.details.join('\n')).toMatch(/hashing-ngram-v1/);
    expect(report.trainedOn).toMatch(/as of 2025-11-16/);
  }, 60_000);
});
