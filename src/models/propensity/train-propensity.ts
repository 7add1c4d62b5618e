import type { Warehouse } from '../../sql/warehouse.ts';
import { classificationMetrics, confusionMatrix, flagTopShare, type ClassificationMetrics } from './classification-metrics.ts';
import { loadPropensityFeatures, loadPurchaseLabels, type UserFeatureTable } from './load-propensity-features.ts';
import { PropensityError } from './propensity-error.ts';
import { fitPropensity, predictPropensity, PROPENSITY_MODEL_KINDS, type FittedPropensity, type PropensityModelKind } from './propensity-model.ts';
import { rocAuc } from './roc-auc.ts';
import { loadDataStart, timeSplit, type PropensitySplit } from './time-split.ts';
import type { TrainingControl } from '../model-store/training-progress.ts';

/** Features at one cutoff with the label "paid order within the horizon after it". */
export interface PropensityDataset extends UserFeatureTable {
  labels: Uint8Array;
  baseRate: number;
}

export async function loadPropensityDataset(warehouse: Warehouse, cutoff: string, horizonDays: number): Promise<PropensityDataset> {
  const table = await loadPropensityFeatures(warehouse, cutoff);
  const buyers = await loadPurchaseLabels(warehouse, cutoff, horizonDays);
  const labels = Uint8Array.from(table.userIds, (userId) => (buyers.has(userId) ? 1 : 0));
  const positives = labels.reduce((sum, label) => sum + label, 0);
  return { ...table, labels, baseRate: table.userIds.length > 0 ? positives / table.userIds.length : 0 };
}

export interface ModelEvaluation extends ClassificationMetrics {
  auc: number;
  /** Probability at or above which a user was flagged as a buyer (see flagTopShare). */
  threshold: number;
  flagged: number;
  trainingSeconds: number;
}

export interface PropensityEvaluation {
  split: PropensitySplit;
  trainUsers: number;
  trainBaseRate: number;
  evaluationUsers: number;
  evaluationBaseRate: number;
  models: Record<PropensityModelKind, ModelEvaluation>;
  /** Higher AUC on the evaluation window (logistic regression on a tie: it explains itself exactly). */
  best: PropensityModelKind;
}

export function evaluateOnDataset(fitted: FittedPropensity, kind: PropensityModelKind, dataset: PropensityDataset, flagShare: number): ModelEvaluation {
  const scores = dataset.values.map((row) => predictPropensity(fitted, kind, row));
  const { flags, threshold } = flagTopShare(scores, flagShare);
  return {
    ...classificationMetrics(confusionMatrix(flags, dataset.labels)),
    auc: rocAuc(scores, dataset.labels),
    threshold,
    flagged: flags.reduce((sum, flag) => sum + flag, 0),
    trainingSeconds: fitted.seconds[kind],
  };
}

function requireBothClasses(dataset: PropensityDataset, role: string, horizonDays: number): void {
  const buyers = Math.round(dataset.baseRate * dataset.userIds.length);
  if (dataset.userIds.length === 0 || buyers === 0 || buyers === dataset.userIds.length) {
    throw new PropensityError(
      `The ${role} cutoff ${dataset.cutoff} has ${dataset.userIds.length} users and ${buyers} of them paid for an order in the next ` +
        `${horizonDays} days; a purchase model needs both buyers and non-buyers. Try a longer horizon_days or load more data.`,
      { kind: 'not_enough_data', parameter: 'horizon_days' },
    );
  }
}

export interface SplitEvaluation {
  evaluation: PropensityEvaluation;
  training: PropensityDataset;
  evaluationData: PropensityDataset;
  /** The models fitted on the training cutoff. */
  fitted: FittedPropensity;
}

/** Trains both models on T1 and measures them on T2: later users, later purchases, nothing of the evaluation window seen in training. */
export async function evaluateSplit(warehouse: Warehouse, split: PropensitySplit, control?: TrainingControl): Promise<SplitEvaluation> {
  const horizonDays = split.horizonDays;
  control?.report('loading training features', 5);
  const training = await loadPropensityDataset(warehouse, split.trainCutoff, horizonDays);
  requireBothClasses(training, 'training', horizonDays);
  control?.throwIfCancelled();
  control?.report('loading evaluation features', 20);
  const evaluationData = await loadPropensityDataset(warehouse, split.evaluationCutoff, horizonDays);
  requireBothClasses(evaluationData, 'evaluation', horizonDays);
  control?.throwIfCancelled();
  control?.report('fitting on the training window', 35);
  await new Promise((resolve) => setImmediate(resolve));
  const fitted = fitPropensity(training.values, training.labels);
  control?.throwIfCancelled();
  control?.report('evaluating on the later window', 60);
  const models = Object.fromEntries(
    PROPENSITY_MODEL_KINDS.map((kind) => [kind, evaluateOnDataset(fitted, kind, evaluationData, training.baseRate)]),
  ) as Record<PropensityModelKind, ModelEvaluation>;
  const best: PropensityModelKind = models.boosted_trees.auc > models.logistic_regression.auc ? 'boosted_trees' : 'logistic_regression';
  return {
    evaluation: {
      split,
      trainUsers: training.userIds.length,
      trainBaseRate: training.baseRate,
      evaluationUsers: evaluationData.userIds.length,
      evaluationBaseRate: evaluationData.baseRate,
      models,
      best,
    },
    training,
    evaluationData,
    fitted,
  };
}

export interface TrainedPropensity {
  evaluation: PropensityEvaluation;
  /** Refit on the evaluation cutoff (the latest labelled window) for scoring users as of asOf. */
  latest: FittedPropensity;
  /** Features of every user as of asOf, the rows that get scored. */
  scoring: UserFeatureTable;
  seconds: number;
}

/** Evaluates on the time split, then refits on T2 so that scores as of asOf rest on the most recent behaviour. */
export async function trainPropensity(warehouse: Warehouse, asOf: string, horizonDays: number, control?: TrainingControl): Promise<TrainedPropensity> {
  const started = performance.now();
  const split = timeSplit(await loadDataStart(warehouse), asOf, horizonDays);
  const { evaluation, evaluationData } = await evaluateSplit(warehouse, split, control);
  control?.throwIfCancelled();
  control?.report('refitting on the latest window', 70);
  // Yield once so a cancel or a progress event gets through before the next CPU-bound fit.
  await new Promise((resolve) => setImmediate(resolve));
  const latest = fitPropensity(evaluationData.values, evaluationData.labels);
  control?.throwIfCancelled();
  control?.report('loading features to score', 85);
  const scoring = await loadPropensityFeatures(warehouse, asOf);
  return { evaluation, latest, scoring, seconds: (performance.now() - started) / 1000 };
}
