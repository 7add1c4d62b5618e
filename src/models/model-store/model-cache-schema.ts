import { CACHE_SCHEMA } from '../../sql/cache-schema.ts';
import type { Warehouse } from '../../sql/warehouse.ts';

/** Trained models live in the cache schema (src/sql/cache-schema.ts), never in the behaviour tables. */
export const MODEL_CACHE_SCHEMA = CACHE_SCHEMA;

const DDL = `
  CREATE SCHEMA IF NOT EXISTS ${MODEL_CACHE_SCHEMA};
  CREATE TABLE IF NOT EXISTS ${MODEL_CACHE_SCHEMA}.trained_models (
    model            VARCHAR NOT NULL,
    parameters       VARCHAR NOT NULL,
    fingerprint      VARCHAR NOT NULL,
    trained_at       TIMESTAMP NOT NULL,
    training_seconds DOUBLE NOT NULL,
    data_window      VARCHAR NOT NULL,
    metrics          VARCHAR NOT NULL,
    payload          VARCHAR NOT NULL,
    PRIMARY KEY (model, parameters)
  )`;

const ready = new WeakSet<Warehouse>();

export async function ensureModelCacheSchema(warehouse: Warehouse): Promise<void> {
  if (ready.has(warehouse)) return;
  await warehouse.run(DDL);
  ready.add(warehouse);
}
