import { ImportError } from './import-error.ts';
import type { ImportContext } from './import-context.ts';
import { readXlsxRows } from './xlsx-rows.ts';
import type { StagedFile } from './staged-rows.ts';

export interface XlsxStagingRequest {
  file: string;
  fileIndex: number;
  /** Temp table: file_index UTINYINT, source_line BIGINT, then `columns` as VARCHAR, in this order. */
  table: string;
  columns: readonly string[];
  /** Staging column fed by each header cell (null: ignored); throws ImportError for a bad header. */
  resolveHeader: (header: string[]) => (string | null)[];
}

/** The first non-empty row of the first worksheet, for header checks before the transaction. */
export async function readXlsxHeader(file: string): Promise<string[]> {
  for await (const row of readXlsxRows(file)) return row.cells.map((cell) => cell ?? '');
  throw new ImportError({ file, line: 1, reason: 'the first worksheet is empty', hint: 'Put the header in row 1 and the data below it.' });
}

/** Streams the first worksheet into a staging table through DuckDB's appender, as text like a CSV export. */
export async function stageXlsxFile(context: ImportContext, request: XlsxStagingRequest): Promise<StagedFile> {
  const appender = await context.connection.createAppender(request.table, 'main', 'temp');
  let header: (string | null)[] | undefined;
  let headerLine = 1;
  let rowsAccepted = 0;
  try {
    for await (const row of readXlsxRows(request.file)) {
      if (!header) {
        header = request.resolveHeader(row.cells.map((cell) => cell ?? ''));
        headerLine = row.line;
        continue;
      }
      const values = new Map<string, string | null>();
      header.forEach((column, index) => {
        if (column !== null) values.set(column, row.cells[index] ?? null);
      });
      appender.appendUTinyInt(request.fileIndex);
      appender.appendBigInt(BigInt(row.line));
      for (const column of request.columns) {
        const value = values.get(column) ?? null;
        if (value === null) appender.appendNull();
        else appender.appendVarchar(value);
      }
      appender.endRow();
      rowsAccepted += 1;
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  if (!header) {
    throw new ImportError({ file: request.file, line: 1, reason: 'the first worksheet is empty', hint: 'Put the header in row 1 and the data below it.' });
  }
  return { file: request.file, fileIndex: request.fileIndex, headerRecords: headerLine, rowsAccepted, rejectedRecords: [] };
}
