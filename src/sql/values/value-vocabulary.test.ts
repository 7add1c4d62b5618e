import { describe, expect, it } from 'vitest';
import { categoryGroups } from './value-vocabulary.ts';

describe('categoryGroups', () => {
  it("gathers a shop's own categories into families by their names in either language", () => {
    const groups = categoryGroups([['Phones', '手机'], ['Laptops', '笔记本电脑'], ['Headphones', '耳机'], ['Snacks', '零食'], ["Women's Clothing", '女装'], ["Men's Clothing", '男装']]);
    expect(groups.find((group) => group.label_zh === '3C数码')?.values).toEqual(['Headphones', 'Laptops', 'Phones']);
    expect(groups.find((group) => group.label_zh === '服装')?.values).toEqual(["Men's Clothing", "Women's Clothing"]);
    // Another shop's naming joins the same family.
    expect(categoryGroups([['Mobile Phones', null], ['手机通讯', '手机通讯'], ['Tea', null]])[0]?.values).toEqual(['Mobile Phones', '手机通讯']);
  });

  it('needs two members, and leaves a family word to a shop category of that name', () => {
    expect(categoryGroups([['Phones', '手机'], ['Snacks', '零食']])).toEqual([]);
    const own = categoryGroups([['Electronics', '数码'], ['Phones', '手机'], ['Laptops', null]]);
    expect(own[0]?.phrases).not.toContain('electronics');
    expect(own[0]?.phrases).not.toContain('数码');
  });
});
