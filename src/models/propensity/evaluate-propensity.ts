import { loadAsOfDate } from '../../sql/semantic/index.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { defaultEncoderSelection } from '../embeddings/default-encoder.ts';
import type { EncoderSelection } from '../embeddings/text-encoder.ts';
import type { ModelReport } from '../model-report.ts';
import { MODEL_NAMES, PROPENSITY_MODEL_KINDS } from './propensity-model.ts';
import { evaluateTextRoute } from './text-route.ts';
import { loadDataStart, timeSplit } from './time-split.ts';
import { evaluateSplit } from './train-propensity.ts';

export const DEFAULT_HORIZON_DAYS = 7;

export interface EvaluatePropensityOptions {
  horizonDays?: number;
  /** Encoder for the text route; defaults to the process-wide SHOPLENS_EMBED_* selection. */
  selectEncoder?: () => Promise<EncoderSelection>;
  /** Skip the text route (it embeds every user's text twice). */
  skipTextRoute?: boolean;
}

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

/**
 * Purchase propensity on the time split (train at T1, measure at T2 = T1 + horizon on later purchases):
 * logistic regression, boosted trees and the text route side by side, with the base rate to compare with.
 */
export async function evaluatePropensity(warehouse: Warehouse, options: EvaluatePropensityOptions = {}): Promise<ModelReport> {
  const horizonDays = options.horizonDays ?? DEFAULT_HORIZON_DAYS;
  const started = performance.now();
  const asOf = await loadAsOfDate(warehouse);
  const split = timeSplit(await loadDataStart(warehouse), asOf, horizonDays);
  const { evaluation, training, evaluationData, fitted } = await evaluateSplit(warehouse, split);
  const metrics: Record<string, number> = {
    horizon_days: horizonDays,
    train_users: evaluation.trainUsers,
    train_base_rate: evaluation.trainBaseRate,
    evaluation_users: evaluation.evaluationUsers,
    evaluation_base_rate: evaluation.evaluationBaseRate,
    always_no_accuracy: 1 - evaluation.evaluationBaseRate,
  };
  for (const kind of PROPENSITY_MODEL_KINDS) {
    const result = evaluation.models[kind];
    metrics[`${kind}_auc`] = result.auc;
    metrics[`${kind}_accuracy`] = result.accuracy;
    metrics[`${kind}_precision`] = result.precision;
    metrics[`${kind}_recall`] = result.recall;
    metrics[`${kind}_f1`] = result.f1;
    metrics[`${kind}_probability_threshold`] = result.threshold;
    metrics[`${kind}_training_seconds`] = result.trainingSeconds;
  }
  const details = [
    `Time split, ${horizonDays}-day horizon: trained on features as of ${split.trainCutoff} (label: paid order ${split.trainCutoff} < day ≤ ${split.evaluationCutoff}, ` +
      `${evaluation.trainUsers} users, base rate ${percent(evaluation.trainBaseRate)}); evaluated on features as of ${split.evaluationCutoff} ` +
      `(label window up to ${asOf}, ${evaluation.evaluationUsers} users, base rate ${percent(evaluation.evaluationBaseRate)}).`,
    `Threshold for accuracy/precision/recall/F1: flag the top ${percent(evaluation.trainBaseRate)} of users by score (the training base rate), ` +
      'so every model flags the same number of users and nothing from the evaluation labels is used.',
    ...PROPENSITY_MODEL_KINDS.map((kind) => {
      const result = evaluation.models[kind];
      return `${MODEL_NAMES[kind].en}: AUC ${result.auc.toFixed(3)}, precision ${percent(result.precision)}, recall ${percent(result.recall)}, ` +
        `F1 ${result.f1.toFixed(3)}, accuracy ${percent(result.accuracy)} (always "no": ${percent(1 - evaluation.evaluationBaseRate)}); trained in ${result.trainingSeconds.toFixed(2)} s.`;
    }),
    'Largest logistic-regression coefficients (per standard deviation of the transformed feature): ' +
      fitted.features
        .map((feature, column) => ({ feature: feature.id, coefficient: fitted.logistic.coefficients[column] as number }))
        .sort((left, right) => Math.abs(right.coefficient) - Math.abs(left.coefficient))
        .slice(0, 6)
        .map((entry) => `${entry.feature} ${entry.coefficient >= 0 ? '+' : ''}${entry.coefficient.toFixed(2)}`)
        .join(', ') + '.',
  ];
  if (!options.skipTextRoute) {
    const selection = await (options.selectEncoder ?? defaultEncoderSelection)();
    const text = await evaluateTextRoute(warehouse, selection.encoder, training, evaluationData);
    metrics.text_route_auc = text.auc;
    metrics.text_route_encode_seconds = text.encodeSeconds;
    metrics.text_route_training_seconds = text.trainingSeconds;
    details.push(
      `Text route: profile + last-30-day search queries as text (e.g. "${text.exampleTexts[0] ?? '—'}"), embedded with ${text.encoder} ` +
        `(${selection.kind}, ${text.dimension} dimensions), logistic regression on the embedding: AUC ${text.auc.toFixed(3)} ` +
        `(${text.iterations} gradient steps${text.converged ? '' : ', not fully converged'}). ${selection.reason}`,
    );
  }
  metrics.total_seconds = (performance.now() - started) / 1000;
  return {
    model: 'purchase propensity: logistic regression vs gradient-boosted trees (+ text route)',
    trainedOn: `${warehouse.path}: ${evaluation.trainUsers} users as of ${split.trainCutoff}, evaluated on ${evaluation.evaluationUsers} users as of ${split.evaluationCutoff} (data ${split.dataStart} … ${asOf})`,
    metrics,
    details,
  };
}
