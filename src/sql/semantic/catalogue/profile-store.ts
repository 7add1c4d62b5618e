import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import type { QueryReader } from '../../connection-reader.ts';
import { CORE_TABLES } from './dimensions.ts';
import type { WarehouseProfile } from './warehouse-profile.ts';

// The tables the catalogue reads; meta, import_runs and the chat tables change without changing what can be answered.
const PROFILED_TABLES: readonly string[] = [...CORE_TABLES, 'user_segments'];

/** First and last day with orders or events, as YYYY-MM-DD (null when the warehouse has neither). */
export interface DataDateRange {
  from: string | null;
  to: string | null;
}

/** The profile as stored in `meta` by the seed or import that last changed the data, in its own transaction. */
export interface StoredProfile {
  profile: WarehouseProfile;
  dateRange: DataDateRange;
}

const PROFILE_KEY = 'warehouse_profile';

const reasonSchema = z.object({ en: z.string(), zh: z.string() });
const storedProfileSchema = z.object({
  profile: z.object({
    tableRows: z.record(z.string(), z.number()),
    filledColumns: z.record(z.string(), z.boolean()),
    unavailableMetrics: z.record(z.string(), reasonSchema),
    unavailableDimensions: z.record(z.string(), reasonSchema),
  }),
  dateRange: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
});

export async function writeStoredProfile(connection: DuckDBConnection, stored: StoredProfile): Promise<void> {
  await connection.run('INSERT INTO meta VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [PROFILE_KEY, JSON.stringify(stored)]);
}

/**
 * The stored profile when it still describes the data: every profiled table has exactly the rows it had then.
 * Anything else (no profile, an unreadable one, a table that changed since) is undefined, and the caller
 * computes the profile afresh.
 */
export async function readStoredProfile(reader: QueryReader, rowCounter: QueryReader = reader): Promise<StoredProfile | undefined> {
  const result = await reader.query('SELECT value FROM meta WHERE key = $1', [PROFILE_KEY]);
  const text = result.rows[0]?.value;
  if (typeof text !== 'string') return undefined;
  let parsed: z.infer<typeof storedProfileSchema>;
  try {
    const outcome = storedProfileSchema.safeParse(JSON.parse(text));
    if (!outcome.success) return undefined;
    parsed = outcome.data;
  } catch {
    return undefined;
  }
  const tables = Object.keys(parsed.profile.tableRows).filter((table) => PROFILED_TABLES.includes(table));
  if (tables.length === 0) return undefined;
  const existing = new Set((await reader.query("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'")).rows.map((row) => String(row.table_name)));
  if (!tables.every((table) => existing.has(table))) return undefined;
  // A segmentation model run after the profile adds a table the profile never saw.
  if (existing.has('user_segments') && !tables.includes('user_segments')) return undefined;
  // Table names come from duckdb_tables() (checked above), quoted.
  const counts = await rowCounter.query(tables.map((table) => `SELECT '${table.replaceAll("'", "''")}' AS name, count(*) AS rows FROM "${table.replaceAll('"', '""')}"`).join(' UNION ALL '));
  const stale = counts.rows.some((row) => Number(row.rows) !== parsed.profile.tableRows[String(row.name)]);
  return stale ? undefined : parsed;
}

/** First and last day of the orders and events, whichever exist. */
export async function loadDataDateRange(reader: QueryReader, tableRows: Record<string, number>): Promise<DataDateRange> {
  const parts = [
    ...((tableRows.orders ?? 0) > 0 ? ['SELECT min(created_at) AS first_time, max(created_at) AS last_time FROM orders'] : []),
    ...((tableRows.events ?? 0) > 0 ? ['SELECT min(event_time) AS first_time, max(event_time) AS last_time FROM events'] : []),
  ];
  if (parts.length === 0) return { from: null, to: null };
  // Written to run on DuckDB and ClickHouse alike (no strftime): a DATE cast to text is YYYY-MM-DD on both.
  const result = await reader.query(
    `SELECT CAST(CAST(min(first_time) AS DATE) AS VARCHAR) AS first, CAST(CAST(max(last_time) AS DATE) AS VARCHAR) AS last FROM (${parts.join(' UNION ALL ')}) times`,
  );
  const row = result.rows[0] ?? {};
  return { from: typeof row.first === 'string' ? row.first : null, to: typeof row.last === 'string' ? row.last : null };
}
