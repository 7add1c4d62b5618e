export interface ConfusionMatrix {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
}

export interface ClassificationMetrics {
  accuracy: number;
  /** Share of predicted buyers who bought; 0 when nobody was predicted to buy. */
  precision: number;
  /** Share of buyers that were predicted; 0 when nobody bought. */
  recall: number;
  f1: number;
}

export function confusionMatrix(predicted: ArrayLike<number>, actual: ArrayLike<number>): ConfusionMatrix {
  const matrix: ConfusionMatrix = { truePositives: 0, falsePositives: 0, trueNegatives: 0, falseNegatives: 0 };
  for (let index = 0; index < actual.length; index++) {
    const guess = predicted[index] === 1;
    const truth = actual[index] === 1;
    if (guess && truth) matrix.truePositives += 1;
    else if (guess) matrix.falsePositives += 1;
    else if (truth) matrix.falseNegatives += 1;
    else matrix.trueNegatives += 1;
  }
  return matrix;
}

export function classificationMetrics(matrix: ConfusionMatrix): ClassificationMetrics {
  const { truePositives, falsePositives, trueNegatives, falseNegatives } = matrix;
  const total = truePositives + falsePositives + trueNegatives + falseNegatives;
  const precision = truePositives + falsePositives > 0 ? truePositives / (truePositives + falsePositives) : 0;
  const recall = truePositives + falseNegatives > 0 ? truePositives / (truePositives + falseNegatives) : 0;
  return {
    accuracy: total > 0 ? (truePositives + trueNegatives) / total : 0,
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
  };
}

/**
 * The decision rule used for accuracy, precision, recall and F1: flag as many users as the training window's
 * base rate says will buy (the top ⌈base rate × users⌉ by score). It needs no calibrated probabilities and
 * uses nothing from the evaluation labels. Ties at the boundary are all flagged. Returns 0/1 per row and the
 * score threshold it amounts to.
 */
export function flagTopShare(scores: ArrayLike<number>, share: number): { flags: Uint8Array; threshold: number } {
  const flags = new Uint8Array(scores.length);
  const wanted = Math.min(scores.length, Math.max(0, Math.ceil(share * scores.length)));
  if (wanted === 0) return { flags, threshold: Number.POSITIVE_INFINITY };
  const sorted = Array.from(scores).sort((left, right) => right - left);
  const threshold = sorted[wanted - 1] as number;
  for (let index = 0; index < scores.length; index++) flags[index] = (scores[index] as number) >= threshold ? 1 : 0;
  return { flags, threshold };
}
