import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../random/seeded-random.ts';
import { clusterThemes } from './kmeans-themes.ts';
import { normalizeInPlace } from './text-encoder.ts';

/** Unit vectors scattered around `groups` orthogonal directions; returns the vectors and their true group. */
function groupedVectors(groups: number, perGroup: number, noise: number, seed = 3): { vectors: number[][]; truth: number[] } {
  const random = new SeededRandom(seed, 'kmeans-themes-test');
  const vectors: number[][] = [];
  const truth: number[] = [];
  for (let group = 0; group < groups; group++) {
    for (let member = 0; member < perGroup; member++) {
      const vector = Float32Array.from({ length: 24 }, (_, index) => (index === group * 3 ? 1 : 0) + random.uniform(-noise, noise));
      vectors.push(Array.from(normalizeInPlace(vector)));
      truth.push(group);
    }
  }
  return { vectors, truth };
}

/** Share of points whose cluster's majority group is their own group. */
function purity(assignments: number[], truth: number[]): number {
  const majority = new Map<number, Map<number, number>>();
  assignments.forEach((cluster, index) => {
    const counts = majority.get(cluster) ?? new Map<number, number>();
    counts.set(truth[index] ?? -1, (counts.get(truth[index] ?? -1) ?? 0) + 1);
    majority.set(cluster, counts);
  });
  const correct = [...majority.values()].reduce((sum, counts) => sum + Math.max(...counts.values()), 0);
  return correct / assignments.length;
}

describe('clusterThemes', () => {
  it('finds the number of well-separated groups by silhouette and recovers them', () => {
    const { vectors, truth } = groupedVectors(4, 25, 0.15);
    const result = clusterThemes(vectors, { maxClusters: 8 });
    expect(result.chosenBy).toBe('silhouette');
    expect(result.clusterCount).toBe(4);
    expect(purity(result.assignments, truth)).toBe(1);
    expect(result.silhouette).toBeGreaterThan(0.5);
    expect(result.candidates.map((candidate) => candidate.clusters)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  it('is deterministic and honours a fixed cluster count', () => {
    const { vectors } = groupedVectors(3, 20, 0.4);
    const first = clusterThemes(vectors, { clusters: 5 });
    const second = clusterThemes(vectors, { clusters: 5 });
    expect(first.chosenBy).toBe('fixed');
    expect(first.clusterCount).toBe(5);
    expect(second.assignments).toEqual(first.assignments);
    expect(new Set(first.assignments)).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('handles tiny inputs', () => {
    expect(clusterThemes([]).clusterCount).toBe(0);
    const { vectors } = groupedVectors(2, 1, 0);
    expect(clusterThemes(vectors).assignments).toHaveLength(2);
  });
});
