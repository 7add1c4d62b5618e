import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { Warehouse } from '../src/sql/warehouse.ts';
import { runImport, type ImportRequest } from '../src/importers/run-import.ts';

const RETAIL_SAMPLE = path.resolve(process.cwd(), '../shared/data/online_retail_sample.csv');
/** 2017-11-25 00:00 China time, the start of the Tianchi window. */
const WINDOW_START = 1511539200;
const WINDOW_SECONDS = 9 * 24 * 3600;

/**
 * A Tianchi-shaped UserBehavior.csv of `rows` rows written by DuckDB (seconds, not minutes, for 10M rows):
 * ~1 user per 100 rows, ~1 item per 25 rows, the real behaviour mix (pv 89%, cart 5.5%, fav 3%, buy 2.5%)
 * and 0.01% timestamps outside the window, like the real file.
 */
async function writeSyntheticTaobao(file: string, rows: number): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  const users = Math.max(1, Math.floor(rows / 100));
  const items = Math.max(1, Math.floor(rows / 25));
  await connection.run(`
    COPY (
      SELECT 1 + hash(i, 'user') % ${users} AS user_id,
             1 + hash(i, 'item') % ${items} AS item_id,
             1 + hash(i, 'item') % ${items} % 5000 AS category_id,
             CASE WHEN hash(i, 'kind') % 1000 < 890 THEN 'pv' WHEN hash(i, 'kind') % 1000 < 945 THEN 'cart'
                  WHEN hash(i, 'kind') % 1000 < 975 THEN 'fav' ELSE 'buy' END AS behavior_type,
             CASE WHEN hash(i, 'late') % 10000 = 0 THEN 1512345678 + 86400 * 30
                  ELSE ${WINDOW_START} + hash(i, 'time') % ${WINDOW_SECONDS} END AS unix_seconds
      FROM range(${rows}) r(i)
    ) TO '${file}' (HEADER false)`);
  connection.closeSync();
  instance.closeSync();
}

/** The retail sample as an .xlsx workbook (exceljs streaming writer), to time the XLSX path on the same rows. */
async function writeRetailWorkbook(csvFile: string, xlsxFile: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(`SELECT * FROM read_csv('${csvFile}', all_varchar = true)`);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsxFile });
  const sheet = workbook.addWorksheet('Online Retail');
  sheet.addRow(reader.columnNames()).commit();
  for (const row of reader.getRows()) {
    const [invoice, stockCode, description, quantity, date, price, customer, country] = row.map((value) => (value === null ? null : String(value)));
    sheet
      .addRow([invoice, stockCode, description, Number(quantity), new Date(`${date?.replace(' ', 'T')}Z`), Number(price), customer === null ? null : Number(customer), country])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
  connection.closeSync();
  instance.closeSync();
}

async function measure(label: string, request: ImportRequest, folder: string): Promise<void> {
  const databasePath = path.join(folder, `${label.replace(/\W+/g, '-')}.duckdb`);
  const warehouse = await Warehouse.open({ path: databasePath, mode: 'read-write' });
  try {
    const started = process.hrtime.bigint();
    const report = await runImport(warehouse, request);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const megabytes = request.files.reduce((sum, file) => sum + statSync(file).size, 0) / 1e6;
    process.stdout.write(
      `${label.padEnd(34)} ${String(report.rowsRead).padStart(11)} rows  ${seconds.toFixed(2).padStart(7)} s  ` +
        `${Math.round(report.rowsRead / seconds).toLocaleString('en-US').padStart(11)} rows/s  ${megabytes.toFixed(0).padStart(5)} MB  ` +
        `kept ${report.rowsKept}\n`,
    );
  } finally {
    warehouse.close();
  }
}

/** Runs bench/import-one.ts in a child process: its peak RSS is that import's alone. */
function measureTaobaoProcess(label: string, file: string, folder: string, batches?: number): { rows: number; seconds: number; peakMegabytes: number } {
  const databasePath = path.join(folder, `${label.replace(/\W+/g, '-')}.duckdb`);
  const script = path.join(path.dirname(new URL(import.meta.url).pathname), 'import-one.ts');
  const output = execFileSync(process.execPath, ['--import', 'tsx', script, file, databasePath, ...(batches ? [String(batches)] : [])], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const result = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { rows: number; seconds: number; peakMegabytes: number };
  process.stdout.write(
    `${label.padEnd(44)} ${String(result.rows).padStart(11)} rows  ${result.seconds.toFixed(1).padStart(7)} s  ` +
      `${Math.round(result.rows / result.seconds).toLocaleString('en-US').padStart(9)} rows/s  peak ${Math.round(result.peakMegabytes).toLocaleString('en-US')} MB\n`,
  );
  rmSync(databasePath, { force: true });
  return result;
}

/** Import throughput: the real Online Retail sample and synthetic Taobao files of 1M and 10M rows. */
export async function runImportBench(): Promise<void> {
  const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-import-bench-'));
  try {
    if (existsSync(RETAIL_SAMPLE)) {
      await measure('online-retail sample (30k rows)', { format: 'online-retail', files: [RETAIL_SAMPLE] }, folder);
      const workbook = path.join(folder, 'online-retail-sample.xlsx');
      await writeRetailWorkbook(RETAIL_SAMPLE, workbook);
      await measure('online-retail sample as XLSX', { format: 'online-retail', files: [workbook] }, folder);
    } else {
      process.stdout.write(`online-retail sample skipped: ${RETAIL_SAMPLE} not found\n`);
    }
    const sizes = (process.env.SHOPLENS_BENCH_TAOBAO_ROWS ?? '1000000,10000000').split(',').map(Number);
    for (const rows of sizes) {
      const file = path.join(folder, `user-behavior-${rows}.csv`);
      const generated = process.hrtime.bigint();
      await writeSyntheticTaobao(file, rows);
      process.stdout.write(`(generated ${rows.toLocaleString('en-US')} synthetic Taobao rows in ${(Number(process.hrtime.bigint() - generated) / 1e9).toFixed(1)} s)\n`);
      const megabytes = statSync(file).size / 1e6;
      const single = measureTaobaoProcess(`taobao-user-behavior (${rows / 1e6}M rows, ${megabytes.toFixed(0)} MB)`, file, folder);
      // Resumable batches: each batch parses the whole file and keeps 1/B of its users. Two runs separate the cost
      // of parsing (paid once per batch) from the rest (paid once): batched = B·parse + rest, single = parse + rest.
      const batches = 4;
      const batched = measureTaobaoProcess(`  same file, --batches ${batches}`, file, folder, batches);
      const parse = Math.max(0, (batched.seconds - single.seconds) / (batches - 1));
      const rest = Math.max(0, single.seconds - parse);
      const scale = 100_000_000 / rows;
      const fullBatches = Math.max(1, Math.round(scale));
      process.stdout.write(
        `  parse ${parse.toFixed(1)} s per pass, the rest ${rest.toFixed(1)} s; extrapolated to 100M rows (linear): one transaction ` +
          `${((single.seconds * scale) / 60).toFixed(1)} min; --batches ${fullBatches} (${(rows / 1e6).toFixed(0)}M rows each, peak memory about the ` +
          `${Math.round(single.peakMegabytes).toLocaleString('en-US')} MB of the ${(rows / 1e6).toFixed(0)}M-row import) ${((fullBatches * parse * scale + rest * scale) / 60).toFixed(1)} min\n`,
      );
      rmSync(file);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runImportBench();
