/** Hit rate, mean reciprocal rank and NDCG at k for one held-out item per case. */
export interface RankingScores {
  cases: number;
  hitRate: number;
  mrr: number;
  ndcg: number;
}

export class RankingTally {
  private cases = 0;
  private hits = 0;
  private reciprocalRanks = 0;
  private gains = 0;

  constructor(readonly k: number) {}

  /** Scores one case: `ranked` is the recommendation list (best first); only its first k entries count. */
  add(ranked: readonly number[], heldOut: number): void {
    this.cases += 1;
    const position = ranked.slice(0, this.k).indexOf(heldOut);
    if (position < 0) return;
    this.hits += 1;
    this.reciprocalRanks += 1 / (position + 1);
    // One relevant item: the ideal DCG is 1, so NDCG is the discounted gain of its position.
    this.gains += 1 / Math.log2(position + 2);
  }

  scores(): RankingScores {
    const mean = (total: number) => (this.cases === 0 ? 0 : total / this.cases);
    return { cases: this.cases, hitRate: mean(this.hits), mrr: mean(this.reciprocalRanks), ndcg: mean(this.gains) };
  }
}
