import { existsSync } from 'node:fs';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouseEngine } from './clickhouse-engine.ts';
import { DEBIAN_CLICKHOUSE_BINARIES, startDebianClickHouseServer, type DebianClickHouseServer } from './testing/debian-clickhouse-server.ts';
import { parseWarehouseUrl } from './warehouse-url.ts';

/**
 * A real ClickHouse server over HTTP: Debian's package (clickhouse-server 18.16, from 2018), started privately for
 * this file. It is too old for ShopLens's queries (no query parameters, none of the parity settings), so it is used
 * only for what it can show: that ShopLens refuses it clearly, and that the read-only user and time limit of
 * docs/clickhouse.md hold on a server (through @clickhouse/client, as ShopLens connects).
 */
const installed = DEBIAN_CLICKHOUSE_BINARIES.some((binary) => existsSync(binary));
if (!installed) console.warn(`Skipping the ClickHouse server tests: no clickhouse-server at ${DEBIAN_CLICKHOUSE_BINARIES.join(' or ')} (apt-get install -y clickhouse-server).`);

describe.skipIf(!installed)('a real ClickHouse server (Debian clickhouse-server)', () => {
  let server: DebianClickHouseServer;
  let admin: ClickHouseClient;
  let reader: ClickHouseClient;

  beforeAll(async () => {
    server = (await startDebianClickHouseServer()) as DebianClickHouseServer;
    admin = createClient({ url: server.httpUrl, username: 'default', password: '', log: { level: ClickHouseLogLevel.OFF } });
    await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${server.database}` });
    await admin.command({ query: `CREATE TABLE ${server.database}.events (event_id Int64, event_type String) ENGINE = MergeTree ORDER BY event_id` });
    await admin.command({ query: `INSERT INTO ${server.database}.events VALUES (1, 'view'), (2, 'cart'), (3, 'purchase')` });
    await admin.command({ query: 'CREATE TABLE default.secrets (secret String) ENGINE = Memory' });
    reader = createClient({ url: server.httpUrl, username: server.reader.username, password: server.reader.password, database: server.database, log: { level: ClickHouseLogLevel.OFF } });
  }, 60_000);
  afterAll(async () => {
    await reader?.close();
    await admin?.close();
    await server?.stop();
  });

  it('ShopLens refuses the old server at open, naming its version and the missing setting', async () => {
    const location = parseWarehouseUrl(`clickhouse://default:@${server.httpUrl.replace('http://', '')}/${server.database}`);
    if (location.kind !== 'clickhouse') throw new Error('expected a clickhouse:// location');
    const error = await ClickHouseEngine.open(location).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'WarehouseError' });
    expect((error as Error).message).toMatch(/ClickHouse 18\.\d+\.\d+ at http:\/\/127\.0\.0\.1:\d+\/shoplens_test is too old for ShopLens: it does not know the setting \w+/);
  });

  it('the read-only user reads its database and nothing else, and cannot write', async () => {
    const rows = await (await reader.query({ query: 'SELECT event_type FROM events ORDER BY event_id', format: 'JSONEachRow' })).json();
    expect(rows).toEqual([{ event_type: 'view' }, { event_type: 'cart' }, { event_type: 'purchase' }]);
    for (const statement of ["INSERT INTO events VALUES (4, 'refund')", 'DROP TABLE events', 'CREATE TABLE probe (a Int32) ENGINE = Memory']) {
      await expect(reader.command({ query: statement })).rejects.toThrow(/readonly|Cannot (execute|modify)/i);
    }
    await expect(reader.query({ query: 'SELECT * FROM default.secrets', format: 'JSONEachRow' })).rejects.toThrow(/Access denied|not allowed|ACCESS_DENIED|doesn't have access/i);
    const count = await (await admin.query({ query: `SELECT count() AS n FROM ${server.database}.events`, format: 'JSONEachRow' })).json();
    expect(count).toEqual([{ n: '3' }]);
  });

  it("the reader profile's max_execution_time stops a long query on the server", async () => {
    const started = performance.now();
    await expect(reader.query({ query: 'SELECT count() FROM system.numbers WHERE sipHash64(number) = 0', format: 'JSONEachRow' }).then((result) => result.json())).rejects.toThrow(/Timeout exceeded|TIMEOUT_EXCEEDED/i);
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 20_000);
});
