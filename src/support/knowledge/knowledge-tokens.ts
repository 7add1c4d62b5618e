import { segmentWords } from '../../text/word-segmenter.ts';
import { normalizeQuestion } from '../../text/normalize-question.ts';

const ENGLISH_STOPWORDS = new Set(
  'a an the is are was were be been do does did i my me we you your it its of to in on for and or can could would should will with what which how about this that there please hi hello need want know tell any get have has'.split(' '),
);
const CHINESE_STOPWORDS = new Set(
  '的 了 吗 呢 吧 啊 呀 我 我的 你 您 是 在 有 和 就 都 也 会 能 可以 这 那 个 一 请 请问 问 么 什么 怎么 如何 怎样 一下 下 想 要 我要 我想 给 把 被 还 哪 哪些 吗？ ？ 。 ， 、 ! ！'.split(' '),
);

/** A rough English stem: enough to meet "refunds"/"refund", "shipping"/"ship", "returned"/"return". */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3).replace(/(.)\1$/, '$1');
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * Retrieval tokens for Chinese and English alike: English words (stemmed, stop words dropped), jieba words of
 * Chinese runs, and Chinese character bigrams, so "退款多久到账" meets "退款 … 到账" however jieba splits it.
 */
export function knowledgeTokens(text: string): string[] {
  const normalized = normalizeQuestion(text);
  const tokens: string[] = [];
  for (const word of normalized.match(/[a-z0-9]+/g) ?? []) {
    if (!ENGLISH_STOPWORDS.has(word) && (word.length > 1 || /\d/.test(word))) tokens.push(stem(word));
  }
  for (const run of normalized.match(/\p{Script=Han}+/gu) ?? []) {
    for (const word of segmentWords(run)) if (!CHINESE_STOPWORDS.has(word)) tokens.push(word);
    const characters = [...run];
    for (let index = 0; index + 1 < characters.length; index++) {
      const bigram = `${characters[index]}${characters[index + 1]}`;
      if (!CHINESE_STOPWORDS.has(bigram)) tokens.push(`~${bigram}`);
    }
  }
  return tokens;
}
