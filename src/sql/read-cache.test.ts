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

describe('ReadCache.readKeyed', () => {
  const rowsOf = (keys: readonly number[]) => ({ columns: [], rows: keys.flatMap((key) => [{ key, line: 1 }, { key, line: 2 }]) });

  it('reads the keys concurrent callers miss in one statement, and keeps each key until its table is written', async () => {
    const cache = new ReadCache();
    const loads: number[][] = [];
    const read = { family: 'lines', keyColumn: 'key', tables: ['order_items'], load: async (keys: readonly number[]) => (loads.push([...keys]), rowsOf(keys)) };
    const [first, second] = await Promise.all([cache.readKeyed(read, [1, 2]), cache.readKeyed(read, [2, 3])]);
    expect(loads).toEqual([[1, 2, 3]]);
    expect(first.get(1)).toEqual([{ key: 1, line: 1 }, { key: 1, line: 2 }]);
    expect([...second.keys()]).toEqual([2, 3]);
    // Kept per key: another combination of known keys reads nothing; a new key alone is read alone.
    const third = await cache.readKeyed(read, [3, 1, 4]);
    expect(loads).toEqual([[1, 2, 3], [4]]);
    expect(third.get(4)).toEqual([{ key: 4, line: 1 }, { key: 4, line: 2 }]);
    // A key without rows is kept as empty too.
    const none = { ...read, load: async (keys: readonly number[]) => (loads.push([...keys]), { columns: [], rows: [] }) };
    expect((await cache.readKeyed(none, [9])).get(9)).toEqual([]);
    await cache.readKeyed(none, [9]);
    expect(loads).toEqual([[1, 2, 3], [4], [9]]);
    // A write to another table keeps them; one to theirs drops them all.
    cache.wrote(['orders']);
    await cache.readKeyed(read, [1]);
    expect(loads).toHaveLength(3);
    cache.wrote(['order_items']);
    await cache.readKeyed(read, [1, 4]);
    expect(loads.at(-1)).toEqual([1, 4]);
  });

  it('does not keep rows whose read was running when a write to their table committed, and hands out frozen rows', async () => {
    const cache = new ReadCache();
    let loads = 0;
    let release: () => void = () => undefined;
    const read = {
      family: 'orders',
      keyColumn: 'key',
      tables: ['orders'],
      load: async (keys: readonly number[]) => {
        loads += 1;
        await new Promise<void>((resolve) => (release = resolve));
        return rowsOf(keys);
      },
    };
    const first = cache.readKeyed(read, [1]);
    await new Promise((resolve) => setImmediate(resolve));
    cache.wrote(['orders']);
    release();
    const rows = (await first).get(1) ?? [];
    expect(() => {
      (rows[0] as Record<string, unknown>).line = 3;
    }).toThrow(TypeError);
    const second = cache.readKeyed(read, [1]);
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await second;
    expect(loads).toBe(2);
  });

  it('serves a key from the read already running for it unless its table was written since that read was asked for', async () => {
    const cache = new ReadCache();
    const loads: number[][] = [];
    const releases: (() => void)[] = [];
    const read = {
      family: 'orders',
      keyColumn: 'key',
      tables: ['orders'],
      load: async (keys: readonly number[]) => {
        loads.push([...keys]);
        await new Promise<void>((resolve) => releases.push(resolve));
        return rowsOf(keys);
      },
    };
    let released = 0;
    const releaseAll = async () => {
      while (loads.length > released + releases.length) await new Promise((resolve) => setImmediate(resolve));
      released += releases.length;
      for (const release of releases.splice(0)) release();
    };
    // A prefetch starts the read; the turn that asks while it runs joins it (a new key beside it is read apart).
    const prefetch = cache.readKeyed(read, [1, 2]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(loads).toEqual([[1, 2]]);
    const turn = cache.readKeyed(read, [2, 3]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(loads).toEqual([[1, 2], [3]]);
    await releaseAll();
    expect((await turn).get(2)).toEqual([{ key: 2, line: 1 }, { key: 2, line: 2 }]);
    expect([...(await turn).keys()].sort()).toEqual([2, 3]);
    await prefetch;
    // A write to another table does not stop the join; a write to the read's own table does: the caller reads again.
    cache.wrote(['orders']);
    const started = cache.readKeyed(read, [5]);
    await new Promise((resolve) => setImmediate(resolve));
    cache.wrote(['order_items']);
    const joined = cache.readKeyed(read, [5]);
    cache.wrote(['orders']);
    const afterWrite = cache.readKeyed(read, [5]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(loads.slice(2)).toEqual([[5], [5]]);
    await releaseAll();
    await Promise.all([started, joined, afterWrite]);
    // Only the read asked for after the write was kept: one more call reads nothing.
    await cache.readKeyed(read, [5]);
    expect(loads).toHaveLength(4);
  });

  it('fails every caller of a batch whose read failed, and keeps nothing', async () => {
    const cache = new ReadCache();
    let fail = true;
    const read = { family: 'orders', keyColumn: 'key', tables: ['orders'], load: async (keys: readonly number[]) => (fail ? Promise.reject(new Error('disk on fire')) : rowsOf(keys)) };
    const results = await Promise.allSettled([cache.readKeyed(read, [1]), cache.readKeyed(read, [2])]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect((await cache.readKeyed(read, [1])).get(1)).toHaveLength(2);
  });
});

