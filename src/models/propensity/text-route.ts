import type { TextEncoder } from '../embeddings/text-encoder.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { fitLogisticRegression, predictLogistic } from './logistic-regression.ts';
import { rocAuc } from './roc-auc.ts';
import { loadShopperTexts } from './shopper-texts.ts';
import type { PropensityDataset } from './train-propensity.ts';

/** L2 strength of the text-embedding logistic regression (wide input, so more shrinkage than the behaviour model). */
export const TEXT_L2 = 1e-3;

export interface TextRouteResult {
  encoder: string;
  dimension: number;
  auc: number;
  encodeSeconds: number;
  trainingSeconds: number;
  iterations: number;
  converged: boolean;
  exampleTexts: string[];
}

async function embed(encoder: TextEncoder, texts: string[]): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  // Batches keep a transformers.js encoder's memory bounded; the fallback encoder does not care.
  for (let start = 0; start < texts.length; start += 512) vectors.push(...(await encoder.encode(texts.slice(start, start + 512))));
  return vectors;
}

/**
 * The "text route": profile + recent search queries as text, embedded, classified by logistic regression on
 * the raw (unit-length) embedding dimensions. Same split as the behaviour models: fit on the training cutoff,
 * AUC on the evaluation cutoff.
 */
export async function evaluateTextRoute(warehouse: Warehouse, encoder: TextEncoder, training: PropensityDataset, evaluation: PropensityDataset): Promise<TextRouteResult> {
  let started = performance.now();
  const trainingTexts = await loadShopperTexts(warehouse, training.cutoff, training.userIds);
  const evaluationTexts = await loadShopperTexts(warehouse, evaluation.cutoff, evaluation.userIds);
  const trainingVectors = await embed(encoder, trainingTexts);
  const evaluationVectors = await embed(encoder, evaluationTexts);
  const encodeSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const fit = fitLogisticRegression(trainingVectors, training.labels, { l2: TEXT_L2, solver: 'gradient', maxIterations: 300 });
  const trainingSeconds = (performance.now() - started) / 1000;
  const scores = evaluationVectors.map((vector) => predictLogistic(fit.model, vector));
  return {
    encoder: encoder.id,
    dimension: encoder.dimension,
    auc: rocAuc(scores, evaluation.labels),
    encodeSeconds,
    trainingSeconds,
    iterations: fit.iterations,
    converged: fit.converged,
    exampleTexts: evaluationTexts.filter((text) => text.includes('searched:')).slice(0, 2),
  };
}
