import type { SourceLocation } from './import-error.ts';
import { locateCsvLines } from './csv-line-locator.ts';

/** What an importer knows about one staged input file, enough to turn staged rows back into file lines. */
export interface StagedFile {
  file: string;
  fileIndex: number;
  headerRecords: number;
  rowsAccepted: number;
  /** DuckDB record numbers the CSV reader rejected (empty for XLSX). */
  rejectedRecords: number[];
}

/** A staged row as stored: its file, its editor line if known (XLSX), its 0-based position among all staged rows. */
export interface StagedRowReference {
  fileIndex: number;
  sourceLine: number | null;
  rowIndex: number;
}

/** Editor lines of a few staged rows (error messages and report examples), in the order given. */
export async function locateStagedRows(
  files: readonly StagedFile[],
  rows: readonly StagedRowReference[],
  column?: string,
): Promise<SourceLocation[]> {
  const fileStarts: number[] = [];
  let start = 0;
  for (const staged of files) {
    fileStarts[staged.fileIndex] = start;
    start += staged.rowsAccepted;
  }
  const csvLines = new Map<number, Map<number, number>>();
  for (const staged of files) {
    const ordinals = rows
      .filter((row) => row.fileIndex === staged.fileIndex && row.sourceLine === null)
      .map((row) => row.rowIndex - (fileStarts[staged.fileIndex] ?? 0));
    if (ordinals.length === 0) continue;
    const { ordinalLines } = await locateCsvLines(staged.file, {
      headerRecords: staged.headerRecords,
      rejectedRecords: staged.rejectedRecords,
      ordinals,
    });
    csvLines.set(staged.fileIndex, ordinalLines);
  }
  return rows.map((row) => {
    const staged = files.find((candidate) => candidate.fileIndex === row.fileIndex);
    const line = row.sourceLine ?? csvLines.get(row.fileIndex)?.get(row.rowIndex - (fileStarts[row.fileIndex] ?? 0));
    return { file: staged?.file ?? '', line, column };
  });
}

/** Reads {file_index, source_line, row_index} from a query row. */
export function toStagedRowReference(row: Record<string, unknown>): StagedRowReference {
  return {
    fileIndex: Number(row.file_index),
    sourceLine: row.source_line === null || row.source_line === undefined ? null : Number(row.source_line),
    rowIndex: Number(row.row_index),
  };
}
