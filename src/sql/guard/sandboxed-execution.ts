import type { DuckDBConnection, DuckDBResultReader } from '@duckdb/node-api';
import type { NamedParameters } from '../engine/warehouse-engine.ts';
import { toJsonRows, type JsonRow } from '../json-values.ts';
import type { QueryResult } from '../warehouse.ts';
import { classifyDuckDBError } from './classify-duckdb-error.ts';

export interface SandboxedExecutionOptions {
  timeoutMs: number;
  rowCap: number;
  /** Stop converting rows once their JSON would exceed this many characters (protects the Node heap). */
  maxResultCharacters: number;
  /** Only used to filter DuckDB's "did you mean" table hints in error messages. */
  allowedTables: readonly string[];
  /** Start of the whole guarded run, for elapsed times in timeout errors. */
  startedAt?: number;
  /** Values bound to $name placeholders (checked by the guard to be exactly the compiled ones). */
  parameters?: NamedParameters;
}

export interface SandboxedExecutionResult extends QueryResult {
  truncated: boolean;
  /** Why rows are missing: more rows than rowCap, or rows too large in total. */
  truncatedBy: 'row_cap' | 'size_cap' | undefined;
}

/**
 * Runs one statement on `connection` inside BEGIN TRANSACTION READ ONLY … ROLLBACK, interrupting it
 * after `timeoutMs` and streaming at most rowCap + 1 rows. This is the layer under the guard: it does
 * not check the SQL, so even a statement that slipped past checkSql can neither write (read-only
 * transaction, always rolled back) nor outlive its time budget. Errors are SqlGuardErrors.
 */
export async function executeInSandbox(
  connection: DuckDBConnection,
  sql: string,
  options: SandboxedExecutionOptions,
): Promise<SandboxedExecutionResult> {
  const startedAt = options.startedAt ?? performance.now();
  await connection.run('BEGIN TRANSACTION READ ONLY');
  try {
    const reader = await readWithDeadline(connection, sql, options, startedAt);
    const names = reader.columnNames();
    const columns = reader.columnTypes().map((type, index) => ({ name: names[index] ?? `column_${index}`, type: type.toString() }));
    const { rows, sizeCapped } = convertRows(reader, names, options);
    const truncatedBy = sizeCapped ? 'size_cap' : reader.currentRowCount > options.rowCap ? 'row_cap' : undefined;
    return { columns, rows, truncated: truncatedBy !== undefined, truncatedBy };
  } finally {
    try {
      await connection.run('ROLLBACK');
    } catch {
      // After an interrupt or a failed statement the caller closes the connection, which discards it too.
    }
  }
}

/** Row by row, so that a few huge cells stop the conversion before they fill the JavaScript heap. */
function convertRows(
  reader: DuckDBResultReader,
  names: readonly string[],
  options: SandboxedExecutionOptions,
): { rows: JsonRow[]; sizeCapped: boolean } {
  const rows: JsonRow[] = [];
  let characters = 0;
  const rowCount = Math.min(reader.currentRowCount, options.rowCap);
  for (let rowIndex = 0; rowIndex < rowCount; rowIndex += 1) {
    const values = names.map((_, columnIndex) => reader.value(columnIndex, rowIndex));
    const [row] = toJsonRows(names, [values]);
    if (!row) continue;
    characters += JSON.stringify(row).length;
    if (characters > options.maxResultCharacters) return { rows, sizeCapped: true };
    rows.push(row);
  }
  return { rows, sizeCapped: false };
}

async function readWithDeadline(
  connection: DuckDBConnection,
  sql: string,
  options: SandboxedExecutionOptions,
  startedAt: number,
): Promise<DuckDBResultReader> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, options.timeoutMs);
  try {
    // Streaming stops pulling once rowCap + 1 rows are in, so a row explosion is never fully computed.
    const parameters = options.parameters ?? {};
    return Object.keys(parameters).length > 0
      ? await connection.streamAndReadUntil(sql, options.rowCap + 1, parameters)
      : await connection.streamAndReadUntil(sql, options.rowCap + 1);
  } catch (error) {
    const elapsedMs = Math.round(performance.now() - startedAt);
    throw classifyDuckDBError(error, {
      sql,
      allowedTables: options.allowedTables,
      ...(timedOut ? { timedOut: { timeoutMs: options.timeoutMs, elapsedMs } } : {}),
    });
  } finally {
    clearTimeout(timer);
  }
}
