import { rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runBatchedImport } from './batched-import.ts';
import { runImport } from './run-import.ts';
import { temporaryFolder, warehouseFactory, writeTestFile } from './test-files.ts';
import type { Warehouse } from '../sql/warehouse.ts';

const folder = temporaryFolder('batched');
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const warehouses = warehouseFactory(folder);
afterEach(warehouses.closeAll);

const start = Date.parse('2017-11-25T08:00:00+08:00') / 1000;
// 40 users with a few events each, duplicates, gaps that split sessions, one row outside the window.
const ROWS = Array.from({ length: 40 }, (_, user) => [
  `${user + 1},${100 + (user % 7)},${user % 3},pv,${start + user * 600}`,
  `${user + 1},${100 + (user % 7)},${user % 3},pv,${start + user * 600}`,
  `${user + 1},${200 + (user % 5)},${user % 3},cart,${start + user * 600 + 60}`,
  `${user + 1},${200 + (user % 5)},${user % 3},buy,${start + user * 600 + 4000}`,
]).flat().concat(['7,100,1,pv,1']);

/** What the events say, without the generated ids: the same for one import and for a batched one. */
async function eventsOf(warehouse: Warehouse) {
  const result = await warehouse.query(`SELECT user_id, product_id, event_type, event_time,
      dense_rank() OVER (PARTITION BY user_id ORDER BY session_id) AS session_of_user FROM events ORDER BY ALL`);
  return result.rows;
}

describe('batched (resumable) Taobao import', () => {
  it('gives the same events, sessions and counts as one import, and resumes after an interruption', async () => {
    const file = writeTestFile(folder, 'UserBehavior.csv', `${ROWS.join('\n')}\n`);
    const whole = await warehouses.fresh();
    const single = await runImport(whole, { format: 'taobao-user-behavior', files: [file] });

    const batched = await warehouses.fresh();
    // The first run stops (as if killed) before its second batch; the first batch is committed.
    await expect(
      runBatchedImport(batched, { format: 'taobao-user-behavior', files: [file] }, 3, (progress) => {
        if (progress.batch === 1) throw new Error('interrupted');
      }),
    ).rejects.toThrow('interrupted');
    const partial = (await batched.query('SELECT count(*) AS events FROM events')).rows[0]?.events;
    expect(Number(partial)).toBeGreaterThan(0);
    expect(Number(partial)).toBeLessThan(single.inserted.events ?? 0);

    const batches: number[] = [];
    const resumed = await runBatchedImport(batched, { format: 'taobao-user-behavior', files: [file] }, 3, (progress) => batches.push(progress.batch));
    expect(resumed.skipped).toEqual([0]);
    expect(batches).toEqual([1, 2]);
    expect(await eventsOf(batched)).toEqual(await eventsOf(whole));
    const reports = (await batched.query('SELECT report FROM import_runs')).rows.map((row) => JSON.parse(String(row.report)) as { rowsRead: number; dropped: Record<string, number> });
    expect(reports.reduce((sum, report) => sum + report.rowsRead, 0)).toBe(single.rowsRead);
    expect(reports.reduce((sum, report) => sum + (report.dropped['duplicate row'] ?? 0), 0)).toBe(single.dropped['duplicate row']);
    expect(reports.reduce((sum, report) => sum + (report.dropped['timestamp out of range'] ?? 0), 0)).toBe(1);

    // Everything is committed now: running the command again imports nothing more.
    const again = await runBatchedImport(batched, { format: 'taobao-user-behavior', files: [file] }, 3);
    expect(again.reports).toEqual([]);
    expect(again.skipped).toEqual([0, 1, 2]);
  });
});
