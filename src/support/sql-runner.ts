import type { DuckDBConnection } from '@duckdb/node-api';
import { readResult, type QueryParameters, type QueryResult } from '../sql/warehouse.ts';

/** What support code needs from a database handle: the shared warehouse, or one transaction's connection. */
export interface SqlRunner {
  query(sql: string, parameters?: QueryParameters): Promise<QueryResult>;
  run(sql: string, parameters?: QueryParameters): Promise<void>;
}

export function runnerOf(connection: DuckDBConnection): SqlRunner {
  return {
    query: (sql, parameters) => readResult(connection, sql, parameters),
    run: async (sql, parameters) => {
      await connection.run(sql, parameters);
    },
  };
}
