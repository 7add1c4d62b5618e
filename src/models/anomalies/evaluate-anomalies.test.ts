import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../sql/warehouse.ts';
import { createDemoWarehouseFile } from '../../testing/demo-warehouse.ts';
import { evaluateAnomalies } from './evaluate-anomalies.ts';

let demo: { path: string; remove: () => void };
let warehouse: Warehouse;

beforeAll(async () => {
  demo = await createDemoWarehouseFile({ users: 500, days: 30, seed: 4 });
  // The same mode `shoplens model` uses: the injection check must work without writing the warehouse.
  warehouse = await Warehouse.open({ path: demo.path, mode: 'sandboxed' });
}, 60_000);

afterAll(() => {
  warehouse?.close();
  demo?.remove();
});

describe('evaluateAnomalies', () => {
  it('measures the detectors on the data and on injected anomalies, leaving the warehouse untouched', async () => {
    const counts = async () => (await warehouse.query(`SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM orders) AS orders`)).rows[0];
    const before = await counts();
    const report = await evaluateAnomalies(warehouse);
    console.log(JSON.stringify(report.metrics, null, 1));
    const sessions = await warehouse.query(`SELECT count(*) AS n FROM (SELECT user_id, session_id FROM events GROUP BY ALL HAVING count(*) >= 5)`);
    expect(report.metrics.sessions_scored).toBe(Number(sessions.rows[0]?.n));
    expect(report.metrics.injected_bot_sessions).toBe(18);
    expect(report.metrics.injected_precision_at_k_sessions).toBeGreaterThanOrEqual(0.9);
    expect(report.metrics.injected_burst_user_rank).toBe(1);
    expect(await counts()).toEqual(before);
    const temporary = await warehouse.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE temporary`);
    expect(Number(temporary.rows[0]?.n)).toBe(0);
  }, 60_000);
});
