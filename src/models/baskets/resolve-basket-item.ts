import { BasketAnalysisError } from './basket-error.ts';
import type { Baskets } from './load-baskets.ts';

export interface ResolvedItem {
  id: number;
  /** Other items that matched the text, best first (at most five), so the caller can say "did you mean". */
  alternatives: number[];
}

/**
 * Finds the item the user means: an id, or text matched against English and Chinese names (and category at
 * product level is not used here). Exact name beats substring match; among equals, the item in more orders
 * wins, because "耳机" most likely means the earbuds people actually buy.
 */
export function resolveBasketItem(baskets: Baskets, query: string | number, parameter: string): ResolvedItem {
  const orders = new Map<number, number>();
  for (const transaction of baskets.transactions) for (const item of transaction) orders.set(item, (orders.get(item) ?? 0) + 1);
  const asNumber = typeof query === 'number' ? query : /^\d+$/.test(query.trim()) ? Number(query.trim()) : undefined;
  if (asNumber !== undefined && baskets.items.has(asNumber) && baskets.level === 'product') return { id: asNumber, alternatives: [] };
  const wanted = String(query).trim().toLowerCase();
  const scored = [...baskets.items.values()].flatMap((item) => {
    const names = [item.name_en, item.name_zh].map((name) => name.toLowerCase());
    const exact = names.includes(wanted);
    const partial = names.some((name) => name.includes(wanted));
    // Every word of the query in the name: "yonex black" finds "Yonex Badminton Racket Black".
    const words = wanted.split(/\s+/).filter(Boolean);
    const allWords = words.length > 1 && names.some((name) => words.every((word) => name.includes(word)));
    const score = exact ? 3 : partial ? 2 : allWords ? 1 : 0;
    return score > 0 ? [{ id: item.id, score, orders: orders.get(item.id) ?? 0 }] : [];
  });
  scored.sort((left, right) => right.score - left.score || right.orders - left.orders || left.id - right.id);
  const [best, ...rest] = scored;
  if (!best) {
    const kind = baskets.level === 'product' ? 'product' : 'category';
    const examples = [...baskets.items.values()].slice(0, 5).map((item) => item.name_en);
    throw new BasketAnalysisError(
      `No ${kind} matches "${query}". Give a ${kind === 'product' ? 'product id or part of its English or Chinese title' : 'category name in English or Chinese'}, e.g. ${examples.join(', ')}.`,
      { kind: 'not_found', parameter, allowed: examples },
    );
  }
  return { id: best.id, alternatives: rest.slice(0, 5).map((entry) => entry.id) };
}
