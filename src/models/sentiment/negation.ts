/** Tokens after a negator that are marked NEG_ (within the clause): "not bad at all" → not NEG_bad NEG_at NEG_all. */
export const NEGATION_WINDOW = 3;

export const NEGATION_PREFIX = 'NEG_';

/** Chinese words that negate what follows. */
const CHINESE_NEGATORS = new Set(['不', '没', '没有', '别', '不太', '不是', '并不', '并没有', '从不', '从没', '毫无', '无', '未', '不够', '不怎么', '绝不', '一点也不', '一点都不']);

/** Negating first characters of a jieba word ("不好", "没用", "别买"): the rest of the word is negated. */
const CHINESE_NEGATING_FIRST_CHARACTERS = ['不太', '不', '没', '别'];

/** Words that start with a negating character but do not negate anything. */
const CHINESE_NOT_NEGATIONS = new Set([
  '不过', '不但', '不仅', '不少', '不断', '不管', '不论', '不久', '不然', '不得不', '不停', '不知', '不同', '不止',
  '没想到', '没得说', '别人', '别的', '别处', '别说', '别家', '别具', '别致', '不一样',
]);

const ENGLISH_NEGATORS = new Set(['not', 'no', 'never', 'nothing', 'nor', 'none', 'neither', 'hardly', 'barely', 'without', 'cannot']);

/** Whether a lower-case English word negates what follows ("isn't", "dont" …). */
function isEnglishNegator(word: string): boolean {
  return ENGLISH_NEGATORS.has(word) || word.endsWith("n't") || /^(?:dont|doesnt|didnt|isnt|wasnt|arent|werent|cant|couldnt|wont|wouldnt|shouldnt|havent|hasnt|hadnt|aint)$/.test(word);
}

/** Whether a (lower-case) word is a negator on its own: '不', '没有', 'not', "isn't" … */
export function isNegatorWord(word: string): boolean {
  return CHINESE_NEGATORS.has(word) || isEnglishNegator(word);
}

/** A jieba word that carries its negated content inside ('不好' → 不 + 好), or undefined. */
function splitNegatedWord(word: string): { negator: string; content: string } | undefined {
  if (CHINESE_NOT_NEGATIONS.has(word) || CHINESE_NEGATORS.has(word)) return undefined;
  for (const first of CHINESE_NEGATING_FIRST_CHARACTERS) {
    if (word.length > first.length && word.startsWith(first)) return { negator: first, content: word.slice(first.length) };
  }
  return undefined;
}

/**
 * Marks negated tokens of ONE clause: the NEGATION_WINDOW tokens after a negator (不, 没有, 不太, not, never,
 * n't, hardly …) become NEG_token, and a jieba word that starts with a negator ('不好', '不太值') becomes
 * NEG_rest. So "不好" and "好", "not bad" and "bad" are different features. The negators themselves are
 * dropped: their meaning is in the marks, and a bare "not" would otherwise count against every negated praise
 * ("not bad at all"). A second negator inside the window starts a new window (double negation is not undone:
 * the classifier learns such pairs).
 */
export function markNegation(words: readonly string[]): string[] {
  const tokens: string[] = [];
  let remaining = 0;
  for (const word of words) {
    if (isNegatorWord(word)) {
      remaining = NEGATION_WINDOW;
      continue;
    }
    const split = splitNegatedWord(word);
    if (split) {
      tokens.push(NEGATION_PREFIX + split.content);
      remaining = NEGATION_WINDOW - 1;
      continue;
    }
    if (remaining > 0) {
      tokens.push(NEGATION_PREFIX + word);
      remaining -= 1;
    } else {
      tokens.push(word);
    }
  }
  return tokens;
}
