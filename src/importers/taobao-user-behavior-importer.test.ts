import { rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ImportConflictError, ImportError } from './import-error.ts';
import { runImport } from './run-import.ts';
import { temporaryFolder, warehouseFactory, writeTestFile } from './test-files.ts';
import { warehouseChecksum } from './warehouse-checksum.ts';

/** Unix seconds of a China-time wall clock reading, computed with Date's own offset parsing. */
function unix(chinaTime: string): number {
  return Date.parse(`${chinaTime.replace(' ', 'T')}+08:00`) / 1000;
}

const folder = temporaryFolder('taobao');
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const warehouses = warehouseFactory(folder);
const freshWarehouse = warehouses.fresh;
afterEach(warehouses.closeAll);

const ROWS = [
  `1,100,4756105,pv,${unix('2017-11-25 10:00:00')}`, // line 1
  `1,100,4756105,pv,${unix('2017-11-25 10:00:00')}`, // line 2: exact duplicate
  `1,101,4756105,cart,${unix('2017-11-25 10:30:00')}`, // line 3: exactly 30 min later, same session
  `1,101,4756105,buy,${unix('2017-11-25 11:00:01')}`, // line 4: 30 min 1 s later, new session
  `2,100,4756105,fav,${unix('2017-12-03 23:59:59')}`, // line 5: last second of the window
  `2,102,982926,click,${unix('2017-11-26 08:00:00')}`, // line 6: unknown behaviour
  `3,103,982926,pv,${unix('2017-12-04 00:00:00')}`, // line 7: first second after the window
  `3,103,982926,pv,1`, // line 8: 1970, out of range
  `3,104,982926,pv,${unix('2017-11-25 00:00:00')}`, // line 9: first second of the window
];

describe('taobao-user-behavior importer', () => {
  it('maps behaviours, China-time timestamps, 30-minute sessions, duplicates and out-of-range rows', async () => {
    const file = writeTestFile(folder, 'user-behavior.csv', `${ROWS.join('\n')}\n`);
    const warehouse = await freshWarehouse();
    const progress: string[] = [];
    const report = await runImport(warehouse, {
      format: 'taobao-user-behavior',
      files: [file],
      onProgress: (update) => progress.push(`${update.step}/${update.steps} ${update.label}`),
    });
    expect(progress[0]).toBe('1/8 reading CSV');
    expect(progress.at(-1)).toBe('8/8 saving the report');

    expect(report.rowsRead).toBe(9);
    expect(report.dropped).toEqual({ 'duplicate row': 1, 'unknown behavior type': 1, 'timestamp out of range': 2 });
    expect(report.rowsKept).toBe(5);
    expect(report.outliers).toHaveLength(1);
    expect(report.outliers[0]?.rows).toBe(2);
    expect(report.outliers[0]?.examples.map((example) => example.line)).toEqual([7, 8]);

    const events = await warehouse.query('SELECT user_id, product_id, event_type, event_time, session_id FROM events ORDER BY user_id, event_time');
    expect(events.rows.map((row) => [row.user_id, row.product_id, row.event_type, row.event_time])).toEqual([
      [1, 100, 'view', '2017-11-25 10:00:00'],
      [1, 101, 'cart', '2017-11-25 10:30:00'],
      [1, 101, 'purchase', '2017-11-25 11:00:01'],
      [2, 100, 'fav', '2017-12-03 23:59:59'],
      [3, 104, 'view', '2017-11-25 00:00:00'],
    ]);
    const sessions = events.rows.map((row) => row.session_id);
    expect(sessions[0]).toBe(sessions[1]);
    expect(new Set(sessions).size).toBe(4);

    const users = await warehouse.query('SELECT user_id, external_id, gender, city, source FROM users ORDER BY user_id');
    expect(users.rows).toEqual([1, 2, 3].map((id) => ({ user_id: id, external_id: String(id), gender: null, city: null, source: 'taobao' })));
    const products = await warehouse.query('SELECT product_id, category, title_en, price FROM products ORDER BY product_id');
    expect(products.rows).toEqual([
      { product_id: 100, category: 'cat_4756105', title_en: null, price: null },
      { product_id: 101, category: 'cat_4756105', title_en: null, price: null },
      { product_id: 104, category: 'cat_982926', title_en: null, price: null },
    ]);
    const stored = await warehouse.query('SELECT format, rows_read, rows_kept, report FROM import_runs');
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]).toMatchObject({ format: 'taobao-user-behavior', rows_read: 9, rows_kept: 5 });
  });

  it('lists every cleaning rule with its count and lines, and --strict refuses the file instead', async () => {
    const file = writeTestFile(folder, 'rules.csv', `${ROWS.join('\n')}\n`);
    const warehouse = await freshWarehouse();
    const report = await runImport(warehouse, { format: 'taobao-user-behavior', files: [file] });
    expect(report.cleaning.map(({ rule, action, rows, examples }) => [rule, action, rows, examples.map((example) => example.line)])).toEqual([
      ['unknown behavior type (not pv, buy, cart, fav)', 'dropped', 1, [6]],
      ['event outside the documented window 2017-11-25 00:00:00 .. 2017-12-04 00:00:00 (China time)', 'dropped', 2, [7, 8]],
      ['exact duplicate event (first kept; lines not listed)', 'dropped', 1, []],
    ]);
    const strict = await freshWarehouse();
    const before = await warehouseChecksum(strict);
    await expect(runImport(strict, { format: 'taobao-user-behavior', files: [file], strict: true })).rejects.toThrow(/line 6: unknown behavior type .*--strict/);
    expect(await warehouseChecksum(strict)).toEqual(before);
  });

  it('skips events already imported and reuses their users and products', async () => {
    const file = writeTestFile(folder, 'again.csv', `${ROWS.join('\n')}\n`);
    const warehouse = await freshWarehouse();
    await runImport(warehouse, { format: 'taobao-user-behavior', files: [file] });
    const second = await runImport(warehouse, { format: 'taobao-user-behavior', files: [file] });
    expect(second.dropped['event already in warehouse']).toBe(5);
    expect(second.alreadyInWarehouse).toEqual({ users: 3, products: 3, events: 5 });
    expect(second.inserted).toEqual({ users: 0, products: 0, events: 0 });
    expect((await warehouse.query('SELECT count(*) AS n FROM events')).rows[0]?.n).toBe(5);
  });

  it('tolerates a header line and reads several files in one run', async () => {
    const withHeader = writeTestFile(folder, 'header.csv', `user_id,item_id,category_id,behavior_type,timestamp\n${ROWS[0]}\n`);
    const other = writeTestFile(folder, 'other.csv', `${ROWS[4]}\n`);
    const warehouse = await freshWarehouse();
    const report = await runImport(warehouse, { format: 'taobao-user-behavior', files: [withHeader, other] });
    expect(report.rowsRead).toBe(2);
    expect((await warehouse.query('SELECT count(*) AS n FROM events')).rows[0]?.n).toBe(2);
  });

  it('drops a rare unparsable row with its line but fails when bad rows are more than the allowed share', async () => {
    const many = Array.from({ length: 2000 }, (_, index) => `${index + 1},100,1,pv,${unix('2017-11-26 12:00:00') + index}`);
    many[1499] = `x1500,100,1,pv,${unix('2017-11-26 12:00:00')}`;
    const file = writeTestFile(folder, 'rare-bad.csv', `${many.join('\n')}\n`);
    const warehouse = await freshWarehouse();
    const report = await runImport(warehouse, { format: 'taobao-user-behavior', files: [file] });
    expect(report.dropped).toEqual({ 'unparsable number': 1 });
    expect(report.invalidExamples[0]).toMatchObject({ line: 1500, column: 'user_id' });

    const few = writeTestFile(folder, 'few-bad.csv', `${ROWS[0]}\n1,100,4756105,pv,not-a-time\n`);
    const before = await warehouseChecksum(warehouse);
    const failure = await runImport(warehouse, { format: 'taobao-user-behavior', files: [few] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportError);
    expect(failure).toMatchObject({ file: few, line: 2, column: 'timestamp' });
    expect((failure as Error).message).toContain(`${few}, line 2, column "timestamp"`);
    expect(await warehouseChecksum(warehouse)).toEqual(before);
  });

  it('refuses ids that belong to another source and writes nothing', async () => {
    const warehouse = await freshWarehouse();
    await warehouse.run(`INSERT INTO users (user_id, user_name, source) VALUES (2, 'demo shopper', 'demo')`);
    const file = writeTestFile(folder, 'conflict.csv', `${ROWS.join('\n')}\n`);
    const before = await warehouseChecksum(warehouse);
    const failure = await runImport(warehouse, { format: 'taobao-user-behavior', files: [file] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportConflictError);
    expect(failure).toMatchObject({ table: 'users', id: '2', existingSource: 'demo' });
    expect(await warehouseChecksum(warehouse)).toEqual(before);
  });

  it('rejects a file with the wrong number of fields before touching the warehouse', async () => {
    const file = writeTestFile(folder, 'four-fields.csv', '1,100,4756105,pv\n');
    const warehouse = await freshWarehouse();
    const before = await warehouseChecksum(warehouse);
    await expect(runImport(warehouse, { format: 'taobao-user-behavior', files: [file] })).rejects.toMatchObject({
      name: 'ImportError',
      line: 1,
      message: expect.stringContaining('expected 5 comma-separated fields'),
    });
    expect(await warehouseChecksum(warehouse)).toEqual(before);
  });
});
