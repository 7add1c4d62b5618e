import type { DuckDBAppender } from '@duckdb/node-api';
import { z } from 'zod';
import { behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import type { Segmentation } from './compute-segmentation.ts';
import { CACHE_SCHEMA } from '../../sql/cache-schema.ts';
import { CACHE_WRITER_SETTING } from '../../sql/engine/open-engine-warehouse.ts';

/** Derived data: in the cache schema, never among the behaviour tables (see src/sql/cache-schema.ts). */
export const USER_SEGMENTS_TABLE = `${CACHE_SCHEMA}.user_segments`;
const SEGMENTATION_MODEL_TABLE = `${CACHE_SCHEMA}.segmentation_model`;

export const USER_SEGMENTS_DDL = `
  CREATE OR REPLACE TABLE ${USER_SEGMENTS_TABLE} (
    user_id           BIGINT PRIMARY KEY,
    rfm_segment       VARCHAR,
    rfm_segment_zh    VARCHAR,
    recency_days      INTEGER,
    frequency         INTEGER,
    monetary          DOUBLE,
    r_score           INTEGER,
    f_score           INTEGER,
    m_score           INTEGER,
    cluster           INTEGER,
    cluster_label     VARCHAR,
    cluster_label_zh  VARCHAR,
    pca_x             DOUBLE,
    pca_y             DOUBLE,
    segment           VARCHAR,
    computed_at_as_of DATE
  )`;

/** Where earlier versions kept the model summary, in main.meta; removed when the segmentation is rewritten. */
export const SEGMENTATION_META_KEY = 'segmentation_model';

const profileSchema = z.object({
  cluster: z.number().int(),
  size: z.number().int(),
  share: z.number(),
  label_en: z.string(),
  label_zh: z.string(),
  zScores: z.record(z.string(), z.number()),
  averages: z.record(z.string(), z.number().nullable()),
});

export const storedModelSchema = z.object({
  asOf: z.string(),
  users: z.number().int(),
  buyers: z.number().int(),
  featuresUsed: z.array(z.string()),
  featuresDescribing: z.array(z.string()),
  featuresDropped: z.array(z.string()),
  clusterCount: z.number().int(),
  silhouetteByK: z.array(z.object({ k: z.number().int(), silhouette: z.number(), inertia: z.number() })),
  silhouette: z.number(),
  silhouetteSampleSize: z.number().int(),
  profiles: z.array(profileSchema),
  explainedVariance: z.tuple([z.number(), z.number()]),
  timingsMs: z.object({ load: z.number(), rfm: z.number(), kmeans: z.number(), pca: z.number() }),
  /** Which data the segmentation was computed from; a changed fingerprint means it is stale. */
  fingerprint: z.string(),
});
export type StoredSegmentationModel = z.infer<typeof storedModelSchema>;

/** Cheap summary of the data segmentation depends on: re-seeding or importing changes it. */
export async function dataFingerprint(warehouse: Warehouse): Promise<string> {
  const { rows } = await behaviourReader(warehouse).query(`
    SELECT (SELECT count(*) FROM orders) AS orders,
           (SELECT count(*) FILTER (WHERE paid_at IS NOT NULL) FROM orders) AS paid_orders,
           (SELECT max(order_id) FROM orders) AS last_order,
           (SELECT count(*) FROM events) AS events,
           (SELECT max(event_time) FROM events) AS last_event`);
  return JSON.stringify(rows[0] ?? {});
}

function appendNullable(appender: DuckDBAppender, value: number | null, kind: 'integer' | 'double'): void {
  if (value === null || !Number.isFinite(value)) appender.appendNull();
  else if (kind === 'integer') appender.appendInteger(value);
  else appender.appendDouble(value);
}

/**
 * Replaces shoplens_cache.user_segments (and the model summary next to it) in ONE transaction: readers see the old
 * segmentation or the new one, never a mix, and a failure leaves the old one in place.
 */
export async function writeUserSegments(warehouse: Warehouse, segmentation: Segmentation, fingerprint: string): Promise<void> {
  const stored: StoredSegmentationModel = { ...segmentation.model, fingerprint };
  await warehouse.transaction(async (connection) => {
    await connection.run(`CREATE SCHEMA IF NOT EXISTS ${CACHE_SCHEMA}`);
    await connection.run(`CREATE OR REPLACE TEMP TABLE user_segments_staging (
      user_id BIGINT, rfm_segment VARCHAR, rfm_segment_zh VARCHAR, recency_days INTEGER, frequency INTEGER, monetary DOUBLE,
      r_score INTEGER, f_score INTEGER, m_score INTEGER, cluster INTEGER, cluster_label VARCHAR, cluster_label_zh VARCHAR,
      pca_x DOUBLE, pca_y DOUBLE)`);
    const appender = await connection.createAppender('user_segments_staging', 'main', 'temp');
    for (const user of segmentation.users) {
      appender.appendBigInt(BigInt(user.userId));
      appender.appendVarchar(user.rfmSegment);
      appender.appendVarchar(user.rfmSegmentZh);
      appendNullable(appender, user.recencyDays, 'integer');
      appender.appendInteger(user.frequency);
      appender.appendDouble(user.monetary);
      appendNullable(appender, user.recencyScore, 'integer');
      appendNullable(appender, user.frequencyScore, 'integer');
      appendNullable(appender, user.monetaryScore, 'integer');
      appender.appendInteger(user.cluster);
      appender.appendVarchar(user.clusterLabel);
      appender.appendVarchar(user.clusterLabelZh);
      appendNullable(appender, user.pcaX, 'double');
      appendNullable(appender, user.pcaY, 'double');
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
    await connection.run(USER_SEGMENTS_DDL);
    await connection.run(
      `INSERT INTO ${USER_SEGMENTS_TABLE}
       SELECT user_id, rfm_segment, rfm_segment_zh, recency_days, frequency, monetary, r_score, f_score, m_score,
              cluster, cluster_label, cluster_label_zh, pca_x, pca_y, rfm_segment, CAST($as_of AS DATE)
       FROM user_segments_staging`,
      { as_of: segmentation.model.asOf },
    );
    await connection.run('DROP TABLE user_segments_staging');
    await connection.run(`CREATE OR REPLACE TABLE ${SEGMENTATION_MODEL_TABLE} AS SELECT CAST($value AS VARCHAR) AS value`, { value: JSON.stringify(stored) });
    // Segmentations of earlier versions lived among the behaviour tables: remove them, the cache now holds it.
    await connection.run('DROP TABLE IF EXISTS main.user_segments');
    await connection.run('DELETE FROM meta WHERE key = $key', { key: SEGMENTATION_META_KEY });
  });
}

/** The stored model summary, or null when there is none (or it no longer parses: then recompute). */
export async function readStoredSegmentationModel(warehouse: Warehouse): Promise<StoredSegmentationModel | null> {
  const { rows } = await warehouse.query(`
    SELECT EXISTS (SELECT 1 FROM duckdb_tables() WHERE schema_name = $schema AND table_name = 'segmentation_model') AS has_model,
           EXISTS (SELECT 1 FROM duckdb_tables() WHERE schema_name = $schema AND table_name = 'user_segments') AS has_table`,
    { schema: CACHE_SCHEMA });
  const row = rows[0];
  if (!row || row.has_table !== true || row.has_model !== true) return null;
  const value = (await warehouse.query(`SELECT value FROM ${SEGMENTATION_MODEL_TABLE}`)).rows[0]?.value;
  if (typeof value !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return null;
  }
  const parsed = storedModelSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * Metric questions "by segment" join user_segments where the behaviour tables are. On a ClickHouse warehouse the
 * segmentation lives in the DuckDB state file, so it is copied into ClickHouse's shoplens_cache database (staging table
 * swapped in, as every load) after each rewrite (`force`), and again whenever the copy is missing or differs from
 * the state file's (checked by row count and integer checksums, which both engines compute exactly). The copy is
 * written by the cache-writer connection when one is configured (SHOPLENS_CLICKHOUSE_CACHE_WRITER: a user with rights on
 * shoplens_cache only), so the user that answers questions can stay read-only; the check reads through the latter.
 * Without a writer that may write there, segment_customers still answers from the state file and the returned
 * warning says why "by segment" questions cannot use the segments and what to configure.
 */
export async function mirrorUserSegments(warehouse: Warehouse, force: boolean): Promise<string | undefined> {
  const engine = warehouse.behaviourEngine;
  if (!engine || (engine.kind !== 'chdb' && engine.kind !== 'clickhouse')) return undefined;
  const checksum = `SELECT count(*) AS users, coalesce(sum(user_id * (cluster + 1)), 0) AS users_by_cluster,
    coalesce(sum(coalesce(r_score, 0) * 100 + coalesce(f_score, 0) * 10 + coalesce(m_score, 0)), 0) AS scores FROM ${CACHE_SCHEMA}.user_segments`;
  if (!force) {
    const present = await engine.query(`SELECT count() AS tables FROM system.tables WHERE database = '${CACHE_SCHEMA}' AND name = 'user_segments'`);
    if (Number(present.rows[0]?.tables) === 1) {
      const [local, remote] = [(await warehouse.query(checksum)).rows[0], (await engine.query(checksum)).rows[0]];
      if (JSON.stringify(local) === JSON.stringify(remote)) return undefined;
    }
  }
  const writer = warehouse.cacheWriterEngine ?? engine;
  const { loadIntoClickHouse } = await import('../../sql/engine/load-into-clickhouse.ts');
  try {
    // As rows, not Parquet files: the agent's state file is sandboxed and may not write files.
    await loadIntoClickHouse(warehouse, writer as Parameters<typeof loadIntoClickHouse>[1], ['user_segments'], { schema: CACHE_SCHEMA, transfer: 'rows' });
    return undefined;
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    const remedy = warehouse.cacheWriterEngine
      ? `The cache writer (${CACHE_WRITER_SETTING}) needs SELECT, INSERT, CREATE TABLE and DROP TABLE on ${CACHE_SCHEMA}.*, and the database must exist (docs/clickhouse.md).`
      : `Set ${CACHE_WRITER_SETTING} to a ClickHouse user with SELECT, INSERT, CREATE TABLE and DROP TABLE on ${CACHE_SCHEMA}.* only, and grant the reading user SELECT on it (docs/clickhouse.md).`;
    return `copying user_segments into ClickHouse (${writer.location}) failed, so metrics cannot be split by segment there: ${reason}. ${remedy}`;
  }
}
