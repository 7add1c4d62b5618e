import { DuckDBDataChunk, type DuckDBAppender, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';

export type StagingValue = number | string | null;

export interface StagingColumn {
  name: string;
  type: DuckDBType;
}

/** DuckDB's vector size: a data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;

/**
 * A connection-local TEMP table filled through DuckDB's appender one data chunk (2048 rows) at a time.
 * Rows are buffered column-wise in plain arrays; appending whole chunks is ~10× faster than row-by-row
 * appends, and numeric columns go straight into typed vectors.
 */
export class StagingTable {
  private columns: StagingValue[][];
  private rowCount = 0;
  private total = 0;

  private constructor(
    readonly name: string,
    private readonly types: readonly DuckDBType[],
    private readonly appender: DuckDBAppender,
  ) {
    this.columns = types.map(() => new Array<StagingValue>(CHUNK_ROWS));
  }

  static async create(connection: DuckDBConnection, name: string, columns: readonly StagingColumn[]): Promise<StagingTable> {
    const definition = columns.map((column) => `${column.name} ${column.type.toString()}`).join(', ');
    await connection.run(`CREATE OR REPLACE TEMP TABLE ${name} (${definition})`);
    const appender = await connection.createAppender(name, 'main', 'temp');
    return new StagingTable(name, columns.map((column) => column.type), appender);
  }

  get rowsWritten(): number {
    return this.total + this.rowCount;
  }

  /** Appends one row; `values` must follow the column order given to `create`. */
  append(values: readonly StagingValue[]): void {
    const row = this.rowCount;
    for (let column = 0; column < values.length; column++) this.columns[column]![row] = values[column]!;
    this.rowCount = row + 1;
    if (this.rowCount === CHUNK_ROWS) this.flushChunk();
  }

  /** Writes the buffered rows and closes the appender; the table is then ready for INSERT … SELECT. */
  finish(): void {
    this.flushChunk();
    this.appender.flushSync();
    this.appender.closeSync();
  }

  private flushChunk(): void {
    const count = this.rowCount;
    if (count === 0) return;
    const chunk = DuckDBDataChunk.create(this.types, count);
    this.columns.forEach((values, column) => {
      chunk.setColumnValues(column, count === CHUNK_ROWS ? values : values.slice(0, count));
    });
    this.appender.appendDataChunk(chunk);
    this.total += count;
    this.rowCount = 0;
  }
}
