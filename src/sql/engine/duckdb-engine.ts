import type { QueryResult, Warehouse } from '../warehouse.ts';
import { DUCKDB_DIALECT } from './sql-dialect.ts';
import type { EngineQueryOptions, NamedParameters, WarehouseEngine } from './warehouse-engine.ts';

/** Today's embedded warehouse behind the engine interface; the Warehouse keeps serving every existing caller. */
export class DuckDbEngine implements WarehouseEngine {
  readonly kind = 'duckdb';
  readonly dialect = DUCKDB_DIALECT;

  constructor(readonly warehouse: Warehouse) {}

  get location(): string {
    return this.warehouse.path;
  }

  async query(sql: string, parameters: NamedParameters = {}, options: EngineQueryOptions = {}): Promise<QueryResult> {
    const result = await this.warehouse.query(sql, Object.keys(parameters).length > 0 ? parameters : undefined);
    return options.rowCap === undefined ? result : { ...result, rows: result.rows.slice(0, options.rowCap + 1) };
  }

  async writeBatch(statements: readonly string[]): Promise<void> {
    await this.warehouse.transaction(async (connection) => {
      for (const statement of statements) await connection.run(statement);
    });
  }

  async close(): Promise<void> {
    this.warehouse.close();
  }
}
