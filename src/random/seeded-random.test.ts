import { describe, expect, it } from 'vitest';
import { cumulativeWeights, SeededRandom } from './seeded-random.ts';

const draws = (random: SeededRandom, count: number): number[] => Array.from({ length: count }, () => random.nextUint32());

describe('SeededRandom', () => {
  it('repeats exactly for the same seed and label', () => {
    expect(draws(new SeededRandom(42, 'events'), 50)).toEqual(draws(new SeededRandom(42, 'events'), 50));
  });

  it('gives unrelated streams for other seeds or labels', () => {
    const base = draws(new SeededRandom(42, 'events'), 50);
    expect(draws(new SeededRandom(43, 'events'), 50)).not.toEqual(base);
    expect(draws(new SeededRandom(42, 'orders'), 50)).not.toEqual(base);
  });

  it('keeps integer draws inside the inclusive range and reaches both ends', () => {
    const random = new SeededRandom(7);
    const seen = new Set<number>();
    for (let index = 0; index < 5000; index++) {
      const value = random.integer(3, 9);
      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThanOrEqual(9);
      seen.add(value);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it('draws weighted indexes in proportion to their weights (both lookups agree)', () => {
    const weights = [1, 3, 6];
    const random = new SeededRandom(1);
    const cumulative = cumulativeWeights(weights);
    const linear = [0, 0, 0];
    const binary = [0, 0, 0];
    const total = 30_000;
    for (let index = 0; index < total; index++) {
      linear[random.weightedIndex(weights)]! += 1;
      binary[random.cumulativeIndex(cumulative)]! += 1;
    }
    weights.forEach((weight, index) => {
      expect(linear[index]! / total).toBeCloseTo(weight / 10, 1);
      expect(binary[index]! / total).toBeCloseTo(weight / 10, 1);
    });
  });

  it('has the requested Poisson mean and log-normal median', () => {
    const random = new SeededRandom(5);
    let poissonSum = 0;
    const logNormals: number[] = [];
    for (let index = 0; index < 20_000; index++) {
      poissonSum += random.poisson(2.5);
      logNormals.push(random.logNormal(30, 0.8));
    }
    expect(poissonSum / 20_000).toBeGreaterThan(2.4);
    expect(poissonSum / 20_000).toBeLessThan(2.6);
    logNormals.sort((left, right) => left - right);
    expect(logNormals[10_000]!).toBeGreaterThan(28);
    expect(logNormals[10_000]!).toBeLessThan(32);
  });
});
