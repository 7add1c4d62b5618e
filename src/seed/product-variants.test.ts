import { describe, expect, it } from 'vitest';
import { buildProducts, stockOf } from './products.ts';

describe('demo product variants', () => {
  const products = buildProducts(20_000);

  it('groups the options of one product, each option named once per group in both languages', () => {
    const groups = new Map<number, typeof products>();
    for (const product of products) groups.set(product.productGroup, [...(groups.get(product.productGroup) ?? []), product]);
    expect(groups.size).toBeGreaterThan(100);
    for (const [group, variants] of groups) {
      expect(variants[0]?.productId).toBe(group);
      expect(new Set(variants.map((variant) => variant.optionEn)).size).toBe(variants.length);
      expect(new Set(variants.map((variant) => variant.optionZh)).size).toBe(variants.length);
      for (const variant of variants) expect(variant.titleEn.endsWith(variant.optionEn)).toBe(true);
    }
  });

  it('has stock per variant, some sold out, the same on every build', () => {
    expect(products.filter((product) => product.stock === 0).length).toBeGreaterThan(products.length / 20);
    expect(products.filter((product) => product.stock > 0).length).toBeGreaterThan(products.length / 2);
    expect(buildProducts(20_000).map((product) => product.stock)).toEqual(products.map((product) => product.stock));
    expect(stockOf(7)).toBe(stockOf(7));
  });
});
