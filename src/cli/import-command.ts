import { Option, type Command } from 'commander';
import { commandWarehouse, WAREHOUSE_OPTION_DESCRIPTION } from './command-warehouse.ts';
import { IMPORT_FORMATS, type ImportFormat } from '../importers/import-report.ts';
import type { BatchProgress } from '../importers/batched-import.ts';
import type { ImportProgressListener } from '../importers/import-context.ts';
import { TAOBAO_DEFAULT_WINDOW } from '../importers/taobao-default-window.ts';
import { createProgressReporter } from './progress-reporter.ts';
import { runningServerFor } from './running-server.ts';

interface ImportCommandOptions {
  format: ImportFormat;
  mapping?: string;
  db?: string;
  warehouse?: string;
  maxInvalidFraction: number;
  timeFrom: string;
  timeTo: string;
  memoryLimit?: string;
  currency?: string;
  timezone?: string;
  strict?: boolean;
  batches?: string;
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

/** Batches done / total with rows so far and their rate: a bar on a terminal, one line per batch otherwise. */
async function batchProgress(): Promise<{ update: (progress: BatchProgress) => void; stop: () => void }> {
  const reporter = await createProgressReporter('import');
  const rate = (progress: BatchProgress) => (progress.secondsSoFar > 0 ? Math.round(progress.rowsSoFar / progress.secondsSoFar).toLocaleString('en-US') : '-');
  return {
    update: (progress) =>
      reporter.report({ phase: `batch ${progress.batch + 1}/${progress.batches}, ${progress.rowsSoFar.toLocaleString('en-US')} rows, ${rate(progress)} rows/s`, done: progress.batch, total: progress.batches }),
    stop: () => reporter.done(),
  };
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Import real data files into the warehouse in one transaction and print the data-quality report.')
    .addOption(new Option('--format <format>', 'input format (see docs/importers.md)').choices(IMPORT_FORMATS).makeOptionMandatory())
    .option('--mapping <file>', 'YAML mapping from source columns to warehouse tables (required for csv and parquet)')
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb)')
    .option('--warehouse <url>', WAREHOUSE_OPTION_DESCRIPTION)
    .option('--max-invalid-fraction <share>', 'share of unreadable rows that may be dropped instead of failing the import', parseShare, HELP_MAX_INVALID_FRACTION)
    .option('--time-from <time>', 'taobao-user-behavior: earliest valid event time, China time', TAOBAO_DEFAULT_WINDOW.timeFrom)
    .option('--time-to <time>', 'taobao-user-behavior: end of the valid event window (exclusive), China time', TAOBAO_DEFAULT_WINDOW.timeTo)
    .option('--memory-limit <size>', 'DuckDB memory limit for this import, e.g. 12GB (large files spill to disk beyond it)')
    .option('--currency <code>', "the shop's currency (ISO 4217, e.g. GBP; 'none' for data without prices); default per format")
    .option('--timezone <zone>', "the shop's IANA time zone, e.g. Europe/London; default per format")
    .option('--batches <n>', 'taobao-user-behavior: import in N resumable batches of users (each committed on its own; run the same command again to resume)')
    .option('--strict', 'refuse the import at the first row a cleaning rule would drop or repair (and at any unreadable row)')
    .option('--json', 'print the report as JSON instead of a table')
    .argument('<files...>', 'data files (CSV, XLSX for online-retail, Parquet)')
    .action(async (files: string[], options: ImportCommandOptions, command: Command) => {
      const { checkImportOptionValues } = await import('./import-option-values.ts');
      // Refused as commander refuses a bad option value (same message and code), before any file is touched.
      const checked = checkImportOptionValues(options, (flags, value, message) =>
        command.error(`error: option '${flags}' argument '${value}' is invalid. ${message}`, { code: 'commander.invalidArgument' }),
      );
      const target = commandWarehouse(options);
      const server = await runningServerFor(target.lockPath);
      if (server && target.location.kind !== 'duckdb') {
        // An import into ClickHouse replaces its tables (import-into-clickhouse.ts); the server would keep reading them.
        throw new Error(`A ShopLens server (pid ${server.pid}, ${server.url}) serves this ClickHouse warehouse; stop it, run the import, then start it again.`);
      }
      if (server) {
        // The server owns the warehouse: the import goes through it (uploads, then one transaction there).
        const [{ importThroughServer }, { formatImportReport }] = await Promise.all([import('./import-through-server.ts'), import('../importers/import-report-format.ts')]);
        const report = await importThroughServer(
          server,
          {
            format: options.format, files, mapping: options.mapping, maxInvalidFraction: options.maxInvalidFraction, timeFrom: options.timeFrom, timeTo: options.timeTo,
            currency: options.currency, timezone: options.timezone, strict: options.strict, batches: checked.batches, memoryLimit: checked.memoryLimit,
          }, (line) => process.stderr.write(`${line}\n`));
        process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatImportReport(report)}\n`);
        return;
      }
      const [{ Warehouse }, { runImport }, { formatImportReport }, { runBatchedImport }] = await Promise.all([
        import('../sql/warehouse.ts'),
        import('../importers/run-import.ts'),
        import('../importers/import-report-format.ts'),
        import('../importers/batched-import.ts'),
      ]);
      const request = {
        format: options.format,
        files,
        mappingFile: options.mapping,
        maxInvalidFraction: options.maxInvalidFraction,
        taobao: { timeFrom: options.timeFrom, timeTo: options.timeTo },
        shop: { currency: checked.currency, timeZone: checked.timeZone },
        strict: options.strict,
      };
      if (target.location.kind !== 'duckdb') {
        if (checked.batches !== undefined) throw new Error('--batches is not supported with a ClickHouse --warehouse: import in one run.');
        const { importIntoClickHouse } = await import('../importers/import-into-clickhouse.ts');
        const progress = await importProgress();
        try {
          const report = await importIntoClickHouse(target.location, { ...request, onProgress: progress.listener }, { ...(target.stateFile ? { stateFile: target.stateFile } : {}), ...(checked.memoryLimit ? { memoryLimit: checked.memoryLimit } : {}) });
          progress.done();
          process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatImportReport(report)}\n`);
        } finally {
          progress.stop();
        }
        return;
      }
      const warehouse = await Warehouse.open({ path: target.lockPath, mode: 'read-write', memoryLimit: checked.memoryLimit });
      const progress = await importProgress();
      try {
        if (checked.batches !== undefined) {
          const batchBar = await batchProgress();
          const outcome = await runBatchedImport(warehouse, { ...request, onProgress: undefined }, checked.batches, batchBar.update);
          batchBar.stop();
          if (options.json) process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
          else {
            if (outcome.skipped.length) process.stdout.write(`Resumed: batches ${outcome.skipped.join(', ')} of ${outcome.batches} were already imported.\n`);
            for (const report of outcome.reports) process.stdout.write(`${formatImportReport(report)}\n\n`);
          }
          return;
        }
        const report = await runImport(warehouse, { ...request, onProgress: progress.listener });
        progress.done();
        process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatImportReport(report)}\n`);
      } finally {
        progress.stop();
        warehouse.close();
      }
    });
}
