import { CHINESE_NEGATORS, CONCEPTS, ENGLISH_NEGATORS, OPPOSITE_CONCEPTS, type Concept } from './concept-lexicon.ts';

interface ConceptIndex {
  /** First character → Chinese terms starting with it, longest first. */
  chinese: Map<string, { term: string; concepts: string[] }[]>;
  englishWords: Map<string, string[]>;
  /** Prefix terms (written "deliver*"), longest first so "fitness" beats "fit". */
  englishPrefixes: { prefix: string; concepts: string[] }[];
}

function buildIndex(concepts: readonly Concept[]): ConceptIndex {
  const chineseTerms = new Map<string, string[]>();
  const englishWords = new Map<string, string[]>();
  const englishPrefixes = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, concept: string): void => {
    const list = map.get(key) ?? [];
    if (!list.includes(concept)) list.push(concept);
    map.set(key, list);
  };
  for (const concept of concepts) {
    concept.zh.forEach((term) => add(chineseTerms, term.toLowerCase(), concept.name));
    concept.en.forEach((term) =>
      term.endsWith('*') ? add(englishPrefixes, term.slice(0, -1), concept.name) : add(englishWords, term, concept.name),
    );
  }
  const chinese = new Map<string, { term: string; concepts: string[] }[]>();
  for (const [term, names] of chineseTerms) {
    const first = Array.from(term)[0] ?? '';
    const list = chinese.get(first) ?? [];
    list.push({ term, concepts: names });
    chinese.set(first, list);
  }
  for (const list of chinese.values()) list.sort((left, right) => right.term.length - left.term.length);
  return {
    chinese,
    englishWords,
    englishPrefixes: [...englishPrefixes].map(([prefix, names]) => ({ prefix, concepts: names }))
      .sort((left, right) => right.prefix.length - left.prefix.length),
  };
}

const INDEX = buildIndex(CONCEPTS);
const CHINESE_NEGATION_WINDOW = 3;
const ENGLISH_NEGATION_WINDOW = 3;

function applyNegation(concepts: readonly string[], negated: boolean): string[] {
  return concepts.map((name) => (negated ? (OPPOSITE_CONCEPTS[name] ?? name) : name));
}

/**
 * Concepts named in one run of Chinese characters (one clause), longest term first at each position so
 * "快递" is logistics rather than "快" fast. A polar term right after 不/没… counts as its opposite ("不慢").
 */
export function chineseConcepts(run: string): string[] {
  const characters = Array.from(run);
  const found: string[] = [];
  let position = 0;
  while (position < characters.length) {
    const candidates = INDEX.chinese.get(characters[position] ?? '') ?? [];
    const match = candidates.find(({ term }) => characters.slice(position, position + Array.from(term).length).join('') === term);
    if (!match) {
      position++;
      continue;
    }
    const before = characters.slice(Math.max(0, position - CHINESE_NEGATION_WINDOW), position).join('');
    const negated = CHINESE_NEGATORS.some((negator) => before.includes(negator));
    found.push(...applyNegation(match.concepts, negated));
    position += Array.from(match.term).length;
  }
  return found;
}

function englishTermConcepts(word: string): string[] | undefined {
  const exact = INDEX.englishWords.get(word)
    ?? (word.endsWith('es') ? INDEX.englishWords.get(word.slice(0, -2)) : undefined)
    ?? (word.endsWith('s') ? INDEX.englishWords.get(word.slice(0, -1)) : undefined);
  if (exact) return exact;
  return INDEX.englishPrefixes.find(({ prefix }) => word.startsWith(prefix))?.concepts;
}

/** Concepts of one English word, given the words before it in the same clause (for "not slow", "wasn't good"). */
export function englishConcepts(word: string, previousWords: readonly string[]): string[] {
  const concepts = englishTermConcepts(word);
  if (!concepts) return [];
  const negated = previousWords.slice(-ENGLISH_NEGATION_WINDOW)
    .some((previous) => ENGLISH_NEGATORS.has(previous) || previous.endsWith("n't") || previous.endsWith('n’t'));
  return applyNegation(concepts, negated);
}
