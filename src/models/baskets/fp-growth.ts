export interface FrequentItemset {
  /** Items in ascending order. */
  items: number[];
  /** Transactions containing all of them. */
  count: number;
}

export interface FpGrowthOptions {
  /** Minimum number of transactions an itemset must appear in (absolute support). */
  minCount: number;
  /** Largest itemset size mined (default 3): bigger sets are rarely actionable and cost the most. */
  maxSize?: number;
  /** Stop with ItemsetLimitError once more itemsets than this are found (default: no limit). */
  maxItemsets?: number;
}

/**
 * Mining found more itemsets than allowed: the support threshold is too low for these baskets (long
 * wholesale invoices produce hundreds of thousands of triples). Raise the minimum count and try again.
 */
export class ItemsetLimitError extends Error {
  override readonly name = 'ItemsetLimitError';
  readonly minCount: number;
  readonly limit: number;

  constructor(options: { minCount: number; limit: number }) {
    super(`More than ${options.limit} frequent itemsets at a minimum of ${options.minCount} orders; raise the minimum support.`);
    this.minCount = options.minCount;
    this.limit = options.limit;
  }
}

interface FpNode {
  item: number;
  count: number;
  parent: FpNode | null;
  children: Map<number, FpNode>;
  /** Next node holding the same item (the header table's node-link chain). */
  next: FpNode | null;
}

interface HeaderEntry {
  item: number;
  count: number;
  head: FpNode | null;
  tail: FpNode | null;
}

interface WeightedPath {
  items: readonly number[];
  count: number;
}

interface FpTree {
  /** Frequent items, most frequent first (ties: smaller item first). */
  header: HeaderEntry[];
}

/**
 * Builds an FP-tree from weighted paths: items below `minCount` are dropped, the rest are inserted in
 * descending frequency order so that common prefixes share nodes.
 */
function buildTree(paths: readonly WeightedPath[], minCount: number): FpTree {
  const counts = new Map<number, number>();
  for (const path of paths) for (const item of path.items) counts.set(item, (counts.get(item) ?? 0) + path.count);
  const frequent = [...counts].filter(([, count]) => count >= minCount).sort((left, right) => right[1] - left[1] || left[0] - right[0]);
  const rank = new Map(frequent.map(([item], index) => [item, index]));
  const header = frequent.map(([item, count]): HeaderEntry => ({ item, count, head: null, tail: null }));
  const root: FpNode = { item: -1, count: 0, parent: null, children: new Map(), next: null };
  for (const path of paths) {
    const items = path.items.filter((item) => rank.has(item)).sort((left, right) => (rank.get(left) as number) - (rank.get(right) as number));
    let node = root;
    for (const item of items) {
      let child = node.children.get(item);
      if (!child) {
        child = { item, count: 0, parent: node, children: new Map(), next: null };
        node.children.set(item, child);
        const entry = header[rank.get(item) as number] as HeaderEntry;
        if (entry.tail) entry.tail.next = child;
        else entry.head = child;
        entry.tail = child;
      }
      child.count += path.count;
      node = child;
    }
  }
  return { header };
}

function mine(tree: FpTree, suffix: readonly number[], options: Required<FpGrowthOptions>, output: FrequentItemset[]): void {
  // Least frequent first, as in Han et al. (2000); the order only affects speed, not the result.
  for (let index = tree.header.length - 1; index >= 0; index--) {
    const entry = tree.header[index] as HeaderEntry;
    const itemset = [entry.item, ...suffix];
    output.push({ items: [...itemset].sort((left, right) => left - right), count: entry.count });
    if (output.length > options.maxItemsets) throw new ItemsetLimitError({ minCount: options.minCount, limit: options.maxItemsets });
    if (itemset.length >= options.maxSize) continue;
    // Conditional pattern base: the prefix path above every node of this item, weighted by its count.
    const base: WeightedPath[] = [];
    for (let node = entry.head; node; node = node.next) {
      const prefix: number[] = [];
      for (let parent = node.parent; parent && parent.item !== -1; parent = parent.parent) prefix.push(parent.item);
      if (prefix.length > 0) base.push({ items: prefix, count: node.count });
    }
    if (base.length === 0) continue;
    const conditional = buildTree(base, options.minCount);
    if (conditional.header.length > 0) mine(conditional, itemset, options, output);
  }
}

/**
 * FP-Growth (Han, Pei & Yin 2000): all itemsets of at most `maxSize` items contained in at least `minCount`
 * transactions, with their counts. Duplicate items within a transaction count once. Output is sorted by
 * size, then count (descending), then items, so it is the same on every run.
 */
export function fpGrowth(transactions: readonly (readonly number[])[], options: FpGrowthOptions): FrequentItemset[] {
  const settings: Required<FpGrowthOptions> = {
    minCount: Math.max(1, Math.ceil(options.minCount)),
    maxSize: options.maxSize ?? 3,
    maxItemsets: options.maxItemsets ?? Infinity,
  };
  const paths = transactions.map((transaction) => ({ items: [...new Set(transaction)], count: 1 }));
  const output: FrequentItemset[] = [];
  if (settings.maxSize >= 1) mine(buildTree(paths, settings.minCount), [], settings, output);
  return output.sort(
    (left, right) =>
      left.items.length - right.items.length ||
      right.count - left.count ||
      left.items.join(',').localeCompare(right.items.join(','), 'en', { numeric: true }),
  );
}
