import { describe, expect, it } from 'vitest';
import { modelHeadline } from './model-narrative.ts';

const matched = [
  { parameter: 'product', name_en: 'Apple AirPods 4 Black', name_zh: '苹果 AirPods 4 黑色', alternatives: [{ name_en: 'Apple AirPods 4 White', name_zh: '苹果 AirPods 4 白色' }] },
];
const basket = (rows: { consequent: string; orders: number; confidence: number }[]) => ({ matched, focus_orders: 383, min_orders: 3, min_confidence: 0.01, rows });

describe('modelHeadline: baskets anchored on a product', () => {
  it('names the product the text matched, its alternatives, and what its orders also had', () => {
    const result = basket([
      { consequent: 'Phone case', orders: 13, confidence: 0.0339 },
      { consequent: 'Charger', orders: 10, confidence: 0.0261 },
    ]);
    expect(modelHeadline('frequently_bought_together', result, [], 'en')).toBe(
      'For Apple AirPods 4 Black (it could also be: Apple AirPods 4 White): of the 383 orders with it, Phone case was bought with it most often (3.39% of them, 13 orders), then Charger (2.61%).',
    );
    expect(modelHeadline('frequently_bought_together', result, [], 'zh')).toContain('按商品 苹果 AirPods 4 黑色(也可能是:苹果 AirPods 4 白色):在含它的 383 个订单中');
  });

  it('says that nothing passed the thresholds instead of "no data"', () => {
    expect(modelHeadline('frequently_bought_together', basket([]), [], 'en')).toBe(
      'For Apple AirPods 4 Black (it could also be: Apple AirPods 4 White): it was in 383 paid orders, and no other product was bought with it in 3 or more orders and at least 1.00% of them.',
    );
  });

  it('leaves rules over the whole shop to the generic ranking narrative', () => {
    expect(modelHeadline('frequently_bought_together', { ...basket([]), matched: [] }, [], 'en')).toBeUndefined();
  });
});
