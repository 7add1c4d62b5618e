function euclidean(left: readonly number[], right: readonly number[]): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += ((left[index] as number) - (right[index] as number)) ** 2;
  return Math.sqrt(sum);
}

/** Pairwise Euclidean distances of `points`, computed once so several clusterings can be scored cheaply. */
export function distanceMatrix(points: readonly (readonly number[])[]): Float64Array {
  const count = points.length;
  const distances = new Float64Array(count * count);
  for (let row = 0; row < count; row++) {
    for (let column = row + 1; column < count; column++) {
      const distance = euclidean(points[row] as number[], points[column] as number[]);
      distances[row * count + column] = distance;
      distances[column * count + row] = distance;
    }
  }
  return distances;
}

/**
 * Mean silhouette (Rousseeuw 1987) of a labelling, from a precomputed distance matrix:
 * s(i) = (b − a) / max(a, b), a = mean distance to its own cluster, b = smallest mean distance to another
 * cluster; points alone in their cluster score 0. Ranges −1 … 1; higher = better separated.
 */
export function silhouetteScore(distances: Float64Array, labels: readonly number[]): number {
  const count = labels.length;
  if (count < 2) return 0;
  const clusterCount = Math.max(...labels) + 1;
  const sizes = new Array<number>(clusterCount).fill(0);
  for (const label of labels) sizes[label] = (sizes[label] as number) + 1;
  if (sizes.filter((size) => size > 0).length < 2) return 0;
  let total = 0;
  const sums = new Float64Array(clusterCount);
  for (let point = 0; point < count; point++) {
    sums.fill(0);
    for (let other = 0; other < count; other++) {
      if (other !== point) {
        const label = labels[other] as number;
        sums[label] = (sums[label] as number) + (distances[point * count + other] as number);
      }
    }
    const own = labels[point] as number;
    const ownSize = sizes[own] as number;
    if (ownSize <= 1) continue;
    const within = (sums[own] as number) / (ownSize - 1);
    let nearest = Infinity;
    for (let cluster = 0; cluster < clusterCount; cluster++) {
      const size = sizes[cluster] as number;
      if (cluster !== own && size > 0) nearest = Math.min(nearest, (sums[cluster] as number) / size);
    }
    const largest = Math.max(within, nearest);
    total += largest > 0 ? (nearest - within) / largest : 0;
  }
  return total / count;
}
