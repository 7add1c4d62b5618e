import { chineseConcepts, englishConcepts } from './concept-matcher.ts';

/**
 * Features of the weight-free fallback encoder. Chinese runs give character 1-, 2- and 3-grams (words are
 * not space-separated, and most two-character words are caught by bigrams); other scripts give whole
 * words, adjacent word pairs and fastText-style character 3–4-grams of "<word>" (so "delivered" meets
 * "delivery" and "bluetooh" meets "bluetooth"). Both also give concept features from a small bilingual
 * thesaurus (concept-lexicon.ts), so "物流太慢" and "delivery was slow" share something. Punctuation separates
 * clauses: no n-gram or negation crosses it.
 */

export interface FeatureWeights {
  hanUnigram: number;
  hanBigram: number;
  hanTrigram: number;
  word: number;
  stopWord: number;
  wordPair: number;
  subword: number;
  concept: number;
}

export const DEFAULT_FEATURE_WEIGHTS: Readonly<FeatureWeights> = {
  hanUnigram: 0.4,
  hanBigram: 1,
  hanTrigram: 0.7,
  word: 1,
  stopWord: 0.15,
  wordPair: 0.5,
  subword: 0.3,
  concept: 1.5,
};

// Function words say little about a text's topic; they keep a small weight so "not" and "no" still count.
const ENGLISH_STOP_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'is', 'are', 'was', 'were', 'be', 'been', 'it', 'its', 'this', 'that', 'of',
  'to', 'in', 'on', 'for', 'with', 'at', 'as', 'i', 'my', 'me', 'we', 'our', 'you', 'so', 'very', 'bit',
]);

// Han runs; words of any other letters or digits (never swallowing Han: "oppo手机" is "oppo" + "手机"); punctuation.
const SEGMENT_PATTERN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+(?:['’](?:(?!\p{Script=Han})\p{L})+)?)|([^\p{L}\p{N}\s]+)/gu;

function addFeature(features: Map<string, { count: number; weight: number }>, key: string, weight: number): void {
  const entry = features.get(key);
  if (entry) entry.count++;
  else features.set(key, { count: 1, weight });
}

/** Feature key → (occurrences, weight per occurrence). Keys are prefixed by kind so kinds never collide. */
export function extractFeatures(
  text: string,
  weights: Readonly<FeatureWeights> = DEFAULT_FEATURE_WEIGHTS,
): Map<string, { count: number; weight: number }> {
  const features = new Map<string, { count: number; weight: number }>();
  const normalized = text.normalize('NFKC').toLowerCase();
  let clauseWords: string[] = [];
  for (const match of normalized.matchAll(SEGMENT_PATTERN)) {
    const [, han, word] = match;
    if (han) {
      clauseWords = [];
      for (const concept of chineseConcepts(han)) addFeature(features, `c:${concept}`, weights.concept);
      const characters = Array.from(han);
      characters.forEach((character, index) => {
        addFeature(features, `h1:${character}`, weights.hanUnigram);
        const next = characters[index + 1];
        if (next !== undefined) addFeature(features, `h2:${character}${next}`, weights.hanBigram);
        const afterNext = characters[index + 2];
        if (next !== undefined && afterNext !== undefined) addFeature(features, `h3:${character}${next}${afterNext}`, weights.hanTrigram);
      });
    } else if (word) {
      const isStopWord = ENGLISH_STOP_WORDS.has(word);
      addFeature(features, `w:${word}`, isStopWord ? weights.stopWord : weights.word);
      const previousWord = clauseWords.at(-1);
      if (previousWord !== undefined) addFeature(features, `w2:${previousWord} ${word}`, weights.wordPair);
      for (const concept of englishConcepts(word, clauseWords)) addFeature(features, `c:${concept}`, weights.concept);
      clauseWords.push(word);
      if (!isStopWord && word.length > 3) {
        const bounded = Array.from(`<${word}>`);
        for (const size of [3, 4]) {
          for (let start = 0; start + size <= bounded.length; start++) {
            addFeature(features, `s:${bounded.slice(start, start + size).join('')}`, weights.subword);
          }
        }
      }
    } else {
      // Punctuation ends a clause: no word pair or negation spans it.
      clauseWords = [];
    }
  }
  return features;
}
