import { afterEach, describe, expect, it } from 'vitest';
import { Warehouse } from './warehouse.ts';

let warehouse: Warehouse | undefined;
afterEach(() => {
  warehouse?.close();
  warehouse = undefined;
});

async function memoryWarehouse(readConnections?: number): Promise<Warehouse> {
  warehouse = await Warehouse.open({ path: ':memory:', mode: 'read-write', readConnections });
  await warehouse.run('CREATE TABLE notes (id INTEGER, body VARCHAR)');
  return warehouse;
}

describe('Warehouse reads on the read pool', () => {
  it('answers a point read while a long statement holds the shared connection (reads no longer queue behind it)', async () => {
    const store = await memoryWarehouse();
    let longFinished = false;
    // Several seconds of work on the shared connection, where every read used to wait.
    const long = store.connection.runAndReadAll('SELECT count(*) FROM range(100000000) t(i) WHERE i % 7 = 3').then(() => {
      longFinished = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const result = await store.query('SELECT 42 AS answer');
    expect(result.rows).toEqual([{ answer: 42 }]);
    expect(longFinished).toBe(false);
    await long;
  }, 60_000);

  it('gives each of many concurrent callers of one statement text its own values (no shared bindings)', async () => {
    const store = await memoryWarehouse();
    await Promise.all(Array.from({ length: 60 }, (_, id) => store.run('INSERT INTO notes VALUES ($id, $body)', { id, body: `note ${id}` })));
    const bodies = await Promise.all(Array.from({ length: 60 }, (_, id) => store.query('SELECT body FROM notes WHERE id = $id', { id })));
    expect(bodies.map((result) => result.rows[0]?.body)).toEqual(Array.from({ length: 60 }, (_, id) => `note ${id}`));
    expect((await store.query('SELECT count(DISTINCT id) AS ids, count(*) AS total FROM notes')).rows).toEqual([{ ids: 60, total: 60 }]);
  });

  it('never reuses the previous call’s value for a parameter a later call leaves out', async () => {
    const store = await memoryWarehouse();
    expect((await store.query('SELECT $value::INTEGER AS v', { value: 7 })).rows).toEqual([{ v: 7 }]);
    await expect(store.query('SELECT $value::INTEGER AS v', {})).rejects.toThrow(/value|parameter/i);
  });

  it('runs writes with RETURNING and several statements on the shared connection, in call order', async () => {
    const store = await memoryWarehouse();
    const inserted = await store.query('INSERT INTO notes VALUES ($id, $body) RETURNING id', { id: 1, body: 'first' });
    expect(inserted.rows).toEqual([{ id: 1 }]);
    // The same text again is recognised as a write at once and still runs.
    expect((await store.query('INSERT INTO notes VALUES ($id, $body) RETURNING id', { id: 2, body: 'second' })).rows).toEqual([{ id: 2 }]);
    const several = await store.query("INSERT INTO notes VALUES (3, 'third'); SELECT count(*) AS n FROM notes");
    expect(several.rows).toEqual([{ n: 3 }]);
  });

  it('reports a syntax error and a missing table as DuckDB does, and runs nothing twice', async () => {
    const store = await memoryWarehouse();
    await expect(store.query('SELEC 1')).rejects.toThrow(/syntax error/i);
    await expect(store.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
    await expect(store.run('INSERT INTO notes VALUES ($id, $body)', { id: 'not a number', body: 'x' })).rejects.toThrow(/Could not convert|conversion/i);
    expect((await store.query('SELECT count(*) AS n FROM notes')).rows).toEqual([{ n: 0 }]);
  });

  it('sees what a write committed just before, on any read connection', async () => {
    const store = await memoryWarehouse(3);
    for (let id = 0; id < 12; id += 1) {
      await store.run('INSERT INTO notes VALUES ($id, $body)', { id, body: 'x' });
      expect((await store.query('SELECT count(*) AS n FROM notes')).rows).toEqual([{ n: id + 1 }]);
    }
  });

  it('with readConnections 0 runs every read on the shared connection', async () => {
    const store = await memoryWarehouse(0);
    await store.run('INSERT INTO notes VALUES ($id, $body)', { id: 1, body: 'x' });
    expect((await store.query('SELECT body FROM notes WHERE id = $id', { id: 1 })).rows).toEqual([{ body: 'x' }]);
  });
});
