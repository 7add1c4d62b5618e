import { segmentWords } from '../../text/word-segmenter.ts';
import { markNegation } from './negation.ts';
import { splitOpinionClauses } from './opinion-clauses.ts';

const HAN = /\p{Script=Han}/u;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const ENGLISH_WORD = /[\p{L}\p{N}]+(?:'\p{L}+)*/gu;

/**
 * Words of one clause, lower-cased: Chinese (any Han character) through jieba, which also keeps embedded Latin
 * words ("iphone"); other text as letter/digit runs with apostrophes kept ("isn't"). Punctuation is dropped.
 */
export function clauseWords(text: string): string[] {
  const lower = text.normalize('NFKC').toLowerCase().replace(/[’‘`´]/gu, "'");
  if (HAN.test(lower)) return segmentWords(lower).map((word) => word.trim()).filter((word) => WORD_CHARACTER.test(word));
  return lower.match(ENGLISH_WORD) ?? [];
}

/** Negation-marked tokens of one clause plus its adjacent-token bigrams ("NEG_好", "物流 太慢"). */
export function clauseFeatures(text: string): string[] {
  const tokens = markNegation(clauseWords(text));
  const features = [...tokens];
  for (let index = 1; index < tokens.length; index++) features.push(`${tokens[index - 1]} ${tokens[index]}`);
  return features;
}

/**
 * The classifier's features of a whole review: clause by clause (negation never crosses a clause, bigrams
 * never join two clauses), unigrams and bigrams, duplicates kept (the classifier counts each feature once).
 */
export function reviewFeatures(text: string): string[] {
  return splitOpinionClauses(text).flatMap((clause) => clauseFeatures(clause.text));
}
