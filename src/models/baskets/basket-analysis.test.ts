import { describe, expect, it } from 'vitest';
import { analyseBaskets, MIN_COUNT } from './basket-analysis.ts';
import { fpGrowth, ItemsetLimitError } from './fp-growth.ts';
import type { Baskets } from './load-baskets.ts';

function baskets(transactions: number[][]): Baskets {
  const ids = [...new Set(transactions.flat())];
  return {
    level: 'product',
    transactions,
    dates: transactions.map(() => '2025-01-01'),
    items: new Map(ids.map((id) => [id, { id, name_en: `item ${id}`, name_zh: `商品 ${id}`, category: null, category_zh: null }])),
  };
}

describe('basket analysis', () => {
  it('raises the minimum count when long baskets explode into too many itemsets', () => {
    const twelve = Array.from({ length: 12 }, (_, index) => index + 1);
    // 40 orders of 12 items: every one of the 12 + 66 + 220 itemsets up to size 3 appears 40 times;
    // items 1 and 2 appear in 60 more orders, so only {1}, {2}, {1, 2} reach 100.
    const data = [...Array.from({ length: 40 }, () => twelve), ...Array.from({ length: 60 }, () => [1, 2])];
    expect(() => fpGrowth(data, { minCount: 3, maxItemsets: 50 })).toThrow(ItemsetLimitError);
    const analysis = analyseBaskets(baskets(data), { minSupport: 0.01, maxItemsets: 50 });
    // 3 → 6 → 12 → 24 → 48: the first count at which only the three 100-order itemsets remain.
    expect(analysis.raisedMinCountFrom).toBe(MIN_COUNT);
    expect(analysis.minCount).toBe(48);
    expect(analysis.frequentItemsets).toBe(3);
    expect(analysis.rules.map((rule) => `${rule.antecedent}>${rule.consequent}`).sort()).toEqual(['1>2', '2>1']);
  });

  it('for one product, finds partners seen in at least three of its orders even below the global support', () => {
    // Product 1 is bought with 2 in 3 orders and with 3 once; 1,000 unrelated orders make that 0.3% support.
    const data = [[1, 2], [1, 2], [1, 2, 4], [1, 3], ...Array.from({ length: 1000 }, (_, index) => [10 + (index % 7)])];
    const global = analyseBaskets(baskets(data), { minSupport: 0.01 });
    expect(global.rules).toHaveLength(0);
    const focused = analyseBaskets(baskets(data), { focusItem: 1, minConfidence: 0 });
    expect(focused.rules.map((rule) => [rule.antecedent, rule.consequent, rule.count, rule.confidence])).toEqual([[[1], [2], 3, 3 / 4]]);
    expect(focused.rules[0]?.lift).toBeCloseTo(3 / 4 / (3 / data.length), 9);
  });

  it('rejects thresholds outside 0 … 1 with a message naming the parameter', () => {
    expect(() => analyseBaskets(baskets([[1, 2]]), { minSupport: 2 })).toThrow(/min_support/);
    expect(() => analyseBaskets(baskets([[1, 2]]), { minConfidence: -0.1 })).toThrow(/min_confidence/);
  });
});
