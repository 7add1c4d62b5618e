import type { Warehouse } from '../../sql/warehouse.ts';
import { behaviourFingerprint } from '../model-store/behaviour-fingerprint.ts';
import { ensureTrained } from '../model-store/ensure-trained.ts';
import type { TrainingProgressListener } from '../model-store/training-progress.ts';
import { propensityPayload, trainedFromPayload } from './propensity-payload.ts';
import { trainPropensity, type TrainedPropensity } from './train-propensity.ts';

export interface PropensityRunOptions {
  onProgress?: TrainingProgressListener;
  signal?: AbortSignal;
}

/**
 * The purchase-propensity model for this as-of date and horizon: trained once per data fingerprint (seconds to tens
 * of seconds on the default demo), stored in shoplens_cache and reused by later questions and after restarts.
 */
export async function ensurePropensity(
  warehouse: Warehouse,
  asOf: string,
  horizonDays: number,
  options: PropensityRunOptions = {},
): Promise<{ trained: TrainedPropensity; reused: boolean }> {
  const ensured = await ensureTrained<TrainedPropensity>({
    warehouse,
    model: 'purchase_propensity',
    parameters: { as_of: asOf, horizon_days: horizonDays },
    fingerprint: await behaviourFingerprint(warehouse),
    async train(control) {
      const trained = await trainPropensity(warehouse, asOf, horizonDays, control);
      const chosen = trained.evaluation.models[trained.evaluation.best];
      return {
        payload: trained,
        dataWindow: { start: trained.evaluation.split.dataStart, end: asOf },
        metrics: { auc: chosen.auc, precision: chosen.precision, recall: chosen.recall, f1: chosen.f1, evaluation_users: trained.evaluation.evaluationUsers },
      };
    },
    serializePayload: propensityPayload,
    parsePayload: trainedFromPayload,
    onProgress: options.onProgress,
    signal: options.signal,
  });
  return { trained: ensured.payload, reused: ensured.source !== 'trained' };
}
