import { describe, expect, it } from 'vitest';
import { splitOpinionClauses } from './opinion-clauses.ts';

const texts = (text: string) => splitOpinionClauses(text).map((clause) => clause.text);

describe('splitOpinionClauses', () => {
  it('splits a mixed Chinese opinion at the contrast word even without punctuation', () => {
    expect(splitOpinionClauses('质量不错但是物流太慢')).toEqual([
      { text: '质量不错', connector: null },
      { text: '物流太慢', connector: '但是' },
    ]);
    expect(texts('做工很好，不过价格偏贵')).toEqual(['做工很好', '价格偏贵']);
    expect(texts('颜色好看可是尺码偏小')).toEqual(['颜色好看', '尺码偏小']);
    expect(texts('质量好但物流慢')).toEqual(['质量好', '物流慢']);
  });

  it('splits English at but / however / although and at punctuation', () => {
    expect(texts('Great sound, but the battery drains fast.')).toEqual(['Great sound', 'the battery drains fast']);
    expect(texts('Fast delivery; however, the box arrived crushed')).toEqual(['Fast delivery', 'the box arrived crushed']);
    expect(texts('Well made although pricey')).toEqual(['Well made', 'pricey']);
  });

  it('strips clause-initial connectors and keeps words that only look like contrasts', () => {
    expect(splitOpinionClauses('物流太慢，好在质量不错')).toEqual([
      { text: '物流太慢', connector: null },
      { text: '质量不错', connector: '好在' },
    ]);
    expect(texts('不但好看而且便宜')).toEqual(['不但好看而且便宜']);
    expect(texts('Battery lasts 4.5 hours. Nice')).toEqual(['Battery lasts 4.5 hours', 'Nice']);
    expect(texts('，，。')).toEqual([]);
  });
});
