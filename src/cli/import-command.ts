import { Option, type Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { resolveDatabasePath } from '../sql/database-path.ts';
import { Warehouse } from '../sql/warehouse.ts';
import { IMPORT_FORMATS, type ImportFormat } from '../importers/import-report.ts';
import { DEFAULT_MAX_INVALID_FRACTION, runImport } from '../importers/run-import.ts';
import { formatImportReport } from '../importers/import-report-format.ts';
import type { ImportProgressListener } from '../importers/import-context.ts';
import { TAOBAO_DEFAULT_WINDOW } from '../importers/taobao-user-behavior-importer.ts';
import { refuseWhileServerRuns } from './running-server.ts';

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

/** A step bar on stderr, only for a terminal: piped output and logs stay clean. */
function terminalProgress(): { listener?: ImportProgressListener; stop: () => void } {
  if (!process.stderr.isTTY) return { stop: () => {} };
  const bar = new SingleBar({ format: 'import [{bar}] step {value}/{total} {label} ({duration_formatted})', stream: process.stderr, clearOnComplete: true, hideCursor: true });
  let started = false;
  return {
    listener: (update) => {
      if (!started) bar.start(update.steps, 0, { label: '' });
      started = true;
      bar.update(update.step - 1, { label: update.label });
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Import real data files into the warehouse in one transaction and print the data-quality report.')
    .addOption(new Option('--format <format>', 'input format (see docs/importers.md)').choices(IMPORT_FORMATS).makeOptionMandatory())
    .option('--mapping <file>', 'YAML mapping from source columns to warehouse tables (required for csv and parquet)')
    .option('--db <path>', 'warehouse file (default: $SHOPLENS_DB or data/shoplens.duckdb)')
    .option('--max-invalid-fraction <share>', 'share of unreadable rows that may be dropped instead of failing the import', parseShare, DEFAULT_MAX_INVALID_FRACTION)
    .option('--time-from <time>', 'taobao-user-behavior: earliest valid event time, China time', TAOBAO_DEFAULT_WINDOW.timeFrom)
    .option('--time-to <time>', 'taobao-user-behavior: end of the valid event window (exclusive), China time', TAOBAO_DEFAULT_WINDOW.timeTo)
    .option('--memory-limit <size>', 'DuckDB memory limit for this import, e.g. 12GB (large files spill to disk beyond it)')
    .option('--json', 'print the report as JSON instead of a table')
    .argument('<files...>', 'data files (CSV, XLSX for online-retail, Parquet)')
    .action(async (files: string[], options: ImportCommandOptions) => {
      refuseWhileServerRuns('import', resolveDatabasePath(options.db));
      const warehouse = await Warehouse.open({ path: resolveDatabasePath(options.db), mode: 'read-write', memoryLimit: options.memoryLimit });
      const progress = terminalProgress();
      try {
        const report = await runImport(warehouse, {
          format: options.format,
          files,
          mappingFile: options.mapping,
          maxInvalidFraction: options.maxInvalidFraction,
          taobao: { timeFrom: options.timeFrom, timeTo: options.timeTo },
          onProgress: progress.listener,
        });
        progress.stop();
        process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatImportReport(report)}\n`);
      } finally {
        progress.stop();
        warehouse.close();
      }
    });
}
