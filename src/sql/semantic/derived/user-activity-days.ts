import type { DuckDBConnection } from '@duckdb/node-api';
import { CACHE_SCHEMA } from '../../cache-schema.ts';
import type { Warehouse } from '../../warehouse.ts';

/**
 * One row per (user, day with any event or order), with the first event's time and device of that day: retention
 * and cohort questions read these ~350k rows instead of grouping the 3M-row events table twice per question (the
 * demo's slowest answers). Derived data, rebuilt whenever its source fingerprint changes; safe to drop.
 */
export const USER_ACTIVITY_DAYS = `${CACHE_SCHEMA}.user_activity_days`;
const DERIVED_TABLES = `${CACHE_SCHEMA}.derived_tables`;

const BUILD_SQL = `CREATE OR REPLACE TABLE ${USER_ACTIVITY_DAYS} AS
  SELECT user_id, activity_day, min(first_time) AS first_time, arg_min_null(first_device, first_time) AS first_device
  FROM (
    SELECT user_id, CAST(event_time AS DATE) AS activity_day, min(event_time) AS first_time, arg_min_null(device, event_time) AS first_device
    FROM events GROUP BY ALL
    UNION ALL
    SELECT user_id, CAST(created_at AS DATE), NULL, NULL FROM orders WHERE user_id IS NOT NULL GROUP BY ALL)
  GROUP BY ALL
  ORDER BY user_id, activity_day`;

// Row counts, time bounds and a sum of ids of both sources: any import, seed or new order changes at least one.
const FINGERPRINT_SQL = `SELECT concat_ws('|',
    (SELECT concat_ws(',', count(*), min(event_time), max(event_time), sum(user_id)) FROM events),
    (SELECT concat_ws(',', count(*), min(created_at), max(created_at), sum(user_id)) FROM orders)) AS fingerprint`;

async function sourceFingerprint(reader: Pick<Warehouse, 'query'>): Promise<string> {
  return String((await reader.query(FINGERPRINT_SQL)).rows[0]?.fingerprint ?? '');
}

async function storedFingerprint(warehouse: Warehouse): Promise<string | undefined> {
  const exists = await warehouse.query(
    `SELECT count(*) AS tables FROM duckdb_tables() WHERE schema_name = '${CACHE_SCHEMA}' AND table_name IN ('user_activity_days', 'derived_tables')`,
  );
  if (Number(exists.rows[0]?.tables) !== 2) return undefined;
  const stored = await warehouse.query(`SELECT fingerprint FROM ${DERIVED_TABLES} WHERE name = 'user_activity_days'`);
  const value = stored.rows[0]?.fingerprint;
  return typeof value === 'string' ? value : undefined;
}

/** Builds the table and records the fingerprint of the data it was built from, in the caller's transaction. */
export async function rebuildUserActivityDays(connection: DuckDBConnection): Promise<void> {
  await connection.run(`CREATE SCHEMA IF NOT EXISTS ${CACHE_SCHEMA}`);
  await connection.run(`CREATE TABLE IF NOT EXISTS ${DERIVED_TABLES} (name VARCHAR PRIMARY KEY, fingerprint VARCHAR NOT NULL, built_at TIMESTAMP NOT NULL)`);
  const fingerprint = String((await connection.runAndReadAll(FINGERPRINT_SQL)).getRows()[0]?.[0] ?? '');
  await connection.run(BUILD_SQL);
  await connection.run(`INSERT OR REPLACE INTO ${DERIVED_TABLES} VALUES ('user_activity_days', $fingerprint, now()::TIMESTAMP)`, { fingerprint });
}

const checks = new WeakMap<Warehouse, { sizes: string; ready: Promise<boolean> }>();

// Row-count estimates of the two sources, from the catalogue: changes with every insert or delete. A rewrite of the
// same size is covered too: seed and import rebuild the table in their own transaction.
const SIZES_SQL = `SELECT string_agg(table_name || ':' || estimated_size, ',' ORDER BY table_name) AS sizes
  FROM duckdb_tables() WHERE schema_name = 'main' AND table_name IN ('events', 'orders')`;

/**
 * True when ${USER_ACTIVITY_DAYS} matches the current events and orders. Per question only the catalogue's row
 * estimates are read; when they changed (or on the first question of a process) the stored content fingerprint is
 * compared, and a stale table is rebuilt once (concurrent questions share the rebuild). A read-only warehouse cannot
 * rebuild it, and then the caller compiles from the events table as before.
 */
export async function userActivityDaysReady(warehouse: Warehouse): Promise<boolean> {
  const sizes = String((await warehouse.query(SIZES_SQL)).rows[0]?.sizes ?? '');
  const known = checks.get(warehouse);
  if (known?.sizes === sizes) return known.ready;
  const ready = (async () => {
    if ((await storedFingerprint(warehouse)) === (await sourceFingerprint(warehouse))) return true;
    if (warehouse.mode === 'read-only') return false;
    await warehouse.transaction(rebuildUserActivityDays);
    return true;
  })();
  checks.set(warehouse, { sizes, ready });
  // A failed rebuild is not remembered: the next question tries again (and reports the error again).
  ready.catch(() => checks.delete(warehouse));
  return ready;
}
