import { createWriteStream, mkdirSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import type { QueryResult } from '../warehouse.ts';
import { WarehouseError } from '../warehouse-error.ts';
import { CLICKHOUSE_DIALECT } from './clickhouse-dialect.ts';
import { toDuckDbLikeRows } from './clickhouse-values.ts';
import type { EngineQueryOptions, NamedParameters, WarehouseEngine } from './warehouse-engine.ts';
import type { WarehouseLocation } from './warehouse-url.ts';

/**
 * Settings on every query so ClickHouse answers like DuckDB: a LEFT JOIN miss is NULL (not 0 or ''), an
 * aggregate over no rows is NULL (not 0), a CAST keeps NULL, times are read and written in UTC, and 64-bit integers arrive as
 * strings (converted exactly in clickhouse-values.ts).
 */
export const PARITY_SETTINGS: ClickHouseSettings = {
  join_use_nulls: 1,
  aggregate_functions_null_for_empty: 1,
  session_timezone: 'UTC',
  output_format_json_quote_64bit_integers: 1,
  output_format_json_quote_denormals: 0,
  // a = NULL is NULL (as in DuckDB), not a comparison that ClickHouse may rewrite.
  transform_null_in: 0,
  // A bare UNION removes duplicates, as in DuckDB.
  union_default_mode: 'DISTINCT',
  // CAST of a NULL keeps it NULL, as in DuckDB, instead of failing or turning it into a default value.
  cast_keep_nullable: 1,
  data_type_default_nullable: 0,
};

interface JsonCompactResult {
  meta: { name: string; type: string }[];
  data: unknown[][];
}

/**
 * ClickHouse through @clickhouse/client: over HTTP to a server, or in-process through chDB's connection for the
 * same client (chdb/connection), so both share this one implementation.
 */
export class ClickHouseEngine implements WarehouseEngine {
  readonly dialect = CLICKHOUSE_DIALECT;
  /** Settings the engine turned on after asking the server what it knows (see enableKnownSpeedups). */
  private speedups: ClickHouseSettings = {};

  private constructor(
    readonly kind: 'chdb' | 'clickhouse',
    readonly location: string,
    private readonly client: ClickHouseClient,
    readonly database: string,
    /** Settings this connection adds to every query (`readonly` for a read-only chDB connection). */
    private readonly ownSettings: ClickHouseSettings = {},
  ) {}

  /**
   * `readOnly` (chDB only) makes ClickHouse itself refuse every write on this connection, as the readonly = 2 profile of
   * docs/clickhouse.md does for a server user: chDB has no users, and its connections to one folder are separate sessions.
   */
  static async open(location: Extract<WarehouseLocation, { kind: 'chdb' | 'clickhouse' }>, options: { create?: boolean; readOnly?: boolean } = {}): Promise<ClickHouseEngine> {
    if (location.kind === 'chdb') {
      mkdirSync(location.path, { recursive: true });
      // Loaded only for chdb:// warehouses: the native engine is large and DuckDB users never need it.
      const { createChdbConnection } = await import('chdb/connection');
      const client = createClient({ connection: createChdbConnection({ path: location.path }) as never });
      const engine = new ClickHouseEngine('chdb', `chdb://${location.path}`, client, location.database, options.readOnly ? { readonly: '2' } : {});
      // chDB's default database is an in-memory overlay; ShopLens's tables live in an Atomic database so that
      // EXCHANGE TABLES (the atomic swap of a finished load) works.
      if (!options.readOnly) await engine.command(`CREATE DATABASE IF NOT EXISTS ${location.database} ENGINE = Atomic`);
      await engine.command(`USE ${location.database}`);
      await engine.enableKnownSpeedups();
      return engine;
    }
    const client = createClient({
      url: location.url,
      username: location.username,
      password: location.password,
      database: location.database,
      application: 'shoplens',
    });
    const engine = new ClickHouseEngine('clickhouse', `${location.url}/${location.database}`, client, location.database);
    const ping = await client.ping();
    if (!ping.success) {
      await client.close();
      throw new WarehouseError(`Could not reach ClickHouse at ${location.url}: ${ping.error.message}`, { path: engine.location, kind: 'missing', cause: ping.error });
    }
    try {
      await engine.assertKnowsParitySettings();
      await engine.enableKnownSpeedups();
      if (options.create) await engine.command(`CREATE DATABASE IF NOT EXISTS ${location.database}`);
    } catch (error) {
      await client.close();
      throw error;
    }
    return engine;
  }

  /**
   * A server too old for PARITY_SETTINGS (Debian's 18.16, say) would fail every query with "Unknown setting"; say so
   * once, at open, with its version and what to use instead.
   */
  private async assertKnowsParitySettings(): Promise<void> {
    try {
      await this.query('SELECT 1 AS probe');
    } catch (error) {
      const unknown = /Unknown setting (\w+)/.exec(error instanceof Error ? error.message : String(error));
      if (!unknown) throw error;
      const version = await this.client
        .query({ query: 'SELECT version() AS version', format: 'JSONEachRow' })
        .then(async (result) => String(((await result.json()) as { version?: string }[])[0]?.version ?? 'of unknown version'))
        .catch(() => 'of unknown version');
      throw new WarehouseError(
        `ClickHouse ${version} at ${this.location} is too old for ShopLens: it does not know the setting ${unknown[1]}, which ShopLens ` +
          'sets so that answers equal DuckDB\'s (docs/clickhouse.md). Use a current ClickHouse release (the parity tests run chDB 26).',
        { path: this.location, cause: error },
      );
    }
  }

  /**
   * CTEs the compilers mark AS MATERIALIZED (the funnel's steps) are computed once instead of being inlined into every
   * reader, where the server has the setting for it (ClickHouse 25.x+, chDB 26); older servers inline them, as before.
   */
  private async enableKnownSpeedups(): Promise<void> {
    const known = await this.query("SELECT name FROM system.settings WHERE name = 'enable_materialized_cte'");
    if (known.rows.length > 0) this.speedups = { enable_materialized_cte: 1 } as ClickHouseSettings;
  }

  private settings(options: EngineQueryOptions): ClickHouseSettings {
    return { ...PARITY_SETTINGS, ...this.speedups, ...limitSettings(options), ...this.ownSettings };
  }

  async query(sql: string, parameters: NamedParameters = {}, options: EngineQueryOptions = {}): Promise<QueryResult> {
    const settings = this.settings(options);
    const abort = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs + 1_000);
    const result = await this.client.query({
      query: sql,
      query_params: parameters,
      format: 'JSONCompact',
      clickhouse_settings: settings,
      ...(abort ? { abort_signal: abort } : {}),
    });
    const body = (await result.json()) as unknown as JsonCompactResult;
    const columns = body.meta.map((column) => ({ name: column.name, type: column.type }));
    return { columns, rows: toDuckDbLikeRows(columns, body.data) };
  }

  /** One statement without a result (DDL, INSERT … SELECT). */
  async command(sql: string, parameters: NamedParameters = {}): Promise<void> {
    await this.client.command({ query: sql, query_params: parameters, clickhouse_settings: this.settings({}) });
  }

  /**
   * ClickHouse has no multi-statement transactions: writers that need all-or-nothing load into staging tables
   * and swap them in with EXCHANGE TABLES (see load-into-clickhouse.ts). This runs the statements in order and
   * stops at the first failure.
   */
  async writeBatch(statements: readonly string[]): Promise<void> {
    for (const statement of statements) await this.command(statement);
  }

  /** Rows as JSON objects, streamed to the server in one INSERT per call. */
  async insertRows(table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    await this.client.insert({ table, values: rows as Record<string, unknown>[], format: 'JSONEachRow', clickhouse_settings: this.settings({}) });
  }

  /** A file's bytes in `format` (e.g. Parquet) sent to a ClickHouse server. */
  async insertStream(table: string, stream: NodeJS.ReadableStream, format: 'Parquet'): Promise<void> {
    await this.client.insert({ table, values: stream as never, format, clickhouse_settings: this.settings({}) });
  }

  /** A table's rows written to a local Parquet file (chDB writes it itself; a server's bytes are streamed here). */
  async exportParquet(table: string, file: string): Promise<void> {
    const quoted = `"${table.replaceAll('"', '""')}"`;
    if (this.kind === 'chdb') {
      await this.command(`INSERT INTO FUNCTION file({file:String}, Parquet) SELECT * FROM ${quoted}`, { file });
      return;
    }
    const result = await this.client.exec({ query: `SELECT * FROM ${quoted} FORMAT Parquet`, clickhouse_settings: this.settings({}) });
    await pipeline(result.stream, createWriteStream(file));
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/**
 * chDB keeps SET values for the rest of the session, so every call states all limits, including "none".
 * max_result_rows stops per block (the caller still cuts at its own row cap); max_execution_time is whole seconds.
 */
function limitSettings(options: EngineQueryOptions): ClickHouseSettings {
  return {
    max_execution_time: options.timeoutMs === undefined ? 0 : Math.max(1, Math.ceil(options.timeoutMs / 1000)),
    timeout_overflow_mode: 'throw',
    max_result_rows: options.rowCap === undefined ? '0' : String(options.rowCap + 1),
    result_overflow_mode: 'break',
    max_memory_usage: options.maxMemoryBytes === undefined ? '0' : String(options.maxMemoryBytes),
  };
}
