import path from 'node:path';
import type { Warehouse } from '../sql/warehouse.ts';
import { ImportError } from './import-error.ts';
import { ImportContext, type ImportProgressListener } from './import-context.ts';
import { ImportReportBuilder, type ImportFormat, type ImportReport } from './import-report.ts';
import type { Importer } from './importer.ts';
import { storeImportRun } from './import-run-store.ts';
import { taobaoUserBehaviorImporter, type TaobaoImportOptions } from './taobao-user-behavior-importer.ts';
import { onlineRetailImporter } from './online-retail-importer.ts';
import { mappingImporter } from './mapping-importer.ts';
import { olistImporter } from './olist-importer.ts';
import { settleShopSettings, type ShopSettingsOverride } from './import-shop-settings.ts';
import { rebuildUserActivityDays, refreshStoredProfile } from '../sql/semantic/index.ts';
import { markBatchDone } from './import-checkpoint.ts';

export const DEFAULT_MAX_INVALID_FRACTION = 0.001;

export interface ImportRequest {
  format: ImportFormat;
  files: readonly string[];
  /** YAML mapping, required for the csv and parquet formats. */
  mappingFile?: string;
  /** Share of unreadable rows that may be dropped before the import fails (default 0.1%). */
  maxInvalidFraction?: number;
  taobao?: TaobaoImportOptions;
  onProgress?: ImportProgressListener;
  /** Refuse rows that cleaning rules would drop or repair, and every unreadable row (the old behaviour). */
  strict?: boolean;
  /** Batch of a resumable import: marked done in `meta` in this import's own transaction (batched-import.ts). */
  checkpoint?: { key: string; batch: number };
  /** --currency / --timezone; the format's defaults otherwise (docs/importers.md). */
  shop?: ShopSettingsOverride;
  /** The files as the report (and `import_runs`) should name them, when `files` are copies (the server's uploads). */
  reportedFiles?: readonly string[];
}

export function createImporter(request: ImportRequest, files: readonly string[]): Importer {
  switch (request.format) {
    case 'taobao-user-behavior':
      return taobaoUserBehaviorImporter(files, request.taobao);
    case 'online-retail':
      return onlineRetailImporter(files);
    case 'olist':
      return olistImporter(files);
    case 'csv':
    case 'parquet': {
      if (!request.mappingFile) {
        throw new ImportError({ file: files[0] ?? '(no file)', reason: `--format ${request.format} needs a mapping`, hint: 'Pass --mapping mapping.yaml (see docs/importers.md).' });
      }
      return mappingImporter(request.format, path.resolve(request.mappingFile), files);
    }
  }
}

/**
 * Imports `request.files` into the warehouse in ONE transaction: inputs are checked first, then staged,
 * cleaned and written; any error rolls everything back, so the warehouse is exactly as it was.
 * The data-quality report is returned and stored in `import_runs` in the same transaction.
 */
export async function runImport(warehouse: Warehouse, request: ImportRequest): Promise<ImportReport> {
  if (request.files.length === 0) {
    throw new ImportError({ file: '(no file)', reason: 'no input file given', hint: 'Pass one or more data files after the options.' });
  }
  if (request.files.length > 255) {
    throw new ImportError({ file: request.files[255] ?? '', reason: 'more than 255 files in one import', hint: 'Split the import into several runs.' });
  }
  const maxInvalidFraction = request.strict ? 0 : (request.maxInvalidFraction ?? DEFAULT_MAX_INVALID_FRACTION);
  if (!(maxInvalidFraction >= 0 && maxInvalidFraction <= 1)) {
    throw new ImportError({ file: '--max-invalid-fraction', reason: `${maxInvalidFraction} is not between 0 and 1`, hint: 'Pass a share such as 0.001 (0.1%).' });
  }
  const files = request.files.map((file) => path.resolve(file));
  const importer = createImporter(request, files);
  await importer.validate();
  const report = new ImportReportBuilder(request.format, request.reportedFiles ? [...request.reportedFiles] : files);
  return warehouse.transaction(async (connection) => {
    const context = new ImportContext(connection, report, {
      databasePath: warehouse.path,
      maxInvalidFraction,
      steps: importer.steps + 2,
      onProgress: request.onProgress,
      strict: request.strict,
    });
    const shop = await settleShopSettings(connection, request.format, request.shop ?? {}, files[0] ?? '');
    await importer.load(context);
    report.notes.push(...shop.notes);
    context.step('profiling the warehouse');
    // Stored with the data it describes, so `describe` and the planner see it as soon as the import commits.
    await refreshStoredProfile(connection);
    // Committed with the data, so retention questions read a current per-user-day cache (see user-activity-days.ts).
    await rebuildUserActivityDays(connection);
    if (request.checkpoint) await markBatchDone(connection, request.checkpoint.key, request.checkpoint.batch);
    context.step('saving the report');
    const finished = report.finish();
    await storeImportRun(connection, finished);
    return finished;
  });
}
