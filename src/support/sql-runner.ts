import type { DuckDBConnection } from '@duckdb/node-api';
import { readResult, type QueryParameters, type QueryResult } from '../sql/warehouse.ts';

/** What support code needs from a database handle: the shared warehouse, or one transaction's connection. */
export interface SqlRunner {
  query(sql: string, parameters?: QueryParameters): Promise<QueryResult>;
  run(sql: string, parameters?: QueryParameters): Promise<void>;
  /** The warehouse only (never a transaction, whose reads must see its own snapshot): a read reused until `tables` change. */
  cachedQuery?(sql: string, parameters: QueryParameters | undefined, tables: readonly string[]): Promise<QueryResult>;
}

/** A repeated read of `tables`: from the warehouse's read cache when the runner has one, else run now. */
export function repeatedRead(runner: SqlRunner, sql: string, parameters: QueryParameters | undefined, tables: readonly string[]): Promise<QueryResult> {
  return runner.cachedQuery ? runner.cachedQuery(sql, parameters, tables) : runner.query(sql, parameters);
}

export function runnerOf(connection: DuckDBConnection): SqlRunner {
  return {
    query: (sql, parameters) => readResult(connection, sql, parameters),
    run: async (sql, parameters) => {
      await connection.run(sql, parameters);
    },
  };
}
