/**
 * A two-class text classifier whose score is additive over features: log-odds = intercept + Σ weight(feature)
 * over the text's distinct features. That shape is what lets a clause be scored on its own words (its
 * evidence, without the intercept).
 */
export class WeightedFeatures {
  constructor(
    readonly logPriorOdds: number,
    private readonly weights: ReadonlyMap<string, number>,
  ) {}

  get vocabularySize(): number {
    return this.weights.size;
  }

  weightOf(feature: string): number | undefined {
    return this.weights.get(feature);
  }

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
