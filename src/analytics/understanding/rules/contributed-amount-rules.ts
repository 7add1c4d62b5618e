import { ruleMatches, type PhraseRule, type RuleSet } from './phrase-rule.ts';

/**
 * "老用户贡献了多少GMV", "which channel contributed the most GMV": 贡献 / contribute asking for an amount or a ranking,
 * not why a metric changed. Only when the question has no other why-word ("为什么…贡献最大" stays an explanation).
 */
export const CONTRIBUTED_AMOUNT_RULES: readonly PhraseRule<{ contributedAmount: true }>[] = [
  {
    id: 'contributed-how-much',
    meaning: { contributedAmount: true },
    zh: ['贡献了?(?:多少|几)', '贡献(?:了)?(?:最大|最多|最高|最小|最少)', '贡献(?:的)?(?:占比|比例|份额)', '(?:贡献|带来)了?(?:百分之几|多少比例|多大比例)'],
    en: ['contribut(?:e|ed|es|ing)\\s+(?:the\\s+)?(?:most|least|more|less)', 'how much\\b[^?]*\\bcontribut(?:e|ed)', 'contributed\\s+how much', '(?:share|percentage|%)\\s+(?:of\\s+\\w+\\s+)?contributed'],
    examples: {
      match: ['本月老用户贡献了多少GMV', '英国以外的国家一共贡献了多少收入', '哪个渠道贡献最大', 'which channel contributed the most GMV last month', 'how much revenue did returning customers contribute'],
      noMatch: ['GMV变化的贡献拆解', 'what contributed to the drop in GMV', 'contribution analysis of conversion', '各渠道对GMV增长的贡献'],
    },
  },
];

export const CONTRIBUTED_AMOUNT_RULE_SET: RuleSet<{ contributedAmount: true }> = { name: 'contribute as an amount, not a why', rules: CONTRIBUTED_AMOUNT_RULES, matches: ruleMatches };

export function asksContributedAmount(normalizedQuestion: string): boolean {
  return CONTRIBUTED_AMOUNT_RULES.some((rule) => ruleMatches(rule, normalizedQuestion));
}
