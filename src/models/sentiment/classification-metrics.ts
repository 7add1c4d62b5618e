/** Scores of a two-class classifier; per-class precision/recall/F1 and their unweighted (macro) means. */
export interface BinaryClassificationMetrics {
  cases: number;
  accuracy: number;
  positive: { precision: number; recall: number; f1: number; support: number };
  negative: { precision: number; recall: number; f1: number; support: number };
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
}

function ratio(numerator: number, denominator: number): number {
  // A class never predicted has precision 0 (as scikit-learn's zero_division=0), so a majority baseline scores low.
  return denominator === 0 ? 0 : numerator / denominator;
}

function classScores(truePositives: number, predicted: number, actual: number) {
  const precision = ratio(truePositives, predicted);
  const recall = ratio(truePositives, actual);
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), support: actual };
}

export function binaryClassificationMetrics(cases: readonly { actual: boolean; predicted: boolean }[]): BinaryClassificationMetrics {
  let truePositive = 0;
  let trueNegative = 0;
  let predictedPositive = 0;
  let actualPositive = 0;
  for (const { actual, predicted } of cases) {
    if (predicted) predictedPositive += 1;
    if (actual) actualPositive += 1;
    if (actual && predicted) truePositive += 1;
    if (!actual && !predicted) trueNegative += 1;
  }
  const total = cases.length;
  const positive = classScores(truePositive, predictedPositive, actualPositive);
  const negative = classScores(trueNegative, total - predictedPositive, total - actualPositive);
  return {
    cases: total,
    accuracy: ratio(truePositive + trueNegative, total),
    positive,
    negative,
    macroPrecision: (positive.precision + negative.precision) / 2,
    macroRecall: (positive.recall + negative.recall) / 2,
    macroF1: (positive.f1 + negative.f1) / 2,
  };
}
