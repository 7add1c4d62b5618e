import { normalizeQuestion } from './normalize-question.ts';

/** One phrase that means something: a metric, a dimension, a value, a cue. */
export interface LexiconEntry<Meaning> {
  phrase: string;
  meaning: Meaning;
}

export interface LexiconMatch<Meaning> {
  phrase: string;
  meaning: Meaning;
  start: number;
  end: number;
}

const ASCII_WORD = /[a-z0-9]/;

function isBoundary(text: string, index: number): boolean {
  const character = text[index];
  return character === undefined || !ASCII_WORD.test(character);
}

/**
 * Longest-match-first phrase finder over normalized text. English phrases must sit on word boundaries
 * ("uv" must not match inside "revenue"); Chinese phrases match anywhere. Matches never overlap, and the
 * spans already taken by earlier passes (`taken`) are skipped.
 */
export class LexiconMatcher<Meaning> {
  private readonly entries: LexiconEntry<Meaning>[];

  constructor(entries: Iterable<LexiconEntry<Meaning>>) {
    const unique = new Map<string, LexiconEntry<Meaning>>();
    for (const entry of entries) {
      const phrase = normalizeQuestion(entry.phrase);
      if (phrase && !unique.has(phrase)) unique.set(phrase, { phrase, meaning: entry.meaning });
    }
    this.entries = [...unique.values()].sort((left, right) => right.phrase.length - left.phrase.length);
  }

  /** The entries, longest phrase first, e.g. to merge two lexicons. */
  entriesList(): readonly LexiconEntry<Meaning>[] {
    return this.entries;
  }

  findAll(text: string, taken: boolean[] = new Array(text.length).fill(false)): LexiconMatch<Meaning>[] {
    const matches: LexiconMatch<Meaning>[] = [];
    for (const entry of this.entries) {
      let from = 0;
      for (;;) {
        const start = text.indexOf(entry.phrase, from);
        if (start < 0) break;
        const end = start + entry.phrase.length;
        from = start + 1;
        const asciiStart = ASCII_WORD.test(entry.phrase[0] ?? '');
        const asciiEnd = ASCII_WORD.test(entry.phrase[entry.phrase.length - 1] ?? '');
        if ((asciiStart && !isBoundary(text, start - 1)) || (asciiEnd && !isBoundary(text, end))) continue;
        if (taken.slice(start, end).some(Boolean)) continue;
        for (let index = start; index < end; index += 1) taken[index] = true;
        matches.push({ phrase: entry.phrase, meaning: entry.meaning, start, end });
      }
    }
    return matches.sort((left, right) => left.start - right.start);
  }
}
