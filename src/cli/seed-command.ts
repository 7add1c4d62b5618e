import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { resolveDatabasePath } from '../sql/database-path.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { seedDemo, type SeedProgress, type SeedSummary } from '../seed/seed-demo.ts';
import { parseSeedArguments, SEED_DEFAULTS } from '../seed/seed-options.ts';
import { formatTable } from './format-table.ts';
import { refuseWhileServerRuns } from './running-server.ts';

interface SeedCommandOptions {
  users?: string;
  days?: string;
  seed?: string;
  endDate?: string;
  db?: string;
}

const PHASE_LABELS: Record<SeedProgress['phase'], string> = {
  catalogue: 'catalogue',
  users: 'users',
  behaviour: 'sessions (days)',
  loading: 'loading tables',
};

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
    .action(async (options: SeedCommandOptions) => {
      // Validate before opening anything, so a typo never touches the warehouse.
      const seedOptions = parseSeedArguments(options);
      const databasePath = resolveDatabasePath(options.db);
      refuseWhileServerRuns('seed', databasePath);
      const warehouse = await Warehouse.open({ path: databasePath, mode: 'read-write' });
      const progress = process.stderr.isTTY ? barReporter() : lineReporter();
      try {
        const summary = await seedDemo(warehouse, seedOptions, progress.report);
        progress.stop();
        process.stdout.write(`${formatSummary(summary, databasePath)}\n`);
      } finally {
        progress.stop();
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

interface ProgressReporter {
  report: (progress: SeedProgress) => void;
  stop: () => void;
}

function barReporter(): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{phase} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let phase: string | undefined;
  let running = false;
  return {
    report(progress) {
      if (progress.phase !== phase) {
        if (running) bar.stop();
        phase = progress.phase;
        bar.start(progress.total, progress.done, { phase: PHASE_LABELS[progress.phase].padEnd(16) });
        running = true;
      } else {
        bar.update(progress.done);
      }
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}

/** Not a terminal (CI, pipes): one short line per phase instead of a redrawn bar. */
function lineReporter(): ProgressReporter {
  let phase: string | undefined;
  const started = performance.now();
  return {
    report(progress) {
      if (progress.phase === phase) return;
      phase = progress.phase;
      const elapsed = ((performance.now() - started) / 1000).toFixed(1);
      process.stderr.write(`seed: ${PHASE_LABELS[progress.phase]} (${progress.total}) at ${elapsed} s\n`);
    },
    stop() {},
  };
}
