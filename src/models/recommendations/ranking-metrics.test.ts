import { describe, expect, it } from 'vitest';
import { RankingTally } from './ranking-metrics.ts';

describe('RankingTally', () => {
  it('matches hit rate, MRR and NDCG worked out by hand', () => {
    const tally = new RankingTally(3);
    tally.add([7, 8, 9], 7); // rank 1: hit, RR 1, gain 1
    tally.add([1, 2, 3, 4], 3); // rank 3: hit, RR 1/3, gain 1/log2(4) = 0.5
    tally.add([1, 2, 3, 4], 4); // rank 4 is outside k = 3: miss
    tally.add([], 5); // nothing recommended: miss
    const scores = tally.scores();
    expect(scores.cases).toBe(4);
    expect(scores.hitRate).toBeCloseTo(2 / 4, 12);
    expect(scores.mrr).toBeCloseTo((1 + 1 / 3) / 4, 12);
    expect(scores.ndcg).toBeCloseTo((1 + 0.5) / 4, 12);
  });
});
