import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouseEngine } from './clickhouse-engine.ts';
import { parseWarehouseUrl } from './warehouse-url.ts';

/**
 * The HTTP path against a real server. No modern ClickHouse server can be installed here (Debian's is from 2018 and
 * lacks query parameters), so these run only when SHOPLENS_TEST_CLICKHOUSE_URL names one, e.g.
 * clickhouse://default:@localhost:8123/shoplens_test, and SHOPLENS_TEST_CLICKHOUSE_READER_URL a user set up as in
 * docs/clickhouse.md.
 */
const serverUrl = process.env.SHOPLENS_TEST_CLICKHOUSE_URL;
const readerUrl = process.env.SHOPLENS_TEST_CLICKHOUSE_READER_URL;
if (!serverUrl) console.warn('Skipping ClickHouse server tests: set SHOPLENS_TEST_CLICKHOUSE_URL=clickhouse://USER:PASSWORD@HOST:8123/DATABASE to run them.');

describe.skipIf(!serverUrl)('ClickHouse server over HTTP', () => {
  let engine: ClickHouseEngine;
  beforeAll(async () => {
    const location = parseWarehouseUrl(serverUrl as string);
    if (location.kind !== 'clickhouse') throw new Error('SHOPLENS_TEST_CLICKHOUSE_URL must be a clickhouse:// URL');
    engine = await ClickHouseEngine.open(location, { create: true });
  });
  afterAll(async () => engine?.close());

  it('binds parameters and keeps a hostile value a value', async () => {
    const result = await engine.query(`SELECT count() AS matches FROM (SELECT 'alice' AS name) WHERE name = ${engine.dialect.parameter('name', 'text')}`, { name: "nobody\\' OR 1=1 --" });
    expect(result.rows).toEqual([{ matches: 0 }]);
  });

  it('stops a query at max_execution_time', async () => {
    await expect(engine.query('SELECT count() FROM numbers(1e12)', {}, { timeoutMs: 1_000 })).rejects.toThrow(/TIMEOUT|Timeout|timeout/);
  }, 30_000);

  it.skipIf(!readerUrl)('refuses writes as the read-only user', async () => {
    const location = parseWarehouseUrl(readerUrl as string);
    if (location.kind !== 'clickhouse') throw new Error('SHOPLENS_TEST_CLICKHOUSE_READER_URL must be a clickhouse:// URL');
    const reader = await ClickHouseEngine.open(location);
    try {
      await expect(reader.command('CREATE TABLE shoplens_write_probe (a Int32) ENGINE = Memory')).rejects.toThrow(/readonly|Not enough privileges|ACCESS_DENIED/i);
    } finally {
      await reader.close();
    }
  });
});
