import { describe, expect, it } from 'vitest';
import type { FoundOrderStatus } from '../render/tool-results.ts';
import { pickVariantChanges } from './match-variant-changes.ts';

type Item = FoundOrderStatus['items'][number];

function item(lineNo: number, titleEn: string, titleZh: string, options: [string, string][]): Item {
  return {
    line_no: lineNo, product_id: lineNo * 10, product: titleEn, title_en: titleEn, title_zh: titleZh, brand: null, category_en: null, category_zh: null,
    quantity: 1, unit_price: 10, returned_quantity: 0, returnable_quantity: 1,
    options: options.map(([en, zh], index) => ({ product_id: lineNo * 10 + index + 1, option_en: en, option_zh: zh, price: 10, in_stock: true })),
  };
}

const headphones = item(1, 'Sony WH-1000XM5 Headphones White', '索尼 WH-1000XM5 头戴式降噪耳机 白色', [['Black', '黑色'], ['Blue', '蓝色']]);
// The earbuds' category is "Headphones" in the demo catalogue, so "the … Headphones for Black" scores them too.
const earbuds = { ...item(2, 'Sony WF-1000XM5 Earbuds Black', '索尼 WF-1000XM5 降噪耳机 黑色', [['White', '白色'], ['Blue', '蓝色']]), brand: 'Sony', category_en: 'Headphones' };
const chips = item(1, "Lay's Potato Chips Family Pack", '乐事 薯片 家庭装', [['Single Pack', '单袋装'], ['Box of 3', '三盒装']]);
const wavy = item(2, "Lay's Wavy Chips Family Pack", '乐事 大波浪薯片 家庭装', [['Single Pack', '单袋装'], ['Box of 3', '三盒装']]);

describe('pickVariantChanges', () => {
  it('pairs each item with the option of its own clause, even when an option word is another item\'s current option', () => {
    const picked = pickVariantChanges('exchange two things: the Sony WH-1000XM5 Headphones for Black and the Sony WF-1000XM5 Earbuds for White.', [headphones, earbuds]);
    expect(picked.changes).toEqual([{ lineNo: 1, wanted: 'Black' }, { lineNo: 2, wanted: 'White' }]);
  });

  it('"the first … the second …" follow the order the message named the items in', () => {
    const picked = pickVariantChanges('change both the Sony WF-1000XM5 Earbuds and the Sony WH-1000XM5 Headphones: the first to Blue, the second to Black', [headphones, earbuds]);
    expect(picked.changes).toEqual([{ lineNo: 1, wanted: 'Black' }, { lineNo: 2, wanted: 'Blue' }]);
  });

  it('zh: the item whose name is written most exactly takes an option two items share; a bare shared option is not guessed', () => {
    expect(pickVariantChanges('把乐事 薯片换成单袋装的', [chips, wavy]).changes).toEqual([{ lineNo: 1, wanted: '单袋装' }]);
    expect(pickVariantChanges('换成单袋装的', [chips, wavy]).changes).toEqual([]);
  });

  it('an item named without an option is reported as named, with no change', () => {
    const picked = pickVariantChanges('I want to change the Sony WF-1000XM5 Earbuds', [headphones, earbuds]);
    expect(picked.changes).toEqual([]);
    expect(picked.named.map((named) => named.line_no)).toEqual([2]);
  });
});
