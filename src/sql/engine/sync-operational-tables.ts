import type { Warehouse } from '../warehouse.ts';
import { WarehouseError } from '../warehouse-error.ts';
import type { ClickHouseEngine } from './clickhouse-engine.ts';
import { loadIntoClickHouse } from './load-into-clickhouse.ts';
import { DUCKDB_DIALECT } from './sql-dialect.ts';
import type { SyncReport, TableSync } from './sync-report.ts';

/**
 * The tables the support agent changes in the operational store, and how each reaches ClickHouse:
 * - `replace`: support (or an import) updates rows in place (order status, returned quantities, addresses), and no
 *   column says when a row last changed, so no high-water mark can find the changed rows: the whole table is loaded
 *   beside ClickHouse's copy and swapped in (EXCHANGE TABLES, atomic per table).
 * - `append`: support only ever inserts (the support event log), so rows newer than ClickHouse's latest are appended.
 */
export const OPERATIONAL_TABLES = [
  { table: 'users', sync: 'replace' },
  { table: 'orders', sync: 'replace' },
  { table: 'order_items', sync: 'replace' },
  { table: 'support_events', sync: 'append', time: 'occurred_at', key: 'event_id' },
] as const;

/**
 * Events are written by a group-commit writer, so one committed later may carry an earlier time: the append re-reads
 * this much before ClickHouse's latest time and skips the keys it already has.
 */
export const APPEND_OVERLAP_MICROSECONDS = 3_600_000_000;

type AppendTable = Extract<(typeof OPERATIONAL_TABLES)[number], { sync: 'append' }>;

async function count(reader: { query: ClickHouseEngine['query'] } | Warehouse, sql: string, parameters: Record<string, number>): Promise<number> {
  return Number((await reader.query(sql, parameters)).rows[0]?.rows ?? 0);
}

/**
 * Appends the store's new rows of an append-only table, or says why it cannot (then the caller replaces it whole):
 * safe only while ClickHouse's rows older than the overlap window are exactly the store's (same count), which an
 * append-only table keeps; a re-seeded or edited store, or a table ClickHouse lacks, fails that test.
 */
async function appendNewRows(store: Warehouse, engine: ClickHouseEngine, spec: AppendTable): Promise<{ appended: number } | { reason: string }> {
  const present = await engine.query('SELECT count() AS tables FROM system.tables WHERE database = currentDatabase() AND name = {table:String}', { table: spec.table });
  if (Number(present.rows[0]?.tables) === 0) return { reason: 'not in ClickHouse yet' };
  const clickhouseTime = engine.dialect.epochMicroseconds(spec.time);
  const latest = (await engine.query(`SELECT max(${clickhouseTime}) AS latest FROM ${spec.table}`)).rows[0]?.latest;
  // An empty table takes every row of the store: the window then starts before any time.
  const windowStart = latest === null || latest === undefined ? Number.MIN_SAFE_INTEGER : Number(latest) - APPEND_OVERLAP_MICROSECONDS;
  const storeTime = DUCKDB_DIALECT.epochMicroseconds(spec.time);
  const olderInStore = await count(store, `SELECT count(*) AS rows FROM ${spec.table} WHERE ${storeTime} < $start`, { start: windowStart });
  const olderInClickHouse = await count(engine, `SELECT count() AS rows FROM ${spec.table} WHERE ${clickhouseTime} < {start:Int64}`, { start: windowStart });
  if (olderInStore !== olderInClickHouse) return { reason: `its rows before the last hour differ (${olderInStore} in the store, ${olderInClickHouse} in ClickHouse)` };
  const known = await engine.query(`SELECT ${spec.key} AS key FROM ${spec.table} WHERE ${clickhouseTime} >= {start:Int64}`, { start: windowStart });
  const knownKeys = new Set(known.rows.map((row) => String(row.key)));
  const recent = await store.query(`SELECT * FROM ${spec.table} WHERE ${storeTime} >= $start ORDER BY ${spec.time}, ${spec.key}`, { start: windowStart });
  const fresh = recent.rows.filter((row) => !knownKeys.has(String(row[spec.key])));
  if (recent.rows.length - fresh.length !== knownKeys.size) return { reason: 'ClickHouse has recent rows that the store lacks' };
  // One INSERT: ClickHouse writes it as one part, so readers see all of the new rows or none.
  await engine.insertRows(spec.table, fresh);
  return { appended: fresh.length };
}

/**
 * `shoplens sync`: brings support's changes from the DuckDB operational store to ClickHouse, per table by the rule of
 * OPERATIONAL_TABLES, and checks that every table ends with the store's row count. `transfer: 'rows'` for a store that
 * may not write Parquet files (a server's sandboxed store). Events stay as ClickHouse has them.
 */
export async function syncOperationalTables(store: Warehouse, engine: ClickHouseEngine, options: { transfer?: 'parquet' | 'rows' } = {}): Promise<SyncReport> {
  const started = performance.now();
  const results: TableSync[] = [];
  const replace: string[] = [];
  const reasons = new Map<string, string>();
  for (const spec of OPERATIONAL_TABLES) {
    if (spec.sync === 'replace') {
      replace.push(spec.table);
      continue;
    }
    const outcome = await appendNewRows(store, engine, spec);
    if ('reason' in outcome) {
      replace.push(spec.table);
      reasons.set(spec.table, outcome.reason);
    } else {
      results.push({ table: spec.table, mode: 'appended', rows: 0, appended: outcome.appended });
    }
  }
  const loaded = await loadIntoClickHouse(store, engine, replace, { transfer: options.transfer ?? 'parquet' });
  for (const table of replace) {
    const reason = reasons.get(table);
    results.push({ table, mode: 'replaced', rows: loaded.rows[table] ?? 0, ...(reason ? { reason } : {}) });
  }
  for (const result of results) {
    const inStore = await count(store, `SELECT count(*) AS rows FROM ${result.table}`, {});
    const inClickHouse = await count(engine, `SELECT count() AS rows FROM ${result.table}`, {});
    if (inStore !== inClickHouse) {
      throw new WarehouseError(`After the sync ClickHouse has ${inClickHouse} rows of ${result.table} and the store ${inStore}; run shoplens sync again.`, { path: engine.location });
    }
    result.rows = inClickHouse;
  }
  const order = OPERATIONAL_TABLES.map((spec) => spec.table as string);
  results.sort((left, right) => order.indexOf(left.table) - order.indexOf(right.table));
  return { tables: results, seconds: (performance.now() - started) / 1000 };
}
