import type { Language } from '../../text/language.ts';
import type { LexiconEntry } from '../../text/lexicon-matcher.ts';
import { bigramSimilarity, editDistance } from '../../text/edit-distance.ts';
import { soundAlike } from '../../text/chinese-sound.ts';
import { escapeRegExp } from '../../text/escape-regexp.ts';
import { segmentWords, tagWords } from '../../text/word-segmenter.ts';
import { englishTerms } from '../../text/english-terms.ts';
import { findDimension, findMetric } from '../../sql/semantic/index.ts';
import { isFillerWord } from './filler-words.ts';
import { CUE_PHRASES } from './question-cues.ts';
import type { QuestionTerm } from './question-lexicon.ts';

/**
 * Coverage before answering: every content word of a question must be explained by the catalogue, the
 * warehouse's values, a time expression, a cue or a filler word. Words left over are first tried as slips
 * of a catalogue word ("reveune" → revenue, 转换率 → 转化率); what is still unexplained is named back to the
 * user with the nearest catalogue entries, never dropped.
 */

// Chinese parts of speech that name things (nouns, verbal nouns, abbreviations, unknown words); a leftover
// verb or adverb rarely changes which table is answered, a leftover noun usually does.
const CONTENT_TAGS = new Set(['n', 'nr', 'nrt', 'nrfg', 'ns', 'nt', 'nz', 'ng', 'vn', 'an', 'j', 'x', 'eng']);
const LATIN = /^[a-z][a-z'-]*$/;
const FUNCTION_CHARACTERS = new Set([...'比多少张已了的都也还就再又很太更把被给让向从在于与和及或之其该此这那些个位名件笔条次各上下来去是有吗呢吧啊呀哦嘛']);
const HAS_CJK = /\p{Script=Han}/u;

export interface Correction {
  from: string;
  to: string;
}

/** A catalogue entry offered instead of a word that was not understood. */
export interface Suggestion {
  kind: 'metric' | 'dimension' | 'value';
  id: string;
  name: string;
}

/**
 * English parts of speech of a question's words, tagged in context by compromise (a maintained English
 * tagger: "revenue by warehouse" tags warehouse a noun, "can u pull up" tags pull a verb).
 */
export function englishWordRoles(question: string): Map<string, { noun: boolean; afterPreposition: boolean }> {
  const roles = new Map<string, { noun: boolean; afterPreposition: boolean }>();
  const terms = englishTerms(question);
  let previousIsPreposition = false;
  for (const entry of terms) {
    for (const term of entry.terms) {
      const tags = new Set(term.tags);
      const word = term.normal.replace(/[^a-z0-9'-]/g, '');
      if (word && !roles.has(word)) roles.set(word, { noun: tags.has('Noun') || tags.has('Acronym') || tags.size === 0, afterPreposition: previousIsPreposition && !tags.has('Infinitive') });
      previousIsPreposition = tags.has('Preposition') || tags.has('Connector') && /^(for|of|in|by|with|on|from|per|across|among)$/.test(word);
    }
  }
  return roles;
}

function isContentWord(word: string, englishRoles?: Map<string, { noun: boolean; afterPreposition: boolean }>): boolean {
  const lower = word.toLowerCase();
  if (isFillerWord(lower)) return false;
  if (/^[\p{P}\p{S}\s]+$/u.test(lower)) return false;
  // An English word could change the answer when it names something: a noun in context, or the object of a
  // preposition ("for clothing", "by warehouse"); verbs and adjectives ("wanna", "improved") describe the asking.
  if (LATIN.test(lower)) {
    if (lower.length < 2) return false;
    const role = englishRoles?.get(lower);
    return role === undefined ? !/(?:ed|ing|ly)$/.test(lower) : role.noun || role.afterPreposition;
  }
  if (/\d/.test(lower)) return true;
  if (!HAS_CJK.test(lower)) return false;
  // A chunk jieba glued out of function characters around recognised words ("张已" from 多少张已付款, "比多" from
  // 比多了还是少了) names nothing; negations (未, 不, 没) are not function characters here: they change the answer.
  if ([...lower].every((character) => FUNCTION_CHARACTERS.has(character))) return false;
  return tagWords(lower).some((tagged) => CONTENT_TAGS.has(tagged.tag) && !isFillerWord(tagged.word));
}

/** Words the shape of the question explains: the subject and band edges of a distribution, the day numbers of a cohort. */
const SHAPE_WORDS: Record<string, readonly string[]> = {
  distribution: ['档', '各档', '每档', '几档', '三档', '四档', '五档', 'default', 'spread', '价格', '价位', '金额', '商品', '订单', 'price', 'prices', 'amount', 'amounts', 'product', 'products', 'order', 'orders', 'value', 'values', 'size', 'sizes'],
  cohort: ['day', 'days', 'week', 'weeks', '天', '日', '周', '第', 'joined', 'signed', 'first', '首次', '第一次'],
  funnel: ['search', 'searches', 'searched', '搜索', 'step', 'steps', 'stage', 'stages', '步', '环节', '步骤', '人数', 'users', 'people', '各步', '每一步', '每步', '各环节', 'fav', 'favs', 'favourite', 'favorite'],
  // "谁的客单价更高": the comparative picks the group (rules/comparative-rules.ts).
  top: ['更高', '更多', '更好', '更大', '更强', '更快', 'second', 'third', 'fourth', 'fifth', '2nd', '3rd', '4th', '5th', 'place', 'runner', 'came', '第二', '第三', '第四', '第五', '第二名', '第三名', '排第二', '排第三'],
  bottom: ['更低', '更少', '更差', '更小', '更弱', '更慢'],
};

const NUMBER_WORD = /^[\p{P}\p{S}]*\d[\d.,:%/-]*[\p{P}\p{S}]*$/u;

/**
 * Words of the residual (the question with every recognised span blanked) that could change the answer:
 * nouns and unknown words, and numbers no time expression, limit, band or cohort took.
 */
export function unexplainedWords(residual: string, cues: ReadonlySet<string>, question = residual): string[] {
  const residualWords = segmentWords(residual);
  const explainedByShape = new Set(Object.entries(SHAPE_WORDS).flatMap(([cue, words]) => (cues.has(cue) ? words : [])));
  // Tagging costs a few milliseconds (and loading the tagger ≈0.2 s, once per process): only when an English word is
  // left that no list explains, the question's shape included ("amounts" in a distribution is never tagged).
  const latinLeft = residualWords.some((word) => LATIN.test(word.toLowerCase()) && word.length > 1 && !isFillerWord(word) && !explainedByShape.has(word.toLowerCase()));
  const englishRoles = latinLeft ? englishWordRoles(question) : undefined;
  const numbersExplained = cues.has('distribution') || cues.has('cohort');
  const words: string[] = [];
  for (const word of residualWords) {
    const lower = word.toLowerCase();
    if (explainedByShape.has(lower) || words.includes(lower)) continue;
    if (NUMBER_WORD.test(lower)) {
      if (!numbersExplained) words.push(lower.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, ''));
      continue;
    }
    if (isContentWord(lower, englishRoles)) words.push(lower);
  }
  return words;
}

function maxEdits(length: number): number {
  if (length < 4) return 0;
  return length >= 9 ? 2 : 1;
}

/** A lexicon's phrases sorted for correctionFor, once per entries list (the lexicon is fixed per value index). */
interface CorrectionCandidates {
  /** Phrases that are not a shop's values, for the plural check. */
  catalogue: ReadonlySet<string>;
  /** Latin phrases that are not values, by first letter: an English slip keeps its first letter and is never a value. */
  latinByFirstLetter: ReadonlyMap<string, readonly string[]>;
  /** Other phrases by length in characters: a Chinese slip keeps its length. */
  otherByLength: ReadonlyMap<number, readonly string[]>;
  /** Latin value phrases by first letter: corrected only for long words one edit away ("headphnes"). */
  latinValuesByFirstLetter: ReadonlyMap<string, readonly string[]>;
}

/** Superlatives ("highest", "fewest") are slipped too ("higest"); they are cues, not catalogue entries. Only these:
 * other cue words are everyday words one letter from another ("chance" is not a slip of "change"). */
const CUE_WORDS = [...new Set([...CUE_PHRASES.top, ...CUE_PHRASES.bottom].filter((phrase) => /^[a-z]{6,}$/.test(phrase)))];

const candidatesByEntries = new WeakMap<readonly LexiconEntry<QuestionTerm>[], CorrectionCandidates>();

function correctionCandidatesOf(entries: readonly LexiconEntry<QuestionTerm>[]): CorrectionCandidates {
  let candidates = candidatesByEntries.get(entries);
  if (candidates) return candidates;
  const catalogue = new Set<string>();
  const latinByFirstLetter = new Map<string, string[]>();
  const otherByLength = new Map<number, string[]>();
  const latinValuesByFirstLetter = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, phrase: string) => {
    if (!map.has(key)) map.set(key, []);
    map.get(key)?.push(phrase);
  };
  for (const word of CUE_WORDS) add(latinByFirstLetter, word[0] as string, word);
  for (const entry of entries) {
    const isValue = entry.meaning.kind === 'value';
    if (!isValue) catalogue.add(entry.phrase);
    if (LATIN.test(entry.phrase)) {
      if (isValue) {
        if (entry.phrase.length >= 7) add(latinValuesByFirstLetter, entry.phrase[0] as string, entry.phrase);
        continue;
      }
      const first = entry.phrase[0] as string;
      if (!latinByFirstLetter.has(first)) latinByFirstLetter.set(first, []);
      latinByFirstLetter.get(first)?.push(entry.phrase);
    } else {
      const length = [...entry.phrase].length;
      if (!otherByLength.has(length)) otherByLength.set(length, []);
      otherByLength.get(length)?.push(entry.phrase);
    }
  }
  candidates = { catalogue, latinByFirstLetter, otherByLength, latinValuesByFirstLetter };
  candidatesByEntries.set(entries, candidates);
  return candidates;
}

/** The catalogue word a slip was meant to be, if exactly one is close enough. */
function correctionFor(word: string, entries: readonly LexiconEntry<QuestionTerm>[]): string | undefined {
  const lower = word.toLowerCase();
  // Numbers and ranges ("1-2", "2011") are never slips of a word ("1-2星").
  if (/\d/.test(lower)) return undefined;
  const candidates = correctionCandidatesOf(entries);
  // Plurals of catalogue words ("countries" → country); "codes" is not the value "cod".
  const stems = [lower.replace(/s$/, ''), lower.replace(/ies$/, 'y'), lower.replace(/es$/, '')].filter((stem) => stem !== lower && stem.length >= 4);
  for (const stem of stems) if (candidates.catalogue.has(stem)) return stem;
  const limit = maxEdits([...lower].length);
  if (limit === 0) return undefined;
  // Slips keep the first letter ("reveune", "categry"; "spenders" is not a misspelt "genders"); a Chinese slip keeps
  // its length and all but one character (转换率 → 转化率).
  const phrases = LATIN.test(lower) ? candidates.latinByFirstLetter.get(lower[0] as string) : candidates.otherByLength.get([...lower].length);
  let best: { phrase: string; distance: number } | undefined;
  let tied = false;
  const han = HAS_CJK.test(lower);
  for (const phrase of phrases ?? []) {
    const distance = editDistance(lower, phrase, limit);
    if (distance === 0 || distance > limit) continue;
    // A Chinese slip is a character that sounds like the right one (pinyin input); another character is another word
    // (退款 is not 付款, 客诉 is not 客户).
    if (han && !differsBySoundAlike(lower, phrase)) continue;
    if (!best || distance < best.distance) {
      best = { phrase, distance };
      tied = false;
    } else if (distance === best.distance && phrase !== best.phrase) tied = true;
  }
  if (best && !tied) return best.phrase;
  // A long word one edit from a value of this shop ("headphnes" → headphones): the only value that close.
  if (LATIN.test(lower) && lower.length >= 7) {
    const values = (candidates.latinValuesByFirstLetter.get(lower[0] as string) ?? []).filter((phrase) => Math.abs(phrase.length - lower.length) <= 1 && editDistance(lower, phrase, 1) === 1);
    if (new Set(values).size === 1) return values[0];
  }
  return undefined;
}

function differsBySoundAlike(word: string, phrase: string): boolean {
  const left = [...word];
  const right = [...phrase];
  if (left.length !== right.length) return false;
  const differing = left.map((character, index) => [character, right[index] as string] as const).filter(([a, b]) => a !== b);
  return differing.length === 1 && soundAlike(differing[0]![0], differing[0]![1]);
}

/**
 * The catalogue word a Chinese run stands for when exactly one character differs and the two sound alike
 * (城交额 → 成交额, 客蛋价 → 客单价, 加够率 → 加购率, 平牌 → 品牌): the wrong character a pinyin keyboard offers.
 * Only when exactly one catalogue word fits.
 */
function homophoneFor(run: string, phrasesByMask: ReadonlyMap<string, readonly string[]>): string | undefined {
  const characters = [...run];
  let found: string | undefined;
  for (let index = 0; index < characters.length; index += 1) {
    const mask = maskAt(characters, index);
    for (const phrase of phrasesByMask.get(mask) ?? []) {
      if (phrase === run || phrase === found) continue;
      if (!soundAlike(characters[index] as string, [...phrase][index] as string)) continue;
      if (found !== undefined) return undefined;
      found = phrase;
    }
  }
  return found;
}

function maskAt(characters: readonly string[], index: number): string {
  return characters.map((character, position) => (position === index ? '\u0000' : character)).join('');
}

// Each catalogue phrase under every one-character mask, so a run finds the phrases it differs from by one
// character in a few lookups instead of a pass over the whole lexicon per window.
const masksByEntries = new WeakMap<readonly LexiconEntry<QuestionTerm>[], Map<string, string[]>>();

function phrasesByMaskOf(entries: readonly LexiconEntry<QuestionTerm>[]): Map<string, string[]> {
  let byMask = masksByEntries.get(entries);
  if (byMask) return byMask;
  byMask = new Map();
  for (const entry of entries) {
    if (!HAS_CJK.test(entry.phrase) || entry.meaning.kind === 'value') continue;
    const characters = [...entry.phrase];
    if (characters.length < 2) continue;
    for (let index = 0; index < characters.length; index += 1) {
      const mask = maskAt(characters, index);
      const list = byMask.get(mask) ?? [];
      if (!list.includes(entry.phrase)) list.push(entry.phrase);
      byMask.set(mask, list);
    }
  }
  masksByEntries.set(entries, byMask);
  return byMask;
}

const chineseByEntries = new WeakMap<readonly LexiconEntry<QuestionTerm>[], readonly LexiconEntry<QuestionTerm>[]>();

/** The entries with a Han character and three or more characters, filtered once per entries list. */
function chinesePhrasesOf(entries: readonly LexiconEntry<QuestionTerm>[]): readonly LexiconEntry<QuestionTerm>[] {
  let chinese = chineseByEntries.get(entries);
  if (!chinese) {
    chinese = entries.filter((entry) => HAS_CJK.test(entry.phrase) && [...entry.phrase].length >= 3);
    chineseByEntries.set(entries, chinese);
  }
  return chinese;
}

/** Slips of catalogue words in the residual and in Chinese runs of three or more unexplained characters. */
export function findCorrections(residual: string, entries: readonly LexiconEntry<QuestionTerm>[]): Correction[] {
  const corrections: Correction[] = [];
  const chinese = chinesePhrasesOf(entries);
  // Homophones also fix two-character words (平牌 → 品牌); values are left out: a shop's names are not slips.
  const phrasesByMask = phrasesByMaskOf(entries);
  for (const chunk of residual.split(/\s+/).filter(Boolean)) {
    if (LATIN.test(chunk)) {
      // Only words that could name something are corrected: "purchased" is a verb, not a slip of "purchasers".
      if (!isContentWord(chunk)) continue;
      const to = correctionFor(chunk, entries);
      if (to) corrections.push({ from: chunk, to });
      continue;
    }
    // A known harmless word ("买的") is no slip of a catalogue word that sounds like it (卖的).
    if (isFillerWord(chunk)) continue;
    // Chinese: jieba splits a misspelt word unpredictably (转换率 → 转换 + 率), so slide over the run itself.
    const characters = [...chunk];
    // Two characters are corrected only as a whole unexplained word (平牌): inside a run they straddle words
    // (被一起购买 holds 起购, which sounds like 弃购).
    const shortest = characters.length === 2 ? 2 : 3;
    for (let length = Math.min(5, characters.length); length >= shortest; length -= 1) {
      for (let start = 0; start + length <= characters.length; start += 1) {
        const window = characters.slice(start, start + length).join('');
        if (corrections.some((correction) => correction.from.includes(window) || window.includes(correction.from))) continue;
        const to = (length >= 3 ? correctionFor(window, chinese) : undefined) ?? homophoneFor(window, phrasesByMask);
        if (to) corrections.push({ from: window, to });
      }
    }
  }
  return corrections;
}

/** The question with each slip replaced by the catalogue word it stands for. */
export function applyCorrections(normalizedQuestion: string, corrections: readonly Correction[]): string {
  let text = normalizedQuestion;
  for (const correction of corrections) {
    const pattern = LATIN.test(correction.from) ? new RegExp(`(?<![a-z0-9])${correction.from}(?![a-z0-9])`, 'g') : new RegExp(correction.from, 'g');
    text = text.replace(pattern, correction.to);
  }
  return text;
}

/** The catalogue's metrics and dimensions closest in spelling to an unexplained word, named in the user's language. */
export function nearestEntries(word: string, entries: readonly LexiconEntry<QuestionTerm>[], language: Language, count = 3): Suggestion[] {
  const scores = new Map<string, { suggestion: Suggestion; score: number }>();
  const lower = word.toLowerCase();
  for (const entry of entries) {
    const meaning = entry.meaning;
    if (meaning.kind !== 'metric' && meaning.kind !== 'dimension') continue;
    const score = bigramSimilarity(lower, entry.phrase);
    const key = `${meaning.kind}:${meaning.id}`;
    if (score <= (scores.get(key)?.score ?? 0)) continue;
    const definition = meaning.kind === 'metric' ? findMetric(meaning.id) : findDimension(meaning.id);
    if (!definition) continue;
    scores.set(key, { suggestion: { kind: meaning.kind, id: meaning.id, name: language === 'zh' ? definition.name_zh : definition.name_en }, score });
  }
  // Stored values that contain the word ("clothing" → Women's Clothing, Men's Clothing) come first.
  const containing = new RegExp(`(?<![a-z])${escapeRegExp(lower)}(?![a-z])`);
  const values = new Map<string, Suggestion>();
  for (const entry of entries) {
    if (entry.meaning.kind !== 'value' || lower.length < 3 || !containing.test(entry.phrase)) continue;
    const value = entry.meaning.value;
    values.set(value.values.join('|'), { kind: 'value', id: value.values.join('|'), name: language === 'zh' ? value.label_zh : value.label_en });
  }
  return [...values.values(), ...[...scores.values()]
    .filter((candidate) => candidate.score >= 0.55)
    .sort((left, right) => right.score - left.score)
    .map((candidate) => candidate.suggestion)].slice(0, count);
}
