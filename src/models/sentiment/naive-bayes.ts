import { WeightedFeatures } from './weighted-features.ts';

/** One training document: its features (repeats are counted once) and its label. */
export interface LabelledDocument {
  features: readonly string[];
  positive: boolean;
}

/** Extra pseudo-document counts per feature, e.g. from an opinion lexicon, added before smoothing. */
export type FeaturePrior = ReadonlyMap<string, { positive: number; negative: number }>;

export interface NaiveBayesOptions {
  /** Laplace (add-alpha) smoothing of every feature count; default 1. */
  smoothing?: number;
  prior?: FeaturePrior;
}

/**
 * Binary multinomial naive Bayes over binarised features (a feature counts once per document, which works
 * better than raw counts for short opinion texts). Every feature's weight is its log-likelihood ratio
 * log P(f | positive) − log P(f | negative); the intercept is the class log-odds. Deterministic.
 * n_c(f) = documents of class c containing f (+ prior pseudo-counts),
 * P(f | c) = (n_c(f) + α) / (Σ_f' n_c(f') + α·|V|) over the vocabulary V of training and prior features.
 */
export function trainNaiveBayes(documents: readonly LabelledDocument[], options: NaiveBayesOptions = {}): WeightedFeatures {
  const smoothing = options.smoothing ?? 1;
  const positiveCounts = new Map<string, number>();
  const negativeCounts = new Map<string, number>();
  let positiveDocuments = 0;
  for (const document of documents) {
    if (document.positive) positiveDocuments += 1;
    const counts = document.positive ? positiveCounts : negativeCounts;
    for (const feature of new Set(document.features)) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  }
  const negativeDocuments = documents.length - positiveDocuments;
  if (positiveDocuments === 0 || negativeDocuments === 0) {
    throw new RangeError(`Naive Bayes needs documents of both classes (got ${positiveDocuments} positive, ${negativeDocuments} negative).`);
  }
  for (const [feature, pseudo] of options.prior ?? []) {
    if (pseudo.positive > 0) positiveCounts.set(feature, (positiveCounts.get(feature) ?? 0) + pseudo.positive);
    if (pseudo.negative > 0) negativeCounts.set(feature, (negativeCounts.get(feature) ?? 0) + pseudo.negative);
  }
  const vocabulary = [...new Set([...positiveCounts.keys(), ...negativeCounts.keys()])].sort();
  const positiveTotal = sum(positiveCounts.values()) + smoothing * vocabulary.length;
  const negativeTotal = sum(negativeCounts.values()) + smoothing * vocabulary.length;
  const weights = new Map<string, number>();
  for (const feature of vocabulary) {
    const positive = ((positiveCounts.get(feature) ?? 0) + smoothing) / positiveTotal;
    const negative = ((negativeCounts.get(feature) ?? 0) + smoothing) / negativeTotal;
    weights.set(feature, Math.log(positive) - Math.log(negative));
  }
  return new WeightedFeatures(Math.log(positiveDocuments / negativeDocuments), weights);
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
