import type { Warehouse } from '../sql/warehouse.ts';
import { EVALUATORS, type Evaluator } from './model-evaluators.ts';
import type { ModelReport } from './model-report.ts';
import { ensureEvaluation } from './model-store/stored-evaluation.ts';

/** One model's outcome as `shoplens train` / `shoplens model` print it, the same whether run here or by a server. */
export type ModelOutcome =
  | { name: string; ok: true; seconds: number; reused: boolean; report: ModelReport; trainedAt: string; trainingSeconds: number }
  | { name: string; ok: false; error: { name: string; message: string } };

export interface ModelProgress {
  phase: string;
  done: number;
  total: number;
}

/**
 * Trains (`train`) or reuses the stored report of (`model`) each chosen model in turn, reporting progress and each
 * outcome as it comes. One model that cannot train on this data (no events in an orders-only import) does not stop
 * the others: its outcome carries the error.
 */
export async function runModelEvaluations(
  warehouse: Warehouse,
  task: 'train' | 'model',
  chosen: readonly string[],
  onProgress: (progress: ModelProgress) => void,
  onOutcome: (outcome: ModelOutcome) => void,
): Promise<void> {
  for (const [index, model] of chosen.entries()) {
    const started = performance.now();
    const phase = `${index + 1}/${chosen.length} ${model}`;
    onProgress({ phase, done: index, total: chosen.length });
    try {
      const evaluate = await (EVALUATORS[model] as () => Promise<Evaluator>)();
      const ensured = await ensureEvaluation(warehouse, model, evaluate, {
        retrain: task === 'train',
        onProgress: (update) => onProgress({ phase: `${phase} ${update.phase}`, done: update.percent, total: 100 }),
      });
      onOutcome({
        name: model, ok: true, seconds: (performance.now() - started) / 1000, reused: ensured.source !== 'trained', report: ensured.payload,
        trainedAt: ensured.metadata.trainedAt, trainingSeconds: ensured.metadata.trainingSeconds,
      });
    } catch (error) {
      onOutcome({ name: model, ok: false, error: { name: (error as Error).name, message: (error as Error).message } });
    }
  }
}
