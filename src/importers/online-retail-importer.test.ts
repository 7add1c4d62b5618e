import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ImportError } from './import-error.ts';
import { runImport } from './run-import.ts';
import { temporaryFolder, warehouseFactory, writeTestFile } from './test-files.ts';
import { warehouseChecksum } from './warehouse-checksum.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/online-retail-edge-cases.csv', import.meta.url));
const folder = temporaryFolder('retail');
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const warehouses = warehouseFactory(folder);
afterEach(warehouses.closeAll);

describe('online-retail importer on the edge-case fixture', () => {
  it('applies the cleaning rules documented in docs/importers.md', async () => {
    const warehouse = await warehouses.fresh();
    const report = await runImport(warehouse, { format: 'online-retail', files: [FIXTURE] });

    expect(report.rowsRead).toBe(13);
    expect(report.dropped).toEqual({ 'duplicate row': 1, 'zero price': 1, 'adjustment (negative quantity on a normal invoice)': 1 });
    expect(report.duplicates).toBe(1);
    expect(report.rowsKept).toBe(10);
    expect(report.missingValues).toMatchObject({ Description: 1, CustomerID: 1, InvoiceNo: 0 });
    expect(report.outliers.map((flag) => [flag.column, flag.rows, flag.action, flag.examples.map((example) => example.line)])).toEqual([
      ['Quantity', 1, 'kept', [12]],
    ]);

    const orders = await warehouse.query('SELECT order_no, user_id, status, created_at, paid_at, cancelled_at, returned_at, total_amount FROM orders ORDER BY order_no');
    expect(orders.rows).toEqual([
      { order_no: '536365', user_id: 17850, status: 'delivered', created_at: '2010-12-01 08:26:00', paid_at: '2010-12-01 08:26:00', cancelled_at: null, returned_at: '2010-12-01 09:41:00', total_amount: 35.64 },
      { order_no: '536366', user_id: 17850, status: 'delivered', created_at: '2010-12-01 08:28:00', paid_at: '2010-12-01 08:28:00', cancelled_at: null, returned_at: null, total_amount: 22.2 },
      { order_no: '536367', user_id: 13047, status: 'delivered', created_at: '2010-12-01 08:34:00', paid_at: '2010-12-01 08:34:00', cancelled_at: null, returned_at: null, total_amount: 54.08 },
      { order_no: '536368', user_id: null, status: 'delivered', created_at: '2010-12-01 08:34:00', paid_at: '2010-12-01 08:34:00', cancelled_at: null, returned_at: null, total_amount: 17 },
      { order_no: '536381', user_id: 12583, status: 'delivered', created_at: '2010-12-02 10:00:00', paid_at: '2010-12-02 10:00:00', cancelled_at: null, returned_at: null, total_amount: 3380 },
      { order_no: '536382', user_id: 13047, status: 'delivered', created_at: '2010-12-02 11:00:00', paid_at: '2010-12-02 11:00:00', cancelled_at: null, returned_at: null, total_amount: 35.76 },
      { order_no: '536383', user_id: 13047, status: 'delivered', created_at: '2010-12-02 12:00:00', paid_at: '2010-12-02 12:00:00', cancelled_at: null, returned_at: null, total_amount: 2.9 },
      { order_no: 'C536379', user_id: 17850, status: 'returned', created_at: '2010-12-01 09:41:00', paid_at: null, cancelled_at: null, returned_at: '2010-12-01 09:41:00', total_amount: 5.1 },
      { order_no: 'C536380', user_id: 12583, status: 'cancelled', created_at: '2010-12-01 09:45:00', paid_at: null, cancelled_at: '2010-12-01 09:45:00', returned_at: null, total_amount: 1.69 },
    ]);
    const revenue = await warehouse.query(`SELECT sum(i.amount) AS revenue FROM order_items i JOIN orders o USING (order_id) WHERE o.status = 'delivered'`);
    expect(revenue.rows[0]?.revenue).toBeCloseTo(3547.58, 2);
    const cancelledLines = await warehouse.query(`SELECT o.order_no, i.quantity FROM order_items i JOIN orders o USING (order_id) WHERE o.status <> 'delivered' ORDER BY 1`);
    expect(cancelledLines.rows).toEqual([{ order_no: 'C536379', quantity: 2 }, { order_no: 'C536380', quantity: 1 }]);

    // The credit note C536379 returns 2 of the 6 hearts bought in 536365: the purchase line carries the return, so the
    // catalogue's return metrics (paid orders with returned_at) count it; C536380 (no earlier purchase) marks nothing.
    const returnedLines = await warehouse.query(`SELECT o.order_no, i.product_id, i.returned_quantity FROM order_items i JOIN orders o USING (order_id) WHERE i.returned_quantity > 0`);
    expect(returnedLines.rows).toEqual([{ order_no: '536365', product_id: expect.any(Number), returned_quantity: 2 }]);
    const returnMetric = await warehouse.query(`SELECT count(DISTINCT order_id) AS returned_orders FROM orders WHERE paid_at IS NOT NULL AND (status = 'returned' OR returned_at IS NOT NULL)`);
    expect(returnMetric.rows).toEqual([{ returned_orders: 1 }]);

    const users = await warehouse.query('SELECT user_id, external_id, country, city, source FROM users ORDER BY user_id');
    expect(users.rows).toEqual([
      { user_id: 12583, external_id: '12583', country: 'France', city: null, source: 'online_retail' },
      { user_id: 13047, external_id: '13047', country: 'France', city: null, source: 'online_retail' },
      { user_id: 17850, external_id: '17850', country: 'United Kingdom', city: null, source: 'online_retail' },
    ]);
    const products = await warehouse.query('SELECT sku, title_en, price FROM products ORDER BY sku');
    expect(products.rows).toEqual([
      { sku: '22633', title_en: 'HAND WARMER UNION JACK', price: 1.85 },
      { sku: '22960', title_en: 'JAM MAKING SET WITH JARS', price: 4.25 },
      { sku: '22961', title_en: null, price: 1.45 },
      { sku: '71053', title_en: 'WHITE METAL LANTERN', price: 3.39 },
      { sku: '84879', title_en: 'ASSORTED COLOUR BIRD ORNAMENT', price: 1.69 },
      { sku: '85123A', title_en: 'WHITE HANGING HEART T-LIGHT HOLDER', price: 2.55 },
    ]);
    const lines = await warehouse.query(`SELECT i.line_no, p.sku, i.quantity, i.amount FROM order_items i JOIN orders o USING (order_id) JOIN products p USING (product_id) WHERE o.order_no = '536365' ORDER BY line_no`);
    expect(lines.rows).toEqual([
      { line_no: 1, sku: '85123A', quantity: 6, amount: 15.3 },
      { line_no: 2, sku: '71053', quantity: 6, amount: 20.34 },
    ]);
  });

  it('skips invoices and reuses customers and products a previous import stored', async () => {
    const warehouse = await warehouses.fresh();
    await runImport(warehouse, { format: 'online-retail', files: [FIXTURE] });
    const productIds = await warehouse.query('SELECT sku, product_id FROM products ORDER BY sku');
    const second = await runImport(warehouse, { format: 'online-retail', files: [FIXTURE] });
    expect(second.dropped['order already in warehouse']).toBe(10);
    expect(second.rowsKept).toBe(0);
    expect(second.alreadyInWarehouse).toMatchObject({ orders: 9 });
    expect((await warehouse.query('SELECT count(*) AS n FROM orders')).rows[0]?.n).toBe(9);
    expect((await warehouse.query('SELECT sku, product_id FROM products ORDER BY sku')).rows).toEqual(productIds.rows);
  });

  it('groups lines into synthetic orders when InvoiceNo is missing and keys products on Description without StockCode', async () => {
    const noInvoice = writeTestFile(folder, 'no-invoice.csv', [
      'StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
      '85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom',
      '71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom',
      '22633,HAND WARMER,6,2010-12-01 09:00:00,1.85,,United Kingdom',
      '85123A,WHITE HANGING HEART,-1,2010-12-01 10:00:00,2.55,17850,United Kingdom',
    ].join('\n'));
    const warehouse = await warehouses.fresh();
    await runImport(warehouse, { format: 'online-retail', files: [noInvoice] });
    const orders = await warehouse.query('SELECT o.order_no, o.status, count(*) AS lines FROM orders o JOIN order_items USING (order_id) GROUP BY ALL ORDER BY 1');
    expect(orders.rows).toEqual([
      { order_no: 'SYN-17850-20101201082600', status: 'delivered', lines: 2 },
      { order_no: 'SYN-C-17850-20101201100000', status: 'returned', lines: 1 },
      { order_no: 'SYN-GUEST-20101201090000', status: 'delivered', lines: 1 },
    ]);

    const noStockCode = writeTestFile(folder, 'no-stock-code.csv', [
      'InvoiceNo,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
      '1,RED MUG,1,2010-12-01 08:00:00,2.00,1,France',
      '2,RED MUG,3,2010-12-01 09:00:00,2.50,1,France',
      '2,BLUE MUG,1,2010-12-01 09:00:00,3.00,1,France',
      '3,,1,2010-12-01 09:00:00,3.00,1,France',
    ].join('\n'));
    const second = await warehouses.fresh();
    const report = await runImport(second, { format: 'online-retail', files: [noStockCode], maxInvalidFraction: 0.5 });
    expect(report.dropped).toEqual({ 'missing required value': 1 });
    const products = await second.query('SELECT sku, title_en, price FROM products ORDER BY title_en');
    expect(products.rows).toEqual([
      { sku: null, title_en: 'BLUE MUG', price: 3 },
      { sku: null, title_en: 'RED MUG', price: 2.25 },
    ]);
  });

  it('reads the same data from an XLSX workbook and names spreadsheet rows in errors', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Online Retail');
    sheet.addRow(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']);
    sheet.addRow([536365, '85123A', 'WHITE HANGING HEART T-LIGHT HOLDER', 6, new Date(Date.UTC(2010, 11, 1, 8, 26)), 2.55, 17850, 'United Kingdom']);
    sheet.addRow([536365, 71053, 'WHITE METAL LANTERN', 6, new Date(Date.UTC(2010, 11, 1, 8, 26)), 3.39, 17850, 'United Kingdom']);
    sheet.addRow(['C536379', '85123A', 'WHITE HANGING HEART T-LIGHT HOLDER', -2, new Date(Date.UTC(2010, 11, 1, 9, 41)), 2.55, 17850, 'United Kingdom']);
    sheet.addRow([536366, '22633', '暖手宝', 12, '12/1/2010 8:28', 1.85, null, '中国']);
    const file = path.join(folder, 'retail.xlsx');
    await workbook.xlsx.writeFile(file);

    const warehouse = await warehouses.fresh();
    const report = await runImport(warehouse, { format: 'online-retail', files: [file] });
    expect(report.rowsRead).toBe(4);
    const orders = await warehouse.query('SELECT order_no, user_id, status, created_at, total_amount FROM orders ORDER BY order_no');
    expect(orders.rows).toEqual([
      { order_no: '536365', user_id: 17850, status: 'delivered', created_at: '2010-12-01 08:26:00', total_amount: 35.64 },
      { order_no: '536366', user_id: null, status: 'delivered', created_at: '2010-12-01 08:28:00', total_amount: 22.2 },
      { order_no: 'C536379', user_id: 17850, status: 'returned', created_at: '2010-12-01 09:41:00', total_amount: 5.1 },
    ]);
    expect((await warehouse.query(`SELECT title_en FROM products WHERE sku = '22633'`)).rows).toEqual([{ title_en: '暖手宝' }]);

    sheet.addRow([536367, '22633', 'HAND WARMER', 'twelve', new Date(Date.UTC(2010, 11, 1, 9, 0)), 1.85, 17850, 'United Kingdom']);
    const bad = path.join(folder, 'retail-bad.xlsx');
    await workbook.xlsx.writeFile(bad);
    const before = await warehouseChecksum(warehouse);
    const failure = await runImport(warehouse, { format: 'online-retail', files: [bad] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportError);
    expect(failure).toMatchObject({ file: bad, line: 6, column: 'Quantity' });
    expect(await warehouseChecksum(warehouse)).toEqual(before);
  });
});
