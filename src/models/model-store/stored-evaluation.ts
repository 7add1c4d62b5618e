import { z } from 'zod';
import type { Warehouse } from '../../sql/warehouse.ts';
import type { ModelReport } from '../model-report.ts';
import { reviewsFingerprint } from '../sentiment/load-reviews.ts';
import { behaviourFingerprint } from './behaviour-fingerprint.ts';
import { ensureTrained, type EnsuredModel } from './ensure-trained.ts';
import type { TrainingProgressListener } from './training-progress.ts';

/** Bumped when an evaluator's metrics change meaning, so older stored reports are measured again. */
export const EVALUATION_VERSION = 1;

const reportSchema = z.object({
  model: z.string(),
  trainedOn: z.string(),
  metrics: z.record(z.string(), z.number()),
  details: z.array(z.string()),
});

export interface EvaluationRunOptions {
  /** Train and measure again even when a report for the same data is stored (`shoplens train`). */
  retrain?: boolean;
  onProgress?: TrainingProgressListener;
}

/**
 * A behaviour model trained and measured on this warehouse (its ModelReport), kept in shoplens_cache per data
 * fingerprint (behaviour tables and reviews), so `shoplens model <name> --json` reads the measured metrics
 * without training again until the data changes.
 */
export async function ensureEvaluation(
  warehouse: Warehouse,
  name: string,
  evaluate: (warehouse: Warehouse) => Promise<ModelReport>,
  options: EvaluationRunOptions = {},
): Promise<EnsuredModel<ModelReport>> {
  const fingerprint = `${await behaviourFingerprint(warehouse)}|reviews:${await reviewsFingerprint(warehouse)}`;
  return ensureTrained<ModelReport>({
    warehouse,
    model: `evaluation:${name}`,
    parameters: { evaluation_version: EVALUATION_VERSION },
    fingerprint,
    async train(control) {
      control.report('training and measuring', 5);
      const report = await evaluate(warehouse);
      return { payload: report, dataWindow: { start: null, end: null }, metrics: report.metrics };
    },
    parsePayload: (payload) => (options.retrain ? null : (reportSchema.safeParse(payload).data ?? null)),
    onProgress: options.onProgress,
  });
}
