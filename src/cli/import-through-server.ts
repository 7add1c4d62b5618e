import { statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ImportReport } from '../importers/import-report.ts';
import { WarehouseOwnedByServerError, type ServerLock } from '../server/server-lock-file.ts';
import { requestServer, ServerApiError } from './running-server.ts';

export interface ServerImportOptions {
  format: string;
  files: string[];
  mapping?: string;
  maxInvalidFraction: number;
  timeFrom: string;
  timeTo: string;
  currency?: string | null;
  timezone?: string;
  strict?: boolean;
  /** Options that need the warehouse itself; refused with what to do instead. */
  batches?: number;
  memoryLimit?: string;
}

const ImportStartedSchema = z.object({ importId: z.string() });

/** The import failed on the server: nothing was written. Its message is the importer's (file, line, column, what to do). */
export class ServerImportRefusedError extends Error {
  override readonly name = 'ImportError';
}

/**
 * `shoplens import` while a server owns the warehouse: streams each file (and the mapping) to the server's private
 * staging folder, then asks it to run the import there, in one transaction on the server's own warehouse (readers
 * keep the previous data until it commits). Returns the report, naming the files as the user gave them.
 */
export async function importThroughServer(lock: ServerLock, options: ServerImportOptions, log: (line: string) => void): Promise<ImportReport> {
  if (options.batches !== undefined) throw new WarehouseOwnedByServerError('shoplens import --batches', lock);
  if (options.memoryLimit !== undefined) throw new WarehouseOwnedByServerError('shoplens import --memory-limit', lock);
  const uploads = [...options.files, ...(options.mapping ? [options.mapping] : [])];
  const names = new Map<string, string>();
  for (const file of uploads) {
    const name = path.basename(file);
    const other = names.get(name);
    if (other !== undefined && other !== file) {
      throw new ServerImportRefusedError(`${file}: another file of this import has the same name (${other}); through the server each file is staged by its name. Rename one of them.`);
    }
    names.set(name, file);
    try {
      if (!statSync(file).isFile()) throw new Error('not a regular file');
    } catch (error) {
      throw new ServerImportRefusedError(`${file}: not found or not a readable file (${(error as Error).message}). Check the path.`);
    }
  }
  const { importId } = ImportStartedSchema.parse(await requestServer(lock, { method: 'POST', route: '/api/imports' }));
  const route = `/api/imports/${encodeURIComponent(importId)}`;
  try {
    for (const file of names.values()) {
      log(`uploading ${file} (${statSync(file).size.toLocaleString('en-US')} bytes) to the server at ${lock.url} (pid ${lock.pid})`);
      await requestServer(lock, { method: 'PUT', route: `${route}/files/${encodeURIComponent(path.basename(file))}`, file });
    }
    log('importing through the server (one transaction; readers keep the previous data until it commits)');
    const report = (await requestServer(lock, {
      method: 'POST',
      route: `${route}/run`,
      json: {
        format: options.format,
        files: options.files.map((file) => path.basename(file)),
        mapping: options.mapping ? path.basename(options.mapping) : undefined,
        maxInvalidFraction: options.maxInvalidFraction,
        taobao: { timeFrom: options.timeFrom, timeTo: options.timeTo },
        shop: options.currency === undefined && options.timezone === undefined ? undefined : { currency: options.currency, timeZone: options.timezone },
        strict: options.strict,
      },
    })) as ImportReport;
    return { ...report, files: options.files.map((file) => path.resolve(file)) };
  } catch (error) {
    if (error instanceof ServerApiError && error.code === 'import_failed') throw new ServerImportRefusedError(error.message);
    // The run discards the uploads itself; after a failed upload they are discarded here.
    await requestServer(lock, { method: 'DELETE', route }).catch(() => undefined);
    throw error;
  }
}
