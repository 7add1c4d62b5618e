import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLICKHOUSE_IMPORT_TABLES } from '../importers/import-into-clickhouse.ts';
import { writeTestFile } from '../importers/test-files.ts';
import { seedDemo } from '../seed/seed-demo.ts';
import { seedIntoClickHouse } from '../seed/seed-into-clickhouse.ts';
import { startServer, type RunningServer } from '../server/start-server.ts';
import { serverLockPath } from '../server/server-lock-file.ts';
import { ClickHouseEngine } from '../sql/engine/clickhouse-engine.ts';
import { stateFilePath } from '../sql/engine/state-file-path.ts';
import { resultDifferences } from '../sql/engine/testing/compare-results.ts';
import { SyncReportSchema } from '../sql/engine/sync-report.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { runCli } from '../testing/run-cli.ts';
import { signToken } from '../server/auth/tokens.ts';
import { auditRowsOf, ShopperChat } from '../server/testing/real-support-kit.ts';
import { TEST_SECRET, type TestServer } from '../server/testing/test-server.ts';

// One chDB folder for the whole file (chDB runs one engine per process; reopening the same folder is fine).
const SEED = { users: 200, days: 30, seed: 11, endDate: '2025-11-30' };
const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-ch-commands-'));
const location = { kind: 'chdb' as const, path: path.join(folder, 'shop-ch'), database: 'shoplens' };
const warehouseUrl = `chdb://${location.path}`;
const duckdbPath = path.join(folder, 'shop.duckdb');
const RETAIL = path.resolve(import.meta.dirname, '../importers/fixtures/online-retail-edge-cases.csv');

beforeAll(async () => {
  await seedIntoClickHouse(location, SEED);
  const duckdb = await Warehouse.open({ path: duckdbPath, mode: 'read-write' });
  await seedDemo(duckdb, SEED);
  duckdb.close();
}, 120_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));


const onChdb = (statement: string) => runCli('sql', statement, '--json', '--warehouse', warehouseUrl);
const onDuckDb = (statement: string) => runCli('sql', statement, '--json', '--db', duckdbPath);

describe('shoplens sql --warehouse chdb://… runs under the same guard as on DuckDB', () => {
  it('answers a SELECT like DuckDB over the same seeded data', async () => {
    const statement = 'SELECT event_type, count(*) AS events, count(DISTINCT user_id) AS users FROM events GROUP BY event_type ORDER BY event_type';
    const [chdb, duckdb] = [await onChdb(statement), await onDuckDb(statement)];
    expect(chdb.error).toBeUndefined();
    expect(JSON.parse(chdb.output).rows).toEqual(JSON.parse(duckdb.output).rows);
    expect(JSON.parse(chdb.output).rows.length).toBeGreaterThan(2);
  });

  it('caps rows at 10,000 and says so', async () => {
    const { output, error } = await onChdb('SELECT event_id FROM events');
    expect(error).toBeUndefined();
    const parsed = JSON.parse(output) as { rows: unknown[]; truncated: boolean; truncatedBy: string };
    expect(parsed.rows).toHaveLength(10_000);
    expect(parsed).toMatchObject({ truncated: true, truncatedBy: 'row_cap' });
  });

  it('refuses writes, files and personal columns before ClickHouse sees them', async () => {
    expect((await onChdb('DROP TABLE events')).error).toMatchObject({ name: expect.stringMatching(/Error$/), kind: expect.any(String) });
    expect((await onChdb("SELECT * FROM file('/etc/passwd', 'CSV')")).error).toMatchObject({ kind: expect.any(String) });
    expect((await onChdb('SELECT phone FROM users')).error).toMatchObject({ kind: 'personal_data' });
    const events = JSON.parse((await onChdb('SELECT count(*) AS n FROM events')).output) as { rows: { n: number }[] };
    expect(events.rows[0]?.n).toBeGreaterThan(10_000);
  });

  it('stops at SHOPLENS_QUERY_TIMEOUT_MS', async () => {
    vi.stubEnv('SHOPLENS_QUERY_TIMEOUT_MS', '800');
    try {
      const started = performance.now();
      const { error } = await onChdb('SELECT count(*) FROM events a, events b, events c WHERE a.event_id + b.event_id + c.event_id < 0');
      expect(error).toMatchObject({ kind: 'timeout', timeoutMs: 800 });
      expect(performance.now() - started).toBeLessThan(4_000);
    } finally {
      vi.unstubAllEnvs();
    }
  }, 20_000);
});

describe('shoplens describe --warehouse chdb://…', () => {
  it('describes the chDB warehouse as DuckDB describes the same data (stored profile)', async () => {
    const chdb = await runCli('describe', '--json', '--warehouse', warehouseUrl);
    const duckdb = await runCli('describe', '--json', '--db', duckdbPath);
    expect(chdb.error).toBeUndefined();
    const [onChdbDescription, onDuckDbDescription] = [JSON.parse(chdb.output), JSON.parse(duckdb.output)];
    expect(onChdbDescription.profileSource).toBe('stored');
    expect(onChdbDescription).toEqual(onDuckDbDescription);
    expect(onChdbDescription.tableRows.events).toBeGreaterThan(10_000);
    expect(Object.keys(onChdbDescription.dimensionSamples).length).toBeGreaterThan(3);
  });

  it('profiles ClickHouse itself when no stored profile describes its rows', async () => {
    const state = await Warehouse.open({ path: stateFilePath(location), mode: 'read-write' });
    await state.run("DELETE FROM meta WHERE key = 'warehouse_profile'");
    state.close();
    const duckdb = await Warehouse.open({ path: duckdbPath, mode: 'read-write' });
    await duckdb.run("DELETE FROM meta WHERE key = 'warehouse_profile'");
    duckdb.close();
    const onChdbDescription = JSON.parse((await runCli('describe', '--json', '--warehouse', warehouseUrl)).output);
    const onDuckDbDescription = JSON.parse((await runCli('describe', '--json', '--db', duckdbPath)).output);
    expect(onChdbDescription.profileSource).toBe('computed');
    expect(onChdbDescription).toEqual(onDuckDbDescription);
    expect(onChdbDescription.dateRange).toEqual({ from: expect.stringMatching(/^2025-1\d-\d\d$/), to: '2025-11-30' });
  });
});

describe('shoplens train / model --warehouse chdb://…', () => {
  const metricsOf = (output: string) =>
    output.trim().split('\n').map((line) => JSON.parse(line) as { name: string; reused: boolean; metrics: Record<string, number> })
      .map((outcome) => ({ name: outcome.name, reused: outcome.reused, metrics: Object.fromEntries(Object.entries(outcome.metrics).filter(([name]) => !/seconds|_ms$/.test(name))) }));

  it('trains and measures on ClickHouse as on DuckDB, and `model` reads the stored report while the data is unchanged', async () => {
    const onChdbRun = await runCli('train', 'segments', 'recommendations', '--json', '--warehouse', warehouseUrl);
    const onDuckDbRun = await runCli('train', 'segments', 'recommendations', '--json', '--db', duckdbPath);
    expect(onChdbRun.error).toBeUndefined();
    expect(onDuckDbRun.error).toBeUndefined();
    const [chdbOutcomes, duckdbOutcomes] = [metricsOf(onChdbRun.output), metricsOf(onDuckDbRun.output)];
    expect(chdbOutcomes.map((outcome) => outcome.name)).toEqual(['segments', 'recommendations']);
    // Integers and ratios of integers here (the full 1e-9 comparison of every model is model-evaluations-parity.int.test.ts).
    expect(chdbOutcomes).toEqual(duckdbOutcomes);
    expect(chdbOutcomes[1]?.metrics.cases).toBeGreaterThan(0);
    const stored = await runCli('model', 'segments', '--json', '--warehouse', warehouseUrl);
    expect(metricsOf(stored.output)).toEqual([{ ...chdbOutcomes[0], reused: true }]);
  }, 120_000);
});

describe('shoplens serve --warehouse chdb://…', () => {
  let running: RunningServer | undefined;
  afterAll(async () => {
    await running?.stop();
  });

  it('answers analytics from chDB, turns support off with the reason, and takes the CLI through its lock', async () => {
    const apiKey = 'clickhouse-serve-test-key-0123456789';
    const statePath = stateFilePath(location);
    running = await startServer({ port: 0, host: '127.0.0.1', databasePath: statePath, warehouse: location, environment: { ...process.env, SHOPLENS_API_KEY: apiKey, SHOPLENS_LLM_BASE_URL: '' }, logger: pino({ level: 'silent' }) });
    expect(running.supportDescription).toContain('support on ClickHouse needs a DuckDB operational store for orders and support actions: start the server with --operational-db FILE');
    expect(existsSync(serverLockPath(statePath))).toBe(true);
    const response = await fetch(new URL('/api/ask', running.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({ question: 'GMV by category last week' }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const answer = (await response.json()) as { status: string; rows: unknown[] };
    expect(answer.status).toBe('answered');
    expect(answer.rows.length).toBeGreaterThan(0);
    // `shoplens sql --warehouse` finds the server by the state file's lock and asks it (chDB stays with the server).
    const viaServer = await onChdb('SELECT count(*) AS n FROM orders');
    expect(viaServer.error).toBeUndefined();
    expect(JSON.parse(viaServer.output).rows[0].n).toBeGreaterThan(0);
    // So do `train` and `model`: the server runs the evaluation on its own chDB engine and streams the report back.
    const trained = await runCli('train', 'baskets', '--json', '--warehouse', warehouseUrl);
    expect(trained.error).toBeUndefined();
    expect(JSON.parse(trained.output)).toMatchObject({ name: 'baskets', reused: false, metrics: { paid_orders: expect.any(Number) } });
    expect(JSON.parse((await runCli('model', 'baskets', '--json', '--warehouse', warehouseUrl)).output)).toMatchObject({ name: 'baskets', reused: true });
    // `sync` cannot go through a server whose store is not the one named (here it has none): refused with what to do.
    const refused = await runCli('sync', '--operational-db', duckdbPath, '--warehouse', warehouseUrl);
    expect(refused.error).toMatchObject({ name: 'SyncError', kind: 'held_by_server' });
    expect((refused.error as Error).message).toContain(`holds the chDB folder ${location.path}, which admits one process`);
    expect((refused.error as Error).message).toContain(`kill ${process.pid}`);
    expect((refused.error as Error).message).toContain(`shoplens serve --warehouse ${warehouseUrl} --operational-db ${duckdbPath}`);
  }, 60_000);
});

describe('shoplens serve --warehouse chdb://… --operational-db FILE', () => {
  it('serves the support chat end to end on the DuckDB operational store while analytics read chDB', async () => {
    // A copy of the DuckDB demo (the same data as chDB) as the operational store, so later tests keep equal data.
    const operational = path.join(folder, 'operational.duckdb');
    copyFileSync(duckdbPath, operational);
    const store = await Warehouse.open({ path: operational, mode: 'read-only' });
    const order = (await store.query(`SELECT order_id, order_no, user_id FROM orders WHERE status = 'paid' AND user_id IS NOT NULL ORDER BY order_no LIMIT 1`)).rows[0] as { order_id: number; order_no: string; user_id: number };
    store.close();
    const statusOnChdb = async () => JSON.parse((await onChdb(`SELECT status FROM orders WHERE order_id = ${Number(order.order_id)}`)).output).rows[0].status;
    const apiKey = 'clickhouse-support-test-key-0123456789';
    const running = await startServer({
      port: 0, host: '127.0.0.1', databasePath: operational, warehouse: location, operationalStore: true,
      environment: { ...process.env, SHOPLENS_JWT_SECRET: TEST_SECRET, SHOPLENS_API_KEY: apiKey, SHOPLENS_LLM_BASE_URL: '' }, logger: pino({ level: 'silent' }),
    });
    const server = { url: running.url, customerToken: (customerId: number) => signToken(TEST_SECRET, { role: 'customer', customerId }, '1h') } as unknown as TestServer;
    const shopper = await ShopperChat.open(server, order.user_id);
    try {
      expect(running.supportDescription).toContain('SupportAgent');
      const turn = await shopper.say(`please cancel order ${order.order_no}, I changed my mind`);
      expect(turn.reply.text).toContain(`Cancel order ${order.order_no}`);
      const card = turn.events.find((event) => event.type === 'confirmation-request');
      const confirmationId = card?.type === 'confirmation-request' ? card.confirmation.confirmationId : '';
      const done = await shopper.answer(confirmationId, true);
      expect(done.reply.text).toContain(`Order ${order.order_no} is cancelled`);
      // Analytics keep answering from chDB on the same server.
      const response = await fetch(new URL('/api/ask', running.url), {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, body: JSON.stringify({ question: 'GMV by category last week' }),
      });
      expect(((await response.json()) as { status: string }).status).toBe('answered');
      // chDB still shows the order as paid: support wrote the operational store only.
      expect(await statusOnChdb()).toBe('paid');
      // While the server holds the store and the chDB folder, `shoplens sync` (and `sql --warehouse`) go through it.
      const synced = await runCli('sync', '--operational-db', operational, '--warehouse', warehouseUrl, '--json');
      expect(synced.error).toBeUndefined();
      const report = SyncReportSchema.parse(JSON.parse(synced.output));
      expect(report.tables.map((entry) => [entry.table, entry.mode])).toEqual([['users', 'replaced'], ['orders', 'replaced'], ['order_items', 'replaced'], ['support_events', 'appended']]);
      // The conversation's own support events (intent, confirmation, outcome) are the appended rows.
      expect(report.tables[3]?.appended).toBeGreaterThan(0);
      expect(await statusOnChdb()).toBe('cancelled');
      const again = SyncReportSchema.parse(JSON.parse((await runCli('sync', '--operational-db', operational, '--warehouse', warehouseUrl, '--json')).output));
      expect(again.tables[3]).toMatchObject({ mode: 'appended', appended: 0 });
    } finally {
      shopper.client.close();
      await running.stop();
    }
    // The write and its audit row are in the operational store.
    const after = await Warehouse.open({ path: operational, mode: 'read-only' });
    expect((await after.query('SELECT status FROM orders WHERE order_id = $order', { order: order.order_id })).rows[0]?.status).toBe('cancelled');
    expect((await auditRowsOf(after, order.order_id)).filter((row) => row.status === 'committed')).toEqual([
      expect.objectContaining({ actor: `customer:${order.user_id}`, tool: 'cancel_order' }),
    ]);
    const storeEvents = Number((await after.query('SELECT count(*) AS n FROM support_events')).rows[0]?.n);
    after.close();
    expect(JSON.parse((await onChdb('SELECT count(*) AS n FROM support_events')).output).rows[0].n).toBe(storeEvents);
    // Syncing the untouched demo back (server stopped, run here) restores the data the import tests below compare with
    // DuckDB; ClickHouse now has support events that store lacks, so that table is replaced whole, not appended to.
    const restored = await runCli('sync', '--operational-db', duckdbPath, '--warehouse', warehouseUrl);
    expect(restored.error).toBeUndefined();
    expect(restored.output).toMatch(/^Synced users [\d,]+ \(replaced\), orders [\d,]+ \(replaced\), order_items [\d,]+ \(replaced\), support_events [\d,]+ \(replaced: ClickHouse has recent rows that the store lacks\) rows into chdb:/);
    expect(await statusOnChdb()).toBe('paid');
  }, 120_000);

  it('refuses an operational store without orders', async () => {
    const empty = path.join(folder, 'empty-operational.duckdb');
    await expect(startServer({ port: 0, host: '127.0.0.1', databasePath: empty, warehouse: location, operationalStore: true, environment: { ...process.env, SHOPLENS_JWT_SECRET: TEST_SECRET, SHOPLENS_LLM_BASE_URL: '' }, logger: pino({ level: 'silent' }) }))
      .rejects.toThrow(/operational store .*empty-operational\.duckdb has no orders/);
  }, 60_000);
});

/** Unix seconds of a China-time wall clock reading. */
const unix = (chinaTime: string) => Date.parse(`${chinaTime.replace(' ', 'T')}+08:00`) / 1000;
// Ids far from the seeded demo's (users 1…200, products from 1), which a Taobao import must not claim.
const TAOBAO = writeTestFile(
  folder,
  'UserBehavior.csv',
  [
    `900001,9000100,4756105,pv,${unix('2017-11-25 10:00:00')}`,
    `900001,9000100,4756105,cart,${unix('2017-11-25 10:05:00')}`,
    `900001,9000100,4756105,buy,${unix('2017-11-25 10:10:00')}`,
    `900002,9000101,982926,pv,${unix('2017-11-28 21:00:00')}`,
    `900002,9000101,982926,fav,${unix('2017-12-03 09:00:00')}`,
  ].join('\n'),
);
const BROKEN_TAOBAO = writeTestFile(folder, 'broken.csv', `900003,9000102,982926,pv,${unix('2017-11-26 10:00:00')}\n4,not-a-number,x,pv,soon\n`);

/** The report without what differs between any two runs (id, clock times, durations). */
function comparable(json: string): unknown {
  const { runId: _runId, startedAt: _startedAt, finishedAt: _finishedAt, durationSeconds: _duration, ...rest } = JSON.parse(json) as Record<string, unknown>;
  return rest;
}

async function tablesDiffer(): Promise<string[]> {
  const duckdb = await Warehouse.open({ path: duckdbPath, mode: 'read-only' });
  const chdb = await ClickHouseEngine.open(location);
  try {
    const differences: string[] = [];
    for (const table of CLICKHOUSE_IMPORT_TABLES) {
      const expected = await duckdb.query(`SELECT * FROM ${table}`);
      const actual = await chdb.query(`SELECT * FROM ${table}`);
      differences.push(...resultDifferences(expected, actual, 3).map((line) => `${table}: ${line}`));
    }
    return differences;
  } finally {
    await chdb.close();
    duckdb.close();
  }
}

async function rowCounts(): Promise<unknown> {
  const chdb = await ClickHouseEngine.open(location);
  try {
    const tables = await chdb.query("SELECT name, total_rows FROM system.tables WHERE database = currentDatabase() ORDER BY name");
    return tables.rows;
  } finally {
    await chdb.close();
  }
}

describe('shoplens import --warehouse chdb://… (after the tests above: it changes the data)', () => {
  it('imports Online Retail next to the demo data with the same quality report and the same rows as into DuckDB', async () => {
    // The demo's amounts are CNY; without --currency both engines refuse the GBP file alike (import-shop-settings.ts).
    const chdb = await runCli('import', '--format', 'online-retail', '--currency', 'CNY', '--json', '--warehouse', warehouseUrl, RETAIL);
    const duckdb = await runCli('import', '--format', 'online-retail', '--currency', 'CNY', '--json', '--db', duckdbPath, RETAIL);
    expect(chdb.error).toBeUndefined();
    expect(duckdb.error).toBeUndefined();
    expect(comparable(chdb.output)).toEqual(comparable(duckdb.output));
    expect((JSON.parse(chdb.output) as { inserted: Record<string, number> }).inserted.order_items).toBeGreaterThan(3);
    expect(await tablesDiffer()).toEqual([]);
  });

  it('adds a Taobao import to what is there, as on DuckDB, and describes the result alike', async () => {
    const chdb = await runCli('import', '--format', 'taobao-user-behavior', '--json', '--warehouse', warehouseUrl, TAOBAO);
    const duckdb = await runCli('import', '--format', 'taobao-user-behavior', '--json', '--db', duckdbPath, TAOBAO);
    expect(chdb.error).toBeUndefined();
    expect(comparable(chdb.output)).toEqual(comparable(duckdb.output));
    expect(await tablesDiffer()).toEqual([]);
    const described = [await runCli('describe', '--json', '--warehouse', warehouseUrl), await runCli('describe', '--json', '--db', duckdbPath)].map((run) => JSON.parse(run.output));
    expect(described[0]).toEqual(described[1]);
    expect(described[0].profileSource).toBe('stored');
    expect(described[0].tableRows.events).toBeGreaterThan(10_005);
  });

  it('leaves ClickHouse and the state file unchanged when an import fails', async () => {
    const before = await rowCounts();
    const state = await Warehouse.open({ path: stateFilePath(location), mode: 'read-only' });
    const stateBefore = await state.query('SELECT (SELECT count(*) FROM import_runs) AS runs, (SELECT string_agg(key || value, \'\' ORDER BY key) FROM meta) AS meta');
    state.close();
    const failed = await runCli('import', '--format', 'taobao-user-behavior', '--strict', '--warehouse', warehouseUrl, BROKEN_TAOBAO);
    expect(failed.error).toMatchObject({ name: expect.stringMatching(/Import|Error/) });
    expect((failed.error as Error).message).toMatch(/broken\.csv/);
    expect(await rowCounts()).toEqual(before);
    const after = await Warehouse.open({ path: stateFilePath(location), mode: 'read-only' });
    expect((await after.query('SELECT (SELECT count(*) FROM import_runs) AS runs, (SELECT string_agg(key || value, \'\' ORDER BY key) FROM meta) AS meta')).rows).toEqual(stateBefore.rows);
    after.close();
  });
});
