import { GENERAL_OPINION_LEXICON } from './general-opinion-lexicon.ts';
import { splitOpinionClauses } from './opinion-clauses.ts';

type Entry = { kind: 'opinion'; weight: number } | { kind: 'negator' } | { kind: 'degree'; factor: number } | { kind: 'neutral' };

/** A negated opinion counts against its word, a little weaker ("not bad" is milder praise than "good"). */
export const NEGATED_FACTOR = -0.8;
/** Contrast: the clause after 但是/but weighs more, the conceded one (虽然/although) less. */
export const AFTER_CONTRAST_FACTOR = 1.5;
export const CONCESSION_FACTOR = 0.5;
/** How far a negator or degree word reaches: Chinese characters or English words skipped before the opinion. */
const REACH = { han: 3, latin: 2 };

const CONTRAST_OPENERS = new Set(['但是', '但', '可是', '不过', '然而', 'but', 'however', 'yet']);
const CONCESSION_OPENERS = new Set(['虽然', '虽说', '尽管', 'although', 'though', 'while']);

const entries = new Map<string, Entry>();
for (const word of GENERAL_OPINION_LEXICON.neutral) entries.set(word, { kind: 'neutral' });
for (const word of GENERAL_OPINION_LEXICON.negators) entries.set(word, { kind: 'negator' });
for (const [word, factor] of Object.entries(GENERAL_OPINION_LEXICON.degrees)) entries.set(word, { kind: 'degree', factor });
for (const [word, weight] of Object.entries(GENERAL_OPINION_LEXICON.opinions)) entries.set(word, { kind: 'opinion', weight });
const longestEntry = Math.max(...[...entries.keys()].map((word) => word.length));

const LATIN_LETTER = /[a-z0-9']/;

/** The longest lexicon entry at `start` (English entries only at word boundaries), or undefined. */
function entryAt(text: string, start: number): { word: string; entry: Entry } | undefined {
  const latin = LATIN_LETTER.test(text[start] ?? '');
  if (latin && start > 0 && LATIN_LETTER.test(text[start - 1] ?? '')) return undefined;
  for (let length = Math.min(longestEntry, text.length - start); length > 0; length--) {
    const word = text.slice(start, start + length);
    const entry = entries.get(word);
    if (!entry) continue;
    if (latin && LATIN_LETTER.test(text[start + length] ?? '')) continue;
    return { word, entry };
  }
  return undefined;
}

/** One clause's opinion: opinions scaled by the degree word and flipped by a negator just before them. */
export function clauseLexiconScore(clause: string): number {
  const text = clause.normalize('NFKC').toLowerCase().replace(/[’‘`´]/gu, "'");
  let score = 0;
  let negated = false;
  let factor = 1;
  let distance = 0;
  let index = 0;
  while (index < text.length) {
    const found = entryAt(text, index);
    if (!found) {
      // Skip one Han character or one Latin word; modifiers reach only a few of them.
      const latin = LATIN_LETTER.test(text[index] ?? '');
      if (latin) {
        while (index < text.length && LATIN_LETTER.test(text[index] ?? '')) index += 1;
      } else index += 1;
      if (/\s/.test(text[index - 1] ?? '')) continue;
      distance += 1;
      if (distance > (latin ? REACH.latin : REACH.han)) {
        negated = false;
        factor = 1;
      }
      continue;
    }
    index += found.word.length;
    const { entry } = found;
    if (entry.kind === 'negator') {
      negated = !negated;
      distance = 0;
    } else if (entry.kind === 'degree') {
      factor *= entry.factor;
      distance = 0;
    } else if (entry.kind === 'opinion') {
      score += entry.weight * factor * (negated ? NEGATED_FACTOR : 1);
      negated = false;
      factor = 1;
    }
  }
  return score;
}

/**
 * The lexicon's opinion of a whole text in log-odds units (> 0 positive): the sum of its clauses, the clause after a
 * contrast (但是, but) weighted up and a conceded one (虽然, although) down, so "虽然贵但是值" leans positive.
 */
export function lexiconScore(text: string): number {
  let score = 0;
  for (const clause of splitOpinionClauses(text)) {
    const opener = clause.connector ?? '';
    const weight = CONTRAST_OPENERS.has(opener) ? AFTER_CONTRAST_FACTOR : CONCESSION_OPENERS.has(opener) ? CONCESSION_FACTOR : 1;
    score += weight * clauseLexiconScore(clause.text);
  }
  return score;
}
