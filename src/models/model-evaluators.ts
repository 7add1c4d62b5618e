import type { ModelReport } from './model-report.ts';
import type { Warehouse } from '../sql/warehouse.ts';

export type Evaluator = (warehouse: Warehouse) => Promise<ModelReport>;

/** Each behaviour model, loaded only when asked for so one slow model does not delay the others (or CLI start). */
export const EVALUATORS: Record<string, () => Promise<Evaluator>> = {
  segments: async () => (await import('./segments/evaluate-segments.ts')).evaluateSegments,
  forecast: async () => (await import('./forecast/evaluate-forecast.ts')).evaluateForecast,
  baskets: async () => (await import('./baskets/evaluate-baskets.ts')).evaluateBaskets,
  propensity: async () => (await import('./propensity/evaluate-propensity.ts')).evaluatePropensity,
  sentiment: async () => (await import('./sentiment/evaluate-sentiment.ts')).evaluateSentiment,
  recommendations: async () => (await import('./recommendations/evaluate-recommendations.ts')).evaluateRecommendations,
  anomalies: async () => (await import('./anomalies/evaluate-anomalies.ts')).evaluateAnomalies,
};

export class UnknownModelError extends Error {
  override readonly name = 'UnknownModelError';
  constructor(readonly model: string) {
    super(`No model named "${model}". Choose from: ${Object.keys(EVALUATORS).join(', ')} (or all).`);
  }
}

/** The models named on the command line ('all' or none means every model); an unknown name is refused before anything opens. */
export function chooseModels(names: readonly string[]): string[] {
  if (names.length === 0 || names.includes('all')) return Object.keys(EVALUATORS);
  for (const name of names) if (!(name in EVALUATORS)) throw new UnknownModelError(name);
  return [...new Set(names)];
}
