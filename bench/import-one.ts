/**
 * One import in its own process, so its peak resident memory (getrusage maxRSS, DuckDB included) is its own.
 * Usage: tsx bench/import-one.ts FILE DB [BATCHES]; prints one JSON line {rows, seconds, peakMegabytes}.
 */
import { Warehouse } from '../src/sql/warehouse.ts';
import { runImport } from '../src/importers/run-import.ts';
import { runBatchedImport } from '../src/importers/batched-import.ts';

const [file, databasePath, batchesText] = process.argv.slice(2);
if (!file || !databasePath) throw new Error('usage: tsx bench/import-one.ts FILE DB [BATCHES]');
const warehouse = await Warehouse.open({ path: databasePath, mode: 'read-write' });
const started = performance.now();
let rows = 0;
if (batchesText) {
  const outcome = await runBatchedImport(warehouse, { format: 'taobao-user-behavior', files: [file] }, Number(batchesText));
  rows = outcome.reports.reduce((sum, report) => sum + report.rowsRead, 0);
} else {
  rows = (await runImport(warehouse, { format: 'taobao-user-behavior', files: [file] })).rowsRead;
}
const seconds = (performance.now() - started) / 1000;
warehouse.close();
process.stdout.write(`${JSON.stringify({ rows, seconds, peakMegabytes: process.resourceUsage().maxRSS / 1024 })}\n`);
