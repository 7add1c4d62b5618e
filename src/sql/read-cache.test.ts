import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReadCache, writtenTables } from './read-cache.ts';
import { Warehouse } from './warehouse.ts';

describe('writtenTables', () => {
  it.each([
    ['INSERT INTO support_events (a) VALUES ($a)', ['support_events']],
    ['insert or replace into main."Orders" VALUES (1)', ['orders']],
    ['UPDATE conversations SET context = $c WHERE conversation_id = $id', ['conversations']],
    ['  -- why\nDELETE FROM shoplens_cache.models WHERE 1', ['models']],
    ['UPDATE orders SET status = 1;', ['orders']],
  ])('%s changes %j', (sql, tables) => {
    expect(writtenTables(sql)).toEqual(tables);
  });

  it.each([
    'CREATE TABLE x (a INT)',
    'WITH v AS (SELECT 1) UPDATE orders SET status = 1',
    'UPDATE messages SET intent = 1; UPDATE orders SET status = 2',
    'COPY orders FROM \'x.csv\'',
    'DROP TABLE orders',
  ])('cannot tell what %s changes: everything', (sql) => {
    expect(writtenTables(sql)).toBeUndefined();
  });
});

describe('Warehouse.cachedQuery', () => {
  let warehouse: Warehouse;
  const status = async () => (await warehouse.cachedQuery('SELECT status FROM orders WHERE order_id = $id', { id: 1 }, ['orders'])).rows[0]?.status;

  beforeEach(async () => {
    warehouse = await Warehouse.open({ path: ':memory:' });
    await warehouse.run(`INSERT INTO orders (order_id, order_no, user_id, status, created_at, items_amount, total_amount) VALUES (1, 'SL1', 7, 'paid', TIMESTAMP '2025-11-01', 10, 10)`);
  });
  afterEach(() => warehouse.close());

  it('reuses a result until a write to its table, and rereads after every kind of write', async () => {
    expect(await status()).toBe('paid');
    // Changed behind the warehouse's back (a raw connection): the cached value proves the read was reused.
    const raw = await warehouse.connect();
    await raw.run(`UPDATE orders SET status = 'shipped' WHERE order_id = 1`);
    raw.closeSync();
    expect(await status()).toBe('paid');
    // A write to another table keeps it; a write to orders drops it.
    await warehouse.run('INSERT INTO meta VALUES ($k, $v)', { k: 'x', v: 'y' });
    expect(await status()).toBe('paid');
    await warehouse.run(`UPDATE orders SET status = 'delivered' WHERE order_id = $id`, { id: 1 });
    expect(await status()).toBe('delivered');
    // A transaction that does not name its tables may have changed anything.
    await warehouse.transaction((connection) => connection.run(`UPDATE orders SET status = 'returned' WHERE order_id = 1`));
    expect(await status()).toBe('returned');
    // One that names them is trusted to have changed only those.
    await warehouse.transaction((connection) => connection.run(`INSERT INTO meta VALUES ('z', 'z')`), { writes: ['meta'] });
    expect(await status()).toBe('returned');
  });

  it('does not keep a result whose read was running when a write to its table committed', async () => {
    const cache = new ReadCache();
    let reads = 0;
    let release: () => void = () => undefined;
    const slowRead = async () => {
      reads += 1;
      await new Promise<void>((resolve) => (release = resolve));
      return { columns: [], rows: [{ status: 'paid' }] };
    };
    const first = cache.read('SELECT 1', undefined, ['orders'], slowRead);
    cache.wrote(['orders']);
    release();
    await first;
    const second = cache.read('SELECT 1', undefined, ['orders'], slowRead);
    release();
    await second;
    expect(reads).toBe(2);
    await cache.read('SELECT 1', undefined, ['orders'], slowRead);
    expect(reads).toBe(2);
  });

  it('without a read pool, plain SELECTs on the shared connection keep results; a write through query drops them', async () => {
    const unpooled = await Warehouse.open({ path: ':memory:', readConnections: 0 });
    try {
      await unpooled.run(`INSERT INTO orders (order_id, order_no, user_id, status, created_at, items_amount, total_amount) VALUES (1, 'SL1', 7, 'paid', TIMESTAMP '2025-11-01', 10, 10)`);
      const read = async () => (await unpooled.cachedQuery('SELECT status FROM orders WHERE order_id = 1', undefined, ['orders'])).rows[0]?.status;
      expect(await read()).toBe('paid');
      const raw = await unpooled.connect();
      await raw.run(`UPDATE orders SET status = 'shipped' WHERE order_id = 1`);
      raw.closeSync();
      await unpooled.query('SELECT count(*) FROM meta');
      expect(await read()).toBe('paid');
      await unpooled.query(`UPDATE orders SET status = 'delivered' WHERE order_id = 1 RETURNING order_id`);
      expect(await read()).toBe('delivered');
    } finally {
      unpooled.close();
    }
  });

  it('keeps at most its capacity, dropping the least recently used', async () => {
    const cache = new ReadCache(2);
    const reads: string[] = [];
    const read = (sql: string) => cache.read(sql, undefined, ['orders'], async () => {
      reads.push(sql);
      return { columns: [], rows: [] };
    });
    await read('a');
    await read('b');
    await read('a');
    await read('c');
    expect(cache.size).toBe(2);
    await read('a');
    await read('b');
    expect(reads).toEqual(['a', 'b', 'c', 'b']);
  });

  it('hands out frozen rows, so no caller can change what the next one reads', async () => {
    const { rows } = await warehouse.cachedQuery('SELECT status FROM orders', undefined, ['orders']);
    expect(() => {
      (rows[0] as Record<string, unknown>).status = 'x';
    }).toThrow(TypeError);
  });
});
