import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WarehouseError } from '../warehouse-error.ts';
import { parseWarehouseUrl, redactPassword, resolveWarehouseLocation } from './warehouse-url.ts';

describe('parseWarehouseUrl', () => {
  it('reads DuckDB paths, chdb folders and ClickHouse server URLs', () => {
    expect(parseWarehouseUrl('data/shop.duckdb')).toEqual({ kind: 'duckdb', path: path.resolve('data/shop.duckdb') });
    expect(parseWarehouseUrl(':memory:')).toEqual({ kind: 'duckdb', path: ':memory:' });
    expect(parseWarehouseUrl('chdb:///tmp/shop-ch')).toEqual({ kind: 'chdb', path: '/tmp/shop-ch', database: 'shoplens' });
    expect(parseWarehouseUrl('chdb://data/shop-ch')).toEqual({ kind: 'chdb', path: path.resolve('data/shop-ch'), database: 'shoplens' });
    expect(parseWarehouseUrl('clickhouse://reader:s%40cret@ch.example:8123/shop')).toEqual({
      kind: 'clickhouse', url: 'http://ch.example:8123', username: 'reader', password: 's@cret', database: 'shop',
    });
    expect(parseWarehouseUrl('clickhouses://ch.example/shop')).toMatchObject({ url: 'https://ch.example:8443', username: 'default', password: '' });
  });

  it('names what is wrong and never repeats a password', () => {
    expect(() => parseWarehouseUrl('postgres://a:b@h/db')).toThrow(WarehouseError);
    expect(() => parseWarehouseUrl('clickhouse://u:topsecret@h:8123/bad-name')).toThrow(/must be letters/);
    expect(() => parseWarehouseUrl('clickhouse://u:topsecret@h:8123/bad-name')).not.toThrow(/topsecret/);
    expect(() => parseWarehouseUrl('chdb://')).toThrow(/names no folder/);
    expect(redactPassword('clickhouse://u:topsecret@h:8123/db')).toBe('clickhouse://u:***@h:8123/db');
  });

  it('lets --warehouse win over --db, and options over the environment', () => {
    const environment = { SHOPLENS_WAREHOUSE: 'chdb:///env', SHOPLENS_DB: '/env.duckdb' };
    expect(resolveWarehouseLocation({ warehouse: 'chdb:///a', db: '/b.duckdb' }, environment)).toMatchObject({ kind: 'chdb', path: '/a' });
    expect(resolveWarehouseLocation({ db: '/b.duckdb' }, environment)).toMatchObject({ kind: 'duckdb', path: '/b.duckdb' });
    expect(resolveWarehouseLocation({}, environment)).toMatchObject({ kind: 'chdb', path: '/env' });
    expect(resolveWarehouseLocation({}, { SHOPLENS_DB: '/env.duckdb' })).toMatchObject({ kind: 'duckdb', path: '/env.duckdb' });
  });
});
