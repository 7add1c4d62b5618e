import { z } from 'zod';
import { PROPENSITY_FEATURES } from './propensity-features.ts';
import { PROPENSITY_MODEL_KINDS } from './propensity-model.ts';
import type { TrainedPropensity } from './train-propensity.ts';

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'number');
}

function isFeatureMatrix(value: unknown): value is (number | null)[][] {
  return (
    Array.isArray(value) &&
    value.every((row) => Array.isArray(row) && row.length === PROPENSITY_FEATURES.length && row.every((cell) => cell === null || typeof cell === 'number'))
  );
}

/** A trained propensity model as JSON for shoplens_cache (typed arrays become plain arrays, features their ids). */
const numbers = z.array(z.number());
const metricsSchema = z.object({ accuracy: z.number(), precision: z.number(), recall: z.number(), f1: z.number(), auc: z.number(), threshold: z.number(), flagged: z.number(), trainingSeconds: z.number() });
const payloadSchema = z.object({
  evaluation: z.object({
    split: z.object({ horizonDays: z.number(), dataStart: z.string(), asOf: z.string(), trainCutoff: z.string(), evaluationCutoff: z.string() }),
    trainUsers: z.number(),
    trainBaseRate: z.number(),
    evaluationUsers: z.number(),
    evaluationBaseRate: z.number(),
    models: z.object({ logistic_regression: metricsSchema, boosted_trees: metricsSchema }),
    best: z.enum(PROPENSITY_MODEL_KINDS),
  }),
  latest: z.object({
    featureIds: z.array(z.string()),
    scaler: z.object({ fills: numbers, means: numbers, standardDeviations: numbers }),
    logistic: z.object({ intercept: z.number(), coefficients: numbers }),
    boosted: z.object({
      baseScore: z.number(),
      featureCount: z.number(),
      trees: z.array(z.array(z.object({ feature: z.number(), threshold: z.number(), left: z.number(), right: z.number(), value: z.number() }))),
    }),
    background: z.array(numbers),
    seconds: z.object({ logistic_regression: z.number(), boosted_trees: z.number() }),
  }),
  // 20k users × 37 features: checked by shape with one loop, as per-element zod checks cost seconds at every load.
  scoring: z.object({ cutoff: z.string(), userIds: z.custom<number[]>(isNumberArray), values: z.custom<(number | null)[][]>(isFeatureMatrix) }),
  seconds: z.number(),
});
export type PropensityPayload = z.infer<typeof payloadSchema>;

export function propensityPayload(trained: TrainedPropensity): PropensityPayload {
  const { latest } = trained;
  return {
    evaluation: trained.evaluation,
    latest: {
      featureIds: latest.features.map((feature) => feature.id),
      scaler: latest.scaler,
      logistic: { intercept: latest.logistic.intercept, coefficients: Array.from(latest.logistic.coefficients) },
      boosted: latest.boosted,
      background: latest.background.map((row) => Array.from(row)),
      seconds: latest.seconds,
    },
    scoring: trained.scoring,
    seconds: trained.seconds,
  };
}

/** Null when the stored JSON does not fit this version (other features, changed shape): the model is retrained. */
export function trainedFromPayload(payload: unknown): TrainedPropensity | null {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return null;
  const { latest } = parsed.data;
  const byId = new Map(PROPENSITY_FEATURES.map((feature) => [feature.id, feature]));
  const features = latest.featureIds.map((id) => byId.get(id));
  if (features.length !== PROPENSITY_FEATURES.length || features.some((feature) => feature === undefined)) return null;
  return {
    evaluation: parsed.data.evaluation,
    latest: {
      features: features as TrainedPropensity['latest']['features'],
      scaler: latest.scaler,
      logistic: { intercept: latest.logistic.intercept, coefficients: Float64Array.from(latest.logistic.coefficients) },
      boosted: latest.boosted,
      background: latest.background.map((row) => Float64Array.from(row)),
      seconds: latest.seconds,
    },
    scoring: parsed.data.scoring,
    seconds: parsed.data.seconds,
  };
}
