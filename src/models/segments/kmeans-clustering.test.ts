import { describe, expect, it } from 'vitest';
import { clusterWithSilhouette } from './kmeans-clustering.ts';
import { distanceMatrix, silhouetteScore } from './silhouette.ts';
import { describeCluster } from './cluster-profiles.ts';
import { projectTo2d } from './pca-projection.ts';
import { BEHAVIOUR_FEATURES } from './behaviour-features.ts';
import { standardise } from './standardise.ts';
import { seededRandom } from './seeded-sample.ts';

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function blobs(centres: number[][], perBlob: number, spread: number, seed: number): { points: number[][]; truth: number[] } {
  const random = seededRandom(seed);
  const points: number[][] = [];
  const truth: number[] = [];
  // Interleaved on purpose: a periodic order must not fool the sampling.
  for (let index = 0; index < perBlob; index++) {
    centres.forEach((centre, blob) => {
      points.push(centre.map((value) => value + spread * gaussian(random)));
      truth.push(blob);
    });
  }
  return { points, truth };
}

/** Every true blob lands in exactly one cluster and no cluster mixes blobs. */
function expectSamePartition(found: number[], truth: number[]): void {
  const pairs = new Set(found.map((cluster, index) => `${cluster}:${truth[index]}`));
  expect(pairs.size).toBe(new Set(truth).size);
  expect(new Set(found).size).toBe(new Set(truth).size);
}

describe('silhouette', () => {
  it('matches a hand computation on four points on a line', () => {
    // Points 0, 1 | 10, 11: a = 1 for all; b = 10.5 for the outer points, 9.5 for the inner ones.
    const expected = ((10.5 - 1) / 10.5 + (9.5 - 1) / 9.5 + (9.5 - 1) / 9.5 + (10.5 - 1) / 10.5) / 4;
    const distances = distanceMatrix([[0], [1], [10], [11]]);
    expect(silhouetteScore(distances, [0, 0, 1, 1])).toBeCloseTo(expected, 12);
    expect(silhouetteScore(distances, [0, 1, 0, 1])).toBeLessThan(0);
  });
});

describe('k-means with k chosen by silhouette', () => {
  it('recovers three clearly separated blobs and picks k = 3', () => {
    const { points, truth } = blobs([[0, 0, 0, 0], [12, 0, 0, 0], [0, 12, 6, 0]], 80, 0.8, 7);
    const result = clusterWithSilhouette(points, { seed: 1 });
    expect(result.clusterCount).toBe(3);
    expectSamePartition(result.assignments, truth);
    const best = Math.max(...result.silhouetteByK.map((entry) => entry.silhouette));
    expect(result.silhouetteByK.find((entry) => entry.k === 3)?.silhouette).toBe(best);
    expect(result.silhouetteByK.map((entry) => entry.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  it('picks k = 5 for five blobs, with a sample smaller than the data, deterministically', () => {
    const centres = [[0, 0, 0], [15, 0, 0], [0, 15, 0], [0, 0, 15], [15, 15, 15]];
    const { points, truth } = blobs(centres, 200, 1, 11);
    const options = { seed: 3, selectionSampleSize: 400, silhouetteSampleSize: 300 };
    const result = clusterWithSilhouette(points, options);
    expect(result.clusterCount).toBe(5);
    expectSamePartition(result.assignments, truth);
    expect(result.silhouette).toBeGreaterThan(0.7);
    expect(clusterWithSilhouette(points, options).assignments).toEqual(result.assignments);
    // Cluster 0 is the largest.
    const sizes = [0, 1, 2, 3, 4].map((cluster) => result.assignments.filter((assigned) => assigned === cluster).length);
    expect(sizes).toEqual([...sizes].sort((left, right) => right - left));
  });
});

describe('standardise', () => {
  it('gives mean 0 and standard deviation 1, imputes missing values as average and drops constant columns', () => {
    const result = standardise([[1, 5, 10], [3, 5, null], [5, 5, 30]], ['identity', 'identity', 'identity']);
    expect(result.keptColumns).toEqual([0, 2]);
    // Column 0: mean 3, population sd sqrt(8/3).
    expect(result.rows.map((row) => row[0])).toEqual([-2, 0, 2].map((value) => value / Math.sqrt(8 / 3)));
    // Column 2: mean of known values 20; the missing one becomes 0.
    expect(result.rows[1]?.[1]).toBe(0);
  });
});

describe('cluster words', () => {
  it('derives "high spenders who buy often and mostly use the app" from z-scores', () => {
    const words = describeCluster({ spend: 1.4, purchases: 0.9, app_share: 0.7, sessions: 0.2, recency_days: -0.1 }, BEHAVIOUR_FEATURES);
    expect(words.en).toBe('high spenders who buy often and mostly use the app');
    expect(words.zh).toBe('高消费、购买频繁、主要用 App的用户');
    expect(describeCluster({ recency_days: 2, sessions: -0.6 }, BEHAVIOUR_FEATURES).en).toBe('lapsed shoppers who rarely visit');
    expect(describeCluster({ spend: 0.1 }, BEHAVIOUR_FEATURES).en).toBe('average shoppers');
  });
});

describe('PCA projection', () => {
  it('returns one 2-D point per row; points on a line project onto the first axis with their spacing kept', () => {
    const rows = [0, 1, 2, 3, 4, 5].map((t) => [t, 2 * t, -t]);
    const projection = projectTo2d(rows);
    expect(projection.points).toHaveLength(6);
    for (const point of projection.points) expect(point).toHaveLength(2);
    expect(projection.explainedVariance[0]).toBeCloseTo(1, 9);
    const length = Math.sqrt(1 + 4 + 1);
    const xs = projection.points.map((point) => point[0]);
    for (let index = 1; index < xs.length; index++) expect(Math.abs((xs[index] as number) - (xs[index - 1] as number))).toBeCloseTo(length, 9);
    for (const point of projection.points) expect(point[1]).toBeCloseTo(0, 9);
  });
});
