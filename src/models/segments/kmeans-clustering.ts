import { kmeans } from 'ml-kmeans';
import { seededSample } from './seeded-sample.ts';
import { distanceMatrix, silhouetteScore } from './silhouette.ts';

export interface ClusteringOptions {
  minClusters?: number;
  maxClusters?: number;
  seed?: number;
  /** k is chosen by fitting every k on a seeded sample of at most this many points; the chosen k is then fitted on all. */
  selectionSampleSize?: number;
  /** Silhouette is O(n²): it is measured on a seeded sample of at most this many points of the selection sample. */
  silhouetteSampleSize?: number;
  /** k-means runs per k (different seeds); the lowest within-cluster sum of squares wins. */
  restarts?: number;
}

export interface ClusteringResult {
  clusterCount: number;
  /** Cluster of every input point, numbered 0 … k−1 by decreasing size (ties: by centroid, stable). */
  assignments: number[];
  centroids: number[][];
  /** Silhouette and within-cluster sum of squares of every k tried, on the selection sample. */
  silhouetteByK: { k: number; silhouette: number; inertia: number }[];
  /** Silhouette of the final clustering (fitted on all points) on the silhouette sample. */
  silhouette: number;
  silhouetteSampleSize: number;
}

export const DEFAULT_CLUSTERING: Required<ClusteringOptions> = {
  minClusters: 2,
  maxClusters: 8,
  seed: 42,
  selectionSampleSize: 5000,
  silhouetteSampleSize: 2000,
  restarts: 3,
};

function inertiaOf(points: readonly number[][], assignments: readonly number[], centroids: readonly number[][]): number {
  let total = 0;
  points.forEach((point, index) => {
    const centroid = centroids[assignments[index] as number] as number[];
    for (let dimension = 0; dimension < point.length; dimension++) total += ((point[dimension] as number) - (centroid[dimension] as number)) ** 2;
  });
  return total;
}


function bestRun(points: number[][], k: number, seed: number, restarts: number): { assignments: number[]; centroids: number[][]; inertia: number } {
  let best: { assignments: number[]; centroids: number[][]; inertia: number } | undefined;
  for (let restart = 0; restart < restarts; restart++) {
    const result = kmeans(points, k, { seed: seed + restart * 7919, initialization: 'kmeans++', maxIterations: 200 });
    const inertia = inertiaOf(points, result.clusters, result.centroids);
    if (best === undefined || inertia < best.inertia - 1e-9) best = { assignments: result.clusters, centroids: result.centroids, inertia };
  }
  return best as { assignments: number[]; centroids: number[][]; inertia: number };
}

/** Renumbers clusters by decreasing size so that "cluster 0" is always the largest group. */
function renumberBySize(assignments: readonly number[], centroids: readonly number[][]): { assignments: number[]; centroids: number[][] } {
  const sizes = centroids.map((_, cluster) => assignments.filter((assigned) => assigned === cluster).length);
  const order = centroids.map((_, cluster) => cluster).sort((left, right) => (sizes[right] as number) - (sizes[left] as number) || left - right);
  const newIndex = new Map(order.map((cluster, index) => [cluster, index]));
  return {
    assignments: assignments.map((cluster) => newIndex.get(cluster) as number),
    centroids: order.map((cluster) => centroids[cluster] as number[]),
  };
}

/**
 * Seeded k-means (k-means++ initialisation, best of `restarts`) for every k in the range on a fixed
 * sample; k is the one with the highest mean silhouette (ties go to the smaller k), and that k is then
 * fitted on all points. Same input ⇒ same output.
 */
export function clusterWithSilhouette(points: number[][], options: ClusteringOptions = {}): ClusteringResult {
  const settings = { ...DEFAULT_CLUSTERING, ...options };
  const selectionIndices = seededSample(points.length, settings.selectionSampleSize, settings.seed);
  const selection = selectionIndices.map((index) => points[index] as number[]);
  const maxClusters = Math.min(settings.maxClusters, selection.length - 1);
  const silhouetteSample = seededSample(selection.length, settings.silhouetteSampleSize, settings.seed + 1);
  const distances = distanceMatrix(silhouetteSample.map((index) => selection[index] as number[]));
  const silhouetteOf = (assignments: readonly number[]) => silhouetteScore(distances, silhouetteSample.map((index) => assignments[index] as number));
  let chosen: { k: number; silhouette: number } | undefined;
  const silhouetteByK: ClusteringResult['silhouetteByK'] = [];
  for (let k = settings.minClusters; k <= maxClusters; k++) {
    const run = bestRun(selection, k, settings.seed, settings.restarts);
    const silhouette = silhouetteOf(run.assignments);
    silhouetteByK.push({ k, silhouette, inertia: run.inertia });
    if (chosen === undefined || silhouette > chosen.silhouette + 1e-12) chosen = { k, silhouette };
  }
  if (chosen === undefined) {
    return { clusterCount: 1, assignments: points.map(() => 0), centroids: [], silhouetteByK, silhouette: 0, silhouetteSampleSize: 0 };
  }
  const final = bestRun(points, chosen.k, settings.seed, settings.restarts);
  const renumbered = renumberBySize(final.assignments, final.centroids);
  const onSelection = selectionIndices.map((index) => renumbered.assignments[index] as number);
  return { clusterCount: chosen.k, ...renumbered, silhouetteByK, silhouette: silhouetteOf(onSelection), silhouetteSampleSize: silhouetteSample.length };
}
