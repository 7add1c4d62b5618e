import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.ts';

describe('detectLanguage', () => {
  it.each([
    ['上周哪个品类的转化率最高?', 'zh'],
    ['上周GMV和UV', 'zh'],
    ['Apple在耳机品类里的份额', 'zh'],
    ['iPhone 16 Pro Max 256GB 卖了多少', 'zh'],
    ['WHITE HANGING HEART T-LIGHT HOLDER卖了多少', 'zh'],
    ['GMV by city tier last month', 'en'],
    ['how many people searched for 耳机 last week', 'en'],
    ['what share of GMV came from 手机', 'en'],
  ] as const)('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});
