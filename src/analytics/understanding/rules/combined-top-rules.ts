import { ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * "What share of revenue came from our top 10 customers?", "前十大客户贡献了多少比例的销售额": the first N of a
 * ranking taken together (one share), not each of them with its own share.
 */
export const COMBINED_TOP_RULES: readonly PhraseRule<{ combined: true }>[] = [
  {
    id: 'top-n-together',
    meaning: { combined: true },
    zh: [
      '前\\s*[0-9一二三四五六七八九十两]+\\s*(个|位|名|大|家|款)?[\\u4e00-\\u9fff]{0,6}?(一共|合计|加起来|总共|合起来|总计)?(贡献|占|带来)了?[^，,。？?]{0,12}(比例|占比|份额|几成|百分之几)',
      '(头部|前)\\s*[0-9一二三四五六七八九十两]+\\s*(个|位|名|大|家|款)?[\\u4e00-\\u9fff]{0,6}?(一共|合计|加起来|合起来|总共|总计)',
      '(占比|比例|份额)[^，,。？?]{0,10}(来自|出自)前\\s*[0-9一二三四五六七八九十两]+',
    ],
    en: [
      '(share|percentage|proportion|portion|fraction|percent|%)( of [a-z0-9 £$¥€\'-]{1,40})? (comes?|came|is|was|are|were|does|did|do)( \\w+)?( from| by| to)? (our |the |those |these )?top (\\d+|ten|five|three|twenty)',
      'top (\\d+|ten|five|three|twenty) [a-z ]{0,30}(account(ed)? for|make up|made up|contribute[sd]?|represent(ed)?|drive|drove) (together|combined|in total|between them)?',
      '(those|these|the) (\\d+ |ten |five |three |twenty )?[a-z]* ?(together|combined|between them)? ?(account(ed)? for|make up|made up|represent(ed)?)',
      '(combined|together|total) share of (the |our )?top (\\d+|ten|five|three|twenty)',
    ],
    examples: {
      match: ['What share of October revenue came from our top 10 customers?', 'What share of total GMV do those ten account for?', 'what % of GMV is from the top 5 brands', '前十大客户贡献了多少比例的销售额', '前5个品牌合计占多少', '头部10个商品一共卖了多少'],
      noMatch: ['top 10 customers by revenue and their share', '各品类的销售额占比', 'what share of orders were paid with alipay', 'top 5 brands by GMV', '前十大客户分别是谁'],
    },
  },
];

export const COMBINED_TOP_RULE_SET: RuleSet<{ combined: true }> = { name: 'top rows together', rules: COMBINED_TOP_RULES, matches: ruleMatches };

export function asksTopTogether(normalizedQuestion: string): boolean {
  return COMBINED_TOP_RULES.some((rule) => ruleMatches(rule, normalizedQuestion));
}
