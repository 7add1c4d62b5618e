import type { QueryResult } from '../warehouse.ts';
import type { SqlDialect } from './sql-dialect.ts';

/** A value sent to the engine as a query parameter (never spliced into SQL text). */
export type ParameterValue = string | number | boolean | null;

/** Named parameters; the SQL names them through `dialect.parameter(name, type)`. */
export type NamedParameters = Record<string, ParameterValue>;

export interface EngineQueryOptions {
  /** Stops the query on the engine side (ClickHouse max_execution_time) and in ShopLens (timer). */
  timeoutMs?: number;
  /** At most this many rows come back; the engine is told too where it can be (ClickHouse max_result_rows). */
  rowCap?: number;
  /** Memory one query may use (ClickHouse max_memory_usage); DuckDB has its instance-wide memory_limit instead. */
  maxMemoryBytes?: number;
}

export type EngineKind = 'duckdb' | 'chdb' | 'clickhouse';

/**
 * What every warehouse engine offers the layers above: read queries with named parameters returning rows with
 * typed columns, a batch of writes that lands together (or not at all), and its SQL dialect.
 */
export interface WarehouseEngine {
  readonly kind: EngineKind;
  readonly dialect: SqlDialect;
  /** Where the data lives, for messages: a file path, a chDB folder, or a server URL without its password. */
  readonly location: string;
  query(sql: string, parameters?: NamedParameters, options?: EngineQueryOptions): Promise<QueryResult>;
  /** Runs the statements in order; on DuckDB inside one transaction, on ClickHouse see ClickHouseEngine.writeBatch. */
  writeBatch(statements: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
