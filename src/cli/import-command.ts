import { Option, type Command } from 'commander';
import { resolveDatabasePath } from '../sql/database-path.ts';
import { IMPORT_FORMATS, type ImportFormat } from '../importers/import-report.ts';
import type { ImportProgressListener } from '../importers/import-context.ts';
import { TAOBAO_DEFAULT_WINDOW } from '../importers/taobao-user-behavior-importer.ts';
import { createProgressReporter } from './progress-reporter.ts';

interface ImportCommandOptions {
  format: ImportFormat;
  mapping?: string;
  db?: string;
  maxInvalidFraction: number;
  timeFrom: string;
  timeTo: string;
  memoryLimit?: string;
  json?: boolean;
}

function parseShare(value: string): number {
  const share = Number(value);
  if (!Number.isFinite(share) || share < 0 || share > 1) throw new Error(`--max-invalid-fraction must be a number between 0 and 1, got "${value}"`);
  return share;
}

/** Keep in step with DEFAULT_MAX_INVALID_FRACTION of run-import.ts (checked by import-command.test.ts); a literal here keeps `--help` from loading the importers. */
export const HELP_MAX_INVALID_FRACTION = 0.001;

/** Import steps on stderr: a bar in a terminal, a line per step with elapsed time in logs. */
async function importProgress(): Promise<{ listener: ImportProgressListener; done: () => void; stop: () => void }> {
  const reporter = await createProgressReporter('import');
  return {
    listener: (update) => reporter.report({ phase: `step ${update.step}/${update.steps} ${update.label}`, done: update.step - 1, total: update.steps }),
    done: () => reporter.done(),
    stop: () => reporter.stop(),
  };
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Import real data files into the warehouse in one transaction and print the data-quality report.')
    .addOption(new Option('--format <format>', 'input format (see docs/importers.md)').choices(IMPORT_FORMATS).makeOptionMandatory())
    .option('--mapping <file>', 'YAML mapping from source columns to warehouse tables (required for csv and parquet)')
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb)')
    .option('--max-invalid-fraction <share>', 'share of unreadable rows that may be dropped instead of failing the import', parseShare, HELP_MAX_INVALID_FRACTION)
    .option('--time-from <time>', 'taobao-user-behavior: earliest valid event time, China time', TAOBAO_DEFAULT_WINDOW.timeFrom)
    .option('--time-to <time>', 'taobao-user-behavior: end of the valid event window (exclusive), China time', TAOBAO_DEFAULT_WINDOW.timeTo)
    .option('--memory-limit <size>', 'DuckDB memory limit for this import, e.g. 12GB (large files spill to disk beyond it)')
    .option('--json', 'print the report as JSON instead of a table')
    .argument('<files...>', 'data files (CSV, XLSX for online-retail, Parquet)')
    .action(async (files: string[], options: ImportCommandOptions) => {
      const [{ Warehouse }, { runImport }, { formatImportReport }] = await Promise.all([
        import('../sql/warehouse.ts'),
        import('../importers/run-import.ts'),
        import('../importers/import-report-format.ts'),
      ]);
      const warehouse = await Warehouse.open({ path: resolveDatabasePath(options.db), mode: 'read-write', memoryLimit: options.memoryLimit });
      const progress = await importProgress();
      try {
        const report = await runImport(warehouse, {
          format: options.format,
          files,
          mappingFile: options.mapping,
          maxInvalidFraction: options.maxInvalidFraction,
          taobao: { timeFrom: options.timeFrom, timeTo: options.timeTo },
          onProgress: progress.listener,
        });
        progress.done();
        process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatImportReport(report)}\n`);
      } finally {
        progress.stop();
        warehouse.close();
      }
    });
}
