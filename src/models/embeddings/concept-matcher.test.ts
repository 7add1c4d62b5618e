import { describe, expect, it } from 'vitest';
import { CONCEPT_SLOTS, CONCEPTS } from './concept-lexicon.ts';
import { chineseConcepts, englishConcepts } from './concept-matcher.ts';

const englishClause = (text: string): string[] => {
  const words = text.toLowerCase().split(/\s+/);
  return words.flatMap((word, index) => englishConcepts(word, words.slice(0, index)));
};

describe('chineseConcepts', () => {
  it('prefers the longest term at each position, so 快递 is logistics and not 快 (fast)', () => {
    expect(chineseConcepts('快递等了好久')).toEqual(['logistics', 'slow', 'slow']);
  });

  it('turns a negated polar word into its opposite: 不慢 is fast, 不太好 is bad', () => {
    expect(chineseConcepts('物流不慢')).toEqual(['logistics', 'fast']);
    expect(chineseConcepts('质量不太好')).toEqual(['quality', 'bad']);
    expect(chineseConcepts('物流太慢')).toEqual(['logistics', 'slow']);
  });

  it('leaves non-polar concepts alone under negation and finds product types', () => {
    expect(chineseConcepts('不是手机')).toEqual(['phone']);
    expect(chineseConcepts('蓝牙耳机')).toEqual(['headphones']);
  });
});

describe('englishConcepts', () => {
  it('matches whole words with plurals, and prefixes written with *', () => {
    expect(englishClause('wireless earbuds')).toEqual(['headphones']);
    expect(englishClause('it was delivered late')).toEqual(['logistics', 'slow']);
    // Whole-word matching: "fitness" is sports, not the clothing-fit concept of "fit".
    expect(englishClause('fitness')).toEqual(['sports']);
    expect(englishClause('fits')).toEqual(['fit']);
  });

  it('flips polar words after a negation within three words', () => {
    expect(englishClause('delivery was not slow at all')).toEqual(['logistics', 'fast']);
    expect(englishClause('not bad at all')).toEqual(['good']);
    expect(englishClause('shipping wasn\'t fast')).toEqual(['logistics', 'slow']);
  });
});

describe('concept slots', () => {
  it('gives every concept its own slot', () => {
    expect(CONCEPT_SLOTS.size).toBe(CONCEPTS.length);
    expect(new Set(CONCEPT_SLOTS.values()).size).toBe(CONCEPTS.length);
  });
});
