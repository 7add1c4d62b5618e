import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBConnection, DuckDBInstance, type DuckDBResultReader, type DuckDBValue } from '@duckdb/node-api';
import { toJsonRows, type JsonRow } from './json-values.ts';
import { ReadCache, writtenTables, type KeyedRead, type RowsByKey } from './read-cache.ts';
import { ReadPool } from './read-pool.ts';
import { StatementCache } from './statement-cache.ts';
import { WarehouseError, warehouseErrorKindOf, warehouseHint } from './warehouse-error.ts';
import type { WarehouseEngine } from './engine/warehouse-engine.ts';

export interface WarehouseOptions {
  /** Database file, or ':memory:'. */
  path: string;
  /**
   * 'read-write' for seeding and importing; 'read-only' opens the file without write access at all;
   * 'sandboxed' is for processes that run planner- or model-written SQL: reads and the app's own writes
   * work, but no file, URL or extension outside the warehouse can ever be touched and settings are frozen.
   */
  mode?: 'read-write' | 'read-only' | 'sandboxed';
  memoryLimit?: string;
  threads?: number;
  /**
   * Create the file (and its folder) when it does not exist. Default: true for 'read-write' and 'sandboxed'
   * (the server and tests), false for 'read-only'. Commands that only read pass false, so a mistyped --db is an
   * error naming the path instead of a new empty warehouse.
   */
  create?: boolean;
  /**
   * Checked analytics results kept until a table they read is written (default 256; 0 = every query runs). The ask
   * bench turns it off to time the queries themselves.
   */
  keptResults?: number;
  /** Connections that run the application's single-SELECT reads side by side (default 2; 0 = all on the shared one). */
  readConnections?: number;
  /**
   * 'sandboxed' only: folders DuckDB may still read (the server's private import staging folder). DuckDB scopes this
   * per instance, not per connection, so the SQL guard's refusal of every file reader (read_csv, glob, …) is what keeps
   * model-written SQL out of it; the folder holds files only while an import runs.
   */
  readableDirectories?: readonly string[];
}

export interface ColumnInfo {
  name: string;
  type: string;
}

export interface QueryResult {
  columns: ColumnInfo[];
  rows: JsonRow[];
}

export type QueryParameters = DuckDBValue[] | Record<string, DuckDBValue>;

/** Checked analytics results kept at most (each at most MAX_KEPT_RESULT_ROWS rows, see runGuardedSql). */
const CHECKED_RESULTS_KEPT = 256;

const SCHEMA_SQL_PATH = fileURLToPath(new URL('./schema.sql', import.meta.url));
export const SCHEMA_VERSION = '1';

function instanceOptions(options: WarehouseOptions): Record<string, string> {
  const settings: Record<string, string> = {
    threads: String(options.threads ?? 2),
    memory_limit: options.memoryLimit ?? '4GB',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
  };
  if (options.mode === 'read-only') settings.access_mode = 'READ_ONLY';
  // With readable folders the sandbox is closed by SQL right after opening (see lockSandbox): DuckDB's C API
  // cannot set the list-valued allowed_directories as a start-up option.
  const lockedLater = options.mode === 'sandboxed' && (options.readableDirectories?.length ?? 0) > 0;
  if (options.mode === 'read-only' || (options.mode === 'sandboxed' && !lockedLater)) {
    settings.enable_external_access = 'false';
    settings.lock_configuration = 'true';
  }
  return settings;
}

/**
 * The embedded DuckDB warehouse: one instance, one shared connection for writes (in call order), a pool of read
 * connections for single SELECTs, JSON-safe results.
 */
export class Warehouse {
  private readonly readPool: ReadPool | undefined;
  private readonly statements: StatementCache;
  /** Results of repeated app reads, valid until a write through this Warehouse touches their tables. */
  private readonly readCache = new ReadCache();
  /** Results of checked analytics queries (runGuardedSql), fewer: they can be large. Same rule as readCache. */
  private readonly checkedResults: ReadCache;
  /**
   * Set when the behaviour tables live in another engine (ClickHouse, see src/sql/engine): this DuckDB file then
   * holds only the app's own state (meta, conversations, caches) and empty behaviour tables the SQL guard checks
   * column names against, while analytics read through behaviourReader().
   */
  behaviourEngine: WarehouseEngine | undefined;
  /**
   * On ClickHouse, a second connection as a user that may write only the cache database (SHOPLENS_CLICKHOUSE_CACHE_WRITER):
   * what copies the segmentation there, so the behaviour engine's user can stay read-only (docs/clickhouse.md).
   */
  cacheWriterEngine: WarehouseEngine | undefined;

  private constructor(
    readonly path: string,
    readonly mode: NonNullable<WarehouseOptions['mode']>,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readConnections: number,
    keptResults: number,
  ) {
    this.statements = new StatementCache(connection);
    this.checkedResults = new ReadCache(keptResults);
    this.readPool = readConnections > 0 ? new ReadPool(() => instance.connect(), readConnections) : undefined;
  }

  static async open(options: WarehouseOptions): Promise<Warehouse> {
    const mode = options.mode ?? 'read-write';
    const databasePath = options.path;
    if (databasePath !== ':memory:') {
      const create = options.create ?? mode !== 'read-only';
      if (!create && !existsSync(databasePath)) {
        throw new WarehouseError(
          `No warehouse at ${databasePath}. Create one with "shoplens seed" (demo data) or "shoplens import" (your files), ` +
            'or pass --db PATH to an existing warehouse.',
          { path: databasePath, kind: 'missing' },
        );
      }
      if (create) mkdirSync(path.dirname(databasePath), { recursive: true });
    }
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(databasePath, instanceOptions({ ...options, mode }));
    } catch (error) {
      const message = (error as Error).message;
      const kind = warehouseErrorKindOf(message);
      const hint = warehouseHint(kind);
      throw new WarehouseError(`Could not open the warehouse ${databasePath}: ${message}${hint ? ` ${hint}` : ''}`, {
        path: databasePath,
        kind,
        cause: error,
      });
    }
    const connection = await instance.connect();
    if (mode === 'sandboxed' && options.readableDirectories?.length) await lockSandbox(connection, options.readableDirectories);
    const warehouse = new Warehouse(databasePath, mode, instance, connection, options.readConnections ?? 2, options.keptResults ?? CHECKED_RESULTS_KEPT);
    if (mode !== 'read-only') await warehouse.ensureSchema();
    return warehouse;
  }

  private async ensureSchema(): Promise<void> {
    await this.connection.run(readFileSync(SCHEMA_SQL_PATH, 'utf8'));
    await this.connection.run(
      `INSERT INTO meta VALUES ('schema_version', '${SCHEMA_VERSION}') ON CONFLICT (key) DO NOTHING`,
    );
  }

  /** Single SELECTs run on the read pool; anything else (a write with RETURNING, several statements) on the shared connection. */
  async query(sql: string, parameters?: QueryParameters): Promise<QueryResult> {
    const pooled = await this.readPool?.read(sql, parameters);
    if (pooled) return resultOf(pooled);
    // Not run on the pool (no pool, or not provably a single SELECT: a write with RETURNING, several statements):
    // counted as a write unless the text is one plain SELECT.
    try {
      return await readResult(this.connection, sql, parameters);
    } finally {
      if (!/^\s*SELECT\b/i.test(sql) || sql.includes(';')) this.wrote(writtenTables(sql));
    }
  }

  /**
   * A single SELECT the application repeats (a shopper's orders and their lines) that reads only `tables`: the result
   * is reused until a write through this Warehouse changes one of them (see ReadCache). The result is frozen.
   */
  async cachedQuery(sql: string, parameters: QueryParameters | undefined, tables: readonly string[]): Promise<QueryResult> {
    return this.readCache.read(sql, parameters, tables, () => this.query(sql, parameters));
  }

  /**
   * The rows of each key of a keyed read (see ReadCache.readKeyed): kept like cachedQuery's results, and the keys
   * concurrent callers miss in the same tick read together by one statement. Rows are frozen.
   */
  async keyedQuery(read: KeyedRead, keys: readonly number[]): Promise<RowsByKey> {
    return this.readCache.readKeyed(read, keys);
  }

  /** Writes run on the shared connection, in call order; statements with parameters reuse their prepared plan. */
  async run(sql: string, parameters?: QueryParameters): Promise<void> {
    try {
      await this.runStatement(sql, parameters);
    } finally {
      this.wrote(writtenTables(sql));
    }
  }

  private async runStatement(sql: string, parameters?: QueryParameters): Promise<void> {
    if (!parameters) {
      await this.connection.run(sql);
      return;
    }
    let prepared = false;
    try {
      await this.statements.with(sql, async (statement) => {
        prepared = true;
        statement.bind(parameters);
        await statement.run();
      });
    } catch (error) {
      // Not preparable as one statement: run it the plain way, which also reports a real error as before.
      if (prepared) throw error;
      await this.connection.run(sql, parameters);
    }
  }

  /**
   * A separate connection, for reads that must not interleave with the shared one (guarded SQL). Writes through it are
   * not seen by cachedQuery: write through run() or transaction().
   */
  async connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  /**
   * Runs `work` inside one transaction on its own connection: everything it writes lands together or,
   * if it throws, not at all.
   */
  async transaction<T>(
    work: (connection: DuckDBConnection) => Promise<T>,
    options: { writes?: readonly string[]; observe?: { table: string; written: (stamps: { before: number; after: number; committed: boolean }) => void } } = {},
  ): Promise<T> {
    const connection = await this.instance.connect();
    let committed = false;
    try {
      await connection.run('BEGIN TRANSACTION');
      try {
        const value = await work(connection);
        await connection.run('COMMIT');
        committed = true;
        return value;
      } catch (error) {
        try {
          await connection.run('ROLLBACK');
        } catch {
          // DuckDB already aborted the transaction (an I/O error such as a full disk does); the rollback's own
          // "no transaction is active" must not hide the real cause.
        }
        throw this.explain(error);
      }
    } finally {
      connection.closeSync();
      // `writes` names every table the work may change (the chat's group commit); otherwise it may have changed anything.
      const before = options.observe ? this.readCache.stampOf(options.observe.table) : 0;
      this.wrote(options.writes);
      // In the same tick as the clock moves: no other write can slip between the two stamps.
      if (options.observe) options.observe.written({ before, after: this.readCache.stampOf(options.observe.table), committed });
    }
  }

  /** Every write path reports here what it may have changed (undefined: anything), for both kinds of kept results. */
  private wrote(tables: readonly string[] | undefined): void {
    this.readCache.wrote(tables);
    this.checkedResults.wrote(tables);
  }

  /**
   * A checked query's result kept under `key` until a write touches one of the tables `run` reports with it
   * (undefined: not kept); see ReadCache.readReporting. The kept object is shared: callers hand out copies.
   */
  async checkedResult<T extends QueryResult>(key: string, run: () => Promise<{ result: T; tables: readonly string[] | undefined }>): Promise<T> {
    return this.checkedResults.readReporting(key, run);
  }

  /**
   * The write clock of `table`: it moves with every write through this Warehouse that may have changed the table
   * (see ReadCache). Equal stamps at two moments mean no such write in between.
   */
  writeStamp(table: string): number {
    return this.readCache.stampOf(table);
  }

  /** Names a full disk (or another known cause) in the error while keeping DuckDB's error as the cause. */
  private explain(error: unknown): unknown {
    if (!(error instanceof Error) || error instanceof WarehouseError) return error;
    const kind = warehouseErrorKindOf(error.message);
    if (kind !== 'disk_full') return error;
    return new WarehouseError(`Writing to the warehouse ${this.path} failed: ${error.message} ${warehouseHint(kind)}`, { path: this.path, kind, cause: error });
  }

  close(): void {
    this.readPool?.close();
    this.connection.closeSync();
    this.instance.closeSync();
    // The engine's own close only releases its client (chDB's session closes synchronously inside it).
    void this.behaviourEngine?.close();
    void this.cacheWriterEngine?.close();
  }
}

/** Before any other connection exists: only `directories` stay readable, then every setting is frozen. */
async function lockSandbox(connection: DuckDBConnection, directories: readonly string[]): Promise<void> {
  const list = directories.map((directory) => `'${path.resolve(directory).replace(/\/?$/, '/').replaceAll("'", "''")}'`).join(', ');
  await connection.run(`SET GLOBAL allowed_directories = [${list}]`);
  await connection.run('SET GLOBAL enable_external_access = false');
  await connection.run('SET GLOBAL lock_configuration = true');
}

export async function readResult(
  connection: DuckDBConnection,
  sql: string,
  parameters?: QueryParameters,
): Promise<QueryResult> {
  return resultOf(await connection.runAndReadAll(sql, parameters));
}

function resultOf(reader: DuckDBResultReader): QueryResult {
  const names = reader.columnNames();
  const columns = reader.columnTypes().map((type, index) => ({ name: names[index] ?? `column_${index}`, type: type.toString() }));
  return { columns, rows: toJsonRows(names, reader.getRows()) };
}
