import type { Warehouse } from '../../sql/warehouse.ts';
import type { ClusteringOptions } from './kmeans-clustering.ts';
import { SegmentationError } from './segmentation-error.ts';
import { dataFingerprint, readStoredSegmentationModel, writeUserSegments, type StoredSegmentationModel } from './user-segments-table.ts';

export interface EnsuredSegmentation {
  model: StoredSegmentationModel;
  /** True when this call trained the models and rewrote user_segments. */
  recomputed: boolean;
  /** Wall time of the recomputation including the write (0 when reused). */
  seconds: number;
}

/**
 * The current segmentation: reused from user_segments when it was computed as of the same date on the
 * same data, otherwise (or when asked) recomputed and written back atomically.
 */
export async function ensureSegmentation(
  warehouse: Warehouse,
  asOf: string,
  options: { recompute?: boolean; clustering?: ClusteringOptions } = {},
): Promise<EnsuredSegmentation> {
  const fingerprint = await dataFingerprint(warehouse);
  if (!options.recompute) {
    const stored = await readStoredSegmentationModel(warehouse);
    if (stored && stored.asOf === asOf && stored.fingerprint === fingerprint) return { model: stored, recomputed: false, seconds: 0 };
  }
  if (warehouse.mode === 'read-only') {
    throw new SegmentationError(
      `The segmentation of ${warehouse.path} is missing or out of date and the warehouse is open read-only, so it cannot be rewritten. Open it read-write or sandboxed (as the agent does) and ask again.`,
      { kind: 'no_data' },
    );
  }
  const started = performance.now();
  // Loaded here: ml-kmeans brings ~250 modules that every `shoplens ask` would otherwise load at start.
  const { computeSegmentation } = await import('./compute-segmentation.ts');
  const segmentation = await computeSegmentation(warehouse, asOf, options.clustering);
  await writeUserSegments(warehouse, segmentation, fingerprint);
  return { model: { ...segmentation.model, fingerprint }, recomputed: true, seconds: (performance.now() - started) / 1000 };
}
