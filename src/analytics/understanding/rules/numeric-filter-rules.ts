import { ruleExpression, ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

export type NumericDirection = 'below' | 'above' | 'between';

/**
 * Numbers that bound a numeric dimension: "users under 25", "25岁以下", "products priced under 100", "100元以下的商品",
 * "orders over 300 yuan", "单笔300元以上的订单". The match names the dimension and direction; the numbers are the
 * digits inside the match, and whether the bound itself counts is read from its words (INCLUSIVE_WORDS). A number
 * with no such phrase is never a filter (it may be a top-N, a date or a band edge).
 */
export const NUMERIC_FILTER_RULES: readonly PhraseRule<{ dimension: string; direction: NumericDirection }>[] = [
  {
    id: 'age-between',
    meaning: { dimension: 'user_age', direction: 'between' },
    zh: ['\\d+\\s*(?:岁)?\\s*(?:到|至|-|~|—)\\s*\\d+\\s*(?:岁|周岁)(?:之间)?(?:的)?'],
    en: ['(?:aged?|ages)\\s+(?:between\\s+)?\\d+\\s*(?:-|to|–|and)\\s*\\d+', '\\d+\\s*(?:-|to|–)\\s*\\d+\\s*(?:year[- ]olds?|years? old|yo)', 'between the ages of \\d+ and \\d+'],
    examples: {
      match: ['GMV from users aged 25-34', '25到34岁用户的客单价', 'buyers between the ages of 18 and 24', '18-24 year olds conversion'],
      noMatch: ['GMV by age band', 'orders from 25 to 34', '10月和9月比', 'price band 100-300'],
    },
  },
  {
    id: 'age-below',
    meaning: { dimension: 'user_age', direction: 'below' },
    zh: ['(?:小于|低于|不到|未满|不满)\\s*\\d+\\s*(?:岁|周岁)', '\\d+\\s*(?:岁|周岁)\\s*(?:以下|以内|之下|及以下)'],
    en: [
      '(?:users?|customers?|buyers?|shoppers?|people|visitors?|women|men|females?|males?|those|ones)\\s+(?:aged\\s+)?(?:under|below|younger than|less than)\\s+\\d+',
      '(?:aged?|ages)\\s+(?:under|below|less than|up to)\\s+\\d+',
      '(?:under|below|younger than)\\s+\\d+\\s*(?:years? old|yrs?|yo)',
      '(?:aged?|ages)\\s+\\d+\\s+(?:and|or)\\s+(?:under|younger|below)',
      'under[- ]\\d+s',
    ],
    examples: {
      match: ['fav rate for users under 25', '25岁以下用户的转化率', 'customers younger than 30', 'shoppers aged 30 and under', 'orders from under-25s', '未满18岁的用户'],
      noMatch: ['products priced under 100', 'orders under 300 yuan', 'GMV by age band', 'top 25 products', '25个城市'],
    },
  },
  {
    id: 'age-above',
    meaning: { dimension: 'user_age', direction: 'above' },
    zh: ['(?:大于|高于|超过|年满)\\s*\\d+\\s*(?:岁|周岁)', '\\d+\\s*(?:岁|周岁)\\s*(?:以上|及以上|之上)'],
    en: [
      '(?:users?|customers?|buyers?|shoppers?|people|visitors?|women|men|females?|males?|those|ones)\\s+(?:aged\\s+)?(?:over|above|older than|more than)\\s+\\d+',
      '(?:aged?|ages)\\s+(?:over|above|at least)\\s+\\d+',
      '(?:aged?|ages)\\s+\\d+\\s*(?:\\+|(?:and|or)\\s+(?:over|older|above))',
      '(?:over|above|older than)\\s+\\d+\\s*(?:years? old|yrs?|yo)',
      'over[- ]\\d+s',
    ],
    examples: {
      match: ['AOV of customers over 40', '30岁以上用户的客单价', 'users older than 50', 'orders from over-40s', 'buyers aged 35 and over'],
      noMatch: ['orders over 300', 'products priced above 100', 'GMV by age band', 'over 30 days'],
    },
  },
  {
    id: 'price-between',
    meaning: { dimension: 'product_price', direction: 'between' },
    zh: ['(?:价格|单价|售价|定价|标价)\\s*(?:在)?\\s*\\d+(?:\\.\\d+)?\\s*(?:元)?\\s*(?:到|至|-|~)\\s*\\d+(?:\\.\\d+)?\\s*元?(?:之间)?(?:的?(?:商品|产品|单品))?'],
    en: ['(?:(?:products?|items?|goods|skus?)\\s+)?(?:priced|costing|price[sd]?)\\s+(?:between|from)\\s+[¥$£€]?\\d+(?:\\.\\d+)?\\s*(?:-|to|and)\\s*[¥$£€]?\\d+(?:\\.\\d+)?'],
    examples: {
      match: ['units of products priced between 100 and 300', '价格在100到300元之间的商品', 'GMV of items costing from 50 to 99.9'],
      noMatch: ['price band 100-300', 'orders between 100 and 300', 'GMV between September and October'],
    },
  },
  {
    id: 'price-below',
    meaning: { dimension: 'product_price', direction: 'below' },
    zh: ['(?:价格|单价|售价|定价|标价)\\s*(?:在)?\\s*(?:低于|小于|不到|不超过|少于)\\s*\\d+(?:\\.\\d+)?\\s*元?(?:的?(?:商品|产品|单品))?', '(?:价格|单价|售价|定价|标价)\\s*(?:在)?\\s*\\d+(?:\\.\\d+)?\\s*元?\\s*(?:以下|以内|及以下)(?:的?(?:商品|产品|单品))?', '\\d+(?:\\.\\d+)?\\s*元\\s*(?:以下|以内|及以下)的?(?:商品|产品|单品|货|东西)'],
    en: [
      '(?:(?:products?|items?|goods|skus?)\\s+)?(?:priced|costing|that cost|which cost|price[sd]?|prices?)\\s+(?:at\\s+)?(?:under|below|less than|up to|at most)\\s+[¥$£€]?\\d+(?:\\.\\d+)?',
      '(?:products?|items?|goods|skus?)\\s+(?:under|below|less than|cheaper than)\\s+[¥$£€]?\\d+(?:\\.\\d+)?',
      '(?:under|below|less than)\\s+[¥$£€]?\\d+(?:\\.\\d+)?\\s*(?:yuan|rmb|元|dollars?|bucks|pounds?)?\\s+(?:products?|items?)',
    ],
    examples: {
      match: ['units sold of products priced under 100', '价格低于100元的商品销量', '100元以下的商品卖了多少', 'items under ¥50', 'products priced at most 99.9', '单价100元以内的商品'],
      noMatch: ['users under 25', 'orders under 300', 'price bands under 100 and above 300', 'GMV last 100 days'],
    },
  },
  {
    id: 'price-above',
    meaning: { dimension: 'product_price', direction: 'above' },
    zh: ['(?:价格|单价|售价|定价|标价)\\s*(?:在)?\\s*(?:高于|大于|超过|不低于)\\s*\\d+(?:\\.\\d+)?\\s*元?(?:的?(?:商品|产品|单品))?', '(?:价格|单价|售价|定价|标价)\\s*(?:在)?\\s*\\d+(?:\\.\\d+)?\\s*元?\\s*(?:以上|及以上)(?:的?(?:商品|产品|单品))?', '\\d+(?:\\.\\d+)?\\s*元\\s*(?:以上|及以上)的?(?:商品|产品|单品|货|东西)'],
    en: [
      '(?:(?:products?|items?|goods|skus?)\\s+)?(?:priced|costing|that cost|which cost|price[sd]?|prices?)\\s+(?:at\\s+)?(?:over|above|more than|at least|from)\\s+[¥$£€]?\\d+(?:\\.\\d+)?',
      '(?:products?|items?|goods|skus?)\\s+(?:over|above|more expensive than|pricier than)\\s+[¥$£€]?\\d+(?:\\.\\d+)?',
    ],
    examples: {
      match: ['GMV of products priced above 1000', '价格高于1000元的商品', '1000元以上的商品的销量', 'items over $200'],
      noMatch: ['orders over 300', 'users over 40', 'GMV above 1000 last week'],
    },
  },
  {
    id: 'order-amount-between',
    meaning: { dimension: 'order_amount', direction: 'between' },
    zh: ['(?:订单金额|单笔金额|订单额|金额)\\s*(?:在)?\\s*\\d+(?:\\.\\d+)?\\s*(?:元)?\\s*(?:到|至|-|~)\\s*\\d+(?:\\.\\d+)?\\s*元?(?:之间)?的?(?=订单)?'],
    en: ['orders?\\s+(?:worth\\s+|of\\s+|valued\\s+)?between\\s+[¥$£€]?\\d+(?:\\.\\d+)?\\s*(?:and|-|to)\\s*[¥$£€]?\\d+(?:\\.\\d+)?'],
    examples: {
      match: ['how many orders between 100 and 300 yuan', '订单金额在100到300元之间的订单数'],
      noMatch: ['orders between September and October', 'price band 100-300', 'products priced between 100 and 300'],
    },
  },
  {
    id: 'order-amount-below',
    meaning: { dimension: 'order_amount', direction: 'below' },
    zh: ['(?:订单金额|单笔金额|订单额|单笔|金额)\\s*(?:低于|小于|不到|不超过|少于)\\s*\\d+(?:\\.\\d+)?\\s*(?:元|块|英镑|镑|美元|欧元)?', '(?:订单金额|单笔金额|订单额|单笔)?\\s*\\d+(?:\\.\\d+)?\\s*元\\s*(?:以下|以内|及以下)的?(?=订单|单子)'],
    en: [
      '(?:orders?|invoices?|baskets?|transactions?)\\s+(?:(?:that|which)\\s+)?(?:(?:were|are|was|is)\\s+)?(?:worth\\s+|of\\s+|valued\\s+(?:at\\s+)?)?(?:under|below|less than|up to|at most)\\s+[¥$£€]?\\d+(?:\\.\\d+)?',
      '(?:under|below|less than)[- ][¥$£€]?\\d+(?:\\.\\d+)?\\s*(?:yuan|rmb|元|dollars?|pounds?)?\\s+orders',
    ],
    examples: {
      match: ['how many orders under 300 yuan', '100元以下的订单有多少', '单笔金额低于50元的订单', 'share of orders below £20'],
      noMatch: ['100元以下的商品', 'users under 25', 'orders last 30 days', 'top 10 orders'],
    },
  },
  {
    id: 'order-amount-above',
    meaning: { dimension: 'order_amount', direction: 'above' },
    zh: ['(?:订单金额|单笔金额|订单额|单笔|金额)\\s*(?:高于|大于|超过|不低于|满)\\s*\\d+(?:\\.\\d+)?\\s*(?:元|块|英镑|镑|美元|欧元)?', '(?:订单金额|单笔金额|订单额|单笔)?\\s*(?:满)?\\s*\\d+(?:\\.\\d+)?\\s*元\\s*(?:以上|及以上)的?(?=订单|单子|大单)'],
    en: [
      '(?:orders?|invoices?|baskets?|transactions?)\\s+(?:(?:that|which)\\s+)?(?:(?:were|are|was|is)\\s+)?(?:worth\\s+|of\\s+|valued\\s+(?:at\\s+)?)?(?:over|above|more than|greater than|exceeding|at least)\\s+[¥$£€]?\\d+(?:\\.\\d+)?',
      '(?:over|above|more than)[- ][¥$£€]?\\d+(?:\\.\\d+)?\\s*(?:yuan|rmb|元|dollars?|pounds?)?\\s+orders',
      '(?:orders?|invoices?|baskets?|transactions?)\\s+(?:\\w+\\s+){0,2}?(?:came to|come to|totall?ed|worth|of|valued at)\\s+[¥$£€]?\\d+(?:\\.\\d+)?\\s*(?:or more|and (?:up|above|over)|\\+)',
    ],
    examples: {
      match: ['how many orders above 300 yuan last month', 'what share of orders were above 300 yuan', '300元以上的订单占比', '单笔超过1000元的订单', 'orders worth more than $500', 'revenue from orders over ¥1000'],
      noMatch: ['300元以上的商品', 'users over 40', 'GMV over the last 30 days', 'orders over time'],
    },
  },
];

export const NUMERIC_FILTER_RULE_SET: RuleSet<{ dimension: string; direction: NumericDirection }> = { name: 'numeric bounds on prices, order amounts and ages', rules: NUMERIC_FILTER_RULES, matches: ruleMatches };

/** Bound words that keep the bound itself in: 以下/以上 by Chinese convention, "at least", "25 and under", "40+". */
const INCLUSIVE_WORDS = /以下|以上|以内|不超过|不低于|满|及|at least|at most|up to|and under|or under|and over|or over|and older|or older|and younger|or younger|and above|or more|or less|\+/;

export interface NumericBound {
  dimension: string;
  operator: 'lt' | 'lte' | 'gt' | 'gte' | 'between';
  values: number[];
  start: number;
  end: number;
}

/** Each rule's pattern with the g flag, compiled once (every question is scanned); lower case, like the text, so no i flag. */
const GLOBAL_EXPRESSIONS = NUMERIC_FILTER_RULES.map((rule) => [rule, new RegExp(ruleExpression(rule).source, 'g')] as const);

/** Every numeric bound the question states, with where it stands so its numbers are not read again. */
export function numericBounds(normalizedQuestion: string): NumericBound[] {
  const bounds: NumericBound[] = [];
  const used: [number, number][] = [];
  for (const [rule, expression] of GLOBAL_EXPRESSIONS) {
    for (const match of normalizedQuestion.matchAll(expression)) {
      const start = match.index;
      const end = start + match[0].length;
      if (used.some(([from, to]) => start < to && end > from)) continue;
      const numbers = [...match[0].matchAll(/\d+(?:\.\d+)?/g)].map((found) => Number(found[0]));
      const { dimension, direction } = rule.meaning;
      if (direction === 'between' ? numbers.length < 2 : numbers.length < 1) continue;
      const inclusive = INCLUSIVE_WORDS.test(match[0]);
      const operator = direction === 'between' ? 'between' : direction === 'below' ? (inclusive ? 'lte' : 'lt') : inclusive ? 'gte' : 'gt';
      const values = direction === 'between' ? [Math.min(numbers[0] as number, numbers[1] as number), Math.max(numbers[0] as number, numbers[1] as number)] : [numbers[0] as number];
      bounds.push({ dimension, operator, values, start, end });
      used.push([start, end]);
    }
  }
  return bounds;
}
