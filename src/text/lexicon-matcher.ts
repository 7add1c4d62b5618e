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

function isTaken(taken: readonly boolean[], start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) if (taken[index]) return true;
  return false;
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

  /** Entry positions (in `entries` order) by the phrase's first UTF-16 unit, built on the first findAll. */
  private byFirstUnit: Map<string, number[]> | undefined;

  private entriesByFirstUnit(): Map<string, number[]> {
    if (this.byFirstUnit) return this.byFirstUnit;
    const index = new Map<string, number[]>();
    this.entries.forEach((entry, position) => {
      const first = entry.phrase[0] as string;
      const list = index.get(first);
      if (list) list.push(position);
      else index.set(first, [position]);
    });
    this.byFirstUnit = index;
    return index;
  }

  findAll(text: string, taken: boolean[] = new Array(text.length).fill(false)): LexiconMatch<Meaning>[] {
    // Every occurrence of every phrase, found through the first-unit index instead of one indexOf per entry (the
    // question lexicon has ~1,800 entries, a question ~20 characters), then taken in the order the plain scan took
    // them: longest first, then as the comment below says.
    const byFirstUnit = this.entriesByFirstUnit();
    // Each occurrence carries its sort key, computed once rather than in every comparison.
    const occurrences: { position: number; start: number; length: number; englishStart: number }[] = [];
    for (let start = 0; start < text.length; start += 1) {
      // Phrases starting with a letter or digit must start a word: inside one ("uv" in "revenue") none can match.
      if (!isBoundary(text, start - 1) && !isBoundary(text, start)) continue;
      for (const position of byFirstUnit.get(text[start] as string) ?? []) {
        const phrase = (this.entries[position] as LexiconEntry<Meaning>).phrase;
        if (text.startsWith(phrase, start)) occurrences.push({ position, start, length: phrase.length, englishStart: ASCII_WORD.test(phrase[0] ?? '') ? start : 0 });
      }
    }
    // Two overlapping English phrases of the same length: the one that starts first is read ("new vs returning
    // buyers" is the new-vs-returning split of buyers, not "new vs" and returning buyers); words have edges there.
    // Chinese runs have none ("各国家有": 各国 or 国家), so the entries' order decides, as before.
    occurrences.sort((left, right) => right.length - left.length || left.englishStart - right.englishStart || left.position - right.position || left.start - right.start);
    const matches: LexiconMatch<Meaning>[] = [];
    for (const { position, start } of occurrences) {
      const entry = this.entries[position] as LexiconEntry<Meaning>;
      const end = start + entry.phrase.length;
      const asciiStart = ASCII_WORD.test(entry.phrase[0] ?? '');
      const asciiEnd = ASCII_WORD.test(entry.phrase[entry.phrase.length - 1] ?? '');
      if ((asciiStart && !isBoundary(text, start - 1)) || (asciiEnd && !isBoundary(text, end))) continue;
      if (isTaken(taken, start, end)) continue;
      for (let index = start; index < end; index += 1) taken[index] = true;
      matches.push({ phrase: entry.phrase, meaning: entry.meaning, start, end });
    }
    return matches.sort((left, right) => left.start - right.start);
  }
}
