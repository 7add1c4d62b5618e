import { z } from 'zod';
import type { Warehouse } from '../../sql/warehouse.ts';
import { ensureModelCacheSchema, MODEL_CACHE_SCHEMA } from './model-cache-schema.ts';

/** What is kept about a trained model besides the model itself. */
export interface StoredModelMetadata {
  model: string;
  /** Canonical JSON of the training parameters that make this model distinct (horizon, date range …). */
  parameters: string;
  /** The data it was trained on: a changed fingerprint makes it stale. */
  fingerprint: string;
  trainedAt: string;
  trainingSeconds: number;
  dataWindow: { start: string | null; end: string | null };
  metrics: Record<string, number>;
}

export interface StoredModel extends StoredModelMetadata {
  payload: unknown;
}

const rowSchema = z.object({
  model: z.string(),
  parameters: z.string(),
  fingerprint: z.string(),
  trained_at: z.string(),
  training_seconds: z.number(),
  data_window: z.string(),
  metrics: z.string(),
  payload: z.string(),
});
const dataWindowSchema = z.object({ start: z.string().nullable(), end: z.string().nullable() });
const metricsSchema = z.record(z.string(), z.number());

/** The stored model for these parameters, or null when there is none or it does not parse (then it is retrained). */
export async function readStoredModel(warehouse: Warehouse, model: string, parameters: string): Promise<StoredModel | null> {
  await ensureModelCacheSchema(warehouse);
  const { rows } = await warehouse.query(
    `SELECT model, parameters, fingerprint, strftime(trained_at, '%Y-%m-%dT%H:%M:%S') AS trained_at, training_seconds, data_window, metrics, payload
     FROM ${MODEL_CACHE_SCHEMA}.trained_models WHERE model = $model AND parameters = $parameters`,
    { model, parameters },
  );
  const row = rowSchema.safeParse(rows[0]);
  if (!row.success) return null;
  try {
    return {
      model: row.data.model,
      parameters: row.data.parameters,
      fingerprint: row.data.fingerprint,
      trainedAt: row.data.trained_at,
      trainingSeconds: row.data.training_seconds,
      dataWindow: dataWindowSchema.parse(JSON.parse(row.data.data_window)),
      metrics: metricsSchema.parse(JSON.parse(row.data.metrics)),
      payload: JSON.parse(row.data.payload),
    };
  } catch {
    return null;
  }
}

/** Replaces the stored model for these parameters in one statement. */
export async function writeStoredModel(warehouse: Warehouse, stored: StoredModel): Promise<void> {
  await ensureModelCacheSchema(warehouse);
  await warehouse.run(
    `INSERT OR REPLACE INTO ${MODEL_CACHE_SCHEMA}.trained_models VALUES ($model, $parameters, $fingerprint, CAST($trained_at AS TIMESTAMP), $seconds, $window, $metrics, $payload)`,
    {
      model: stored.model,
      parameters: stored.parameters,
      fingerprint: stored.fingerprint,
      trained_at: stored.trainedAt,
      seconds: stored.trainingSeconds,
      window: JSON.stringify(stored.dataWindow),
      metrics: JSON.stringify(stored.metrics),
      payload: JSON.stringify(stored.payload),
    },
  );
}

/** Metadata of every stored model (for `shoplens model --list` and the tests). */
export async function listStoredModels(warehouse: Warehouse): Promise<StoredModelMetadata[]> {
  await ensureModelCacheSchema(warehouse);
  const { rows } = await warehouse.query(
    `SELECT model, parameters, fingerprint, strftime(trained_at, '%Y-%m-%dT%H:%M:%S') AS trained_at, training_seconds, data_window, metrics, '' AS payload
     FROM ${MODEL_CACHE_SCHEMA}.trained_models ORDER BY model, parameters`,
  );
  return rows.map((raw) => {
    const row = rowSchema.parse(raw);
    return {
      model: row.model,
      parameters: row.parameters,
      fingerprint: row.fingerprint,
      trainedAt: row.trained_at,
      trainingSeconds: row.training_seconds,
      dataWindow: dataWindowSchema.parse(JSON.parse(row.data_window)),
      metrics: metricsSchema.parse(JSON.parse(row.metrics)),
    };
  });
}
