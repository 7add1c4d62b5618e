import { randomUUID } from 'node:crypto';
import type { SourceLocation } from './import-error.ts';

export type ImportFormat = 'taobao-user-behavior' | 'online-retail' | 'olist' | 'csv' | 'parquet';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['taobao-user-behavior', 'online-retail', 'olist', 'csv', 'parquet'];

/** Rows flagged as unusual. `dropped` ones also appear in `ImportReport.dropped`; `kept` ones are imported. */
export interface OutlierFlag {
  column: string;
  rule: string;
  rows: number;
  action: 'kept' | 'dropped';
  examples: SourceLocation[];
}

/**
 * One cleaning rule of a dataset-specific format and what it did: rows dropped, kept (and repaired or marked),
 * or linked (a cancellation tied to its original). Every rule of the format is listed, also with 0 rows.
 */
export interface CleaningRule {
  rule: string;
  action: 'dropped' | 'kept' | 'linked';
  rows: number;
  /** The first few rows it applied to. */
  examples: SourceLocation[];
}

export interface InvalidRowExample extends SourceLocation {
  reason: string;
}

/** The data-quality report of one import: printed by the CLI and stored in `import_runs.report`. */
export interface ImportReport {
  runId: string;
  format: ImportFormat;
  files: string[];
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  /** Data rows in the source files (header lines excluded). */
  rowsRead: number;
  /** rowsRead minus every dropped row. */
  rowsKept: number;
  /** Dropped rows per reason; each row is counted once, under the first reason that applies. */
  dropped: Record<string, number>;
  /** Exact duplicate rows removed (also counted in `dropped`). */
  duplicates: number;
  invalidExamples: InvalidRowExample[];
  /** Empty values per source column, counted over all rows read. */
  missingValues: Record<string, number>;
  outliers: OutlierFlag[];
  /** The format's cleaning rules in the order they apply (empty for mapping imports). */
  cleaning: CleaningRule[];
  /** Rows of each table that already existed and were reused or skipped instead of inserted. */
  alreadyInWarehouse: Record<string, number>;
  /** Rows written to each warehouse table. */
  inserted: Record<string, number>;
  notes: string[];
}

/** Collects the report while an import runs; `finish` checks that read = kept + dropped. */
export class ImportReportBuilder {
  readonly runId = randomUUID();
  readonly startedAt = new Date();
  rowsRead = 0;
  readonly dropped = new Map<string, number>();
  duplicates = 0;
  readonly invalidExamples: InvalidRowExample[] = [];
  readonly missingValues = new Map<string, number>();
  readonly outliers: OutlierFlag[] = [];
  readonly cleaning: CleaningRule[] = [];
  readonly alreadyInWarehouse = new Map<string, number>();
  readonly inserted = new Map<string, number>();
  readonly notes: string[] = [];

  constructor(
    readonly format: ImportFormat,
    readonly files: readonly string[],
  ) {}

  drop(reason: string, rows: number): void {
    if (rows > 0) this.dropped.set(reason, (this.dropped.get(reason) ?? 0) + rows);
  }

  addMissing(column: string, rows: number): void {
    this.missingValues.set(column, (this.missingValues.get(column) ?? 0) + rows);
  }

  addExisting(table: string, rows: number): void {
    if (rows > 0) this.alreadyInWarehouse.set(table, (this.alreadyInWarehouse.get(table) ?? 0) + rows);
  }

  addInserted(table: string, rows: number): void {
    this.inserted.set(table, (this.inserted.get(table) ?? 0) + rows);
  }

  finish(): ImportReport {
    const finishedAt = new Date();
    const droppedTotal = [...this.dropped.values()].reduce((sum, count) => sum + count, 0);
    return {
      runId: this.runId,
      format: this.format,
      files: [...this.files],
      startedAt: this.startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationSeconds: (finishedAt.getTime() - this.startedAt.getTime()) / 1000,
      rowsRead: this.rowsRead,
      rowsKept: this.rowsRead - droppedTotal,
      dropped: Object.fromEntries(this.dropped),
      duplicates: this.duplicates,
      invalidExamples: [...this.invalidExamples],
      missingValues: Object.fromEntries(this.missingValues),
      outliers: [...this.outliers],
      cleaning: [...this.cleaning],
      alreadyInWarehouse: Object.fromEntries(this.alreadyInWarehouse),
      inserted: Object.fromEntries(this.inserted),
      notes: [...this.notes],
    };
  }
}
