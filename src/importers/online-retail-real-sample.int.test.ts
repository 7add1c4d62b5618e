import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runImport } from './run-import.ts';
import { temporaryFolder, warehouseFactory } from './test-files.ts';
import { expectedFromRules } from '../testing/online-retail-expected.ts';

const SAMPLE = path.resolve(process.cwd(), '../shared/data/online_retail_sample.csv');

const folder = temporaryFolder('real-sample');
const warehouses = warehouseFactory(folder);
afterAll(() => rmSync(folder, { recursive: true, force: true }));
afterAll(warehouses.closeAll);

describe.skipIf(!existsSync(SAMPLE))('online-retail importer on the real UCI sample (../shared/data)', () => {
  it('matches counts and revenue computed independently from the raw CSV', async () => {
    const expected = expectedFromRules(readFileSync(SAMPLE, 'utf8'));
    const warehouse = await warehouses.fresh();
    const report = await runImport(warehouse, { format: 'online-retail', files: [SAMPLE] });

    expect(report.rowsRead).toBe(30000);
    expect(report.rowsKept).toBe(expected.lines);
    const actual = await warehouse.query(`
      SELECT (SELECT count(*) FROM orders) AS orders,
             (SELECT count(*) FROM orders WHERE status = 'cancelled') AS cancelled,
             (SELECT count(*) FROM orders WHERE status = 'returned') AS returned,
             (SELECT count(*) FROM users) AS customers,
             (SELECT count(*) FROM products) AS products,
             (SELECT count(*) FROM order_items) AS lines,
             (SELECT sum(i.quantity * i.unit_price) FROM order_items i JOIN orders o USING (order_id) WHERE o.status = 'delivered') AS revenue,
             (SELECT count(*) FROM orders WHERE status IN ('cancelled', 'returned') AND paid_at IS NOT NULL) AS paid_cancellations,
             (SELECT count(*) FROM order_items WHERE quantity <= 0) AS non_positive_quantities`);
    const row = actual.rows[0];
    expect(row).toMatchObject({
      orders: expected.orders,
      cancelled: expected.cancelled,
      returned: expected.returned,
      customers: expected.customers,
      products: expected.products,
      lines: expected.lines,
      paid_cancellations: 0,
      non_positive_quantities: 0,
    });
    expect(Number(row?.revenue)).toBeCloseTo(expected.revenue, 2);
    // The sample is known to hold cancellations, guests and duplicates; make sure the rules were exercised.
    expect(expected.cancelled + expected.returned).toBeGreaterThan(100);
    expect(report.duplicates).toBeGreaterThan(0);
    expect((await warehouse.query('SELECT count(*) AS n FROM orders WHERE user_id IS NULL')).rows[0]?.n).toBeGreaterThan(0);
  });
});
