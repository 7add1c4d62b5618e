import { associationRules, type AssociationRule } from './association-rules.ts';
import { BasketAnalysisError } from './basket-error.ts';
import { fpGrowth, ItemsetLimitError, type FpGrowthOptions, type FrequentItemset } from './fp-growth.ts';
import type { Baskets, BasketLevel } from './load-baskets.ts';

export interface BasketAnalysisOptions {
  /** Share of orders an itemset must appear in; default per level (DEFAULT_MIN_SUPPORT). */
  minSupport?: number;
  minConfidence?: number;
  maxSize?: number;
  /** Only rules "this item → …" (antecedent exactly this item); mined from the orders containing it, down to MIN_COUNT. */
  focusItem?: number;
  /** Only rules whose antecedent contains at least one of these items. */
  antecedentWithin?: ReadonlySet<number>;
  /** Itemset cap before the minimum count is raised (default MAX_ITEMSETS). */
  maxItemsets?: number;
}

export interface BasketAnalysis {
  transactions: number;
  /** Set when the requested support produced too many itemsets and the minimum count was raised to this. */
  raisedMinCountFrom: number | null;
  multiItemTransactions: number;
  minCount: number;
  minSupport: number;
  minConfidence: number;
  frequentItemsets: number;
  rules: AssociationRule[];
  milliseconds: number;
}

/** Default minimum support: about 11 of the demo's 36k orders for product pairs; 0.5% for categories. */
export const DEFAULT_MIN_SUPPORT: Readonly<Record<BasketLevel, number>> = { product: 0.0003, category: 0.005 };
export const DEFAULT_MIN_CONFIDENCE = 0.05;
/** Never report a pattern seen in fewer orders than this, whatever the support: 1–2 co-purchases are coincidence. */
export const MIN_COUNT = 3;

/** More frequent itemsets than this means the threshold is too low to be useful (or fast): it is raised. */
export const MAX_ITEMSETS = 10_000;

export function minimumCount(minSupport: number, transactions: number): number {
  return Math.max(MIN_COUNT, Math.ceil(minSupport * transactions - 1e-9));
}

/**
 * FP-Growth at `minCount`, doubling it while the result would exceed MAX_ITEMSETS: long invoices (Online
 * Retail averages 27 products) explode into hundreds of thousands of triples at a few orders' support.
 */
function mineWithinLimit(transactions: readonly (readonly number[])[], options: FpGrowthOptions): { itemsets: FrequentItemset[]; minCount: number } {
  let minCount = options.minCount;
  for (;;) {
    try {
      return { itemsets: fpGrowth(transactions, { ...options, minCount, maxItemsets: options.maxItemsets ?? MAX_ITEMSETS }), minCount };
    } catch (error) {
      if (!(error instanceof ItemsetLimitError)) throw error;
      minCount *= 2;
    }
  }
}

/** Support counts of arbitrary itemsets by scanning all transactions (memoised): for conditional mining. */
function globalCounter(transactions: readonly (readonly number[])[]): (items: readonly number[]) => number {
  const sets = transactions.map((transaction) => new Set(transaction));
  const memo = new Map<string, number>();
  return (items) => {
    const key = items.join(',');
    let count = memo.get(key);
    if (count === undefined) {
      count = 0;
      for (const set of sets) if (items.every((item) => set.has(item))) count += 1;
      memo.set(key, count);
    }
    return count;
  };
}

/** FP-Growth + association rules over the baskets, with the thresholds and focus in `options`. */
export function analyseBaskets(baskets: Baskets, options: BasketAnalysisOptions = {}): BasketAnalysis {
  const started = performance.now();
  const minSupport = options.minSupport ?? DEFAULT_MIN_SUPPORT[baskets.level];
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  if (!(minSupport > 0 && minSupport <= 1)) {
    throw new BasketAnalysisError(`min_support must be a share between 0 and 1, e.g. 0.001 (got ${minSupport}).`, { kind: 'bad_parameter', parameter: 'min_support' });
  }
  if (!(minConfidence >= 0 && minConfidence <= 1)) {
    throw new BasketAnalysisError(`min_confidence must be a share between 0 and 1, e.g. 0.1 (got ${minConfidence}).`, { kind: 'bad_parameter', parameter: 'min_confidence' });
  }
  const transactions = baskets.transactions;
  const total = transactions.length;
  const multiItemTransactions = transactions.filter((transaction) => transaction.length > 1).length;
  const maxSize = options.maxSize ?? 3;
  let rules: AssociationRule[];
  let frequentItemsets: number;
  let minCount: number;
  let requested: number;
  const focus = options.focusItem;
  if (focus !== undefined) {
    // Only orders with the focus item matter; any pattern seen MIN_COUNT times with it is worth showing.
    const containing = transactions.filter((transaction) => transaction.includes(focus));
    const mined = mineWithinLimit(containing, { minCount: MIN_COUNT, maxSize, maxItemsets: options.maxItemsets });
    minCount = mined.minCount;
    requested = MIN_COUNT;
    const itemsets = mined.itemsets.filter((itemset) => itemset.items.includes(focus));
    frequentItemsets = itemsets.length;
    rules = associationRules(itemsets, total, { minConfidence, countOf: globalCounter(transactions) }).filter(
      (rule) => rule.antecedent.length === 1 && rule.antecedent[0] === focus,
    );
  } else {
    requested = minimumCount(minSupport, total);
    const mined = mineWithinLimit(transactions, { minCount: requested, maxSize, maxItemsets: options.maxItemsets });
    minCount = mined.minCount;
    const itemsets = mined.itemsets;
    frequentItemsets = itemsets.length;
    rules = associationRules(itemsets, total, { minConfidence });
  }
  const within = options.antecedentWithin;
  if (within) rules = rules.filter((rule) => rule.antecedent.some((item) => within.has(item)));
  return {
    transactions: total,
    raisedMinCountFrom: minCount > requested ? requested : null,
    multiItemTransactions,
    minCount,
    minSupport: focus !== undefined || minCount > requested ? minCount / total : minSupport,
    minConfidence,
    frequentItemsets,
    rules,
    milliseconds: performance.now() - started,
  };
}
