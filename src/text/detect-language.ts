import type { Language } from './language.ts';

const HAN = /\p{Script=Han}/gu;
// Words that carry the sentence; short all-capital abbreviations (GMV, AOV, UV, SKU) sit in Chinese sentences too.
const ENGLISH_WORD = /\b(?![A-Z]{2,5}\b)[A-Za-z]{2,}\b/g;

/**
 * The question's language, for the answer: Chinese when it has Han characters, unless it is an English sentence
 * that only quotes a Chinese word ("how many people searched for 耳机 last week"): three or more English words and
 * more of them than Han characters.
 */
export function detectLanguage(text: string): Language {
  const han = text.match(HAN)?.length ?? 0;
  if (han === 0) return 'en';
  const english = text.match(ENGLISH_WORD)?.length ?? 0;
  return english >= 3 && english > han ? 'en' : 'zh';
}
