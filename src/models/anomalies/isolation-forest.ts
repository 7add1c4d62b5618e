import { SeededRandom } from '../../random/seeded-random.ts';

export interface IsolationForestOptions {
  trees?: number;
  /** Rows drawn (without replacement) for each tree; 256 is the original paper's default. */
  sampleSize?: number;
  seed?: number;
}

interface IsolationNode {
  feature: number;
  threshold: number;
  left: number;
  right: number;
  /** Rows that reached a leaf (feature = -1). */
  size: number;
}

export interface IsolationForest {
  trees: IsolationNode[][];
  sampleSize: number;
}

const EULER = 0.5772156649;

/** Average path length of an unsuccessful search in a binary search tree of n rows: the normaliser c(n). */
export function averagePathLength(count: number): number {
  if (count <= 1) return 0;
  if (count === 2) return 1;
  return 2 * (Math.log(count - 1) + EULER) - (2 * (count - 1)) / count;
}

/**
 * Isolation forest (Liu, Ting and Zhou 2008): random axis-parallel cuts isolate unusual rows in fewer steps
 * than ordinary ones. Deterministic: every random draw comes from a SeededRandom stream.
 */
export function fitIsolationForest(rows: readonly ArrayLike<number>[], options: IsolationForestOptions = {}): IsolationForest {
  const treeCount = options.trees ?? 100;
  const sampleSize = Math.min(options.sampleSize ?? 256, rows.length);
  const random = new SeededRandom(options.seed ?? 1, 'isolation-forest');
  const width = rows[0]?.length ?? 0;
  const heightLimit = Math.ceil(Math.log2(Math.max(sampleSize, 2)));
  const trees: IsolationNode[][] = [];
  for (let tree = 0; tree < treeCount; tree++) {
    // A sample without replacement; drawing until enough distinct rows avoids shuffling all rows per tree.
    const drawn = new Set<number>();
    if (sampleSize === rows.length) for (let index = 0; index < rows.length; index++) drawn.add(index);
    while (drawn.size < sampleSize) drawn.add(random.integer(0, rows.length - 1));
    const nodes: IsolationNode[] = [];
    const grow = (members: number[], depth: number): number => {
      const nodeIndex = nodes.length;
      nodes.push({ feature: -1, threshold: 0, left: -1, right: -1, size: members.length });
      if (depth >= heightLimit || members.length <= 1) return nodeIndex;
      // Only features that still vary among these rows can be cut.
      const candidates: { feature: number; low: number; high: number }[] = [];
      for (let feature = 0; feature < width; feature++) {
        let low = Number.POSITIVE_INFINITY;
        let high = Number.NEGATIVE_INFINITY;
        for (const member of members) {
          const value = (rows[member] as ArrayLike<number>)[feature] as number;
          if (value < low) low = value;
          if (value > high) high = value;
        }
        if (high > low) candidates.push({ feature, low, high });
      }
      if (candidates.length === 0) return nodeIndex;
      const cut = candidates[random.integer(0, candidates.length - 1)] as { feature: number; low: number; high: number };
      const threshold = random.uniform(cut.low, cut.high);
      const left = members.filter((member) => ((rows[member] as ArrayLike<number>)[cut.feature] as number) < threshold);
      const right = members.filter((member) => ((rows[member] as ArrayLike<number>)[cut.feature] as number) >= threshold);
      const node = nodes[nodeIndex] as IsolationNode;
      node.feature = cut.feature;
      node.threshold = threshold;
      node.left = grow(left, depth + 1);
      node.right = grow(right, depth + 1);
      return nodeIndex;
    };
    grow([...drawn], 0);
    trees.push(nodes);
  }
  return { trees, sampleSize };
}

/** Anomaly score in (0, 1): near 1 = isolated quickly (anomalous), around 0.5 or below = ordinary. */
export function isolationScore(forest: IsolationForest, row: ArrayLike<number>): number {
  let totalDepth = 0;
  for (const nodes of forest.trees) {
    let node = nodes[0] as IsolationNode;
    let depth = 0;
    while (node.feature >= 0) {
      node = nodes[(row[node.feature] as number) < node.threshold ? node.left : node.right] as IsolationNode;
      depth += 1;
    }
    totalDepth += depth + averagePathLength(node.size);
  }
  const normaliser = averagePathLength(forest.sampleSize);
  return normaliser > 0 ? 2 ** (-(totalDepth / forest.trees.length) / normaliser) : 0.5;
}
