import { z } from 'zod';
import { ImportConflictError, ImportError, MappingError } from '../../importers/import-error.ts';
import { IMPORT_FORMATS, type ImportReport } from '../../importers/import-report.ts';
import { runImport } from '../../importers/run-import.ts';
import { parseCurrency, parseTimeZone, ShopSettingsError } from '../../sql/shop-settings.ts';
import { WarehouseError } from '../../sql/warehouse-error.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { InvalidPayloadError } from '../server-errors.ts';
import { StagedFileNameSchema, type ImportStaging } from './import-staging.ts';

/** POST /api/imports/:id/run: what `shoplens import` would have passed to runImport, with uploaded names for paths. */
export const ImportRunRequestSchema = z.strictObject({
  format: z.enum(IMPORT_FORMATS),
  files: z.array(StagedFileNameSchema).min(1).max(255),
  mapping: StagedFileNameSchema.optional(),
  maxInvalidFraction: z.number().min(0).max(1).optional(),
  taobao: z.strictObject({ timeFrom: z.string().min(1).max(40), timeTo: z.string().min(1).max(40) }).optional(),
  shop: z
    .strictObject({
      currency: z.string().min(1).max(10).nullable().optional(),
      timeZone: z.string().min(1).max(64).optional(),
    })
    .optional(),
  strict: z.boolean().optional(),
});
export type ImportRunRequest = z.infer<typeof ImportRunRequestSchema>;

/** An import through the server failed; nothing was written. `kind` names the error class (ImportError, MappingError …). */
export class ServerImportError extends Error {
  override readonly name = 'ServerImportError';
  constructor(
    message: string,
    readonly kind: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

const EXPECTED_FAILURES = [ImportError, MappingError, ImportConflictError, ShopSettingsError, WarehouseError];

/**
 * Runs staged imports one at a time on the server's own warehouse: runImport's single transaction on its own
 * connection, so readers (the read pool, the support bot, the SQL shell) keep the previous snapshot until it commits,
 * and a failed import leaves nothing behind. Staged files are removed when the run ends, whatever its outcome.
 */
export class ServerImporter {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly warehouse: Warehouse,
    readonly staging: ImportStaging,
    /** After a commit: reload what the server derived from the data at start (the analytics agent's data window, values). */
    private readonly onImported?: () => Promise<void>,
  ) {}

  run(importId: string, request: ImportRunRequest): Promise<ImportReport> {
    const next = this.queue.then(() => this.runNow(importId, request));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runNow(importId: string, request: ImportRunRequest): Promise<ImportReport> {
    const staged = this.staging.get(importId);
    const pathOf = (name: string, field: string) => {
      const file = staged.files.get(name);
      if (!file) throw new InvalidPayloadError(field, `${field}: ${name} was not uploaded to import ${importId} (uploaded: ${[...staged.files.keys()].join(', ') || 'nothing'}).`);
      return file;
    };
    try {
      const files = request.files.map((name, index) => pathOf(name, `files.${index}`));
      const mappingFile = request.mapping === undefined ? undefined : pathOf(request.mapping, 'mapping');
      let report: ImportReport;
      try {
        const shop = {
          currency: request.shop?.currency === undefined ? undefined : request.shop.currency === null ? null : parseCurrency(request.shop.currency, 'shop.currency'),
          timeZone: request.shop?.timeZone === undefined ? undefined : parseTimeZone(request.shop.timeZone, 'shop.timeZone'),
        };
        report = await runImport(this.warehouse, { format: request.format, files, mappingFile, maxInvalidFraction: request.maxInvalidFraction, taobao: request.taobao, shop, strict: request.strict, reportedFiles: request.files });
      } catch (error) {
        throw this.explain(error, staged.directory);
      }
      await this.onImported?.();
      // Row examples name their file too: as uploaded, like report.files.
      return JSON.parse(JSON.stringify(report).replaceAll(JSON.stringify(`${staged.directory}/`).slice(1, -1), '')) as ImportReport;
    } finally {
      this.staging.discard(importId);
    }
  }

  /** Import failures name the file as uploaded, never the server's staging path. */
  private explain(error: unknown, directory: string): unknown {
    if (!(error instanceof Error)) return error;
    const expected = EXPECTED_FAILURES.some((kind) => error instanceof kind);
    const message = error.message.replaceAll(`${directory}/`, '');
    return new ServerImportError(expected ? message : `The import failed and nothing was written: ${message}`, error.name, { cause: error });
  }
}
