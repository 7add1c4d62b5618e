import type { Recognition } from './recognize-question.ts';
import { wordRuns, type WordRun } from './word-runs.ts';

/**
 * Words of a basket question that are not a product's name ("what do people usually buy together with …",
 * "买…的人还会买什么"); what is left of the unexplained words names the product the rules are anchored on.
 */
const BASKET_WORDS = new Set([
  'together', 'usually', 'often', 'typically', 'commonly', 'frequently', 'also', 'too', 'else', 'along', 'alongside', 'with',
  'people', 'customers', 'shoppers', 'buyers', 'users', 'who', 'buy', 'buys', 'bought', 'buying', 'purchase', 'purchased',
  'sell', 'sells', 'sold', 'selling', 'well', 'best', 'get', 'add', 'pair', 'paired', 'goes', 'go', 'items', 'item', 'products', 'product', 'things', 'stuff', 'basket', 'baskets',
  '买', '会', '还', '也', '都', '一起', '经常', '通常', '一般', '搭配', '同时', '顺便', '的人', '人', '用户', '顾客', '买家', '东西', '商品', '什么', '出现', '订单', '同一个', '一个', '里', '哪些', '被',
]);

const CHINESE_BASKET_WORDS = [...BASKET_WORDS].filter((word) => /\p{Script=Han}/u.test(word)).sort((left, right) => right.length - left.length);

/** Chinese words come unsegmented ("经常出现"): basket words inside them are removed, what remains may be a name. */
function withoutBasketWords(word: string): string {
  if (!/\p{Script=Han}/u.test(word)) return word;
  let rest = word;
  for (const basketWord of CHINESE_BASKET_WORDS) rest = rest.split(basketWord).join('');
  return rest;
}

/**
 * The product text a basket question anchors on: the product words the understanding matched to titles ("AirPods"),
 * a single product filter, or else a run of unexplained words with a model number ("mate 60", which the tool looks
 * up and may not find). Ordinary words that happen to be in some title ("market" in "market basket analysis") never
 * anchor: better the whole shop's rules than a wrong product. Undefined when the question names none.
 */
export function basketProductPhrase(recognition: Recognition): string | undefined {
  if (recognition.productText) return recognition.productText;
  const named = recognition.filters.find((filter) => filter.dimension === 'product' && filter.values.length === 1);
  if (named) return String(named.values[0]);
  // Pairs of categories are asked for by name ("哪些品类经常一起买"): no product then.
  if (/品类|类目|categor/u.test(recognition.normalized)) return undefined;
  const words = recognition.unknownWords.map(withoutBasketWords).filter((word) => !BASKET_WORDS.has(word) && [...word].length >= 2);
  const text = recognition.normalized;
  // Runs of product words with only spaces or numbers between them ("huawei mate 60"); the longest is the name.
  const longest = wordRuns(text, words, /^[\s\d]*$/u).reduce<WordRun | undefined>((best, run) => (!best || run.end - run.start >= best.end - best.start ? run : best), undefined);
  if (!longest) return undefined;
  const end = longest.end + (/^\s*\d+[a-z]*\b/u.exec(text.slice(longest.end))?.[0].length ?? 0);
  const phrase = text.slice(longest.start, end).trim();
  // A long span is a sentence, not a product name.
  if (phrase.length === 0 || phrase.split(/\s+/).length > 5) return undefined;
  return /\d/.test(phrase) ? phrase : undefined;
}
