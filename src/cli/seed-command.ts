import type { Command } from 'commander';
import type { SeedProgress, SeedSummary } from '../seed/seed-demo.ts';
import { SEED_DEFAULTS } from '../seed/seed-defaults.ts';
import { resolveDatabasePath } from '../sql/database-path.ts';
import { resolveWarehouseLocation } from '../sql/engine/warehouse-url.ts';
import { formatTable } from './format-table.ts';
import { createProgressReporter, type ProgressReporter } from './progress-reporter.ts';
import { runServerJob, runningServerFor } from './running-server.ts';

interface SeedCommandOptions {
  users?: string;
  days?: string;
  seed?: string;
  endDate?: string;
  db?: string;
  warehouse?: string;
}

const PHASE_LABELS: Record<SeedProgress['phase'], string> = {
  catalogue: 'catalogue',
  users: 'users',
  behaviour: 'sessions (days)',
  loading: 'loading tables',
};

/** Seed progress as the CLI shows it: phases by name, with elapsed time. */
export async function seedProgressReporter(): Promise<{ reporter: ProgressReporter; report: (progress: SeedProgress) => void }> {
  const reporter = await createProgressReporter('seed');
  return { reporter, report: (progress) => reporter.report({ ...progress, phase: PHASE_LABELS[progress.phase] }) };
}

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description(
      'Generate the deterministic demo data set and replace the behaviour tables (users, products, events, ' +
        'orders, order_items, reviews) in one transaction.',
    )
    .option('--users <n>', `number of users (default ${SEED_DEFAULTS.users})`)
    .option('--days <d>', `days of history ending at --end-date (default ${SEED_DEFAULTS.days})`)
    .option('--seed <s>', `random seed; same options give identical data (default ${SEED_DEFAULTS.seed})`)
    .option('--end-date <YYYY-MM-DD>', `last day of the window (default ${SEED_DEFAULTS.endDate})`)
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb)')
    .option('--warehouse <url>', 'chdb://FOLDER or clickhouse://USER:PASSWORD@HOST:8123/DATABASE instead of a DuckDB file (default: $SHOPLENS_WAREHOUSE)')
    .action(async (options: SeedCommandOptions) => {
      const [{ parseSeedArguments }, { seedDemo }, { Warehouse }] = await Promise.all([
        import('../seed/seed-options.ts'),
        import('../seed/seed-demo.ts'),
        import('../sql/warehouse.ts'),
      ]);
      // Validate before opening anything, so a typo never touches the warehouse.
      const seedOptions = parseSeedArguments(options);
      const location = resolveWarehouseLocation({ warehouse: options.warehouse, db: options.db });
      if (location.kind !== 'duckdb') {
        const { seedIntoClickHouse } = await import('../seed/seed-into-clickhouse.ts');
        const progress = await seedProgressReporter();
        try {
          // With --warehouse, --db names the state file kept next to the ClickHouse tables.
          const summary = await seedIntoClickHouse(location, seedOptions, progress.report, options.warehouse ? options.db : undefined);
          progress.reporter.done();
          process.stdout.write(`${formatSummary(summary, location.kind === 'chdb' ? `chdb://${location.path}` : `${location.url}/${location.database}`)}\n`);
        } finally {
          progress.reporter.stop();
        }
        return;
      }
      const databasePath = resolveDatabasePath(options.db);
      const server = await runningServerFor(databasePath);
      if (server) {
        // The server owns the file: it seeds in one transaction while its readers keep the previous data until commit.
        const progress = await seedProgressReporter();
        try {
          const summary = (await runServerJob(server, 'seed', seedOptions, { progress: (line) => progress.report(line as unknown as SeedProgress) })) as SeedSummary;
          progress.reporter.done();
          process.stdout.write(`${formatSummary(summary, databasePath)}\n`);
        } finally {
          progress.reporter.stop();
        }
        return;
      }
      const warehouse = await Warehouse.open({ path: databasePath, mode: 'read-write' });
      const progress = await seedProgressReporter();
      try {
        const summary = await seedDemo(warehouse, seedOptions, progress.report);
        progress.reporter.done();
        process.stdout.write(`${formatSummary(summary, databasePath)}\n`);
      } finally {
        progress.reporter.stop();
        warehouse.close();
      }
    });
}

export function formatSummary(summary: SeedSummary, databasePath: string): string {
  const table = formatTable({
    columns: [{ name: 'table', type: 'VARCHAR' }, { name: 'rows', type: 'BIGINT' }],
    rows: Object.entries(summary.rows).map(([table, rows]) => ({ table, rows })),
  });
  const { users, days, seed } = summary.options;
  return [
    `Seeded ${databasePath}: ${users} users × ${days} days (${summary.window.startDate} … ${summary.window.endDate}), seed ${seed}.`,
    table,
    `${summary.seconds.toFixed(1)} s, ${Math.round(summary.eventsPerSecond).toLocaleString('en-US')} events/s, ` +
      `${summary.sessions.toLocaleString('en-US')} sessions.`,
  ].join('\n');
}
