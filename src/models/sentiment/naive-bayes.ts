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
 * log P(f | positive) − log P(f | negative); a text's log-odds is the class log-odds plus the weights of its
 * distinct known features. Deterministic: no randomness, no iteration order dependence.
 */
export class NaiveBayesClassifier {
  constructor(
    /** log(positive documents / negative documents). */
    readonly logPriorOdds: number,
    private readonly weights: ReadonlyMap<string, number>,
  ) {}

  get vocabularySize(): number {
    return this.weights.size;
  }

  weightOf(feature: string): number | undefined {
    return this.weights.get(feature);
  }

  /** Sum of the weights of the distinct known features: the text's own evidence, without the class prior. */
  evidence(features: readonly string[]): number {
    let sum = 0;
    for (const feature of new Set(features)) sum += this.weights.get(feature) ?? 0;
    return sum;
  }

  logOdds(features: readonly string[]): number {
    return this.logPriorOdds + this.evidence(features);
  }

  probabilityPositive(features: readonly string[]): number {
    return 1 / (1 + Math.exp(-this.logOdds(features)));
  }
}

/**
 * Trains the classifier: n_c(f) = documents of class c containing f (+ prior pseudo-counts),
 * P(f | c) = (n_c(f) + α) / (Σ_f' n_c(f') + α·|V|) over the vocabulary V of training and prior features.
 */
export function trainNaiveBayes(documents: readonly LabelledDocument[], options: NaiveBayesOptions = {}): NaiveBayesClassifier {
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
  return new NaiveBayesClassifier(Math.log(positiveDocuments / negativeDocuments), weights);
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
