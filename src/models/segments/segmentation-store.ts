import type { Warehouse } from '../../sql/warehouse.ts';
import type { ClusteringOptions } from './kmeans-clustering.ts';
import { SegmentationError } from './segmentation-error.ts';
import { dataFingerprint, mirrorUserSegments, readStoredSegmentationModel, storedModelSchema, writeUserSegments, type StoredSegmentationModel } from './user-segments-table.ts';
import { ensureTrained } from '../model-store/ensure-trained.ts';
import type { TrainingProgressListener } from '../model-store/training-progress.ts';

export interface EnsuredSegmentation {
  model: StoredSegmentationModel;
  /** True when this call trained the models and rewrote user_segments. */
  recomputed: boolean;
  /** Wall time of the recomputation including the write (0 when reused). */
  seconds: number;
  /** On ClickHouse, why the segments could not be copied there (then "by segment" questions cannot use them). */
  clickHouseCopyWarning?: string;
}

/**
 * The current segmentation: reused from user_segments when it was computed as of the same date on the
 * same data, otherwise (or when asked) recomputed and written back atomically. Recomputing goes through the model
 * store: concurrent questions share one training, which reports progress and stops when every caller cancelled,
 * and its metadata is listed with the other trained models.
 */
export async function ensureSegmentation(
  warehouse: Warehouse,
  asOf: string,
  options: { recompute?: boolean; clustering?: ClusteringOptions; onProgress?: TrainingProgressListener; signal?: AbortSignal } = {},
): Promise<EnsuredSegmentation> {
  const fingerprint = await dataFingerprint(warehouse);
  if (!options.recompute) {
    const stored = await readStoredSegmentationModel(warehouse);
    if (stored && stored.asOf === asOf && stored.fingerprint === fingerprint) {
      const warning = await mirrorUserSegments(warehouse, false);
      return { model: stored, recomputed: false, seconds: 0, ...(warning ? { clickHouseCopyWarning: warning } : {}) };
    }
  }
  if (warehouse.mode === 'read-only') {
    throw new SegmentationError(
      `The segmentation of ${warehouse.path} is missing or out of date and the warehouse is open read-only, so it cannot be rewritten. Open it read-write or sandboxed (as the agent does) and ask again.`,
      { kind: 'no_data' },
    );
  }
  const started = performance.now();
  let warning: string | undefined;
  const ensured = await ensureTrained<StoredSegmentationModel>({
    warehouse,
    model: 'customer_segments',
    parameters: { as_of: asOf, clustering: options.clustering ?? null },
    fingerprint,
    // user_segments is what questions read: a stored model without a current table is no use, so always train here.
    force: true,
    async train(control) {
      control.report('computing RFM scores and behaviour clusters', 5);
      // Loaded here: ml-kmeans brings ~250 modules that every `shoplens ask` would otherwise load at start.
      const { computeSegmentation } = await import('./compute-segmentation.ts');
      const segmentation = await computeSegmentation(warehouse, asOf, options.clustering);
      control.throwIfCancelled();
      control.report('writing user_segments', 90);
      await writeUserSegments(warehouse, segmentation, fingerprint);
      warning = await mirrorUserSegments(warehouse, true);
      const model: StoredSegmentationModel = { ...segmentation.model, fingerprint };
      return {
        payload: model,
        dataWindow: { start: null, end: asOf },
        metrics: { users: model.users, buyers: model.buyers, clusters: model.clusterCount, silhouette: model.silhouette },
      };
    },
    parsePayload: (payload) => {
      const parsed = storedModelSchema.safeParse(payload);
      return parsed.success ? parsed.data : null;
    },
    onProgress: options.onProgress,
    signal: options.signal,
  });
  return { model: ensured.payload, recomputed: true, seconds: (performance.now() - started) / 1000, ...(warning ? { clickHouseCopyWarning: warning } : {}) };
}
