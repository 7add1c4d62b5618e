import { rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { generateOnlineRetailCsv } from '../testing/online-retail-generator.ts';
import { ImportError } from './import-error.ts';
import { runImport } from './run-import.ts';
import { temporaryFolder, warehouseFactory, writeTestFile } from './test-files.ts';
import { warehouseChecksum } from './warehouse-checksum.ts';

const folder = temporaryFolder('retail-synthetic');
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const warehouses = warehouseFactory(folder);
afterEach(warehouses.closeAll);

// As many lines as the full public file (541,909), with its known dirt in known amounts.
const FULL_SIZE = 541_909;

describe('online-retail import of a full-size synthetic file with the known dirt', () => {
  const generated = generateOnlineRetailCsv(FULL_SIZE);
  const file = writeTestFile(folder, 'Online_Retail.csv', generated.text);

  it('imports by default and reports every cleaning rule with its count and first lines', async () => {
    expect(generated.rows).toBe(FULL_SIZE);
    // 0.3% of lines without a Description, as in the real file, which the default import must survive.
    expect(generated.counts.missingDescriptions / FULL_SIZE).toBeGreaterThan(0.0025);
    const warehouse = await warehouses.fresh();
    const report = await runImport(warehouse, { format: 'online-retail', files: [file] });
    const rule = (prefix: string) => report.cleaning.find((entry) => entry.rule.startsWith(prefix));
    const { counts } = generated;
    expect(report.rowsRead).toBe(FULL_SIZE);
    expect(rule('exact duplicate row')?.rows).toBe(counts.duplicates);
    expect(rule('adjustment')?.rows).toBe(counts.adjustments);
    expect(rule('zero price')?.rows).toBe(counts.zeroPrices);
    expect(rule('negative price')?.rows).toBe(counts.negativePrices);
    expect(rule('missing Description')?.rows).toBe(counts.missingDescriptions);
    expect(rule('missing Description')?.examples.map((example) => example.line)).toEqual(generated.missingDescriptionLines);
    expect(rule('missing CustomerID')?.rows).toBe(counts.guestLines);
    expect((rule('cancellation linked')?.rows ?? 0) + (rule('cancellation without')?.rows ?? 0)).toBe(counts.cancellationLines);
    expect(rule('non-product stock code')?.rows).toBe(counts.nonProductLines);
    expect(rule('unreadable')?.rows).toBe(0);
    expect(report.rowsKept).toBe(FULL_SIZE - counts.duplicates - counts.adjustments - counts.zeroPrices - counts.negativePrices);

    const revenue = await warehouse.query(`SELECT sum(i.amount) AS revenue FROM order_items i JOIN orders o USING (order_id) WHERE o.status = 'delivered'`);
    expect(Math.round(Number(revenue.rows[0]?.revenue) * 100)).toBe(generated.revenuePence);
    // Guest orders keep their country.
    const guests = await warehouse.query(`SELECT count(*) AS orders, count(shipping_country) AS with_country FROM orders WHERE user_id IS NULL`);
    expect(Number(guests.rows[0]?.orders)).toBeGreaterThan(1000);
    expect(guests.rows[0]?.with_country).toBe(guests.rows[0]?.orders);
  }, 120_000);

  it('--strict refuses the same file at the first line a cleaning rule drops, writing nothing', async () => {
    const warehouse = await warehouses.fresh();
    const before = await warehouseChecksum(warehouse);
    const failure = await runImport(warehouse, { format: 'online-retail', files: [file], strict: true }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportError);
    expect((failure as ImportError).line).toBeGreaterThan(1);
    expect((failure as ImportError).message).toMatch(/--strict refuses rows that cleaning would change/);
    expect(await warehouseChecksum(warehouse)).toEqual(before);
  }, 120_000);
});
