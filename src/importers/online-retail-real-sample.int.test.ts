import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runImport } from './run-import.ts';
import { temporaryFolder, warehouseFactory } from './test-files.ts';

const SAMPLE = path.resolve(process.cwd(), '../shared/data/online_retail_sample.csv');

/** An independent RFC 4180 reader (quoted fields, "" escapes), so the check does not reuse importer code. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += character;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

interface Line {
  invoice: string;
  stockCode: string;
  quantity: number;
  date: string;
  priceCents: number;
  customer: number | null;
  cancelled: boolean;
}

/** The documented cleaning rules, applied in plain TypeScript. */
function expectedFromRules(text: string) {
  const [, ...records] = parseCsv(text);
  const seen = new Set<string>();
  const kept: Line[] = [];
  for (const record of records) {
    const [invoice = '', stockCode = '', description = '', quantityText = '', date = '', priceText = '', customerText = '', country = ''] = record.map((value) => value.trim());
    const quantity = Number(quantityText);
    const priceCents = Math.round(Number(priceText) * 100);
    const customer = customerText === '' ? null : Math.round(Number(customerText));
    const key = JSON.stringify([invoice, stockCode, description, quantity, date, priceCents, customer, country]);
    if (seen.has(key)) continue; // exact duplicate
    seen.add(key);
    const cancelled = invoice.toUpperCase().startsWith('C');
    if (!cancelled && quantity < 0) continue; // adjustment
    if (quantity === 0 || priceCents <= 0) continue; // zero quantity, zero or negative price
    kept.push({ invoice, stockCode, quantity, date, priceCents, customer, cancelled });
  }
  const firstPurchase = new Map<string, string>();
  for (const line of kept.filter((candidate) => !candidate.cancelled && candidate.customer !== null)) {
    const key = `${line.customer}|${line.stockCode}`;
    const earliest = firstPurchase.get(key);
    if (earliest === undefined || line.date < earliest) firstPurchase.set(key, line.date);
  }
  const cancellationStatus = new Map<string, 'cancelled' | 'returned'>();
  for (const line of kept.filter((candidate) => candidate.cancelled)) {
    const bought = line.customer === null ? undefined : firstPurchase.get(`${line.customer}|${line.stockCode}`);
    const returned = bought !== undefined && bought < line.date;
    if (returned || !cancellationStatus.has(line.invoice)) cancellationStatus.set(line.invoice, returned ? 'returned' : (cancellationStatus.get(line.invoice) ?? 'cancelled'));
  }
  const revenueCents = kept.filter((line) => !line.cancelled).reduce((sum, line) => sum + line.quantity * line.priceCents, 0);
  return {
    lines: kept.length,
    orders: new Set(kept.map((line) => line.invoice)).size,
    cancelled: [...cancellationStatus.values()].filter((status) => status === 'cancelled').length,
    returned: [...cancellationStatus.values()].filter((status) => status === 'returned').length,
    customers: new Set(kept.filter((line) => line.customer !== null).map((line) => line.customer)).size,
    products: new Set(kept.map((line) => line.stockCode)).size,
    revenue: revenueCents / 100,
  };
}

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
