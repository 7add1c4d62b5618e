import type { Warehouse } from '../../sql/warehouse.ts';
import { trainPropensity, type TrainedPropensity } from './train-propensity.ts';

const trainedByWarehouse = new WeakMap<Warehouse, Map<string, Promise<TrainedPropensity>>>();
/** Trained models kept per warehouse (a few horizons); the oldest is dropped first. */
const MAX_CACHED = 4;

/** Cheap summary that changes whenever events or orders are re-seeded or imported. */
async function dataFingerprint(warehouse: Warehouse): Promise<string> {
  const { rows } = await warehouse.query(
    `SELECT (SELECT count(*) FROM events) AS events, (SELECT max(event_time) FROM events) AS last_event,
            (SELECT count(*) FROM orders) AS orders, (SELECT max(created_at) FROM orders) AS last_order, (SELECT count(*) FROM users) AS users`,
  );
  return JSON.stringify(rows[0] ?? {});
}

/**
 * Training takes seconds on the default demo, so the agent reuses models for the same warehouse, as-of date,
 * horizon and data. A failed training is forgotten so the next call reports the error afresh.
 */
export async function ensurePropensity(warehouse: Warehouse, asOf: string, horizonDays: number): Promise<{ trained: TrainedPropensity; reused: boolean }> {
  const key = `${asOf}|${horizonDays}|${await dataFingerprint(warehouse)}`;
  let cache = trainedByWarehouse.get(warehouse);
  if (!cache) {
    cache = new Map();
    trainedByWarehouse.set(warehouse, cache);
  }
  const existing = cache.get(key);
  if (existing) return { trained: await existing, reused: true };
  const training = trainPropensity(warehouse, asOf, horizonDays);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, training);
  training.catch(() => cache.delete(key));
  return { trained: await training, reused: false };
}
