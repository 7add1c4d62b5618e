import { describe, expect, it } from 'vitest';
import { interpolate, pickLanguage, translate } from './i18n.ts';
import { ENGLISH_MESSAGES } from './messages-en.ts';
import { CHINESE_MESSAGES } from './messages-zh.ts';

describe('pickLanguage', () => {
  it('follows the browser unless the user chose', () => {
    expect(pickLanguage(null, ['zh-CN', 'en-US'])).toBe('zh');
    expect(pickLanguage(null, ['zh-TW'])).toBe('zh');
    expect(pickLanguage(null, ['fr-FR', 'en-GB'])).toBe('en');
    expect(pickLanguage(null, ['fr-FR'])).toBe('en');
    expect(pickLanguage('zh', ['en-US'])).toBe('zh');
    expect(pickLanguage('klingon', ['zh-CN'])).toBe('zh');
  });
});

describe('messages', () => {
  it('has the same keys and placeholders in both languages', () => {
    expect(Object.keys(CHINESE_MESSAGES).sort()).toEqual(Object.keys(ENGLISH_MESSAGES).sort());
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [key, english] of Object.entries(ENGLISH_MESSAGES)) {
      expect(placeholders(CHINESE_MESSAGES[key as keyof typeof ENGLISH_MESSAGES]), key).toEqual(placeholders(english));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh', 'answer.rows', { count: 5 })).toBe('共 5 行');
    expect(translate('en', 'answer.rows', { count: 5 })).toBe('5 rows');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
