import path from 'node:path';
import type { Warehouse } from '../sql/warehouse.ts';
import { checkpointKey, doneBatches } from './import-checkpoint.ts';
import { ImportError } from './import-error.ts';
import type { ImportReport } from './import-report.ts';
import { runImport, type ImportRequest } from './run-import.ts';

export interface BatchProgress {
  batch: number;
  batches: number;
  /** Batches skipped because an earlier run committed them. */
  resumed: number;
  rowsSoFar: number;
  secondsSoFar: number;
}

export interface BatchedImportOutcome {
  reports: ImportReport[];
  batches: number;
  /** Batches an earlier, interrupted run had already committed. */
  skipped: number[];
}

/**
 * A Taobao UserBehavior import in `batches` resumable batches, each its own atomic import of the users with
 * hash(user_id) % batches = k (so every user's events, sessions and duplicates stay in one batch, and memory holds
 * one batch). A batch is marked done in the same transaction that writes it; running the same command again after
 * an interruption skips the committed batches and goes on with the next.
 */
export async function runBatchedImport(warehouse: Warehouse, request: ImportRequest, batches: number, onBatch?: (progress: BatchProgress) => void): Promise<BatchedImportOutcome> {
  if (request.format !== 'taobao-user-behavior') {
    throw new ImportError({ file: '--batches', reason: `batched imports are for taobao-user-behavior, not ${request.format}`, hint: 'Drop --batches; the other formats import in one transaction.' });
  }
  if (!Number.isInteger(batches) || batches < 1 || batches > 1000) {
    throw new ImportError({ file: '--batches', reason: `${batches} is not a whole number from 1 to 1000`, hint: 'Pass e.g. --batches 10 (about 10M rows per batch for the full 100M-row file).' });
  }
  const files = request.files.map((file) => path.resolve(file));
  const key = checkpointKey(files, batches, { taobao: { timeFrom: request.taobao?.timeFrom, timeTo: request.taobao?.timeTo, sessionGapMinutes: request.taobao?.sessionGapMinutes } });
  const done = await doneBatches(warehouse, key);
  const reports: ImportReport[] = [];
  const started = performance.now();
  let rowsSoFar = 0;
  for (let batch = 0; batch < batches; batch += 1) {
    if (done.has(batch)) continue;
    onBatch?.({ batch, batches, resumed: done.size, rowsSoFar, secondsSoFar: (performance.now() - started) / 1000 });
    const report = await runImport(warehouse, {
      ...request,
      files,
      taobao: { ...request.taobao, partition: { index: batch, count: batches } },
      checkpoint: { key, batch },
    });
    rowsSoFar += report.rowsRead;
    reports.push(report);
  }
  return { reports, batches, skipped: [...done].sort((left, right) => left - right) };
}
