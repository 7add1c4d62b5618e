import { sigmoid } from './logistic-regression.ts';

export interface BoostingOptions {
  /** Trees added one after another, each fitting what the previous ones got wrong. */
  rounds?: number;
  /** Levels per tree; 1 gives stumps. */
  maxDepth?: number;
  learningRate?: number;
  /** A split is only made if both sides keep at least this many rows. */
  minRowsPerLeaf?: number;
  /** L2 penalty on leaf values (XGBoost's lambda): shrinks leaves that rest on few rows. */
  l2?: number;
  /** Candidate thresholds per feature (quantiles of the training values). */
  maxBins?: number;
}

/** A split node sends x[feature] ≤ threshold left; a leaf (feature = -1) adds `value` to the log-odds. */
interface TreeNode {
  feature: number;
  threshold: number;
  left: number;
  right: number;
  value: number;
}

export interface BoostedTreesModel {
  baseScore: number;
  trees: TreeNode[][];
  featureCount: number;
}

export interface BoostingFit {
  model: BoostedTreesModel;
  /** Mean training log-loss after the last round. */
  trainingLogLoss: number;
}

const DEFAULTS: Required<BoostingOptions> = { rounds: 150, maxDepth: 3, learningRate: 0.1, minRowsPerLeaf: 20, l2: 1, maxBins: 32 };

/** Upper edges of up to maxBins quantile bins; few distinct values get one bin each. */
function binEdges(values: Float64Array, maxBins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const distinct: number[] = [];
  for (const value of sorted) if (distinct.length === 0 || value !== distinct[distinct.length - 1]) distinct.push(value);
  if (distinct.length <= maxBins) return distinct;
  const edges: number[] = [];
  for (let bin = 1; bin <= maxBins; bin++) {
    const edge = sorted[Math.min(sorted.length - 1, Math.ceil((bin / maxBins) * sorted.length) - 1)] as number;
    if (edges.length === 0 || edge > (edges[edges.length - 1] as number)) edges.push(edge);
  }
  return edges;
}

function binOf(edges: readonly number[], value: number): number {
  let low = 0;
  let high = edges.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (value <= (edges[middle] as number)) high = middle;
    else low = middle + 1;
  }
  return low;
}

interface Histogram {
  gradient: Float64Array;
  hessian: Float64Array;
  count: Int32Array;
}

interface Split {
  feature: number;
  bin: number;
  gain: number;
}

/**
 * Gradient-boosted decision trees for binary labels (log-loss, second-order leaf values, histogram splits),
 * written here because ml-random-forest's CART needed 34 s for 10 trees on 5,000 rows and grows roughly
 * quadratically. Only the smaller child of a split is counted; the other's histogram is the parent's minus it. Deterministic: no row or column sampling, ties broken by the lowest feature and bin.
 */
export function fitBoostedTrees(rows: readonly ArrayLike<number>[], labels: ArrayLike<number>, options: BoostingOptions = {}): BoostingFit {
  const settings = { ...DEFAULTS, ...options };
  if (!Number.isInteger(settings.maxBins) || settings.maxBins < 2 || settings.maxBins > 256) {
    throw new RangeError(`maxBins must be a whole number from 2 to 256 (bins are stored in one byte), got ${settings.maxBins}.`);
  }
  const count = rows.length;
  const featureCount = rows[0]?.length ?? 0;
  if (count === 0) throw new RangeError('Boosted trees need at least one training row.');
  const edges: number[][] = [];
  const bins: Uint8Array[] = [];
  for (let feature = 0; feature < featureCount; feature++) {
    const column = new Float64Array(count);
    for (let index = 0; index < count; index++) column[index] = (rows[index] as ArrayLike<number>)[feature] as number;
    const featureEdges = binEdges(column, settings.maxBins);
    edges.push(featureEdges);
    const binned = new Uint8Array(count);
    for (let index = 0; index < count; index++) binned[index] = binOf(featureEdges, column[index] as number);
    bins.push(binned);
  }
  let positives = 0;
  for (let index = 0; index < count; index++) positives += labels[index] as number;
  const prior = Math.min(Math.max(positives / count, 1e-6), 1 - 1e-6);
  const baseScore = Math.log(prior / (1 - prior));
  const scores = new Float64Array(count).fill(baseScore);
  const gradients = new Float64Array(count);
  const hessians = new Float64Array(count);
  const trees: TreeNode[][] = [];

  // Histograms are laid out feature by feature, maxBins slots each (only edges[feature].length are used).
  const slots = featureCount * settings.maxBins;
  const buildHistogram = (members: Int32Array): Histogram => {
    const histogram: Histogram = { gradient: new Float64Array(slots), hessian: new Float64Array(slots), count: new Int32Array(slots) };
    const memberGradients = new Float64Array(members.length);
    const memberHessians = new Float64Array(members.length);
    for (let position = 0; position < members.length; position++) {
      const index = members[position] as number;
      memberGradients[position] = gradients[index] as number;
      memberHessians[position] = hessians[index] as number;
    }
    for (let feature = 0; feature < featureCount; feature++) {
      const binned = bins[feature] as Uint8Array;
      const offset = feature * settings.maxBins;
      for (let position = 0; position < members.length; position++) {
        const slot = offset + (binned[members[position] as number] as number);
        histogram.gradient[slot] = (histogram.gradient[slot] as number) + (memberGradients[position] as number);
        histogram.hessian[slot] = (histogram.hessian[slot] as number) + (memberHessians[position] as number);
        histogram.count[slot] = (histogram.count[slot] as number) + 1;
      }
    }
    return histogram;
  };
  // A sibling's histogram is the parent's minus the other child's: only the smaller child is ever counted.
  const subtract = (parent: Histogram, child: Histogram): Histogram => {
    const histogram: Histogram = { gradient: new Float64Array(slots), hessian: new Float64Array(slots), count: new Int32Array(slots) };
    for (let slot = 0; slot < slots; slot++) {
      histogram.gradient[slot] = (parent.gradient[slot] as number) - (child.gradient[slot] as number);
      histogram.hessian[slot] = (parent.hessian[slot] as number) - (child.hessian[slot] as number);
      histogram.count[slot] = (parent.count[slot] as number) - (child.count[slot] as number);
    }
    return histogram;
  };

  const bestSplit = (histogram: Histogram, rowCount: number): Split | undefined => {
    // Totals from feature 0's bins (every row sits in exactly one bin of every feature).
    let totalGradient = 0;
    let totalHessian = 0;
    for (let bin = 0; bin < settings.maxBins; bin++) {
      totalGradient += histogram.gradient[bin] as number;
      totalHessian += histogram.hessian[bin] as number;
    }
    const parentGain = (totalGradient * totalGradient) / (totalHessian + settings.l2);
    let best: Split | undefined;
    for (let feature = 0; feature < featureCount; feature++) {
      const binCount = (edges[feature] as number[]).length;
      if (binCount < 2) continue;
      const offset = feature * settings.maxBins;
      let leftGradient = 0;
      let leftHessian = 0;
      let leftRows = 0;
      for (let bin = 0; bin < binCount - 1; bin++) {
        leftGradient += histogram.gradient[offset + bin] as number;
        leftHessian += histogram.hessian[offset + bin] as number;
        leftRows += histogram.count[offset + bin] as number;
        const rightRows = rowCount - leftRows;
        if (leftRows < settings.minRowsPerLeaf) continue;
        if (rightRows < settings.minRowsPerLeaf) break;
        const rightGradient = totalGradient - leftGradient;
        const rightHessian = totalHessian - leftHessian;
        const gain = (leftGradient * leftGradient) / (leftHessian + settings.l2) + (rightGradient * rightGradient) / (rightHessian + settings.l2) - parentGain;
        if (gain > 1e-12 && (best === undefined || gain > best.gain)) best = { feature, bin, gain };
      }
    }
    return best;
  };

  const leafValue = (members: Int32Array): number => {
    let gradient = 0;
    let hessian = 0;
    for (let position = 0; position < members.length; position++) {
      const index = members[position] as number;
      gradient += gradients[index] as number;
      hessian += hessians[index] as number;
    }
    return (-gradient / (hessian + settings.l2)) * settings.learningRate;
  };

  for (let round = 0; round < settings.rounds; round++) {
    for (let index = 0; index < count; index++) {
      const probability = sigmoid(scores[index] as number);
      gradients[index] = probability - (labels[index] as number);
      hessians[index] = Math.max(probability * (1 - probability), 1e-12);
    }
    const nodes: TreeNode[] = [];
    const grow = (members: Int32Array, depth: number, histogram: Histogram | undefined): number => {
      const nodeIndex = nodes.length;
      nodes.push({ feature: -1, threshold: 0, left: -1, right: -1, value: 0 });
      const split = histogram ? bestSplit(histogram, members.length) : undefined;
      if (!split) {
        const value = leafValue(members);
        (nodes[nodeIndex] as TreeNode).value = value;
        for (let position = 0; position < members.length; position++) {
          const index = members[position] as number;
          scores[index] = (scores[index] as number) + value;
        }
        return nodeIndex;
      }
      const binned = bins[split.feature] as Uint8Array;
      // A plain loop: TypedArray.prototype.filter was the slowest step of training.
      const partition = new Int32Array(members.length);
      let leftCount = 0;
      let rightStart = members.length;
      for (let position = 0; position < members.length; position++) {
        const index = members[position] as number;
        if ((binned[index] as number) <= split.bin) partition[leftCount++] = index;
        else partition[--rightStart] = index;
      }
      const leftMembers = partition.subarray(0, leftCount);
      // Filled from the end, so reverse to keep the rows in ascending order (memory-friendly later passes).
      const rightMembers = partition.subarray(leftCount).reverse();
      let leftHistogram: Histogram | undefined;
      let rightHistogram: Histogram | undefined;
      // Children at the depth limit are leaves and need no histogram.
      if (histogram && depth + 1 < settings.maxDepth) {
        if (leftMembers.length <= rightMembers.length) {
          leftHistogram = buildHistogram(leftMembers);
          rightHistogram = subtract(histogram, leftHistogram);
        } else {
          rightHistogram = buildHistogram(rightMembers);
          leftHistogram = subtract(histogram, rightHistogram);
        }
      }
      const node = nodes[nodeIndex] as TreeNode;
      node.feature = split.feature;
      node.threshold = (edges[split.feature] as number[])[split.bin] as number;
      node.left = grow(leftMembers, depth + 1, leftHistogram);
      node.right = grow(rightMembers, depth + 1, rightHistogram);
      return nodeIndex;
    };
    const everyone = Int32Array.from({ length: count }, (_, index) => index);
    grow(everyone, 0, settings.maxDepth > 0 ? buildHistogram(everyone) : undefined);
    trees.push(nodes);
  }
  let logLoss = 0;
  for (let index = 0; index < count; index++) {
    const probability = Math.min(Math.max(sigmoid(scores[index] as number), 1e-12), 1 - 1e-12);
    logLoss -= labels[index] === 1 ? Math.log(probability) : Math.log(1 - probability);
  }
  return { model: { baseScore, trees, featureCount }, trainingLogLoss: logLoss / count };
}

/**
 * What one-feature explanations of a row need: its log-odds, each tree's leaf value for it, and which trees test each
 * feature on the row's path. Changing only feature f can only change the trees that test f on that path (≈12 of the
 * propensity model's 150 depth-3 trees per feature); the others keep their leaf.
 */
export interface RowPaths {
  score: number;
  leafValues: Float64Array;
  treesTesting: number[][];
}

export function rowPaths(model: BoostedTreesModel, row: ArrayLike<number>): RowPaths {
  let score = model.baseScore;
  const leafValues = new Float64Array(model.trees.length);
  const treesTesting: number[][] = [];
  model.trees.forEach((nodes, tree) => {
    let node = nodes[0] as TreeNode;
    while (node.feature >= 0) {
      const testing = (treesTesting[node.feature] ??= []);
      if (testing[testing.length - 1] !== tree) testing.push(tree);
      node = nodes[(row[node.feature] as number) <= node.threshold ? node.left : node.right] as TreeNode;
    }
    leafValues[tree] = node.value;
    score += node.value;
  });
  return { score, leafValues, treesTesting };
}

/** predictBoostedTrees of `row` with `feature` set to `value`, walking again only the trees that test it. */
export function predictWithFeature(model: BoostedTreesModel, row: ArrayLike<number>, paths: RowPaths, feature: number, value: number): number {
  let score = paths.score;
  for (const tree of paths.treesTesting[feature] ?? []) {
    const nodes = model.trees[tree] as TreeNode[];
    let node = nodes[0] as TreeNode;
    while (node.feature >= 0) node = nodes[(node.feature === feature ? value : (row[node.feature] as number)) <= node.threshold ? node.left : node.right] as TreeNode;
    score += node.value - (paths.leafValues[tree] as number);
  }
  return sigmoid(score);
}

export function predictBoostedTrees(model: BoostedTreesModel, row: ArrayLike<number>): number {
  let score = model.baseScore;
  for (const nodes of model.trees) {
    let node = nodes[0] as TreeNode;
    while (node.feature >= 0) node = nodes[(row[node.feature] as number) <= node.threshold ? node.left : node.right] as TreeNode;
    score += node.value;
  }
  return sigmoid(score);
}
