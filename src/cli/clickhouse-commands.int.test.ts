import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDemo } from '../seed/seed-demo.ts';
import { seedIntoClickHouse } from '../seed/seed-into-clickhouse.ts';
import { startServer, type RunningServer } from '../server/start-server.ts';
import { serverLockPath } from '../server/server-lock-file.ts';
import { stateFilePath } from '../sql/engine/state-file-path.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { runCli } from '../testing/run-cli.ts';

// One chDB folder for the whole file (chDB runs one engine per process; reopening the same folder is fine).
const SEED = { users: 200, days: 30, seed: 11, endDate: '2025-11-30' };
const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-ch-commands-'));
const location = { kind: 'chdb' as const, path: path.join(folder, 'shop-ch'), database: 'shoplens' };
const warehouseUrl = `chdb://${location.path}`;
const duckdbPath = path.join(folder, 'shop.duckdb');

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

describe('shoplens serve --warehouse chdb://…', () => {
  let running: RunningServer | undefined;
  afterAll(async () => {
    await running?.stop();
  });

  it('answers analytics from chDB, turns support off with the reason, and takes the CLI through its lock', async () => {
    const apiKey = 'clickhouse-serve-test-key-0123456789';
    const statePath = stateFilePath(location);
    running = await startServer({ port: 0, host: '127.0.0.1', databasePath: statePath, warehouse: location, environment: { ...process.env, SHOPLENS_API_KEY: apiKey, SHOPLENS_LLM_BASE_URL: '' }, logger: pino({ level: 'silent' }) });
    expect(running.supportDescription).toContain('support on ClickHouse is not supported yet: use a DuckDB operational store');
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
  }, 60_000);
});
