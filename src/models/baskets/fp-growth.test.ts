import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { associationRules } from './association-rules.ts';
import { fpGrowth, type FrequentItemset } from './fp-growth.ts';

/** Han & Kamber, Data Mining: Concepts and Techniques, Table 6.1 (items I1 … I5 as 1 … 5), min support count 2. */
const TEXTBOOK = [[1, 2, 5], [2, 4], [2, 3], [1, 2, 4], [1, 3], [2, 3], [1, 3], [1, 2, 3, 5], [1, 2, 3]];

/** The book's frequent itemsets with their support counts. */
const TEXTBOOK_FREQUENT: [number[], number][] = [
  [[1], 6], [[2], 7], [[3], 6], [[4], 2], [[5], 2],
  [[1, 2], 4], [[1, 3], 4], [[1, 5], 2], [[2, 3], 4], [[2, 4], 2], [[2, 5], 2],
  [[1, 2, 3], 2], [[1, 2, 5], 2],
];

/** Apriori by brute force: count every candidate by scanning all transactions, level by level. */
function bruteForce(transactions: readonly (readonly number[])[], minCount: number, maxSize: number): FrequentItemset[] {
  const sets = transactions.map((transaction) => new Set(transaction));
  const countOf = (items: number[]) => sets.filter((set) => items.every((item) => set.has(item))).length;
  const universe = [...new Set(transactions.flat())].sort((left, right) => left - right);
  const result: FrequentItemset[] = [];
  let level: number[][] = universe.map((item) => [item]).filter((items) => countOf(items) >= minCount);
  for (let size = 1; size <= maxSize && level.length > 0; size++) {
    for (const items of level) result.push({ items, count: countOf(items) });
    const next = new Map<string, number[]>();
    for (const items of level) {
      for (const item of universe) {
        if (item <= (items[items.length - 1] as number)) continue;
        const candidate = [...items, item];
        if (countOf(candidate) >= minCount) next.set(candidate.join(','), candidate);
      }
    }
    level = [...next.values()];
  }
  return result;
}

const asMap = (itemsets: readonly FrequentItemset[]) => new Map(itemsets.map((itemset) => [itemset.items.join(','), itemset.count]));

describe('FP-Growth', () => {
  it('finds exactly the textbook frequent itemsets and counts', () => {
    const found = fpGrowth(TEXTBOOK, { minCount: 2, maxSize: 5 });
    expect(asMap(found)).toEqual(new Map(TEXTBOOK_FREQUENT.map(([items, count]) => [items.join(','), count])));
    expect(fpGrowth(TEXTBOOK, { minCount: 2, maxSize: 2 }).every((itemset) => itemset.items.length <= 2)).toBe(true);
  });

  it('derives the textbook rules of {I1, I2, I5} with hand-computed confidence and lift', () => {
    const rules = associationRules(fpGrowth(TEXTBOOK, { minCount: 2 }), TEXTBOOK.length, { minConfidence: 0 });
    const find = (antecedent: number[], consequent: number[]) =>
      rules.find((rule) => rule.antecedent.join(',') === antecedent.join(',') && rule.consequent.join(',') === consequent.join(','));
    // conf = 2/4, 2/2, 2/2, 2/6, 2/7, 2/2; lift = conf / P(consequent).
    expect(find([1, 2], [5])).toMatchObject({ count: 2, antecedentCount: 4, confidence: 0.5, support: 2 / 9 });
    expect(find([1, 2], [5])?.lift).toBeCloseTo(0.5 / (2 / 9), 12);
    expect(find([1, 5], [2])?.confidence).toBe(1);
    expect(find([1, 5], [2])?.lift).toBeCloseTo(1 / (7 / 9), 12);
    expect(find([2, 5], [1])?.confidence).toBe(1);
    expect(find([1], [2, 5])?.confidence).toBeCloseTo(2 / 6, 12);
    expect(find([2], [1, 5])?.confidence).toBeCloseTo(2 / 7, 12);
    expect(find([5], [1, 2])?.lift).toBeCloseTo(1 / (4 / 9), 12);
    // With a 70% confidence floor only the three 100% rules of {I1, I2, I5} and I4 → I2, I5 → I1, I5 → I2 remain.
    const strong = associationRules(fpGrowth(TEXTBOOK, { minCount: 2 }), TEXTBOOK.length, { minConfidence: 0.7 });
    expect(strong.map((rule) => `${rule.antecedent}>${rule.consequent}`).sort()).toEqual(['1,5>2', '2,5>1', '4>2', '5>1', '5>1,2', '5>2'].sort());
    // Sorted by lift, highest first.
    for (let index = 1; index < rules.length; index++) expect(rules[index - 1]?.lift).toBeGreaterThanOrEqual(rules[index]?.lift as number);
  });

  it('equals brute-force Apriori on random small data', () => {
    const transactions = fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 6 }), { maxLength: 40 });
    fc.assert(
      fc.property(transactions, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), (data, minCount, maxSize) => {
        expect(asMap(fpGrowth(data, { minCount, maxSize }))).toEqual(asMap(bruteForce(data, minCount, maxSize)));
      }),
      { numRuns: 300, seed: 20251111 },
    );
  });

  it('gives every rule the confidence and lift recomputed from raw transactions', () => {
    const transactions = fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(transactions, (data) => {
        const sets = data.map((transaction) => new Set(transaction));
        const countOf = (items: number[]) => sets.filter((set) => items.every((item) => set.has(item))).length;
        for (const rule of associationRules(fpGrowth(data, { minCount: 2 }), data.length, { minConfidence: 0.3 })) {
          const together = countOf([...rule.antecedent, ...rule.consequent]);
          expect(rule.count).toBe(together);
          expect(rule.confidence).toBeCloseTo(together / countOf(rule.antecedent), 12);
          expect(rule.lift).toBeCloseTo(together / countOf(rule.antecedent) / (countOf(rule.consequent) / data.length), 12);
          expect(rule.confidence).toBeGreaterThanOrEqual(0.3);
        }
      }),
      { numRuns: 200, seed: 618 },
    );
  });
});
