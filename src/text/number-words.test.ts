import { describe, expect, it } from 'vitest';
import { parseNumber } from './number-words.ts';

/** The one number parser of the project: time phrases, limits (前五, top five) and support quantities use it. */
describe('parseNumber', () => {
  it.each([
    ['5', 5], ['五', 5], ['两', 2], ['十', 10], ['十二', 12], ['二十', 20], ['三十五', 35], ['一百二十', 120], ['二〇二五', 2025], ['seven', 7], ['twenty one', 21],
  ])('%s → %d', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });
  it('rejects words', () => expect(parseNumber('几')).toBeUndefined());
});
