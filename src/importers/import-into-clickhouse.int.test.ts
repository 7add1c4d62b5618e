import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ClickHouseEngine } from '../sql/engine/clickhouse-engine.ts';
import { stateFilePath } from '../sql/engine/state-file-path.ts';
import { resultDifferences } from '../sql/engine/testing/compare-results.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { runCli } from '../testing/run-cli.ts';
import { CLICKHOUSE_IMPORT_TABLES } from './import-into-clickhouse.ts';
import { temporaryFolder, writeTestFile } from './test-files.ts';

// One chDB folder for the whole file; every import is done twice, into it and into a DuckDB file, and compared.
const folder = temporaryFolder('ch-import');
const location = { kind: 'chdb' as const, path: path.join(folder, 'shop-ch'), database: 'shoplens' };
const warehouseUrl = `chdb://${location.path}`;
const duckdbPath = path.join(folder, 'shop.duckdb');
const RETAIL = path.resolve(import.meta.dirname, 'fixtures/online-retail-edge-cases.csv');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Unix seconds of a China-time wall clock reading. */
const unix = (chinaTime: string) => Date.parse(`${chinaTime.replace(' ', 'T')}+08:00`) / 1000;
const TAOBAO = writeTestFile(
  folder,
  'UserBehavior.csv',
  [
    `1,100,4756105,pv,${unix('2017-11-25 10:00:00')}`,
    `1,100,4756105,cart,${unix('2017-11-25 10:05:00')}`,
    `1,100,4756105,buy,${unix('2017-11-25 10:10:00')}`,
    `2,101,982926,pv,${unix('2017-11-28 21:00:00')}`,
    `2,101,982926,fav,${unix('2017-12-03 09:00:00')}`,
  ].join('\n'),
);
const BROKEN_TAOBAO = writeTestFile(folder, 'broken.csv', `3,102,982926,pv,${unix('2017-11-26 10:00:00')}\n4,not-a-number,x,pv,soon\n`);


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

describe('shoplens import --warehouse chdb://…', () => {
  it('imports Online Retail with the same quality report and the same rows as into DuckDB', async () => {
    const chdb = await runCli('import', '--format', 'online-retail', '--json', '--warehouse', warehouseUrl, RETAIL);
    const duckdb = await runCli('import', '--format', 'online-retail', '--json', '--db', duckdbPath, RETAIL);
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
    expect(described[0].tableRows).toMatchObject({ events: 5, order_items: expect.any(Number) });
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
