import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ImportConflictError, ImportError, MappingError } from './import-error.ts';
import { runImport } from './run-import.ts';
import { temporaryFolder, warehouseFactory, writeTestFile } from './test-files.ts';
import { warehouseChecksum } from './warehouse-checksum.ts';

const EXPORT = fileURLToPath(new URL('./fixtures/shop-export/', import.meta.url));
const MAPPING = path.join(EXPORT, 'mapping.yaml');
const FILES = ['customers.csv', 'products.csv', 'order-lines.csv', 'events.csv', 'reviews.csv'].map((name) => path.join(EXPORT, name));
const folder = temporaryFolder('mapping');
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const warehouses = warehouseFactory(folder);
afterEach(warehouses.closeAll);

describe('csv/parquet importer with a YAML mapping', () => {
  it('imports the shop export fixture with value maps, text keys, placeholders and sessions', async () => {
    const warehouse = await warehouses.fresh();
    const report = await runImport(warehouse, { format: 'csv', mappingFile: MAPPING, files: FILES });
    // 4 customers + 3 products + 4 order lines (as orders) + 4 order lines (as items) + 6 events + 2 reviews
    expect(report.rowsRead).toBe(23);
    expect(report.dropped).toEqual({ 'users: duplicate key': 1, 'orders: duplicate key': 1, 'events: duplicate row': 1 });
    expect(report.inserted).toEqual({ users: 4, products: 3, orders: 3, order_items: 4, events: 5, reviews: 2 });

    const users = await warehouse.query('SELECT external_id, user_name, gender, city, city_tier, country, signup_date, source FROM users ORDER BY external_id');
    expect(users.rows).toEqual([
      { external_id: 'C001', user_name: '张伟', gender: 'male', city: '上海', city_tier: 'tier1', country: 'China', signup_date: '2024-01-05', source: 'demo_shop' },
      { external_id: 'C002', user_name: 'Li Na', gender: 'female', city: '杭州', city_tier: 'new_tier1', country: 'China', signup_date: '2024-02-11', source: 'demo_shop' },
      { external_id: 'C003', user_name: '王芳', gender: 'unknown', city: '成都', city_tier: 'new_tier1', country: 'China', signup_date: '2024-03-01', source: 'demo_shop' },
      { external_id: 'C004', user_name: null, gender: null, city: null, city_tier: null, country: null, signup_date: null, source: 'demo_shop' },
    ]);
    const orders = await warehouse.query(`
      SELECT o.order_no, u.external_id AS customer, o.status, o.paid_at, o.items_amount, o.shipping_fee, o.total_amount, count(i.line_no) AS lines
      FROM orders o JOIN users u USING (user_id) JOIN order_items i USING (order_id) GROUP BY ALL ORDER BY o.order_no`);
    expect(orders.rows).toEqual([
      { order_no: 'SO-1001', customer: 'C001', status: 'delivered', paid_at: '2024-03-01 10:01:00', items_amount: 237, shipping_fee: 0, total_amount: 237, lines: 2 },
      { order_no: 'SO-1002', customer: 'C002', status: 'cancelled', paid_at: null, items_amount: 199.5, shipping_fee: 10, total_amount: 209.5, lines: 1 },
      { order_no: 'SO-1003', customer: 'C004', status: 'paid', paid_at: '2024-03-03 20:16:00', items_amount: 199.5, shipping_fee: 0, total_amount: 199.5, lines: 1 },
    ]);
    const events = await warehouse.query(`
      SELECT u.external_id AS customer, p.sku, e.event_type, e.search_query, e.event_time, e.session_id
      FROM events e JOIN users u USING (user_id) LEFT JOIN products p USING (product_id) ORDER BY e.event_time`);
    expect(events.rows.map((row) => [row.customer, row.sku, row.event_type, row.search_query, row.event_time])).toEqual([
      ['C001', 'SKU-1', 'view', null, '2024-03-01 02:00:00'],
      ['C001', 'SKU-1', 'cart', null, '2024-03-01 02:05:00'],
      ['C001', 'SKU-3', 'view', null, '2024-03-01 03:00:00'],
      ['C002', 'SKU-2', 'view', null, '2024-03-02 02:00:00'],
      ['C002', null, 'search', '保温杯', '2024-03-02 02:03:20'],
    ]);
    const sessions = events.rows.map((row) => row.session_id);
    expect([sessions[0] === sessions[1], sessions[1] === sessions[2], sessions[3] === sessions[4], sessions[2] === sessions[3]]).toEqual([true, false, true, false]);
    const reviews = await warehouse.query(`
      SELECT u.external_id AS customer, p.sku, o.order_no, r.rating, r.language, r.review_text
      FROM reviews r JOIN users u USING (user_id) JOIN products p USING (product_id) JOIN orders o USING (order_id) ORDER BY r.created_at`);
    expect(reviews.rows).toEqual([
      { customer: 'C001', sku: 'SKU-1', order_no: 'SO-1001', rating: 5, language: 'zh', review_text: '保温效果很好' },
      { customer: 'C002', sku: 'SKU-2', order_no: 'SO-1002', rating: 2, language: 'en', review_text: 'Returned it, too loud' },
    ]);
    const products = await warehouse.query('SELECT sku, title_zh, price, launch_date FROM products ORDER BY sku');
    expect(products.rows).toEqual([
      { sku: 'SKU-1', title_zh: '保温杯', price: 89, launch_date: '2023-11-01' },
      { sku: 'SKU-2', title_zh: '蓝牙耳机', price: 199.5, launch_date: '2024-01-15' },
      { sku: 'SKU-3', title_zh: '帆布包', price: 59, launch_date: '2024-02-01' },
    ]);
  });

  it('finds the same ids again on a second import and writes nothing twice', async () => {
    const warehouse = await warehouses.fresh();
    await runImport(warehouse, { format: 'csv', mappingFile: MAPPING, files: FILES });
    const ids = await warehouse.query('SELECT external_id, user_id FROM users ORDER BY 1');
    const second = await runImport(warehouse, { format: 'csv', mappingFile: MAPPING, files: FILES });
    expect(second.inserted).toEqual({ users: 0, products: 0, orders: 0, order_items: 0, events: 0, reviews: 0 });
    expect(second.alreadyInWarehouse).toEqual({ users: 3, products: 3, orders: 3, events: 5, reviews: 2 });
    expect(second.rowsKept).toBe(0);
    expect((await warehouse.query('SELECT external_id, user_id FROM users ORDER BY 1')).rows).toEqual(ids.rows);
  });

  it('reads the same export from Parquet files', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    for (const file of FILES) {
      const target = path.join(folder, path.basename(file).replace('.csv', '.parquet'));
      await connection.run(`COPY (SELECT * FROM read_csv('${file}')) TO '${target}' (FORMAT parquet)`);
    }
    connection.closeSync();
    instance.closeSync();
    const mapping = writeTestFile(folder, 'parquet-mapping.yaml', readFileSync(MAPPING, 'utf8').replaceAll('.csv', '.parquet'));
    const warehouse = await warehouses.fresh();
    const report = await runImport(warehouse, { format: 'parquet', mappingFile: mapping, files: FILES.map((file) => path.join(folder, path.basename(file).replace('.csv', '.parquet'))) });
    expect(report.inserted).toEqual({ users: 4, products: 3, orders: 3, order_items: 4, events: 5, reviews: 2 });
    const revenue = await warehouse.query(`SELECT sum(total_amount) AS total FROM orders WHERE status <> 'cancelled'`);
    expect(revenue.rows[0]?.total).toBe(436.5);
  });

  it('uses integer source keys as ids and refuses ones another source owns', async () => {
    const customers = writeTestFile(folder, 'numeric-customers.csv', 'id,name\n7,Ann\n8,Bo\n');
    const mapping = writeTestFile(folder, 'numeric.yaml', 'source: crm\ntables:\n  users:\n    file: numeric-customers.csv\n    columns:\n      user_id: id\n      user_name: name\n');
    const warehouse = await warehouses.fresh();
    await runImport(warehouse, { format: 'csv', mappingFile: mapping, files: [customers] });
    expect((await warehouse.query('SELECT user_id, external_id, user_name FROM users ORDER BY 1')).rows).toEqual([
      { user_id: 7, external_id: '7', user_name: 'Ann' },
      { user_id: 8, external_id: '8', user_name: 'Bo' },
    ]);
    const other = await warehouses.fresh();
    await other.run(`INSERT INTO users (user_id, source) VALUES (8, 'demo')`);
    const before = await warehouseChecksum(other);
    await expect(runImport(other, { format: 'csv', mappingFile: mapping, files: [customers] })).rejects.toBeInstanceOf(ImportConflictError);
    expect(await warehouseChecksum(other)).toEqual(before);
  });

  it('fails on a value the mapping cannot convert, naming file, line and source column', async () => {
    const lines = readFileSync(path.join(EXPORT, 'order-lines.csv'), 'utf8').replace('已付款', '待评价');
    const orderLines = writeTestFile(folder, 'order-lines.csv', lines);
    const files = FILES.map((file) => (path.basename(file) === 'order-lines.csv' ? orderLines : file));
    const warehouse = await warehouses.fresh();
    const before = await warehouseChecksum(warehouse);
    const failure = await runImport(warehouse, { format: 'csv', mappingFile: MAPPING, files }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportError);
    expect(failure).toMatchObject({ file: orderLines, line: 5, column: 'status' });
    expect((failure as Error).message).toContain('"待评价"');
    expect(await warehouseChecksum(warehouse)).toEqual(before);
  });

  const badMappings: [string, string, string][] = [
    ['unknown target column', 'tables:\n  users:\n    file: customers.csv\n    columns:\n      user_id: customer_code\n      nickname: name\n', 'tables.users.columns.nickname'],
    ['missing required column', 'tables:\n  events:\n    file: events.csv\n    columns:\n      user_id: customer_code\n      event_type: action\n', 'tables.events.columns'],
    ['column and constant together', 'tables:\n  users:\n    file: customers.csv\n    columns:\n      user_id: customer_code\n      country: { column: city, constant: China }\n', 'tables.users.columns.country'],
    ['unknown table', 'tables:\n  customers:\n    file: customers.csv\n    columns: {}\n', 'tables'],
    ['source column not in the file', 'tables:\n  users:\n    file: customers.csv\n    columns:\n      user_id: customer_code\n      user_name: full_name\n', 'tables.users.columns.user_name'],
    ['file not given', 'tables:\n  users:\n    file: clients.csv\n    columns:\n      user_id: id\n', 'tables.users.file'],
    ['format on a text column', 'tables:\n  users:\n    file: customers.csv\n    columns:\n      user_id: customer_code\n      city: { column: city, format: "%Y" }\n', 'tables.users.columns.city.format'],
    ['generated column', 'tables:\n  reviews:\n    file: reviews.csv\n    columns:\n      review_id: stars\n', 'tables.reviews.columns.review_id'],
    ['YAML syntax', 'tables:\n  users:\n    file: customers.csv\n   columns: [\n', '(yaml line'],
  ];
  it.each(badMappings)('reports a bad mapping (%s) with its YAML key', async (_name, yaml, key) => {
    const mapping = writeTestFile(folder, `bad-${key.replace(/[^a-z]/g, '')}.yaml`, yaml);
    const warehouse = await warehouses.fresh();
    const failure = await runImport(warehouse, { format: 'csv', mappingFile: mapping, files: [path.join(EXPORT, 'customers.csv')] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MappingError);
    expect((failure as MappingError).key.startsWith(key)).toBe(true);
    expect((failure as Error).message).toContain(`key "${(failure as MappingError).key}"`);
  });
});
