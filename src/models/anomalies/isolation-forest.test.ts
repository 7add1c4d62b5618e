import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../random/seeded-random.ts';
import { averagePathLength, fitIsolationForest, isolationScore } from './isolation-forest.ts';

function cluster(count: number, seed: number): Float64Array[] {
  const random = new SeededRandom(seed, 'cluster');
  return Array.from({ length: count }, () => Float64Array.of(random.uniform(-1, 1), random.uniform(-1, 1)));
}

describe('isolation forest', () => {
  it('normalises by the average unsuccessful-search path length c(n)', () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    // c(256) = 2 (ln 255 + γ) − 2 · 255 / 256.
    expect(averagePathLength(256)).toBeCloseTo(2 * (Math.log(255) + 0.5772156649) - (2 * 255) / 256, 10);
  });

  it('scores far-away points above points inside the cluster', () => {
    const rows = [...cluster(1000, 1), Float64Array.of(6, 6), Float64Array.of(-5, 4)];
    const forest = fitIsolationForest(rows, { seed: 3 });
    const inside = cluster(200, 2).map((row) => isolationScore(forest, row));
    const outside = [Float64Array.of(6, 6), Float64Array.of(-5, 4), Float64Array.of(0, 9)].map((row) => isolationScore(forest, row));
    console.log(`isolation scores: outliers ${outside.map((score) => score.toFixed(3)).join(', ')}; cluster max ${Math.max(...inside).toFixed(3)}`);
    for (const score of outside) expect(score).toBeGreaterThan(Math.max(...inside));
    expect(Math.max(...inside)).toBeLessThan(0.65);
  });

  it('is deterministic for a seed', () => {
    const rows = cluster(300, 4);
    const first = fitIsolationForest(rows, { seed: 9, trees: 20 });
    const second = fitIsolationForest(rows, { seed: 9, trees: 20 });
    expect(second).toEqual(first);
    expect(fitIsolationForest(rows, { seed: 10, trees: 20 })).not.toEqual(first);
  });
});
