import type { FrequentItemset } from './fp-growth.ts';

export interface AssociationRule {
  antecedent: number[];
  consequent: number[];
  /** Transactions with antecedent and consequent together. */
  count: number;
  antecedentCount: number;
  consequentCount: number;
  /** count / transactions. */
  support: number;
  /** count / antecedentCount: how often buyers of the antecedent also bought the consequent. */
  confidence: number;
  /** confidence / (consequentCount / transactions): > 1 means bought together more often than by chance. */
  lift: number;
}

const key = (items: readonly number[]) => items.join(',');

/** Non-empty proper subsets of a small sorted itemset, as bit masks → items. */
function properSubsets(items: readonly number[]): number[][] {
  const subsets: number[][] = [];
  for (let mask = 1; mask < (1 << items.length) - 1; mask++) subsets.push(items.filter((_, index) => (mask & (1 << index)) !== 0));
  return subsets;
}

/**
 * Rules A → C for every frequent itemset A ∪ C (A, C non-empty, disjoint) with confidence ≥ minConfidence.
 * Counts of A and C come from the same itemset list (every subset of a frequent set is frequent); when a
 * subset is missing (the itemsets were mined from a conditional database), `countOf` supplies it.
 * Sorted by lift, then confidence, then count (all descending), then items.
 */
export function associationRules(
  itemsets: readonly FrequentItemset[],
  transactionCount: number,
  options: { minConfidence: number; countOf?: (items: readonly number[]) => number | undefined },
): AssociationRule[] {
  const counts = new Map(itemsets.map((itemset) => [key(itemset.items), itemset.count]));
  const countOf = (items: readonly number[]) => counts.get(key(items)) ?? options.countOf?.(items);
  const rules: AssociationRule[] = [];
  for (const itemset of itemsets) {
    if (itemset.items.length < 2) continue;
    for (const antecedent of properSubsets(itemset.items)) {
      const consequent = itemset.items.filter((item) => !antecedent.includes(item));
      const antecedentCount = countOf(antecedent);
      const consequentCount = countOf(consequent);
      if (!antecedentCount || !consequentCount) continue;
      const confidence = itemset.count / antecedentCount;
      if (confidence < options.minConfidence) continue;
      rules.push({
        antecedent,
        consequent,
        count: itemset.count,
        antecedentCount,
        consequentCount,
        support: itemset.count / transactionCount,
        confidence,
        lift: confidence / (consequentCount / transactionCount),
      });
    }
  }
  return rules.sort(
    (left, right) =>
      right.lift - left.lift ||
      right.confidence - left.confidence ||
      right.count - left.count ||
      key(left.antecedent).localeCompare(key(right.antecedent)) ||
      key(left.consequent).localeCompare(key(right.consequent)),
  );
}
