import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Warehouse } from '../warehouse.ts';
import { WarehouseError } from '../warehouse-error.ts';
import type { ClickHouseEngine } from './clickhouse-engine.ts';
import { CLICKHOUSE_TABLE_LAYOUTS, clickHouseColumnType } from './clickhouse-table-layout.ts';
import { doubleQuoted } from './sql-dialect.ts';

export interface LoadReport {
  /** Rows per table, counted on ClickHouse after the load. */
  rows: Record<string, number>;
  seconds: number;
}

const STAGING_SUFFIX = '__loading';

/**
 * Copies tables of a DuckDB warehouse into ClickHouse: DuckDB writes each table as Parquet, ClickHouse loads it
 * into a staging table with the same columns (MergeTree, see clickhouse-table-layout.ts), and only when every
 * table loaded and its row count matches are the staging tables swapped in (EXCHANGE TABLES is atomic per
 * table). A failure leaves the previous tables untouched and drops the staging ones.
 */
export async function loadIntoClickHouse(
  source: Warehouse,
  target: ClickHouseEngine,
  tables: readonly string[],
  options: {
    schema?: string;
    /**
     * 'rows' reads the rows through queries and inserts them as JSON, for a source that may not write files (a
     * sandboxed DuckDB) and tables of modest size; 'parquet' (default) goes through files, fast for any size.
     */
    transfer?: 'parquet' | 'rows';
  } = {},
): Promise<LoadReport> {
  const started = performance.now();
  // A DuckDB schema other than main (the cache schema) maps to the ClickHouse database of the same name.
  const schema = options.schema;
  const name = (table: string) => (schema ? `${doubleQuoted(schema)}.${doubleQuoted(table)}` : doubleQuoted(table));
  // Created only when missing: a cache writer with rights on that database alone may not create databases.
  if (schema && Number((await target.query('SELECT count() AS found FROM system.databases WHERE name = {schema:String}', { schema })).rows[0]?.found) === 0) {
    await target.command(`CREATE DATABASE IF NOT EXISTS ${doubleQuoted(schema)}`);
  }
  const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-parquet-'));
  const staged: string[] = [];
  const expected: Record<string, number> = {};
  try {
    for (const table of tables) {
      const columns = await describeColumns(source, table, schema ?? 'main');
      const file = path.join(folder, `${table}.parquet`);
      if (options.transfer !== 'rows') await source.run(`COPY (SELECT * FROM ${name(table)}) TO '${file.replaceAll("'", "''")}' (FORMAT parquet)`);
      expected[table] = Number((await source.query(`SELECT count(*) AS rows FROM ${name(table)}`)).rows[0]?.rows ?? 0);
      const staging = name(`${table}${STAGING_SUFFIX}`);
      await target.command(`DROP TABLE IF EXISTS ${staging}`);
      await target.command(createTableSql(staging, table, columns));
      staged.push(staging);
      if (options.transfer === 'rows') await loadRows(source, target, name(table), staging);
      else await loadParquet(target, staging, file);
      const loaded = Number((await target.query(`SELECT count() AS rows FROM ${staging}`)).rows[0]?.rows ?? 0);
      if (loaded !== expected[table]) {
        throw new WarehouseError(`Loading ${table} into ${target.location} gave ${loaded} rows instead of ${expected[table]}; nothing was replaced.`, { path: target.location });
      }
    }
    for (const table of tables) {
      const staging = name(`${table}${STAGING_SUFFIX}`);
      await target.command(`CREATE TABLE IF NOT EXISTS ${name(table)} AS ${staging}`);
      await target.command(`EXCHANGE TABLES ${staging} AND ${name(table)}`);
      await target.command(`DROP TABLE ${staging}`);
    }
    return { rows: expected, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    for (const staging of staged) await target.command(`DROP TABLE IF EXISTS ${staging}`).catch(() => undefined);
    throw error;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

interface SourceColumn {
  name: string;
  type: string;
  nullable: boolean;
}

async function describeColumns(source: Warehouse, table: string, schema: string): Promise<SourceColumn[]> {
  const result = await source.query(
    "SELECT column_name AS name, data_type AS type, is_nullable = 'YES' AS nullable FROM information_schema.columns WHERE table_schema = $2 AND table_name = $1 ORDER BY ordinal_position",
    [table, schema],
  );
  if (result.rows.length === 0) throw new WarehouseError(`Table ${table} does not exist in ${source.path}.`, { path: source.path, kind: 'missing' });
  return result.rows.map((row) => ({ name: String(row.name), type: String(row.type), nullable: row.nullable === true }));
}

/** `name` is the quoted (possibly database-qualified) staging table. */
function createTableSql(name: string, table: string, columns: readonly SourceColumn[]): string {
  const definitions = columns.map((column) => {
    const type = clickHouseColumnType(column.type, column.nullable);
    if (!type) throw new WarehouseError(`Column ${table}.${column.name} has type ${column.type}, which ShopLens does not copy to ClickHouse.`, { path: table });
    return `${doubleQuoted(column.name)} ${type}`;
  });
  const layout = CLICKHOUSE_TABLE_LAYOUTS[table];
  const keyed = new Set(columns.filter((column) => !column.nullable).map((column) => column.name));
  const orderBy = layout && keyColumns(layout.orderBy).every((column) => keyed.has(column)) ? layout.orderBy : 'tuple()';
  const partition = layout?.partitionBy && orderBy !== 'tuple()' ? `\nPARTITION BY ${layout.partitionBy}` : '';
  return `CREATE TABLE ${name} (\n  ${definitions.join(',\n  ')}\n) ENGINE = MergeTree${partition}\nORDER BY ${orderBy}`;
}

/** Plain column names mentioned in a sort key such as (event_type, toDate(event_time), user_id). */
function keyColumns(orderBy: string): string[] {
  return [...orderBy.matchAll(/\b([a-z_][a-z0-9_]*)\b(?!\s*\()/g)].map((match) => match[1] as string);
}

const ROWS_PER_INSERT = 50_000;

/** Both names quoted (possibly database-qualified); pages in a stable order, one INSERT per page. */
async function loadRows(source: Warehouse, target: ClickHouseEngine, table: string, staging: string): Promise<void> {
  for (let offset = 0; ; offset += ROWS_PER_INSERT) {
    const { rows } = await source.query(`SELECT * FROM ${table} ORDER BY ALL LIMIT ${ROWS_PER_INSERT} OFFSET ${offset}`);
    if (rows.length === 0) return;
    await target.insertRows(staging, rows);
  }
}

/** `table` is quoted (possibly database-qualified). */
async function loadParquet(target: ClickHouseEngine, table: string, file: string): Promise<void> {
  if (target.kind === 'chdb') {
    // In-process: the engine reads the file itself, no bytes pass through JavaScript.
    await target.command(`INSERT INTO ${table} SELECT * FROM file({file:String}, Parquet)`, { file });
    return;
  }
  await target.insertStream(table, createReadStream(file), 'Parquet');
}
