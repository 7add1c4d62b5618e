import type { ValueIndex } from '../../sql/values/value-index.ts';
import { normalizeQuestion } from '../../text/normalize-question.ts';

/** A product title written out in full in a question, where it sits in the normalized text. */
export interface WholeTitle {
  /** The stored title (the product dimension's value), exactly as the warehouse holds it. */
  title: string;
  start: number;
  end: number;
}

// Short or one-word titles ("Gift", "Bag") are common words; only titles of two words and eight characters or more
// are taken whole.
const MIN_LENGTH = 8;
const searchable = new WeakMap<ValueIndex, readonly (readonly [normalized: string, title: string])[]>();

function titlesOf(values: ValueIndex): readonly (readonly [string, string])[] {
  let titles = searchable.get(values);
  if (!titles) {
    titles = values.productTitles
      .flatMap(([title, other]) => [title, other].filter((name): name is string => Boolean(name)).map((name) => [normalizeQuestion(name.trim()), title] as const))
      .filter(([normalized]) => normalized.length >= MIN_LENGTH && /\s/.test(normalized))
      // Longest first: "PAPER CHAIN KIT 50'S CHRISTMAS" before any shorter title inside it.
      .sort((left, right) => right[0].length - left[0].length);
    searchable.set(values, titles);
  }
  return titles;
}

/**
 * Titles the question writes out whole ("How many PAPER CHAIN KIT 50'S CHRISTMAS did we sell?", "REGENCY CAKESTAND
 * 3 TIER 这款卖了多少钱"). Read before anything else: a real shop's titles hold words that mean other things on their
 * own (a holiday, a city tier, a number), and the product is what the question names.
 */
export function wholeProductTitles(normalizedQuestion: string, values: ValueIndex): WholeTitle[] {
  const found: WholeTitle[] = [];
  const taken = new Array<boolean>(normalizedQuestion.length).fill(false);
  for (const [normalized, title] of titlesOf(values)) {
    let from = normalizedQuestion.indexOf(normalized);
    while (from >= 0) {
      const end = from + normalized.length;
      const boundary = !/[a-z0-9]/.test(normalizedQuestion[from - 1] ?? '') && !/[a-z0-9]/.test((normalizedQuestion[end] ?? '').replace(/s/, ''));
      if (boundary && !taken.slice(from, end).some(Boolean)) {
        taken.fill(true, from, end);
        found.push({ title, start: from, end: normalizedQuestion[end] === 's' ? end + 1 : end });
      }
      from = normalizedQuestion.indexOf(normalized, from + 1);
    }
  }
  return found;
}
