import { ImportError } from './import-error.ts';
import type { ImportContext } from './import-context.ts';
import { findCsvFault } from './csv-fault-finder.ts';
import { locateCsvLines } from './csv-line-locator.ts';
import { columnsStruct, quoteIdentifier, quoteLiteral } from './sql-text.ts';

export interface StagedColumn {
  /** Column name in the staging table (and what DuckDB calls the field). */
  name: string;
  /** DuckDB type the reader converts to; a value that does not convert is a rejected row. */
  type: string;
  /** Name shown to the user in errors (the header text); defaults to `name`. */
  label?: string;
  /** false for columns the importer does not use: read (the reader needs every field) but not stored. */
  keep?: boolean;
  /** Store `expression` (SQL over the read field) in staging column `storeAs` instead of the raw value. */
  storeAs?: string;
  expression?: string;
}

export interface CsvStagingRequest {
  file: string;
  fileIndex: number;
  /** Temp table with file_index UTINYINT and every kept column (`storeAs` or `name`), filled by name. */
  table: string;
  columns: readonly StagedColumn[];
  header: boolean;
  /** Keep only the records that satisfy this SQL condition over the read fields (batched imports). */
  where?: string;
}

/** One record DuckDB's reader refused, with the editor line it starts on. */
export interface CsvReject {
  record: number;
  line: number;
  column: string | undefined;
  errorType: string;
  message: string;
}

export interface CsvStagingResult {
  file: string;
  fileIndex: number;
  headerRecords: number;
  rowsAccepted: number;
  rejectedRecords: number[];
  /** Up to 20 rejects, first lines first, for error messages and the report. */
  rejects: CsvReject[];
}

let stagingCounter = 0;

function typeWord(type: string | undefined): string {
  if (type === undefined) return 'the expected type';
  if (/INT/.test(type)) return 'a whole number';
  if (/DOUBLE|DECIMAL|FLOAT/.test(type)) return 'a number';
  if (/TIMESTAMP|DATE/.test(type)) return 'a date/time';
  return type;
}

function readerReason(errorType: string, type: string | undefined, message: string): string {
  const value = rejectedValue(message);
  switch (errorType) {
    case 'CAST':
      return `cannot read ${value === undefined ? 'the value' : JSON.stringify(value)} as ${typeWord(type)}`;
    case 'MISSING COLUMNS':
    case 'TOO MANY COLUMNS': {
      const counts = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
      return counts ? `wrong number of fields (expected ${counts[1]}, found ${counts[2]})` : 'wrong number of fields';
    }
    case 'INVALID ENCODING':
      return 'not valid UTF-8 text';
    default:
      return `malformed CSV record (${errorType.toLowerCase()})`;
  }
}

/** The rejected value, pulled from DuckDB's message ("Could not convert string "x" to ..."). */
function rejectedValue(message: string): string | undefined {
  return /string "([^"]*)"/.exec(message)?.[1];
}

/**
 * Streams one CSV file into a staging table with DuckDB's reader (fast, multi-threaded). Records the reader
 * cannot parse are collected instead of aborting; invalid UTF-8 anywhere in the file fails at once.
 */
export async function stageCsvFile(context: ImportContext, request: CsvStagingRequest): Promise<CsvStagingResult> {
  stagingCounter += 1;
  const rejectsTable = `csv_rejects_${stagingCounter}`;
  const scansTable = `csv_scans_${stagingCounter}`;
  const columnNames = request.columns
    .filter((column) => column.keep !== false)
    .map((column) => `${column.expression ?? quoteIdentifier(column.name)} AS ${quoteIdentifier(column.storeAs ?? column.name)}`)
    .join(', ');
  const sql =
    `INSERT INTO ${quoteIdentifier(request.table)} BY NAME SELECT ${request.fileIndex} AS file_index, ${columnNames} FROM read_csv(` +
    `${quoteLiteral(request.file)}, columns = ${columnsStruct(request.columns)}, header = ${request.header}, ` +
    `auto_detect = false, delim = ',', quote = '"', escape = '"', ignore_errors = true, store_rejects = true, ` +
    `rejects_table = ${quoteLiteral(rejectsTable)}, rejects_scan = ${quoteLiteral(scansTable)})` +
    (request.where ? ` WHERE ${request.where}` : '');
  const headerRecords = request.header ? 1 : 0;
  const labelOf = (name: string | null | undefined) =>
    request.columns.find((column) => column.name === name)?.label ?? name ?? undefined;
  // (reject tables name the field as read, i.e. `name`, never `storeAs`)

  let rowsAccepted: number;
  try {
    const before = await context.count(`SELECT count(*) FROM ${quoteIdentifier(request.table)}`);
    await context.run(sql);
    rowsAccepted = (await context.count(`SELECT count(*) FROM ${quoteIdentifier(request.table)}`)) - before;
  } catch (error) {
    const message = (error as Error).message;
    const record = Number(/Line: (\d+)/.exec(message)?.[1] ?? Number.NaN);
    const line = Number.isFinite(record)
      ? (await locateCsvLines(request.file, { headerRecords, rejectedRecords: [], records: [record] })).recordLines.get(record)
      : undefined;
    // DuckDB's state-machine error names no line or column: find the first structural fault ourselves.
    const fault = line === undefined ? await findCsvFault(request.file) : undefined;
    if (fault) {
      const column = request.columns[fault.fieldIndex];
      throw new ImportError({
        file: request.file,
        line: fault.line,
        column: column ? (column.label ?? column.name) : `field ${fault.fieldIndex + 1}`,
        reason: fault.reason,
        hint: 'Fix that line (or re-export the file as standard comma-separated UTF-8) and import again; nothing was imported.',
        cause: error,
      });
    }
    throw new ImportError({
      file: request.file,
      line,
      reason: `the CSV reader failed: ${message.split('\n')[0]}`,
      hint: 'Check that the file is a comma-separated UTF-8 text export; nothing was imported.',
      cause: error,
    });
  }

  const rejectRows = await context.rows(
    `SELECT line, arg_min(column_name, column_idx) AS column_name, arg_min(error_type, column_idx) AS error_type, ` +
      `arg_min(error_message, column_idx) AS error_message FROM ${quoteIdentifier(rejectsTable)} GROUP BY line ORDER BY line`,
  );
  const rejectedRecords = rejectRows.map((row) => Number(row.line));
  const shown = rejectRows.slice(0, 20);
  const encodingProblem = rejectRows.find((row) => row.error_type === 'INVALID ENCODING');
  const wanted = [...shown, ...(encodingProblem ? [encodingProblem] : [])].map((row) => Number(row.line));
  const { recordLines } = wanted.length
    ? await locateCsvLines(request.file, { headerRecords, rejectedRecords, records: wanted })
    : { recordLines: new Map<number, number>() };

  if (encodingProblem) {
    const record = Number(encodingProblem.line);
    throw new ImportError({
      file: request.file,
      line: recordLines.get(record) ?? record,
      column: labelOf(encodingProblem.column_name as string | null),
      reason: 'not valid UTF-8 text (probably Latin-1/Windows-1252 or binary data)',
      hint: 'Re-save the file as UTF-8 (e.g. "iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv") and import again; nothing was imported.',
    });
  }
  const rejects = shown.map((row): CsvReject => {
    const record = Number(row.line);
    const errorType = String(row.error_type);
    const column = labelOf(row.column_name as string | null);
    const type = request.columns.find((candidate) => candidate.name === row.column_name)?.type;
    return {
      record,
      line: recordLines.get(record) ?? record,
      column,
      errorType,
      message: readerReason(errorType, type, String(row.error_message)),
    };
  });
  return { file: request.file, fileIndex: request.fileIndex, headerRecords, rowsAccepted, rejectedRecords, rejects };
}
