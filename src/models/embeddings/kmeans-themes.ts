import { kmeans } from 'ml-kmeans';
import { SeededRandom } from '../../random/seeded-random.ts';
import { dotProduct } from './text-encoder.ts';

export interface ThemeClusteringOptions {
  /** A fixed number of clusters; when absent the count with the best silhouette in [minClusters, maxClusters] wins. */
  clusters?: number;
  minClusters?: number;
  maxClusters?: number;
  /** k-means runs per k from different seeds; the lowest within-cluster error is kept. */
  restarts?: number;
  seed?: number;
}

export interface ThemeClustering {
  clusterCount: number;
  /** Cluster index per input vector, 0 … clusterCount-1, clusters numbered by first appearance. */
  assignments: number[];
  centroids: number[][];
  /** Mean silhouette (cosine distance) of the chosen clustering, −1 … 1; higher means better-separated themes. */
  silhouette: number;
  chosenBy: 'fixed' | 'silhouette';
  candidates: { clusters: number; silhouette: number }[];
}

function squaredDistance(left: number[], right: number[]): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    sum += difference * difference;
  }
  return sum;
}

/**
 * Greedy k-means++ seeding (as in scikit-learn): each new centre is the best of a few distance-weighted
 * candidates, judged by how much it lowers the total squared distance. It works on the precomputed cosine
 * similarities (squared distance of unit vectors = 2 − 2·cosine), which is much faster than ml-kmeans's own
 * k-means++ on wide vectors, and rarely leaves a theme without a centre.
 */
function greedySeeds(similarities: Float32Array, size: number, clusterCount: number, random: SeededRandom): number[] {
  const distance = (left: number, right: number): number => Math.max(0, 2 - 2 * (similarities[left * size + right] ?? 0));
  const trials = 2 + Math.floor(Math.log(clusterCount));
  const first = random.integer(0, size - 1);
  const seeds = [first];
  const closest = Float64Array.from({ length: size }, (_, point) => distance(point, first));
  while (seeds.length < clusterCount) {
    const potential = closest.reduce((sum, value) => sum + value, 0);
    let bestCandidate = 0;
    let bestPotential = Infinity;
    for (let trial = 0; trial < trials; trial++) {
      let candidate = 0;
      if (potential === 0) {
        candidate = random.integer(0, size - 1);
      } else {
        let target = random.next() * potential;
        while (candidate < size - 1 && target >= (closest[candidate] ?? 0)) target -= closest[candidate++] ?? 0;
      }
      let candidatePotential = 0;
      for (let point = 0; point < size; point++) candidatePotential += Math.min(closest[point] ?? 0, distance(point, candidate));
      if (candidatePotential < bestPotential) {
        bestPotential = candidatePotential;
        bestCandidate = candidate;
      }
    }
    seeds.push(bestCandidate);
    for (let point = 0; point < size; point++) closest[point] = Math.min(closest[point] ?? 0, distance(point, bestCandidate));
  }
  return seeds;
}

/** Best of several seeded k-means runs, with empty clusters dropped and clusters renumbered by first appearance. */
function bestKmeans(
  vectors: number[][],
  similarities: Float32Array,
  clusterCount: number,
  restarts: number,
  seed: number,
): { assignments: number[]; centroids: number[][] } {
  let best: { assignments: number[]; centroids: number[][]; error: number } | undefined;
  for (let run = 0; run < restarts; run++) {
    const random = new SeededRandom(seed + run, `kmeans-${clusterCount}`);
    const initialization = greedySeeds(similarities, vectors.length, clusterCount, random).map((index) => vectors[index] ?? []);
    const result = kmeans(vectors, clusterCount, { initialization, maxIterations: 100 });
    const error = vectors.reduce((sum, vector, index) => sum + squaredDistance(vector, result.centroids[result.clusters[index] ?? 0] ?? vector), 0);
    if (!best || error < best.error) best = { assignments: result.clusters, centroids: result.centroids, error };
  }
  const renumber = new Map<number, number>();
  const assignments = (best?.assignments ?? []).map((cluster) => {
    if (!renumber.has(cluster)) renumber.set(cluster, renumber.size);
    return renumber.get(cluster) ?? 0;
  });
  const centroids: number[][] = [];
  for (const [original, renumbered] of renumber) centroids[renumbered] = best?.centroids[original] ?? [];
  return { assignments, centroids };
}

/** Mean silhouette with cosine distance (1 − dot product of unit vectors). Points in singleton clusters score 0. */
export function silhouetteScore(similarities: Float32Array, size: number, assignments: number[]): number {
  const clusterCount = Math.max(0, ...assignments) + 1;
  if (clusterCount < 2 || size === 0) return 0;
  const counts = new Array<number>(clusterCount).fill(0);
  for (const cluster of assignments) counts[cluster] = (counts[cluster] ?? 0) + 1;
  const distanceSums = new Float64Array(clusterCount);
  let total = 0;
  for (let point = 0; point < size; point++) {
    distanceSums.fill(0);
    for (let other = 0; other < size; other++) {
      if (other === point) continue;
      const cluster = assignments[other] ?? 0;
      distanceSums[cluster] = (distanceSums[cluster] ?? 0) + 1 - (similarities[point * size + other] ?? 0);
    }
    const own = assignments[point] ?? 0;
    const ownCount = (counts[own] ?? 1) - 1;
    if (ownCount === 0) continue;
    const cohesion = (distanceSums[own] ?? 0) / ownCount;
    let separation = Infinity;
    for (let cluster = 0; cluster < clusterCount; cluster++) {
      if (cluster === own || (counts[cluster] ?? 0) === 0) continue;
      separation = Math.min(separation, (distanceSums[cluster] ?? 0) / (counts[cluster] ?? 1));
    }
    total += (separation - cohesion) / Math.max(separation, cohesion, 1e-12);
  }
  return total / size;
}

/**
 * Groups unit vectors into themes with k-means (ml-kmeans). On unit vectors squared Euclidean distance is
 * 2 − 2·cosine, so this is cosine clustering. Deterministic for the same input and options. Time and memory
 * grow with n² (similarity matrix): callers cap n at a few thousand.
 */
export function clusterThemes(vectors: number[][], options: ThemeClusteringOptions = {}): ThemeClustering {
  const pointCount = vectors.length;
  if (pointCount === 0) return { clusterCount: 0, assignments: [], centroids: [], silhouette: 0, chosenBy: 'fixed', candidates: [] };
  const restarts = options.restarts ?? 2;
  const seed = options.seed ?? 42;
  const similarities = new Float32Array(pointCount * pointCount);
  for (let row = 0; row < pointCount; row++) {
    for (let column = row; column < pointCount; column++) {
      const similarity = dotProduct(vectors[row] ?? [], vectors[column] ?? []);
      similarities[row * pointCount + column] = similarity;
      similarities[column * pointCount + row] = similarity;
    }
  }
  const evaluate = (clusterCount: number) => {
    const clustering = bestKmeans(vectors, similarities, Math.max(1, Math.min(clusterCount, pointCount)), restarts, seed);
    return { ...clustering, silhouette: silhouetteScore(similarities, pointCount, clustering.assignments) };
  };
  const minimum = Math.max(2, options.minClusters ?? 2);
  const maximum = Math.min(pointCount - 1, options.maxClusters ?? 12);
  if (options.clusters !== undefined || maximum < minimum) {
    const clusterCount = options.clusters ?? Math.min(minimum, pointCount);
    const fixed = evaluate(clusterCount);
    return {
      clusterCount: fixed.centroids.length, assignments: fixed.assignments, centroids: fixed.centroids,
      silhouette: fixed.silhouette, chosenBy: 'fixed', candidates: [{ clusters: clusterCount, silhouette: fixed.silhouette }],
    };
  }
  const candidates: { clusters: number; silhouette: number }[] = [];
  let best: ReturnType<typeof evaluate> | undefined;
  for (let clusterCount = minimum; clusterCount <= maximum; clusterCount++) {
    const candidate = evaluate(clusterCount);
    candidates.push({ clusters: clusterCount, silhouette: candidate.silhouette });
    // Ties go to fewer clusters: simpler themes for the same separation.
    if (!best || candidate.silhouette > best.silhouette + 1e-9) best = candidate;
  }
  const chosen = best ?? evaluate(minimum);
  return {
    clusterCount: chosen.centroids.length, assignments: chosen.assignments, centroids: chosen.centroids,
    silhouette: chosen.silhouette, chosenBy: 'silhouette', candidates,
  };
}
