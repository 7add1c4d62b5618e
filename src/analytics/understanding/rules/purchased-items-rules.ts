import { ruleExpression, ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * "用户 1234 上个月买了什么", "What did they buy?", "which products were in them?": the things bought, one row per
 * product with the units, not a count of buyers ("买了" alone implies buyers).
 */
export const PURCHASED_ITEMS_RULES: readonly PhraseRule<{ dimension: 'product'; metric: 'units' }>[] = [
  {
    id: 'what-was-bought',
    meaning: { dimension: 'product', metric: 'units' },
    zh: ['买了(?:些|点)?(?:什么|啥|哪些(?:东西|商品|产品)?)', '都买了(?:什么|啥|哪些)', '买的(?:是)?(?:什么|啥|哪些)(?:东西|商品)?', '下单了(?:什么|哪些)'],
    en: ['what (?:did|does|do|have) (?:\\w+ ){0,3}(?:buy|bought|order|ordered|purchase|purchased)(?=\\s*(?:$|[?.!,]|(?:last|this|in|on|during|yesterday|today|from|since|over|recently|that|before|after)\\b))', 'which (?:products|items) (?:did|were|was|have)', 'what (?:products|items) (?:did|were|was|have)'],
    examples: {
      match: ['用户 1234 上个月买了什么', '他买了些什么', 'what did they buy', 'What did customer 5000 buy last month?', 'which products were in them'],
      noMatch: ['what does the weekly order trend look like?', 'what do women buy the most', '上个月有多少人买了东西', 'how many people bought', '买得最多的商品'],
    },
  },
];

export const PURCHASED_ITEMS_RULE_SET: RuleSet<{ dimension: 'product'; metric: 'units' }> = { name: 'what was bought', rules: PURCHASED_ITEMS_RULES, matches: ruleMatches };

const GLOBAL = new RegExp(ruleExpression(PURCHASED_ITEMS_RULES[0] as PhraseRule<unknown>).source, 'g');

/** The spans of "what did they buy / 买了什么", or undefined when the question does not ask what was bought. */
export function purchasedItemsSpans(normalizedQuestion: string): [number, number][] | undefined {
  if (!ruleMatches(PURCHASED_ITEMS_RULES[0] as PhraseRule<unknown>, normalizedQuestion)) return undefined;
  return [...normalizedQuestion.matchAll(GLOBAL)].map((match): [number, number] => [match.index, match.index + match[0].length]);
}
