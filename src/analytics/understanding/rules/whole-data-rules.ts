import { ruleExpression, ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * "across the whole period", "over everything we have", "all-time", "全部数据", "有史以来": every day the warehouse
 * holds. Named, it is the question's period — a follow-up that says so leaves the conversation's period behind.
 */
export const WHOLE_DATA_RULES: readonly PhraseRule<{ wholeData: true }>[] = [
  {
    id: 'whole-data',
    meaning: { wholeData: true },
    zh: ['全部数据', '所有数据', '全量数据', '整个(?:期间|周期|时间段|时段|数据(?:期间)?)', '全部时间', '所有时间', '全时段', '历史(?:累计|以来|全部|总共)', '有史以来', '迄今为止', '至今为止', '(?:从|自)(?:一)?开始(?:到现在|至今)', '有数据以来'],
    en: [
      '(?:(?:across|over|for|in|during|throughout)\\s+)?(?:the\\s+)?(?:whole|entire|full)\\s+(?:period|time\\s*(?:frame|range|span)?|data\\s*set|data|dataset|history|date\\s+range|window|sample)',
      '(?:across|over|for|in|from|using)\\s+all\\s+(?:of\\s+)?(?:the\\s+)?(?:data|time|history|dates|days|the\\s+data)',
      'all[\\s-]time',
      '(?:over|across|for|in|from)\\s+everything(?:\\s+we\\s+(?:have|hold|got))?',
      'since\\s+(?:the\\s+)?(?:start|beginning)(?!\\s+of\\s+(?:the\\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|month|week|year|quarter|this|last))(?:\\s+of\\s+(?:the\\s+)?(?:data|records|time))?',
      'since\\s+records\\s+began',
      '(?:(?:across|over|in|for|from)\\s+)?(?:the\\s+)?(?:whole|entire|full)\\s+file', '(?:everything\\s+(?:we\\s+have\\s+)?)?on\\s+file', '(?:across|over|in)\\s+the\\s+file',
    ],
    examples: {
      match: ["What's our average order value across the whole period?", 'show it by month across all the data', 'Show it weekly over everything we have instead', 'all-time revenue', 'GMV since the beginning', '全部数据里的复购率', '有史以来卖得最好的商品', '整个期间的客单价', 'across everything we have on file', 'over the whole file', 'best day for revenue in the file'],
      noMatch: ['GMV since the start of October', 'the whole category', 'all orders last week', 'everything about phones', 'full price products', 'since the beginning of this month'],
    },
  },
];

export const WHOLE_DATA_RULE_SET: RuleSet<{ wholeData: true }> = { name: 'every day of the data', rules: WHOLE_DATA_RULES, matches: ruleMatches };

const GLOBAL = new RegExp(ruleExpression(WHOLE_DATA_RULES[0] as PhraseRule<unknown>).source, 'g');

/** Where the question names the whole of the data, if it does. */
export function wholeDataSpans(normalizedQuestion: string): { start: number; end: number }[] {
  return [...normalizedQuestion.matchAll(GLOBAL)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}
