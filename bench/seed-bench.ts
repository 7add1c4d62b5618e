import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { seedDemo, type SeedOptions } from '../src/seed/seed-demo.ts';
import { Warehouse } from '../src/sql/warehouse.ts';

const CASES: { label: string; options: SeedOptions }[] = [
  { label: 'default demo (20k users × 90 days)', options: {} },
  { label: '10× demo (200k users × 90 days)', options: { users: 200_000 } },
];

/** Seeds the default demo and a 10× one into temporary files and prints seconds, events/s and rows/s. */
export async function runSeedBench(): Promise<void> {
  const directory = mkdtempSync(path.join(tmpdir(), 'shoplens-seed-bench-'));
  try {
    for (const { label, options } of CASES) {
      const databasePath = path.join(directory, `${label.split(' ')[0]}.duckdb`);
      const warehouse = await Warehouse.open({ path: databasePath, mode: 'read-write' });
      let summary;
      try {
        summary = await seedDemo(warehouse, options);
      } finally {
        warehouse.close();
      }
      const rows = Object.values(summary.rows).reduce((sum, count) => sum + count, 0);
      // Measured after close, when DuckDB has checkpointed everything into the file.
      const megabytes = statSync(databasePath).size / 1_048_576;
      process.stdout.write(
        `${label}: ${summary.seconds.toFixed(1)} s, ${summary.rows.events.toLocaleString('en-US')} events ` +
          `(${Math.round(summary.eventsPerSecond).toLocaleString('en-US')} events/s), ` +
          `${rows.toLocaleString('en-US')} rows (${Math.round(rows / summary.seconds).toLocaleString('en-US')} rows/s), ` +
          `${summary.rows.orders.toLocaleString('en-US')} orders, file ${megabytes.toFixed(0)} MB\n`,
      );
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runSeedBench();
